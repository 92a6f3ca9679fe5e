"""One import: a list file read row by row into records and quarantined rows, in one transaction.

Every row read ends in exactly one place: stored, quarantined (it cannot be a record: no id, an id
used twice, an unreadable line, an id already stored with other content), or skipped because the
workspace already holds it (re-importing a file adds nothing). The whole file is one database
transaction: an import that fails or is killed half-way leaves the workspace as it was. Rows are
read, parsed and encrypted by ``import_reader`` (in a second process); this module decides about
each one and writes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection

from uncounted.errors import MappingError
from uncounted.import_reader import ReaderJob, ReadyQuarantine, ReadyRecord, stream_batches
from uncounted.ingest import open_list, parse_mapping
from uncounted.model import ImportReport, QuarantinedRow, Source
from uncounted.store import Store, audit, records, sealed, sources

Progress = Callable[[int, int], None]
_FLUSH_ROWS = 5000


@dataclass(frozen=True)
class ImportRequest:
    source: Source
    path: Path
    mapping_path: Path | None = None
    encoding: str | None = None
    passphrase: str | None = None  # opens sealed (encrypted) exports


@dataclass
class _Pending:
    """Rows decided but not yet written, and what the workspace and this file already hold."""

    known_records: dict[str, str]
    known_quarantine: set[str]
    first_row_of: dict[str, tuple[int, str]] = field(default_factory=dict)
    to_store: list[records.RecordRow] = field(default_factory=list)
    to_quarantine: list[tuple[QuarantinedRow, str]] = field(default_factory=list)


def import_list(
    store: Store, actor: str, request: ImportRequest, progress: Progress | None = None
) -> ImportReport:
    content = _sealed_content(request)
    mapping_text = _read_mapping(request.mapping_path) if request.mapping_path else None
    mapping = parse_mapping(mapping_text, str(request.mapping_path)) if mapping_text else None
    file_mac = store.keyring.mac(content if content is not None else _file_digest(request.path))
    # Opened here first so that a file that cannot be a list is refused before anything starts.
    with open_list(
        request.path, mapping=mapping, encoding=request.encoding, content=content
    ) as lst:
        report = ImportReport(request.source.name, lst.file_name, lst.encoding)
        report.warnings.extend(lst.warnings)
    with store.transaction() as connection:
        source_id = _ensure_source(store, connection, actor, request.source)
        batch_id = sources.start_batch(
            connection,
            store.keyring,
            source_id=source_id,
            file_name=lst.file_name,
            file_mac=file_mac,
            file_format=lst.format,
            encoding=lst.encoding,
            mapping_text=mapping_text,
            actor=actor,
        )
        job = ReaderJob(
            request.path, mapping, request.encoding, content, source_id, batch_id, lst.file_name
        )
        pending = _Pending(
            records.existing_record_macs(connection, source_id),
            records.existing_quarantine_macs(connection, source_id),
        )
        for batch, position in stream_batches(job, store.keyring):
            for item in batch:
                _decide(request.source.name, lst.file_name, item, pending, report, store)
            if len(pending.to_store) + len(pending.to_quarantine) >= _FLUSH_ROWS:
                _flush(store, connection, source_id, batch_id, pending)
            if progress is not None:
                progress(position, lst.size)
        _flush(store, connection, source_id, batch_id, pending)
        _close_batch(connection, batch_id, report)
        audit.append_entry(
            connection,
            store.keyring,
            actor=actor,
            action="import",
            target=f"source:{request.source.name}",
            details=_audit_details(report),
        )
    return report


def _read_mapping(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except UnicodeDecodeError:
        raise MappingError(str(path), "a mapping file must be UTF-8 text") from None
    except OSError as error:
        raise MappingError(str(path), f"cannot read it ({error.strerror})") from None


def _sealed_content(request: ImportRequest) -> bytes | None:
    """The decrypted bytes of a sealed export (kept in memory only), or ``None``."""
    with request.path.open("rb") as handle:
        if not sealed.is_sealed(handle.read(len(sealed.MAGIC))):
            return None
    return sealed.open_sealed(request.path.read_bytes(), request.passphrase or "")


def _file_digest(path: Path) -> bytes:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.digest()


def _ensure_source(store: Store, connection: Connection, actor: str, source: Source) -> int:
    source_id, created = sources.ensure_source(connection, store.keyring, source)
    if created:
        audit.append_entry(
            connection,
            store.keyring,
            actor=actor,
            action="source-create",
            target=f"source:{source.name}",
            details={
                "kind": source.kind.value,
                "reliability": source.reliability.value,
                "sensitivity": source.sensitivity.value,
            },
        )
    return source_id


def _close_batch(connection: Connection, batch_id: int, report: ImportReport) -> None:
    if report.stored or report.quarantined:
        report.batch_id = batch_id
        sources.finish_batch(connection, batch_id, report)
    else:
        sources.discard_empty_batch(connection, batch_id)


def _audit_details(report: ImportReport) -> dict[str, object]:
    return {
        "batch_id": report.batch_id,
        "read": report.read,
        "stored": report.stored,
        "quarantined": report.quarantined,
        "skipped_duplicates": report.skipped_duplicates,
        "warnings": len(report.warnings),
        "encoding": report.encoding,
    }


def _decide(
    source: str,
    file: str,
    item: ReadyRecord | ReadyQuarantine,
    pending: _Pending,
    report: ImportReport,
    store: Store,
) -> None:
    report.read += 1
    if isinstance(item, ReadyQuarantine):
        _quarantine(store, source, file, item.row, item.raw, item.reason, pending, report)
        return
    reason = _conflict(item, pending)
    if reason == "duplicate":
        report.skipped_duplicates += 1
    elif reason is not None:
        raw = records.raw_of_record_row(store.keyring, item.values)
        _quarantine(store, source, file, item.row, raw, reason, pending, report)
    else:
        pending.first_row_of[item.record_id] = (item.row, item.content_mac)
        pending.to_store.append(item.values)
        report.stored += 1
        if item.issues:
            report.warnings.extend(item.issues)


def _conflict(item: ReadyRecord, pending: _Pending) -> str | None:
    """``None`` to store, ``"duplicate"`` to skip, or the reason to quarantine."""
    if item.record_id in pending.first_row_of:
        first_row, first_mac = pending.first_row_of[item.record_id]
        if first_mac == item.content_mac:
            return "duplicate"
        return f"duplicate record_id: the same id is already used at row {first_row}"
    if item.record_id in pending.known_records:
        if pending.known_records[item.record_id] == item.content_mac:
            return "duplicate"
        return "record_id already stored for this source with different content"
    return None


def _quarantine(
    store: Store,
    source: str,
    file: str,
    row: int,
    raw: dict[str, str],
    reason: str,
    pending: _Pending,
    report: ImportReport,
) -> None:
    mac = records.raw_row_mac(store.keyring, raw)
    if mac in pending.known_quarantine:
        report.skipped_duplicates += 1
        return
    pending.known_quarantine.add(mac)
    pending.to_quarantine.append((QuarantinedRow(None, source, file, row, reason, raw), mac))
    report.quarantined += 1
    report.quarantine_reasons.append(f"{file}, row {row}: {reason}")


def _flush(
    store: Store, connection: Connection, source_id: int, batch_id: int, pending: _Pending
) -> None:
    records.insert_record_rows(connection, pending.to_store)
    records.insert_quarantined(
        connection,
        store.keyring,
        source_id=source_id,
        batch_id=batch_id,
        rows=pending.to_quarantine,
    )
    pending.to_store.clear()
    pending.to_quarantine.clear()
