"""Streaming CSV: decoded line by line, parsed by ``csv`` (strict RFC 4180), never loaded whole.

A record that the csv module refuses (an unclosed quote, a stray quote, a field past the size
limit) costs only its first line: that line becomes an unreadable row and the lines the parser
had swallowed after it are parsed again. A record holding bytes invalid in the encoding, or a
NUL, is unreadable too: its text is kept with U+FFFD shown, and its exact bytes as hex.
"""

from __future__ import annotations

import csv
import io
import re
from collections import deque
from collections.abc import Callable, Iterator
from typing import BinaryIO

from uncounted.errors import InputFileError

from .encoding import SALVAGE, has_bad_chars, salvage_bytes, visible
from .parse import UnreadableRow

Record = tuple[int, list[str]]
_SEP_LINE = re.compile(r"sep=(.)\r?\n?")
_DELIMITERS = {",": "comma", "\t": "tab", ";": "semicolon", "|": "vertical bar"}


class _Pass:
    """One reading of the file from its start: records numbered as a spreadsheet shows them."""

    def __init__(self, text: io.TextIOWrapper, delimiter: str, encoding: str) -> None:
        self.text = text
        self.delimiter = delimiter
        self.encoding = encoding
        self.pending: deque[str] = deque()
        self.lines: list[str] = []  # the lines of the record being parsed
        self.row = 0
        self.width: int | None = None  # cells in the header, once it is read

    def records(self) -> Iterator[Record | UnreadableRow]:
        lines = self.lines
        while True:
            reader = csv.reader(self._lines(), delimiter=self.delimiter, strict=True)
            try:
                for cells in reader:
                    if not cells:  # an empty line is not a row
                        lines.clear()
                        continue
                    self.row += 1
                    if len(lines) == 1:
                        line = lines[0]
                        bad = ("\x00" in line) if line.isascii() else has_bad_chars(line)
                    else:
                        bad = any(has_bad_chars(line) for line in lines)
                    if bad:
                        yield self._unreadable(_bad_reason(lines))
                    elif (
                        self.width is not None
                        and len(cells) > self.width
                        and any(cells[self.width :])
                    ):
                        reason = f"{len(cells)} cells but the header has {self.width} columns"
                        yield self._unreadable(reason)
                    else:
                        lines.clear()
                        yield self.row, cells
                return
            except csv.Error as exc:
                self.row += 1
                self.pending.extendleft(reversed(lines[1:]))
                del lines[1:]
                yield self._unreadable(f"not valid CSV: {exc}")

    def _lines(self) -> Iterator[str]:
        pending, lines, readline = self.pending, self.lines, self.text.readline
        while True:
            line = pending.popleft() if pending else readline()
            if not line:
                return
            lines.append(line)
            yield line

    def _unreadable(self, reason: str) -> UnreadableRow:
        text = "".join(self.lines).rstrip("\r\n")
        self.lines.clear()
        raw = {"line": visible(text)}
        if has_bad_chars(text) and self.encoding != "utf-16":
            codec = "utf-8" if self.encoding == "utf-8-sig" else self.encoding
            raw["line_hex"] = salvage_bytes(text, codec).hex()
        return UnreadableRow(self.row, raw, reason)


def _bad_reason(lines: list[str]) -> str:
    if any("\x00" in line for line in lines):
        return "NUL byte in the line"
    return "bytes invalid in the encoding"


class CsvReader:
    """Header and records of one delimited text file in a known encoding."""

    def __init__(
        self,
        opener: Callable[[], BinaryIO],
        *,
        file: str,
        encoding: str,
        delimiter: str | None,
        header_row: int,
        size: int,
    ) -> None:
        self.file = file
        self.encoding = encoding
        self.size = size
        self.warnings: list[str] = []
        self.header_row = header_row
        self._opener = opener
        self._binary: BinaryIO | None = None
        self._delimiter = delimiter
        self._skip_first = False
        self._finished = False
        self._pending, self.header = self._start()

    def tell(self) -> int:
        binary = self._binary
        if binary is None or binary.closed:
            return self.size if self._finished else 0
        return min(binary.tell(), self.size)

    def close(self) -> None:
        if self._binary is not None:
            self._binary.close()

    def records(self) -> Iterator[Record | UnreadableRow]:
        """Data rows after the header: ``(row, cells)`` or an ``UnreadableRow``."""
        records, self._pending = self._pending, None
        if records is None:
            records, _ = self._start()
        self._finished = False
        yield from records
        self._finished = True

    def _start(self) -> tuple[Iterator[Record | UnreadableRow], list[str]]:
        self.close()
        self._binary = self._opener()
        text = io.TextIOWrapper(self._binary, encoding=self.encoding, errors=SALVAGE, newline="")
        first = text.readline()
        if self._delimiter is None:
            self._sniff(first)
        reading = _Pass(text, self._delimiter or ",", self.encoding)
        if not self._skip_first:
            reading.pending.append(first)
        records = reading.records()
        for item in records:
            if isinstance(item, UnreadableRow):
                if item.row == self.header_row:
                    raise InputFileError(self.file, f"header is unreadable: {item.reason}")
            elif item[0] == self.header_row:
                reading.width = len(item[1])
                return records, item[1]
        if reading.row == 0:
            raise InputFileError(self.file, "empty file: no header row")
        raise InputFileError(self.file, f"no header: row {self.header_row} is past the end")

    def _sniff(self, first: str) -> None:
        match = _SEP_LINE.fullmatch(first)
        if match:  # Excel's "sep=;" first line names the delimiter and is not a row
            self._delimiter, self._skip_first = match[1], True
            return
        self._delimiter = ","
        if "," not in first:
            for candidate in ("\t", ";", "|"):
                if candidate in first:
                    self._delimiter = candidate
                    self.warnings.append(f"delimiter detected as {_DELIMITERS[candidate]}")
                    return
