"""Exports of records: restricted (sealed with a passphrase by default) or public (redacted).

A restricted export holds identifying data, so unless the user explicitly asks for plaintext it is
written as a sealed file (see ``store/sealed.py``) that ``uncounted import`` opens with the
passphrase. A public export holds only what ``report/tables.py`` lets through, from sources not
marked secret. Every export is audited with its row count and columns, never its content.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from uncounted.errors import UsageError
from uncounted.model import Record, Sensitivity
from uncounted.report.tables import (
    PUBLIC_COLUMNS,
    public_rows,
    restricted_columns,
    restricted_row,
)
from uncounted.report.writers import EXPORT_WRITERS
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
    writer = EXPORT_WRITERS[infer_format(request.out, request.format)]
    where = RecordFilter(source=request.source)
    with store.reading() as connection:
        secret = _secret_sources(store, connection) if request.public else set()

        def selected() -> list[Record] | object:
            found = records.iter_records(connection, store.keyring, where)
            return (r for r in found if r.source not in secret)

        if request.public:
            columns = PUBLIC_COLUMNS
            rows = public_rows(selected())  # type: ignore[arg-type]
        else:
            with_source = request.source is None
            columns = restricted_columns(selected(), with_source=with_source)  # type: ignore[arg-type]
            rows = (restricted_row(r, with_source=with_source) for r in selected())  # type: ignore[attr-defined]
        seal = not request.public and not request.unencrypted
        count = _write(request.out, writer, columns, rows, passphrase if seal else None)
    with store.transaction() as connection:
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


def _secret_sources(store: Store, connection) -> set[str]:  # type: ignore[no-untyped-def]
    return {
        s.source.name
        for s in summarise_sources(connection, store.keyring)
        if s.source.sensitivity is Sensitivity.SECRET
    }


def _write(path: Path, writer, columns, rows, passphrase: str | None) -> int:  # type: ignore[no-untyped-def]
    """Write to a temporary name beside the target, then rename: no half-written export."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("wb") as handle:
            stream: BinaryIO = sealed.SealedWriter(handle, passphrase) if passphrase else handle  # type: ignore[assignment]
            count = writer(stream, columns, rows)
            stream.close()
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return count
