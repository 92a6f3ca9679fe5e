"""Capture tables: how many people each combination of lists documented.

A capture table over J lists holds the distinct observed capture histories (0/1 per list, never
all zero: nobody is documented by no list) and how many people share each one. Every estimator
in :mod:`uncounted.estimate` takes one.

Cell order. :meth:`CaptureTable.full_counts` lays the 2^J histories out lexicographically with
the *first list as the most significant bit*: index k holds the history whose list j is bit
(J - 1 - j) of k, so index 0 is the all-zero (unobserved) cell and index 2^J - 1 is "on every
list". This is dga's order. The rows of ``histories`` are kept sorted by that index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from uncounted.errors import CaptureTableError

COUNT_COLUMN = "count"
MIN_LISTS = 2


@dataclass(frozen=True, eq=False)
class CaptureTable:
    """Distinct observed capture histories (m x J, 0/1) and their counts (m, all > 0)."""

    lists: tuple[str, ...]
    histories: np.ndarray
    counts: np.ndarray

    def __post_init__(self) -> None:
        lists = tuple(str(name) for name in self.lists)
        histories = np.asarray(self.histories)
        counts = np.asarray(self.counts)
        _check_shapes(lists, histories, counts)
        histories = histories.astype(np.uint8)
        counts = counts.astype(np.int64)
        order = np.argsort(_cell_indices(histories), kind="stable")
        histories, counts = histories[order], counts[order]
        _check_cells(lists, histories, counts)
        histories.flags.writeable = False
        counts.flags.writeable = False
        object.__setattr__(self, "lists", lists)
        object.__setattr__(self, "histories", histories)
        object.__setattr__(self, "counts", counts)

    # --- constructors -------------------------------------------------------------------------

    @classmethod
    def from_rows(cls, header: Sequence[str], rows: Iterable[Sequence[str | int]]) -> CaptureTable:
        """Read the CSV layout: one 0/1 column per list and a ``count`` column, one row a pattern.

        Rows are numbered from 1 (the first row after the header) in error messages. Rows with a
        count of 0 are accepted and dropped; the same pattern on two rows is refused.
        """
        names = [str(name).strip() for name in header]
        if COUNT_COLUMN not in names:
            raise CaptureTableError(f"the header has no '{COUNT_COLUMN}' column: {names}")
        count_at = names.index(COUNT_COLUMN)
        lists = tuple(name for i, name in enumerate(names) if i != count_at)
        _check_list_names(lists)
        seen: dict[tuple[int, ...], int] = {}
        patterns: list[tuple[int, ...]] = []
        counts: list[int] = []
        for number, row in enumerate(rows, start=1):
            pattern, count = _parse_row(lists, count_at, row, number)
            if pattern in seen:
                raise CaptureTableError(
                    f"row {number}: the capture history {_show(pattern)} already appears on row "
                    f"{seen[pattern]}; give each pattern once, with its total count"
                )
            seen[pattern] = number
            if count > 0:
                patterns.append(pattern)
                counts.append(count)
        return cls._build(lists, patterns, counts)

    @classmethod
    def from_histories(
        cls, lists: Sequence[str], per_person: Iterable[Sequence[int | bool]]
    ) -> CaptureTable:
        """Aggregate one capture history per person (people numbered from 1 in errors)."""
        lists = tuple(str(name) for name in lists)
        _check_list_names(lists)
        tally: Counter[tuple[int, ...]] = Counter()
        for number, history in enumerate(per_person, start=1):
            where = f"person {number}"
            if len(history) != len(lists):
                raise CaptureTableError(f"{where}: {len(history)} values for {len(lists)} lists")
            pattern = tuple(
                _zero_one(v, f"{where}, list {lists[j]!r}") for j, v in enumerate(history)
            )
            _refuse_all_zero(pattern, where)
            tally[pattern] += 1
        return cls._build(lists, list(tally), list(tally.values()))

    @classmethod
    def from_mapping(
        cls, lists: Sequence[str], counts: Mapping[Sequence[int], int]
    ) -> CaptureTable:
        """Build from {capture history: count}; zero counts are dropped."""
        lists = tuple(str(name) for name in lists)
        header = [*lists, COUNT_COLUMN]
        return cls.from_rows(header, ([*pattern, count] for pattern, count in counts.items()))

    @classmethod
    def _build(
        cls, lists: tuple[str, ...], patterns: list[tuple[int, ...]], counts: list[int]
    ) -> CaptureTable:
        histories = np.array(patterns, dtype=np.uint8).reshape(len(patterns), len(lists))
        return cls(lists, histories, np.array(counts, dtype=np.int64))

    # --- views --------------------------------------------------------------------------------

    @property
    def n_lists(self) -> int:
        return len(self.lists)

    @property
    def observed(self) -> int:
        """How many people at least one list documented."""
        return int(self.counts.sum())

    @property
    def list_totals(self) -> np.ndarray:
        """People on each list (length J)."""
        return self.counts @ self.histories.astype(np.int64)

    def cell_indices(self) -> np.ndarray:
        """Each history's index in the full 2^J order (see the module docstring)."""
        return _cell_indices(self.histories)

    def full_counts(self) -> np.ndarray:
        """Counts of all 2^J histories in the documented order; index 0 (unobserved) is 0."""
        full = np.zeros(2**self.n_lists, dtype=np.int64)
        full[self.cell_indices()] = self.counts
        return full

    def require_lists(self, minimum: int, method: str) -> None:
        """Refuse, naming the method, a table with fewer lists than ``method`` needs."""
        if self.n_lists < minimum:
            raise CaptureTableError(
                f"{method} needs at least {minimum} lists; this table has {self.n_lists}: "
                f"{', '.join(self.lists)}"
            )

    def to_rows(self) -> tuple[tuple[str, ...], list[tuple[int, ...]]]:
        """The CSV layout back: header and one row per observed pattern."""
        rows = [(*map(int, h), int(c)) for h, c in zip(self.histories, self.counts, strict=True)]
        return (*self.lists, COUNT_COLUMN), rows

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CaptureTable):
            return NotImplemented
        return (
            self.lists == other.lists
            and np.array_equal(self.histories, other.histories)
            and np.array_equal(self.counts, other.counts)
        )

    def __hash__(self) -> int:
        return hash((self.lists, self.histories.tobytes(), self.counts.tobytes()))


# --- validation --------------------------------------------------------------------------------


def _cell_indices(histories: np.ndarray) -> np.ndarray:
    n_lists = histories.shape[1]
    weights = 1 << np.arange(n_lists - 1, -1, -1, dtype=np.int64)
    return histories.astype(np.int64) @ weights


def _check_list_names(lists: tuple[str, ...]) -> None:
    if len(lists) < MIN_LISTS:
        raise CaptureTableError(
            f"a capture table needs at least {MIN_LISTS} lists; got {len(lists)}: {list(lists)}"
        )
    if any(not name for name in lists):
        raise CaptureTableError(f"a list has an empty name: {list(lists)}")
    repeated = sorted(name for name, k in Counter(lists).items() if k > 1)
    if repeated:
        raise CaptureTableError(f"list names appear twice: {', '.join(repeated)}")


def _check_shapes(lists: tuple[str, ...], histories: np.ndarray, counts: np.ndarray) -> None:
    _check_list_names(lists)
    if histories.ndim != 2 or histories.shape[1] != len(lists):
        raise CaptureTableError(
            f"histories must be a matrix with one column per list ({len(lists)}); "
            f"got shape {histories.shape}"
        )
    if counts.shape != (histories.shape[0],):
        raise CaptureTableError(
            f"{histories.shape[0]} histories but counts of shape {counts.shape}"
        )
    if not np.isin(histories, (0, 1)).all():
        raise CaptureTableError("capture histories must hold only 0 and 1")
    if counts.size and (
        not np.issubdtype(counts.dtype, np.integer) and not np.array_equal(counts, np.round(counts))
    ):
        raise CaptureTableError("counts must be whole numbers")


def _check_cells(lists: tuple[str, ...], histories: np.ndarray, counts: np.ndarray) -> None:
    if histories.shape[0] == 0:
        raise CaptureTableError("the capture table is empty: nobody is documented")
    if (counts <= 0).any():
        raise CaptureTableError("every observed pattern needs a count of at least 1")
    if (histories.sum(axis=1) == 0).any():
        raise CaptureTableError(
            "an all-zero capture history is in the table: the people no list documented are "
            "what is estimated, not an input"
        )
    indices = _cell_indices(histories)
    if np.unique(indices).size != indices.size:
        raise CaptureTableError("a capture history appears twice; give each pattern once")
    empty = [name for name, total in zip(lists, counts @ histories, strict=True) if total == 0]
    if empty:
        raise CaptureTableError(
            f"list {', '.join(map(repr, empty))} documented nobody; drop it from the table"
        )


def _parse_row(
    lists: tuple[str, ...], count_at: int, row: Sequence[str | int], number: int
) -> tuple[tuple[int, ...], int]:
    where = f"row {number}"
    if len(row) != len(lists) + 1:
        raise CaptureTableError(f"{where}: {len(row)} values for {len(lists) + 1} columns")
    values = [value for i, value in enumerate(row) if i != count_at]
    pattern = tuple(
        _zero_one(value, f"{where}, list {name!r}")
        for name, value in zip(lists, values, strict=True)
    )
    count = _count(row[count_at], where)
    _refuse_all_zero(pattern, where)
    return pattern, count


def _zero_one(value: str | int | bool, where: str) -> int:
    text = str(int(value)) if isinstance(value, bool) else str(value).strip()
    if text not in ("0", "1"):
        raise CaptureTableError(f"{where}: {text!r} is not 0 or 1")
    return int(text)


def _count(value: str | int, where: str) -> int:
    text = str(value).strip()
    try:
        number = int(text)
    except ValueError:
        number = _integral_float(text, where)
    if number < 0:
        raise CaptureTableError(f"{where}: count {text!r} is negative")
    return number


def _integral_float(text: str, where: str) -> int:
    """Accept '12.0' (spreadsheets write counts so) but not '12.5' or 'twelve'."""
    try:
        number = float(text)
    except ValueError:
        raise CaptureTableError(f"{where}: count {text!r} is not a number") from None
    if not number.is_integer():
        raise CaptureTableError(f"{where}: count {text!r} is not a whole number")
    return int(number)


def _refuse_all_zero(pattern: tuple[int, ...], where: str) -> None:
    if not any(pattern):
        raise CaptureTableError(
            f"{where}: all-zero capture history; the people no list documented are what is "
            "estimated, remove the row"
        )


def _show(pattern: tuple[int, ...]) -> str:
    return "".join(map(str, pattern))
