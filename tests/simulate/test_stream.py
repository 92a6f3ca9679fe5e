"""The streaming row generator used by the import benchmark."""

from __future__ import annotations

from collections import Counter
from itertools import islice

from uncounted.model import CANONICAL_COLUMNS
from uncounted.simulate import iter_canonical_rows


def test_yields_the_requested_count_with_every_canonical_column() -> None:
    rows = list(iter_canonical_rows(5000, seed=1))
    assert len(rows) == 5000
    assert all(set(row) == set(CANONICAL_COLUMNS) for row in rows)
    assert all(isinstance(v, str) for row in rows for v in row.values())
    assert len({row["record_id"] for row in rows}) == 5000
    assert list(iter_canonical_rows(0)) == []


def test_rows_are_realistic_and_of_mixed_styles() -> None:
    rows = list(iter_canonical_rows(5000, seed=1))
    names = [row["name"] for row in rows if row["name"]]
    assert len(names) > 0.8 * len(rows)
    scripts = Counter(
        "hangul"
        if "\uac00" <= n[0] <= "\ud7a3"
        else "han"
        if "\u4e00" <= n[0] <= "\u9fff"
        else "latin"
        for n in names
    )
    assert scripts["hangul"] > 500 and scripts["han"] > 500 and scripts["latin"] > 1500
    assert sum(bool(row["birth_date"]) for row in rows) > 1000
    assert sum(bool(row["age"]) for row in rows) > 1000
    assert len({row["name"] for row in rows}) > 2000


def test_same_seed_same_rows_and_each_row_is_a_new_dict() -> None:
    assert list(iter_canonical_rows(300, seed=5)) == list(iter_canonical_rows(300, seed=5))
    assert list(iter_canonical_rows(300, seed=5)) != list(iter_canonical_rows(300, seed=6))
    first, second = islice(iter_canonical_rows(2), 2)
    first["name"] = "changed"
    assert next(iter(iter_canonical_rows(1)))["name"] != "changed"
    assert first is not second


def test_streams_lazily() -> None:
    stream = iter_canonical_rows(10**12)  # never materialised
    assert iter(stream) is stream
    assert len(list(islice(stream, 100))) == 100
