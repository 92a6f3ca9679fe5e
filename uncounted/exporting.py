"""Exports of records: restricted (sealed with a passphrase by default) or public (redacted).

A restricted export holds identifying data, so unless the user explicitly asks for plaintext it is
written as a sealed file (see ``store/sealed.py``) that ``uncounted import`` opens with the
passphrase. A public export holds only what ``report/tables.py`` lets through, from sources not
marked secret. Every export is audited with its row count and columns, never its content.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

from uncounted.errors import UsageError
from uncounted.model import Record, Sensitivity
from uncounted.report.tables import (
    PUBLIC_COLUMNS,
    public_rows,
    restricted_columns,
    restricted_row,
)
from uncounted.report.writers import EXPORT_WRITERS, TableWriter
from uncounted.store import Store, audit, records, sealed
from uncounted.store.records import RecordFilter
from uncounted.store.sources import summarise_sources


@dataclass(frozen=True)
class ExportRequest:
    out: Path
    format: str = "csv"
    public: bool = False
    source: str | None = None
    unencrypted: bool = False


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    columns: tuple[str, ...]
    sealed: bool
    public: bool


def infer_format(path: Path, declared: str | None) -> str:
    fmt = declared or {".parquet": "parquet", ".pq": "parquet"}.get(path.suffix.lower(), "csv")
    if fmt not in EXPORT_WRITERS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {sorted(EXPORT_WRITERS)}")
    return fmt


def export_records(
    store: Store, actor: str, passphrase: str, request: ExportRequest
) -> ExportResult:
    """Write the export and its audit entry in one transaction: no export goes unaudited."""
    writer = EXPORT_WRITERS[infer_format(request.out, request.format)]
    seal = not request.public and not request.unencrypted
    with store.transaction() as connection:
        hidden = _secret_sources(store, connection) if request.public else set()

        def selected() -> Iterator[Record]:
            found = records.iter_records(connection, store.keyring, RecordFilter(request.source))
            return (r for r in found if r.source not in hidden)

        columns, rows = _table(request, selected)
        count = _write(request.out, writer, columns, rows, passphrase if seal else None)
        audit.append_entry(
            connection,
            store.keyring,
            actor=actor,
            action="export",
            target=f"source:{request.source}" if request.source else "records",
            details={
                "rows": count,
                "columns": list(columns),
                "format": request.format,
                "public": request.public,
                "sealed": seal,
            },
        )
    return ExportResult(request.out, count, columns, seal, request.public)


def _table(
    request: ExportRequest, selected: Callable[[], Iterator[Record]]
) -> tuple[tuple[str, ...], Iterator[dict[str, str]]]:
    """Columns and rows; a restricted table reads the records twice (its columns first)."""
    if request.public:
        return PUBLIC_COLUMNS, public_rows(selected())
    with_source = request.source is None
    columns = restricted_columns(selected(), with_source=with_source)
    return columns, (restricted_row(r, with_source=with_source) for r in selected())


def _secret_sources(store: Store, connection: Connection) -> set[str]:
    return {
        s.source.name
        for s in summarise_sources(connection, store.keyring)
        if s.source.sensitivity is Sensitivity.SECRET
    }


def _write(
    path: Path,
    writer: TableWriter,
    columns: tuple[str, ...],
    rows: Iterable[dict[str, str]],
    passphrase: str | None,
) -> int:
    """Write to a temporary name beside the target, then rename: no half-written export."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("wb") as handle:
            if passphrase is None:
                count = writer(handle, columns, rows)
            else:
                with sealed.SealedWriter(handle, passphrase) as stream:
                    count = writer(stream, columns, rows)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return count
