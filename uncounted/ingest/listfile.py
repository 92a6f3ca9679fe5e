"""``open_list``: a list file (CSV, XLSX, JSON) opened for streaming its rows."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, Protocol

from uncounted.errors import InputFileError

from .columns import header_names, require_record_id, resolve
from .encoding import (
    SALVAGE,
    SAMPLE_SIZE,
    bom_encoding,
    detect_encoding,
    has_bad_chars,
    normalize_encoding,
)
from .mapping import ListMapping
from .parse import ParsedRow, RowParser, UnreadableRow
from .text import cells_are_clean, clean_text

_FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
}
_UNICODE = ("utf-8", "utf-8-sig", "utf-16")


class _Reader(Protocol):
    header: list[str]
    encoding: str | None
    warnings: list[str]

    def records(self) -> Iterator[tuple[int, list[str]] | UnreadableRow]: ...
    def tell(self) -> int: ...
    def close(self) -> None: ...


class ListFile:
    """An opened list: its columns, warnings and a streaming iterator over its rows."""

    def __init__(
        self, reader: _Reader, *, file: str, format: str, size: int, mapping: ListMapping | None
    ) -> None:
        self.file_name = file
        self.format = format
        self.size = size
        self.encoding = reader.encoding
        self.warnings: list[str] = list(reader.warnings)
        self._reader = reader
        try:
            self.columns = header_names(reader.header, file)
            found = resolve(self.columns, mapping, file=file, strict=True)
            require_record_id(found, self.columns, file)
        except InputFileError:
            reader.close()
            raise
        self._parser = RowParser(self.columns, found, mapping, file)

    def __enter__(self) -> ListFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._reader.close()

    def tell(self) -> int:
        """Bytes consumed so far, roughly (for a progress bar); never more than ``size``."""
        return self._reader.tell()

    def rows(self) -> Iterator[ParsedRow | UnreadableRow]:
        """Every row of the file, in order, each once: parsed, or unreadable with its reason."""
        columns, parse = self.columns, self._parser.parse
        width = len(columns)
        for item in self._reader.records():
            if item.__class__ is UnreadableRow:
                yield item  # type: ignore[misc]
                continue
            row, cells = item  # type: ignore[misc]
            if len(cells) != width:
                if len(cells) < width:  # Excel drops trailing empty cells
                    cells = [*cells, *[""] * (width - len(cells))]
                elif any(cells[width:]):
                    yield _too_many(row, cells, width, self.format)
                    continue
                else:
                    cells = cells[:width]
            raw = dict(zip(columns, cells, strict=True))
            if cells_are_clean("|".join(cells)):
                yield parse(row, cells, raw)
            else:
                yield parse(row, [clean_text(cell) for cell in cells], raw)


def _too_many(row: int, cells: list[str], width: int, format: str) -> UnreadableRow:
    sep = "\t" if format != "csv" else ","
    reason = f"{len(cells)} cells but the header has {width} columns"
    return UnreadableRow(row, {"line": sep.join(cells)}, reason)


def open_list(
    path: Path,
    *,
    mapping: ListMapping | None = None,
    encoding: str | None = None,
    content: bytes | None = None,
) -> ListFile:
    """Open a list for reading (``content``: these bytes instead of the file, e.g. decrypted).

    Raises ``InputFileError`` when the file cannot be a list at all.
    """
    path = Path(path)
    file = path.name
    format = (mapping.format if mapping else None) or _FORMATS.get(path.suffix.lower())
    if format is None:
        hint = " (old Excel: save it as .xlsx)" if path.suffix.lower() == ".xls" else ""
        raise InputFileError(
            file,
            f"unknown file type {path.suffix or '(none)'!r}{hint}; give the format in a mapping",
        )
    opener, size = _opener(path, content)
    mapping_ = mapping or ListMapping()
    if format == "xlsx":
        from .xlsx_reader import XlsxReader

        reader: _Reader = XlsxReader(
            opener(), file=file, sheet=mapping_.sheet, header_row=mapping_.header_row, size=size
        )
    else:
        declared = encoding or mapping_.encoding
        codec, warnings = _encoding(opener, declared, file, size)
        reader = _text_reader(format, opener, codec, file, size, mapping_, path)
        reader.warnings[:0] = warnings
    return ListFile(reader, file=file, format=format, size=size, mapping=mapping)


def _opener(path: Path, content: bytes | None) -> tuple[Callable[[], BinaryIO], int]:
    if content is not None:
        return (lambda: io.BytesIO(content)), len(content)
    try:
        size = path.stat().st_size
        path.open("rb").close()
    except OSError as exc:
        raise InputFileError(path.name, f"cannot read: {exc.strerror}") from None
    return (lambda: path.open("rb")), size


def _text_reader(
    format: str,
    opener: Callable[[], BinaryIO],
    codec: str,
    file: str,
    size: int,
    mapping: ListMapping,
    path: Path,
) -> _Reader:
    if format == "json":
        from .json_reader import JsonReader

        with opener() as stream:
            text = stream.read().decode(codec, SALVAGE)
        return JsonReader(
            text, file=file, encoding=codec, records_key=mapping.records_key, size=size
        )
    from .csv_reader import CsvReader

    delimiter = mapping.delimiter or ("\t" if path.suffix.lower() == ".tsv" else None)
    return CsvReader(
        opener,
        file=file,
        encoding=codec,
        delimiter=delimiter,
        header_row=mapping.header_row,
        size=size,
    )


def _encoding(
    opener: Callable[[], BinaryIO], declared: str | None, file: str, size: int
) -> tuple[str, list[str]]:
    """The codec to read with, and the warnings that choice deserves."""
    with opener() as stream:
        sample = stream.read(SAMPLE_SIZE)
    if not sample:
        raise InputFileError(file, "empty file")
    complete = len(sample) >= size
    if declared is None:
        codec, certain = detect_encoding(sample, complete=complete)
        if codec in _UNICODE:
            return codec, []
        note = "" if certain else "; uncertain: declare the encoding if names look wrong"
        return codec, [f"encoding detected as {codec} (not declared{note})"]
    try:
        codec = normalize_encoding(declared)
    except LookupError:
        raise InputFileError(file, f"unknown encoding {declared!r}") from None
    bom = bom_encoding(sample)
    if codec == "utf-8" and bom == "utf-8-sig":
        codec = "utf-8-sig"
    elif codec == "utf-16" and bom != "utf-16":
        codec = "utf-16-le"  # no byte order mark: Windows' order
    _check_declared(sample, codec, file, complete)
    return codec, []


def _check_declared(sample: bytes, codec: str, file: str, complete: bool) -> None:
    """A declared encoding that the file's first lines mostly contradict is an error."""
    try:
        lines = sample.decode(codec, SALVAGE).splitlines()
    except UnicodeError:
        raise InputFileError(file, f"cannot be decoded as {codec} (declared)") from None
    if not complete and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut mid-character
    bad = sum(has_bad_chars(line) for line in lines)
    if lines and (has_bad_chars(lines[0]) or bad * 2 > len(lines)):
        raise InputFileError(file, f"cannot be decoded as {codec} (declared)")
