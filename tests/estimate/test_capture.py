"""Capture tables: validation with messages that name the row or list, and aggregation."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from uncounted.errors import CaptureTableError, UncountedError
from uncounted.estimate.capture import CaptureTable

HEADER = ["A", "B", "C", "count"]


def table(*rows: tuple) -> CaptureTable:
    return CaptureTable.from_rows(HEADER, rows)


def test_rows_become_sorted_distinct_patterns_with_counts():
    t = table(("1", "1", "0", "6"), (1, 0, 0, 40), ("0", "0", "1", "20"), (0, 1, 0, 30))
    assert t.lists == ("A", "B", "C")
    assert t.histories.tolist() == [[0, 0, 1], [0, 1, 0], [1, 0, 0], [1, 1, 0]]
    assert t.counts.tolist() == [20, 30, 40, 6]
    assert t.histories.dtype == np.uint8 and t.counts.dtype == np.int64
    assert (t.observed, t.n_lists) == (96, 3)
    assert t.list_totals.tolist() == [46, 36, 20]


def test_full_counts_put_the_first_list_on_the_most_significant_bit():
    t = table((1, 0, 0, 40), (0, 1, 0, 30), (0, 0, 1, 20), (1, 1, 0, 6))
    # index = 4·A + 2·B + C; index 0 is the unobserved cell
    assert t.full_counts().tolist() == [0, 20, 30, 0, 40, 0, 6, 0]
    assert t.cell_indices().tolist() == [1, 2, 4, 6]


def test_count_column_may_be_anywhere_and_zero_rows_are_dropped():
    t = CaptureTable.from_rows(["count", "X", "Y"], [("5", 1, 0), ("0", 0, 1), ("3.0", 1, 1)])
    assert t.lists == ("X", "Y")
    assert t.counts.tolist() == [5, 3]
    # Y's only listed row had count 0 once, but it captured the 3 on both lists
    assert t.list_totals.tolist() == [8, 3]


def test_order_of_rows_does_not_matter():
    a = table((1, 0, 0, 4), (0, 1, 1, 2), (0, 0, 1, 1), (0, 1, 0, 3))
    b = table((0, 1, 1, 2), (0, 1, 0, 3), (1, 0, 0, 4), (0, 0, 1, 1))
    assert a == b and hash(a) == hash(b)
    assert a != table((1, 0, 0, 4), (0, 1, 1, 2), (0, 0, 1, 1), (0, 1, 0, 4))


def test_arrays_are_read_only():
    t = table((1, 0, 0, 4), (0, 1, 1, 2))
    with pytest.raises(ValueError):
        t.counts[0] = 9


@pytest.mark.parametrize(
    ("header", "rows", "message"),
    [
        (["A", "B", "n"], [(1, 0, 3)], "no 'count' column"),
        (["A", "count"], [(1, 3)], "at least 2 lists"),
        (["A", "A", "count"], [(1, 0, 3)], "appear twice: A"),
        (["A", "", "count"], [(1, 0, 3)], "empty name"),
        (HEADER, [(1, 0, 0, 3), (0, 0, 0, 2)], "row 2: all-zero capture history"),
        (HEADER, [(1, 0, 0, 3), (0, 1, 1, -2)], "row 2: count '-2' is negative"),
        (HEADER, [(1, 0, 0, "2.5")], "row 1: count '2.5' is not a whole number"),
        (HEADER, [(1, 0, 0, "many")], "row 1: count 'many' is not a number"),
        (HEADER, [(1, 0, 0, 3), (0, 2, 1, 1)], "row 2, list 'B': '2' is not 0 or 1"),
        (HEADER, [(1, 0, 0, 3), (0, "yes", 1, 1)], "row 2, list 'B': 'yes' is not 0 or 1"),
        (HEADER, [(1, 0, 0, 3), (0, 1)], "row 2: 2 values for 4 columns"),
        (HEADER, [(1, 0, 0, 3), (0, 0, 1, 2), (1, 0, 0, 1)], "already appears on row 1"),
        (HEADER, [(1, 0, 0, 3), (1, 0, 1, 2)], "list 'B' documented nobody"),
        (HEADER, [(1, 0, 0, 3), (0, 1, 0, 0), (0, 0, 1, 2)], "list 'B' documented nobody"),
        (HEADER, [], "empty"),
    ],
)
def test_bad_tables_are_refused_naming_the_row_or_list(header, rows, message):
    with pytest.raises(CaptureTableError, match=message) as raised:
        CaptureTable.from_rows(header, rows)
    assert isinstance(raised.value, UncountedError) and raised.value.exit_code == 5


def test_direct_construction_is_validated():
    with pytest.raises(CaptureTableError, match="one column per list"):
        CaptureTable(("A", "B"), np.array([[1, 0, 1]]), np.array([3]))
    with pytest.raises(CaptureTableError, match="only 0 and 1"):
        CaptureTable(("A", "B"), np.array([[1, 2]]), np.array([3]))
    with pytest.raises(CaptureTableError, match="at least 1"):
        CaptureTable(("A", "B"), np.array([[1, 0], [0, 1]]), np.array([3, 0]))
    with pytest.raises(CaptureTableError, match="appears twice"):
        CaptureTable(("A", "B"), np.array([[1, 0], [1, 0], [0, 1]]), np.array([3, 1, 1]))
    with pytest.raises(CaptureTableError, match="all-zero"):
        CaptureTable(("A", "B"), np.array([[1, 1], [0, 0]]), np.array([3, 1]))
    with pytest.raises(CaptureTableError, match="whole numbers"):
        CaptureTable(("A", "B"), np.array([[1, 1]]), np.array([2.5]))


def test_from_histories_aggregates_people():
    people = [(1, 0), (1, 1), (0, 1), (1, 0), (True, False)]
    t = CaptureTable.from_histories(["A", "B"], people)
    assert t.full_counts().tolist() == [0, 1, 3, 1]
    assert t.observed == 5


@pytest.mark.parametrize(
    ("people", "message"),
    [
        ([(1, 0), (0, 0)], "person 2: all-zero"),
        ([(1, 0), (0, 1, 1)], "person 2: 3 values for 2 lists"),
        ([(1, 0), (0, 3)], "person 2, list 'B': '3' is not 0 or 1"),
        ([(1, 0), (1, 0)], "list 'B' documented nobody"),
    ],
)
def test_from_histories_names_the_person(people, message):
    with pytest.raises(CaptureTableError, match=message):
        CaptureTable.from_histories(["A", "B"], people)


def test_from_mapping_and_back_to_rows():
    t = CaptureTable.from_mapping(["A", "B"], {(1, 0): 4, (0, 1): 2, (1, 1): 1})
    header, rows = t.to_rows()
    assert header == ("A", "B", "count")
    assert rows == [(0, 1, 2), (1, 0, 4), (1, 1, 1)]
    assert CaptureTable.from_rows(header, rows) == t


def test_methods_state_how_many_lists_they_need():
    t = table((1, 0, 0, 4), (0, 1, 1, 2))
    t.require_lists(3, "anything")
    with pytest.raises(CaptureTableError, match=r"lcmcr needs at least 4 lists; .* has 3: A, B, C"):
        t.require_lists(4, "lcmcr")


@st.composite
def people(draw) -> tuple[int, list[tuple[int, ...]]]:
    """People's histories over J lists, none all-zero, every list capturing somebody."""
    n_lists = draw(st.integers(min_value=2, max_value=6))
    history = st.lists(st.integers(0, 1), min_size=n_lists, max_size=n_lists).filter(any)
    histories = draw(st.lists(history.map(tuple), min_size=1, max_size=60))
    on_every_list = tuple([1] * n_lists)
    return n_lists, [*histories, on_every_list]


@given(people())
def test_from_histories_counts_every_person_once(drawn):
    n_lists, histories = drawn
    lists = [f"L{j}" for j in range(n_lists)]
    t = CaptureTable.from_histories(lists, histories)

    assert t.observed == len(histories)
    expected = Counter(int("".join(map(str, h)), 2) for h in histories)
    full = t.full_counts()
    assert full.size == 2**n_lists and full[0] == 0
    assert {k: int(v) for k, v in enumerate(full) if v} == dict(expected)
    assert t.list_totals.tolist() == np.array(histories).sum(axis=0).tolist()
    assert CaptureTable.from_rows(*t.to_rows()) == t
