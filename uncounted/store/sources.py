"""Sources (one list, testimony or report each) and their import batches."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select, update

from uncounted.model import ImportReport, Reliability, Sensitivity, Source, SourceKind
from uncounted.store.crypto import Keyring
from uncounted.store.schema import import_batch, quarantine, record, source


@dataclass(frozen=True)
class SourceSummary:
    source: Source
    records: int
    open_quarantine: int
    batches: int


def _text_enc(keyring: Keyring, value: str | None, context: bytes) -> bytes | None:
    return keyring.encrypt(value.encode(), context) if value is not None else None


def _text_dec(keyring: Keyring, blob: bytes | None, context: bytes) -> str | None:
    return keyring.decrypt(blob, context).decode() if blob is not None else None


def find_source_id(connection: Connection, name: str) -> int | None:
    return connection.execute(select(source.c.id).where(source.c.name == name)).scalar()


def ensure_source(connection: Connection, keyring: Keyring, new: Source) -> tuple[int, bool]:
    """The id of the source with this name, creating it if needed; and whether it was created."""
    existing = find_source_id(connection, new.name)
    if existing is not None:
        return existing, False
    context = f"source:{new.name}".encode()
    values = {
        "name": new.name,
        "kind": new.kind.value,
        "reliability": new.reliability.value,
        "sensitivity": new.sensitivity.value,
        "organisation_enc": _text_enc(keyring, new.organisation, context + b":org"),
        "description_enc": _text_enc(keyring, new.description, context + b":desc"),
        "created_at": dt.datetime.now(dt.UTC),
    }
    return connection.execute(insert(source).values(**values)).inserted_primary_key[0], True


def _row_to_source(keyring: Keyring, row: Row[Any]) -> Source:
    context = f"source:{row.name}".encode()
    return Source(
        name=row.name,
        kind=SourceKind(row.kind),
        reliability=Reliability(row.reliability),
        sensitivity=Sensitivity(row.sensitivity),
        organisation=_text_dec(keyring, row.organisation_enc, context + b":org"),
        description=_text_dec(keyring, row.description_enc, context + b":desc"),
    )


def summarise_sources(connection: Connection, keyring: Keyring) -> list[SourceSummary]:
    counts = dict(
        connection.execute(
            select(record.c.source_id, func.count()).group_by(record.c.source_id)
        ).all()
    )
    open_rows = dict(
        connection.execute(
            select(quarantine.c.source_id, func.count())
            .where(quarantine.c.status == "open")
            .group_by(quarantine.c.source_id)
        ).all()
    )
    batches = dict(
        connection.execute(
            select(import_batch.c.source_id, func.count()).group_by(import_batch.c.source_id)
        ).all()
    )
    return [
        SourceSummary(
            _row_to_source(keyring, row),
            counts.get(row.id, 0),
            open_rows.get(row.id, 0),
            batches.get(row.id, 0),
        )
        for row in connection.execute(select(source).order_by(source.c.name))
    ]


def start_batch(
    connection: Connection,
    keyring: Keyring,
    *,
    source_id: int,
    file_name: str,
    file_mac: str,
    file_format: str,
    encoding: str | None,
    mapping_text: str | None,
    actor: str,
) -> int:
    values = {
        "source_id": source_id,
        "file_name_enc": keyring.encrypt(file_name.encode(), f"batch-file:{file_mac}".encode()),
        "file_mac": file_mac,
        "format": file_format,
        "encoding": encoding,
        "mapping_mac": keyring.mac(mapping_text.encode()) if mapping_text is not None else None,
        "mapping_enc": (
            keyring.encrypt(mapping_text.encode(), f"batch-mapping:{file_mac}".encode())
            if mapping_text is not None
            else None
        ),
        "actor": actor,
        "started_at": dt.datetime.now(dt.UTC),
        "read": 0,
        "stored": 0,
        "quarantined": 0,
        "skipped_duplicates": 0,
        "warnings": 0,
    }
    return connection.execute(insert(import_batch).values(**values)).inserted_primary_key[0]


def finish_batch(connection: Connection, batch_id: int, report: ImportReport) -> None:
    connection.execute(
        update(import_batch)
        .where(import_batch.c.id == batch_id)
        .values(
            finished_at=dt.datetime.now(dt.UTC),
            read=report.read,
            stored=report.stored,
            quarantined=report.quarantined,
            skipped_duplicates=report.skipped_duplicates,
            warnings=len(report.warnings),
        )
    )


def load_batch_mapping(connection: Connection, keyring: Keyring, batch_id: int) -> str | None:
    """The mapping file text an import batch used, if any (needed to re-parse its rows)."""
    row = connection.execute(
        select(import_batch.c.file_mac, import_batch.c.mapping_enc).where(
            import_batch.c.id == batch_id
        )
    ).first()
    if row is None or row.mapping_enc is None:
        return None
    return keyring.decrypt(row.mapping_enc, f"batch-mapping:{row.file_mac}".encode()).decode()


def discard_empty_batch(connection: Connection, batch_id: int) -> None:
    """Remove a batch row that ended up holding nothing (a re-import that added nothing)."""
    connection.execute(import_batch.delete().where(import_batch.c.id == batch_id))
