"""Mapping files: how a list that is not in the canonical format is read.

A mapping is a small TOML file (see ``docs`` in the list format) with the sections ``[file]``,
``[columns]``, ``[values.<column>]``, ``[dates]`` and ``[defaults]``. It is validated strictly:
a typo must fail loudly, not silently import a column as an extra attribute.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from uncounted.errors import MappingError
from uncounted.model import CANONICAL_COLUMNS, DATE_COLUMNS

from .dates import ORDERS, format_precision
from .encoding import normalize_encoding
from .fields import FIELD_COLUMNS, field_parser
from .text import clean_text

FORMATS = ("csv", "xlsx", "json")
_FILE_KEYS = {
    "format": str,
    "encoding": str,
    "delimiter": str,
    "sheet": str,
    "header_row": int,
    "records_key": str,
    "date_order": str,
}
_KIND_NAMES = {str: "a string", int: "a whole number"}
_SECTIONS = ("file", "columns", "values", "dates", "defaults")
_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class ListMapping:
    """A validated mapping. ``columns``: canonical name → column name in the file."""

    name: str = "mapping"
    format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_row: int = 1
    records_key: str | None = None
    date_order: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    dates: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    defaults: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], name: str = "mapping") -> ListMapping:
        """Validate a mapping already read from TOML (or built in code)."""
        _only(data, _SECTIONS, name, "section")
        file = _table(data, "file", name)
        _only(file, tuple(_FILE_KEYS), name, "key in [file]")
        options = {key: _typed(file, key, kind, name) for key, kind in _FILE_KEYS.items()}
        for key, fold in (("format", str.lower), ("date_order", str.upper)):
            if options[key] is not None:
                options[key] = fold(options[key].strip())
        mapping = cls(
            name=name,
            **{k: v for k, v in options.items() if v is not None},
            columns=_columns(_table(data, "columns", name), name),
            values=_values(_table(data, "values", name), name),
            dates=_dates(_table(data, "dates", name), name),
            defaults=_strings(_table(data, "defaults", name), name, "defaults"),
        )
        mapping._check_options()
        mapping._check_defaults()
        return mapping

    def _check_options(self) -> None:
        if self.format is not None and self.format not in FORMATS:
            raise MappingError(self.name, f"[file] format must be one of {', '.join(FORMATS)}")
        if self.encoding is not None:
            try:
                normalize_encoding(self.encoding)
            except LookupError:
                raise MappingError(self.name, f"unknown encoding {self.encoding!r}") from None
        if self.delimiter is not None and len(self.delimiter) != 1:
            raise MappingError(self.name, "[file] delimiter must be one character")
        if self.header_row < 1:
            raise MappingError(self.name, "[file] header_row must be 1 or more")
        if self.date_order is not None and self.date_order not in ORDERS:
            raise MappingError(self.name, f"[file] date_order must be one of {', '.join(ORDERS)}")

    def _check_defaults(self) -> None:
        for column in self.defaults:
            if column == "record_id" or column not in CANONICAL_COLUMNS:
                raise MappingError(self.name, f"[defaults] {column!r} is not a field column")
            try:
                self.parse_default(column)
            except ValueError as exc:
                raise MappingError(self.name, f"[defaults] {column}: {exc}") from None

    def parse_default(self, column: str) -> object:
        """The parsed default of a column (``None`` when there is none)."""
        text = self.defaults.get(column, "")
        text = self.values.get(column, _EMPTY).get(text, text)
        if not text:
            return None
        parser = field_parser(column, order=self.date_order, formats=self.dates.get(column, ()))
        return text if parser is None else parser(text)


def load_mapping(path: Path) -> ListMapping:
    """Read and validate a TOML mapping file; ``MappingError`` names what is wrong."""
    name = Path(path).name
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise MappingError(name, f"cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise MappingError(name, "not UTF-8 text") from None
    return parse_mapping(text, name)


def parse_mapping(text: str, name: str = "mapping") -> ListMapping:
    """Validate a mapping given as TOML text (e.g. the copy a workspace keeps with a batch)."""
    try:
        data = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(name, f"not valid TOML: {exc}") from None
    return ListMapping.from_dict(data, name)


def _only(table: Mapping[str, Any], allowed: tuple[str, ...], name: str, what: str) -> None:
    for key in table:
        if key not in allowed:
            raise MappingError(name, f"unknown {what} {key!r} (known: {', '.join(allowed)})")


def _table(data: Mapping[str, Any], key: str, name: str) -> Mapping[str, Any]:
    table = data.get(key, _EMPTY)
    if not isinstance(table, Mapping):
        raise MappingError(name, f"[{key}] must be a table")
    return table


def _typed(table: Mapping[str, Any], key: str, kind: type, name: str) -> Any:
    value = table.get(key)
    if value is not None and (type(value) is not kind):
        raise MappingError(name, f"[file] {key} must be {_KIND_NAMES[kind]}")
    return value


def _canonical(column: str, name: str, section: str, allowed: tuple[str, ...]) -> str:
    if column not in allowed:
        raise MappingError(name, f"[{section}] {column!r} is not a canonical column here")
    return column


def _strings(table: Mapping[str, Any], name: str, section: str) -> dict[str, str]:
    out = {}
    for key, value in table.items():
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise MappingError(name, f"[{section}] {key!r} must be a string")
        out[key] = clean_text(str(value))
    return out


def _columns(table: Mapping[str, Any], name: str) -> dict[str, str]:
    columns = _strings(table, name, "columns")
    seen: dict[str, str] = {}
    for canonical, column in columns.items():
        _canonical(canonical, name, "columns", CANONICAL_COLUMNS)
        if not column:
            raise MappingError(name, f"[columns] {canonical} names an empty column")
        key = column.casefold()
        if key in seen:
            raise MappingError(name, f"[columns] {seen[key]} and {canonical} name the same column")
        seen[key] = canonical
    return columns


def _values(table: Mapping[str, Any], name: str) -> dict[str, Mapping[str, str]]:
    out = {}
    for column, replacements in table.items():
        _canonical(column, name, "values", FIELD_COLUMNS)
        if not isinstance(replacements, Mapping):
            raise MappingError(name, f"[values.{column}] must be a table")
        pairs = _strings(replacements, name, f"values.{column}")
        out[column] = {clean_text(key): value for key, value in pairs.items()}
    return out


def _dates(table: Mapping[str, Any], name: str) -> dict[str, tuple[str, ...]]:
    out = {}
    for column, formats in table.items():
        _canonical(column, name, "dates", DATE_COLUMNS)
        formats = [formats] if isinstance(formats, str) else formats
        if not isinstance(formats, list) or not all(isinstance(f, str) for f in formats):
            raise MappingError(name, f"[dates] {column} must be a list of formats")
        for fmt in formats:
            try:
                format_precision(fmt)
            except ValueError as exc:
                raise MappingError(name, f"[dates] {column}: {exc}") from None
        out[column] = tuple(formats)
    return out
