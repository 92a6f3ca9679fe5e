"""One import: a list file read row by row into records and quarantined rows, in one transaction.

Every row read ends in exactly one place: stored, quarantined (it cannot be a record: no id, an id
used twice, an unreadable line, an id already stored with other content), or skipped because the
workspace already holds it (re-importing a file adds nothing). The whole file is one database
transaction: an import that fails or is killed half-way leaves the workspace as it was.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection

from uncounted.ingest import ListFile, ParsedRow, UnreadableRow, open_list, parse_mapping
from uncounted.model import ImportReport, QuarantinedRow, Source
from uncounted.store import Store, audit, records, sealed, sources

Progress = Callable[[int, int], None]
_FLUSH_ROWS = 5000


@dataclass
class _Pending:
    """Rows classified but not yet written, and what is already known to the workspace."""

    known_records: dict[str, str]
    known_quarantine: set[str]
    first_row_of: dict[str, tuple[int, str]] = field(default_factory=dict)
    to_store: list[records.PreparedRecord] = field(default_factory=list)
    to_quarantine: list[tuple[QuarantinedRow, str]] = field(default_factory=list)


@dataclass(frozen=True)
class ImportRequest:
    source: Source
    path: Path
    mapping_path: Path | None = None
    encoding: str | None = None
    passphrase: str | None = None  # opens sealed (encrypted) exports


def import_list(
    store: Store, actor: str, request: ImportRequest, progress: Progress | None = None
) -> ImportReport:
    data = request.path.read_bytes() if _is_sealed_file(request.path) else None
    content = sealed.open_sealed(data, request.passphrase or "") if data is not None else None
    mapping_text = request.mapping_path.read_text("utf-8") if request.mapping_path else None
    mapping = parse_mapping(mapping_text, str(request.mapping_path)) if mapping_text else None
    file_mac = store.keyring.mac(content if content is not None else _file_digest(request.path))
    with (
        open_list(request.path, mapping=mapping, encoding=request.encoding, content=content) as lst,
        store.transaction() as connection,
    ):
        report = ImportReport(source=request.source.name, file=lst.file_name, encoding=lst.encoding)
        report.warnings.extend(lst.warnings)
        source_id, created = sources.ensure_source(connection, store.keyring, request.source)
        if created:
            audit.append_entry(
                connection,
                store.keyring,
                actor=actor,
                action="source-create",
                target=f"source:{request.source.name}",
                details={
                    "kind": request.source.kind.value,
                    "reliability": request.source.reliability.value,
                    "sensitivity": request.source.sensitivity.value,
                },
            )
        batch = _BatchWriter(store, connection, source_id, lst, file_mac, mapping_text, actor)
        pending = _Pending(
            records.existing_record_macs(connection, source_id),
            records.existing_quarantine_macs(connection, source_id),
        )
        for item in lst.rows():
            report.read += 1
            _classify(store, request.source.name, lst.file_name, item, pending, report)
            if len(pending.to_store) + len(pending.to_quarantine) >= _FLUSH_ROWS:
                batch.flush(pending)
                if progress is not None:
                    progress(lst.tell(), lst.size)
        batch.flush(pending)
        report.batch_id = batch.batch_id
        if batch.batch_id is not None:
            sources.finish_batch(connection, batch.batch_id, report)
        audit.append_entry(
            connection,
            store.keyring,
            actor=actor,
            action="import",
            target=f"source:{request.source.name}",
            details=_audit_details(report),
        )
    if progress is not None:
        progress(lst.size, lst.size)
    return report


def _is_sealed_file(path: Path) -> bool:
    with path.open("rb") as handle:
        return sealed.is_sealed(handle.read(len(sealed.MAGIC)))


def _file_digest(path: Path) -> bytes:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.digest()


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


def _classify(
    store: Store,
    source: str,
    file: str,
    item: ParsedRow | UnreadableRow,
    pending: _Pending,
    report: ImportReport,
) -> None:
    if isinstance(item, UnreadableRow):
        _quarantine(store, source, file, item.row, item.raw, item.reason, pending, report)
        return
    if item.record_id is None:
        reason = "no record_id: a row without the source's id cannot be a record"
        _quarantine(store, source, file, item.row, item.raw, reason, pending, report)
        return
    prepared = records.prepare_record(
        store.keyring, item.record_id, item.row, item.fields, item.raw, item.issues
    )
    reason = _conflict(item, prepared.content_mac, pending)
    if reason == "duplicate":
        report.skipped_duplicates += 1
    elif reason is not None:
        _quarantine(store, source, file, item.row, item.raw, reason, pending, report)
    else:
        pending.first_row_of[item.record_id] = (item.row, prepared.content_mac)
        pending.to_store.append(prepared)
        report.stored += 1
        if item.issues:
            report.warnings.extend(str(issue) for issue in item.issues)


def _conflict(item: ParsedRow, mac: str, pending: _Pending) -> str | None:
    """``None`` to store, ``"duplicate"`` to skip, or the reason to quarantine."""
    rid = item.record_id
    assert rid is not None
    if rid in pending.first_row_of:
        first_row, first_mac = pending.first_row_of[rid]
        if first_mac == mac:
            return "duplicate"
        return f"duplicate record_id: the same id is already used at row {first_row}"
    if rid in pending.known_records:
        if pending.known_records[rid] == mac:
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


class _BatchWriter:
    """Writes pending rows; creates the batch row only once there is something to write."""

    def __init__(
        self,
        store: Store,
        connection: Connection,
        source_id: int,
        lst: ListFile,
        file_mac: str,
        mapping_text: str | None,
        actor: str,
    ):
        self._store, self._connection, self._source_id = store, connection, source_id
        self._lst, self._file_mac, self._mapping_text, self._actor = (
            lst,
            file_mac,
            mapping_text,
            actor,
        )
        self.batch_id: int | None = None

    def flush(self, pending: _Pending) -> None:
        if not pending.to_store and not pending.to_quarantine:
            return
        if self.batch_id is None:
            self.batch_id = sources.start_batch(
                self._connection,
                self._store.keyring,
                source_id=self._source_id,
                file_name=self._lst.file_name,
                file_mac=self._file_mac,
                file_format=self._lst.format,
                encoding=self._lst.encoding,
                mapping_text=self._mapping_text,
                actor=self._actor,
            )
        common = {"source_id": self._source_id, "batch_id": self.batch_id}
        records.insert_records(
            self._connection,
            self._store.keyring,
            file=self._lst.file_name,
            rows=pending.to_store,
            **common,
        )
        records.insert_quarantined(
            self._connection, self._store.keyring, rows=pending.to_quarantine, **common
        )
        pending.to_store.clear()
        pending.to_quarantine.clear()
