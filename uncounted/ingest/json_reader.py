"""JSON lists: an array of objects, or an object whose ``records_key`` holds one.

The columns are the keys in order of first appearance. Scalars become text (strings as they
are, ``null`` empty, anything else as JSON). Row numbers are 1-based positions in the array.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from uncounted.errors import InputFileError

from .encoding import has_bad_chars, visible
from .parse import UnreadableRow

Record = tuple[int, list[str]]


class JsonReader:
    """Columns and records of one JSON document (read whole: JSON lists are small)."""

    def __init__(
        self, text: str, *, file: str, encoding: str, records_key: str | None, size: int
    ) -> None:
        self.file = file
        self.encoding = encoding
        self.size = size
        self.warnings: list[str] = []
        self._items = _items(text, file, records_key)
        self._position = 0
        names: dict[str, None] = {}
        for item in self._items:
            if isinstance(item, dict):
                names.update(dict.fromkeys(item))
        if not names:
            raise InputFileError(file, "no records: the array holds no objects")
        self.header = list(names)

    def tell(self) -> int:
        if not self._items:
            return self.size
        return self.size * self._position // len(self._items)

    def close(self) -> None:
        self._items = []

    def records(self) -> Iterator[Record | UnreadableRow]:
        header = self.header
        for row, item in enumerate(self._items, start=1):
            self._position = row
            if not isinstance(item, dict):
                line = visible(json.dumps(item, ensure_ascii=False))
                kind = type(item).__name__
                yield UnreadableRow(
                    row, {"line": line}, f"array element is a {kind}, not an object"
                )
                continue
            cells = [_text(item.get(name)) for name in header]
            if any(has_bad_chars(cell) for cell in cells):
                line = visible(json.dumps(item, ensure_ascii=False))
                yield UnreadableRow(row, {"line": line}, "NUL or invalid character in a value")
                continue
            yield row, cells


def _items(text: str, file: str, records_key: str | None) -> list[Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(
            file, f"not valid JSON: line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise InputFileError(file, "not valid JSON: nested too deeply") from None
    if isinstance(data, dict):
        if records_key is None:
            raise InputFileError(file, "JSON is an object, not an array; name its records_key")
        if records_key not in data:
            raise InputFileError(file, f"JSON object has no key {records_key!r}")
        data = data[records_key]
    if not isinstance(data, list):
        raise InputFileError(file, "JSON holds no array of records")
    return data


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
