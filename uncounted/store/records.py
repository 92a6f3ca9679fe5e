"""Records and quarantined rows: the only code that writes or reads them in the database.

A record's identifying content (raw row, parsed fields, issues, file name) is one AES-GCM
ciphertext bound to ``(source, record_id)``; sex, event type and event date stay in clear so the
workspace can filter and count without decrypting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import Connection, Row, Select, func, insert, select, update

from uncounted.errors import NotFoundError
from uncounted.model import FieldIssue, QuarantinedRow, Record, RecordFields, Sex
from uncounted.store.codec import (
    canonical_raw_bytes,
    decode_quarantine_payload,
    decode_record_payload,
    dumps,
    encode_quarantine_payload,
    encode_record_payload,
    fields_to_json,
)
from uncounted.store.crypto import Keyring
from uncounted.store.schema import quarantine, record, source


@dataclass(frozen=True)
class RecordFilter:
    source: str | None = None
    sex: Sex | None = None
    event: str | None = None
    with_issues: bool | None = None
    batch_id: int | None = None


class PreparedRecord(NamedTuple):
    """A record's parts with its fields serialised once, and the keyed hash of what it says.

    A named tuple rather than a ``Record``: an import builds one per row, a million times.
    """

    record_id: str
    row: int
    fields: RecordFields
    raw: dict[str, str]
    issues: tuple[FieldIssue, ...]
    fields_json: bytes
    content_mac: str


def prepare_record(
    keyring: Keyring,
    record_id: str,
    row: int,
    fields: RecordFields,
    raw: dict[str, str],
    issues: tuple[FieldIssue, ...],
) -> PreparedRecord:
    """Serialise the fields and compute the content hash used to detect re-imported rows.

    The hash covers the parsed fields (so the same row re-imported in another encoding, with a
    BOM or in NFD, is recognised) and the raw text of values that cost their field (so a
    different unusable value is not taken for the same row).
    """
    fields_json = dumps(fields_to_json(fields), sort_keys=True)
    content = fields_json
    if issues:
        lost = {issue.column: raw.get(issue.column, "") for issue in issues}
        content += b"\x00" + dumps(lost, sort_keys=True)
    mac = keyring.mac(content)
    return PreparedRecord(record_id, row, fields, raw, issues, fields_json, mac)


def _record_context(source_id: int, record_id: str) -> bytes:
    return f"record:{source_id}:{record_id}".encode()


def record_exists(connection: Connection, source_id: int, record_id: str) -> bool:
    query = select(record.c.id).where(
        record.c.source_id == source_id, record.c.record_id == record_id
    )
    return connection.execute(query).first() is not None


def existing_record_macs(connection: Connection, source_id: int) -> dict[str, str]:
    query = select(record.c.record_id, record.c.content_mac).where(record.c.source_id == source_id)
    return dict(connection.execute(query).all())


_RECORD_COLUMNS = (
    "source_id",
    "record_id",
    "batch_id",
    "row_number",
    "content_mac",
    "sex",
    "event",
    "event_date",
    "issue_count",
    "payload_enc",
)


RecordRow = tuple[object, ...]


def record_row(
    keyring: Keyring, *, source_id: int, batch_id: int, file: str, prepared: PreparedRecord
) -> RecordRow:
    """The values of one ``record`` row, payload encrypted, in ``_RECORD_COLUMNS`` order."""
    fields = prepared.fields
    payload = encode_record_payload(prepared.fields_json, prepared.raw, prepared.issues, file)
    return (
        source_id,
        prepared.record_id,
        batch_id,
        prepared.row,
        prepared.content_mac,
        fields.sex.value if fields.sex else None,
        fields.event.value if fields.event else None,
        fields.event_date.iso() if fields.event_date else None,
        len(prepared.issues),
        keyring.encrypt(payload, _record_context(source_id, prepared.record_id)),
    )


def raw_of_record_row(keyring: Keyring, row: RecordRow) -> dict[str, str]:
    """The raw row inside a ready ``record`` row (for one that must be quarantined after all)."""
    source_id, record_id, payload = row[0], row[1], row[-1]
    blob = keyring.decrypt(payload, _record_context(source_id, record_id))  # type: ignore[arg-type]
    return decode_record_payload(blob)[1]


def insert_record_rows(connection: Connection, rows: list[RecordRow]) -> int:
    """Insert ready rows with one driver-level ``executemany``; returns how many.

    The statement goes straight to the driver: at a million rows, per-row parameter
    processing in the SQL toolkit would cost more than the encryption.
    """
    if rows:
        connection.exec_driver_sql(_insert_sql(connection, "record", _RECORD_COLUMNS), rows)
    return len(rows)


def insert_records(
    connection: Connection,
    keyring: Keyring,
    *,
    source_id: int,
    batch_id: int,
    file: str,
    rows: Iterable[PreparedRecord],
) -> int:
    ready = [
        record_row(keyring, source_id=source_id, batch_id=batch_id, file=file, prepared=p)
        for p in rows
    ]
    return insert_record_rows(connection, ready)


def _insert_sql(connection: Connection, table: str, columns: tuple[str, ...]) -> str:
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"


def existing_quarantine_macs(connection: Connection, source_id: int) -> set[str]:
    query = select(quarantine.c.content_mac).where(quarantine.c.source_id == source_id)
    return set(connection.execute(query).scalars())


def raw_row_mac(keyring: Keyring, raw: dict[str, str]) -> str:
    return keyring.mac(canonical_raw_bytes(raw))


def update_quarantined(
    connection: Connection,
    keyring: Keyring,
    row: QuarantinedRow,
    *,
    source_id: int,
    reason: str,
) -> None:
    """Replace a quarantined row's content and reason after a fix that still fails."""
    payload = keyring.encrypt(
        encode_quarantine_payload(dict(row.raw), row.file),
        _quarantine_context(source_id, row.batch_id or 0, row.row),
    )
    connection.execute(
        update(quarantine)
        .where(quarantine.c.id == row.id)
        .values(reason=reason, payload_enc=payload, content_mac=raw_row_mac(keyring, dict(row.raw)))
    )


def _filtered(query: Select[Any], where: RecordFilter) -> Select[Any]:
    if where.source is not None:
        query = query.where(source.c.name == where.source)
    if where.sex is not None:
        query = query.where(record.c.sex == where.sex.value)
    if where.event is not None:
        query = query.where(record.c.event == where.event)
    if where.with_issues is not None:
        query = query.where((record.c.issue_count > 0) == where.with_issues)
    if where.batch_id is not None:
        query = query.where(record.c.batch_id == where.batch_id)
    return query


def count_records(connection: Connection, where: RecordFilter) -> int:
    query = select(func.count()).select_from(record.join(source))
    return connection.execute(_filtered(query, where)).scalar_one()


def iter_records(
    connection: Connection,
    keyring: Keyring,
    where: RecordFilter,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[Record]:
    query = (
        select(record, source.c.name.label("source_name"))
        .select_from(record.join(source))
        .order_by(record.c.id)
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    for row in connection.execute(_filtered(query, where)).yield_per(1000):
        yield _row_to_record(keyring, row)


def _row_to_record(keyring: Keyring, row: Row[Any]) -> Record:
    blob = keyring.decrypt(row.payload_enc, _record_context(row.source_id, row.record_id))
    fields, raw, issues, _file = decode_record_payload(blob)
    return Record(row.source_name, row.record_id, fields, raw, row.row_number, row.batch_id, issues)


def load_record(
    connection: Connection, keyring: Keyring, source_name: str, record_id: str
) -> Record:
    query = (
        select(record, source.c.name.label("source_name"))
        .select_from(record.join(source))
        .where(source.c.name == source_name, record.c.record_id == record_id)
    )
    row = connection.execute(query).first()
    if row is None:
        raise NotFoundError(f"no record {record_id!r} in source {source_name!r}")
    return _row_to_record(keyring, row)


def _quarantine_context(source_id: int, batch_id: int, row_number: int) -> bytes:
    return f"quarantine:{source_id}:{batch_id}:{row_number}".encode()


def insert_quarantined(
    connection: Connection,
    keyring: Keyring,
    *,
    source_id: int,
    batch_id: int,
    rows: Iterable[tuple[QuarantinedRow, str]],
) -> int:
    """Insert (quarantined row, content_mac) pairs; returns how many."""
    values = [
        {
            "source_id": source_id,
            "batch_id": batch_id,
            "row_number": q.row,
            "reason": q.reason,
            "content_mac": mac,
            "status": "open",
            "payload_enc": keyring.encrypt(
                encode_quarantine_payload(dict(q.raw), q.file),
                _quarantine_context(source_id, batch_id, q.row),
            ),
        }
        for q, mac in rows
    ]
    if values:
        connection.execute(insert(quarantine), values)
    return len(values)


def list_quarantined(
    connection: Connection, keyring: Keyring, *, source_name: str | None, status: str | None
) -> list[QuarantinedRow]:
    query = (
        select(quarantine, source.c.name.label("source_name"))
        .select_from(quarantine.join(source))
        .order_by(quarantine.c.id)
    )
    if source_name is not None:
        query = query.where(source.c.name == source_name)
    if status is not None:
        query = query.where(quarantine.c.status == status)
    return [_row_to_quarantined(keyring, row) for row in connection.execute(query)]


def load_quarantined(
    connection: Connection, keyring: Keyring, quarantine_id: int
) -> QuarantinedRow:
    query = (
        select(quarantine, source.c.name.label("source_name"))
        .select_from(quarantine.join(source))
        .where(quarantine.c.id == quarantine_id)
    )
    row = connection.execute(query).first()
    if row is None:
        raise NotFoundError(f"no quarantined row {quarantine_id}")
    return _row_to_quarantined(keyring, row)


def quarantine_status(connection: Connection, quarantine_id: int) -> str:
    query = select(quarantine.c.status).where(quarantine.c.id == quarantine_id)
    status = connection.execute(query).scalar()
    if status is None:
        raise NotFoundError(f"no quarantined row {quarantine_id}")
    return status


def _row_to_quarantined(keyring: Keyring, row: Row[Any]) -> QuarantinedRow:
    context = _quarantine_context(row.source_id, row.batch_id, row.row_number)
    raw, file = decode_quarantine_payload(keyring.decrypt(row.payload_enc, context))
    return QuarantinedRow(
        row.id, row.source_name, file, row.row_number, row.reason, raw, row.batch_id
    )


def resolve_quarantined(connection: Connection, quarantine_id: int, status: str) -> None:
    connection.execute(
        update(quarantine)
        .where(quarantine.c.id == quarantine_id)
        .values(status=status, resolved_at=dt.datetime.now(dt.UTC))
    )


def source_id_of(connection: Connection, name: str) -> int:
    found = connection.execute(select(source.c.id).where(source.c.name == name)).scalar()
    if found is None:
        raise NotFoundError(f"no source named {name!r}")
    return found
