"""From the cells of one row to a ``ParsedRow``: cleaning, value maps, defaults, parsing.

``RowParser`` is compiled once per file (which index holds which field, which parser reads it)
so that the per-row work is a loop over cells; ``parse_row_values`` is the same parse for a
single row given as a mapping (the quarantine's "fix and retry").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from uncounted.model import AmbiguousDate, FieldIssue, RecordFields

from .columns import resolve
from .fields import FIELD_COLUMNS, FieldParser, field_parser
from .mapping import ListMapping
from .text import clean_text

AMBIGUOUS = "ambiguous day/month: both readings kept"
_MISS = object()
_MEMO_SIZE = 50_000


@dataclass(frozen=True)
class ParsedRow:
    """One row read as a record (its ``record_id`` may still be missing: the workspace decides).

    ``raw`` maps each column header to the cell exactly as decoded; ``issues`` name each value
    that cost its field (file, row, column, reason; never the value).
    """

    row: int
    record_id: str | None
    fields: RecordFields
    raw: dict[str, str]
    issues: tuple[FieldIssue, ...] = ()


@dataclass(frozen=True)
class UnreadableRow:
    """A line that cannot be a row; ``raw`` holds whatever could be salvaged of it."""

    row: int
    raw: dict[str, str]
    reason: str


class RowParser:
    """Parses the cells of one file's rows; built once from the file's column names."""

    def __init__(
        self,
        columns: Sequence[str],
        found: Mapping[str, str],
        mapping: ListMapping | None,
        file: str,
    ) -> None:
        self.file = file
        self.columns = tuple(columns)
        index = {name: i for i, name in enumerate(self.columns)}
        self.id_index = index[found["record_id"]] if "record_id" in found else None
        mapping = mapping or ListMapping()
        self.texts: list[tuple[int, str]] = []  # columns whose cleaned text is the value
        # (index, field, parser, memo of text → value, column): lists repeat values, so the
        # memo makes most cells one dict look-up.
        self.coded: list[tuple[int, str, FieldParser, dict[str, object], str]] = []
        self.defaults = {}
        for canonical in FIELD_COLUMNS:
            default = mapping.parse_default(canonical)
            if default is not None:
                self.defaults[canonical] = default
            if canonical not in found:
                continue
            parser = field_parser(
                canonical, order=mapping.date_order, formats=mapping.dates.get(canonical, ())
            )
            replace = mapping.values.get(canonical)
            column = found[canonical]
            if parser is None and replace is None:
                self.texts.append((index[column], canonical))
            else:
                parse = _mapped(parser, replace)
                self.coded.append((index[column], canonical, parse, {}, column))
        self.coded.sort(key=lambda coded: coded[0])  # issues in the file's column order
        used = set(found.values())
        self.extras = [(i, name) for i, name in enumerate(self.columns) if name not in used]

    def parse(self, row: int, cells: Sequence[str], raw: dict[str, str]) -> ParsedRow:
        """``cells``: one per column, cleaned; ``raw``: the same cells as decoded."""
        values: dict[str, object] = {canonical: cells[i] for i, canonical in self.texts if cells[i]}
        issues: list[FieldIssue] = []
        for i, canonical, parser, memo, column in self.coded:
            text = cells[i]
            if not text:
                continue
            value = memo.get(text, _MISS)
            if value is _MISS:
                value = self._slow(row, text, parser, memo, (column, canonical), issues)
                if value is _MISS:
                    values[canonical] = None  # a value, if unusable: no default replaces it
                    continue
            values[canonical] = value
        if self.defaults:
            for canonical, default in self.defaults.items():
                values.setdefault(canonical, default)
        if self.extras:
            extras = {name: cells[i] for i, name in self.extras if cells[i]}
            if extras:
                values["extras"] = extras
        record_id = cells[self.id_index] if self.id_index is not None else ""
        return ParsedRow(row, record_id or None, _record_fields(values), raw, tuple(issues))

    def _slow(
        self,
        row: int,
        text: str,
        parser: FieldParser,
        memo: dict[str, object],
        where: tuple[str, str],
        issues: list[FieldIssue],
    ) -> object:
        """Parse a value not seen before; remember it when it was read without an issue."""
        column, canonical = where
        try:
            value = parser(text)
        except ValueError as exc:
            issues.append(FieldIssue(self.file, row, column, str(exc), canonical))
            return _MISS
        if value.__class__ is AmbiguousDate:
            issues.append(FieldIssue(self.file, row, column, AMBIGUOUS, canonical))
        else:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[text] = value
        return value


def _build_record_fields() -> Callable[[dict[str, object]], RecordFields]:
    """A constructor for ``RecordFields`` that skips the frozen dataclass ``__init__``.

    That ``__init__`` sets each of the fifteen fields through ``object.__setattr__`` and costs
    about 1 µs, a sixth of the time a row may take (a million-row import has a budget). The
    instance built here is identical; it is used only while ``RecordFields`` stays a plain
    dataclass with no ``__post_init__`` and no slots, else the real constructor runs.
    """
    fields = dataclasses.fields(RecordFields)
    plain = not hasattr(RecordFields, "__post_init__") and not hasattr(RecordFields, "__slots__")
    defaults = {f.name: f.default for f in fields if f.default is not dataclasses.MISSING}
    factories = {f.name: f.default_factory for f in fields if f.name not in defaults}
    if not plain or any(factory is not dict for factory in factories.values()):
        return lambda values: RecordFields(**values)
    new = object.__new__

    def build(values: dict[str, object]) -> RecordFields:
        record = new(RecordFields)
        state = record.__dict__
        state.update(defaults)
        for name in factories:
            state[name] = {}
        state.update(values)
        return record

    return build


_record_fields = _build_record_fields()


def _mapped(parser: FieldParser | None, replace: Mapping[str, str] | None) -> FieldParser:
    """The parser with the mapping's value replacements applied first (``""``: no value)."""
    if replace is None:
        return parser  # type: ignore[return-value]

    def parse(text: str) -> object:
        text = replace.get(text, text)
        if not text:
            return None
        return text if parser is None else parser(text)

    return parse


def parse_row_values(
    values: Mapping[str, str],
    *,
    file: str,
    row: int,
    mapping: ListMapping | None = None,
) -> tuple[str | None, RecordFields, tuple[FieldIssue, ...]]:
    """Parse one row given as column → text (canonical names, or the file's own headers as the
    mapping names them) into ``(record_id, fields, issues)``. Keys that are neither are extras.
    """
    names = list(values)
    found = resolve(names, mapping, file=file, strict=False)
    parser = RowParser(names, found, mapping, file)
    cells = [clean_text(str(values[name] or "")) for name in names]
    parsed = parser.parse(row, cells, {})
    return parsed.record_id, parsed.fields, parsed.issues
