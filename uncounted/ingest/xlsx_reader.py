"""XLSX through openpyxl in read-only mode: streamed, formulas never evaluated (their cached
values are read), every cell rendered as the text a person sees.

A date cell is written at the precision its number format shows (``yyyy-mm`` gives
``2023-10``, not an invented first day); a datetime with a time of day keeps it. Whole numbers
lose Excel's ``.0``. Completely empty rows (Excel keeps formatted blank rows) are not rows.
Row numbers are the sheet's own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from uncounted.errors import InputFileError

from .parse import UnreadableRow

Record = tuple[int, list[str]]
_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


class XlsxReader:
    """Header and records of one sheet of a workbook."""

    encoding = None

    def __init__(
        self, stream: BinaryIO, *, file: str, sheet: str | None, header_row: int, size: int
    ) -> None:
        import openpyxl  # imported here: loading it costs time that CSV imports need not pay

        self.file = file
        self.size = size
        self.warnings: list[str] = []
        self.header_row = header_row
        self._stream = stream
        try:
            self._book = openpyxl.load_workbook(
                stream, read_only=True, data_only=True, keep_links=False
            )
        except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
            stream.close()
            raise InputFileError(
                file, f"not a readable xlsx workbook ({type(exc).__name__})"
            ) from None
        self._sheet = self._pick_sheet(sheet)
        self._max_row = self._sheet.max_row or 0
        self._sheet.reset_dimensions()  # some writers record wrong dimensions; read all rows
        self._row = 0
        self._records: Iterator[Record] | None = None
        self.header = self._find_header()

    def _pick_sheet(self, sheet: str | None) -> Any:
        if sheet is None:
            return self._book.worksheets[0]
        if sheet not in self._book.sheetnames:
            self.close()
            raise InputFileError(
                self.file, f"no sheet {sheet!r}; sheets: {', '.join(self._book.sheetnames)}"
            )
        return self._book[sheet]

    def _find_header(self) -> list[str]:
        self._records = self._read()
        for row, cells in self._records:
            if row == self.header_row:
                return cells
            if row > self.header_row:
                break
        self.close()
        raise InputFileError(self.file, f"no header: row {self.header_row} is empty or missing")

    def tell(self) -> int:
        if self._max_row <= 0:
            return 0
        return min(self.size, self.size * self._row // self._max_row)

    def close(self) -> None:
        self._book.close()
        self._stream.close()

    def records(self) -> Iterator[Record | UnreadableRow]:
        records, self._records = self._records, None
        if records is None:
            records = self._read()
            for row, _ in records:
                if row >= self.header_row:
                    break
        yield from records

    def _read(self) -> Iterator[Record]:
        try:
            for row, cells in enumerate(self._sheet.iter_rows(), start=1):
                self._row = row
                values = [render(cell) for cell in cells]
                if any(values):
                    yield row, values
        except InputFileError:
            raise
        except Exception as exc:  # a damaged worksheet part, found while streaming it
            raise InputFileError(
                self.file, f"sheet damaged after row {self._row} ({type(exc).__name__})"
            ) from None


def render(cell: Any) -> str:
    """The text of one cell as a person reads it."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, dt.datetime):
        return _render_datetime(value, getattr(cell, "number_format", "General"))
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _render_datetime(value: dt.datetime, number_format: str) -> str:
    shown = _LITERALS.sub("", number_format or "").lower()
    if "y" in shown and "d" not in shown:
        return f"{value.year:04d}-{value.month:02d}" if "m" in shown else f"{value.year:04d}"
    if value.time() == dt.time(0) or ("h" not in shown and "y" in shown):
        return value.date().isoformat()
    return value.isoformat(timespec="seconds")
