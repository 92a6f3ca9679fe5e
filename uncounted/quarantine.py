"""Fix and retry, or discard, a quarantined row.

A row was quarantined because it could not be a record (no id, an id used twice, an unreadable
line). A reviewer supplies corrected values for canonical columns; the row is parsed again with
the same rules and mapping as its import. If it now makes a record, the record is stored with the
raw row exactly as it was received, plus one issue per corrected column saying so; the quarantined
row is marked fixed. If not, it stays quarantined with the new reason. Either way it is audited
(column names only). Discarding keeps the row (status ``discarded``) with the reviewer's reason:
nothing is ever deleted.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from uncounted.errors import IntegrityError, UsageError
from uncounted.ingest import canonical_view, parse_mapping, parse_row_values
from uncounted.model import CANONICAL_COLUMNS, FieldIssue, QuarantinedRow
from uncounted.store import Store, audit, records, sources


@dataclass(frozen=True)
class FixOutcome:
    quarantine_id: int
    stored: bool
    record_id: str | None
    reason: str | None


def fix_quarantined(
    store: Store, actor: str, quarantine_id: int, changes: dict[str, str]
) -> FixOutcome:
    unknown = sorted(set(changes) - set(CANONICAL_COLUMNS))
    if unknown:
        raise UsageError(f"not canonical columns: {', '.join(unknown)}")
    with store.transaction() as connection:
        if records.quarantine_status(connection, quarantine_id) != "open":
            raise UsageError(f"quarantined row {quarantine_id} is already resolved")
        row = records.load_quarantined(connection, store.keyring, quarantine_id)
        batch_id = _stored_batch(row)
        source_id = records.source_id_of(connection, row.source)
        mapping_text = sources.load_batch_mapping(connection, store.keyring, batch_id)
        mapping = parse_mapping(mapping_text, "mapping") if mapping_text else None
        values = {**canonical_view(row.raw, mapping), **changes}
        record_id, fields, issues = parse_row_values(
            values, file=row.file, row=row.row, mapping=mapping
        )
        reason = _why_not_a_record(connection, source_id, record_id)
        if reason is None:
            corrections = tuple(
                FieldIssue(
                    row.file, row.row, column, f"corrected from quarantine #{row.id}", column
                )
                for column in sorted(changes)
            )
            records.insert_records(
                connection,
                store.keyring,
                source_id=source_id,
                batch_id=batch_id,
                file=row.file,
                rows=[
                    records.prepare_record(
                        store.keyring,
                        record_id,
                        row.row,
                        fields,
                        dict(row.raw),
                        issues + corrections,
                    )
                ],
            )
            records.resolve_quarantined(connection, quarantine_id, "fixed")
        else:
            records.update_quarantined(
                connection,
                store.keyring,
                _with_reason(row, reason),
                source_id=source_id,
                reason=reason,
            )
        audit.append_entry(
            connection,
            store.keyring,
            actor=actor,
            action="quarantine-fix",
            target=f"quarantine:{quarantine_id}",
            details={"columns": sorted(changes), "stored": reason is None, "record_id": record_id},
        )
    return FixOutcome(quarantine_id, reason is None, record_id, reason)


def _stored_batch(row: QuarantinedRow) -> int:
    if row.batch_id is None:
        raise IntegrityError(f"quarantined row {row.id} has no import batch")
    return row.batch_id


def _why_not_a_record(connection: Connection, source_id: int, record_id: str | None) -> str | None:
    if record_id is None:
        return "no record_id: a row without the source's id cannot be a record"
    if records.record_exists(connection, source_id, record_id):
        return "record_id already stored for this source"
    return None


def _with_reason(row: QuarantinedRow, reason: str) -> QuarantinedRow:
    return QuarantinedRow(row.id, row.source, row.file, row.row, reason, row.raw, row.batch_id)


def discard_quarantined(store: Store, actor: str, quarantine_id: int, reason: str) -> None:
    if not reason.strip():
        raise UsageError("discarding a quarantined row needs a reason")
    with store.transaction() as connection:
        if records.quarantine_status(connection, quarantine_id) != "open":
            raise UsageError(f"quarantined row {quarantine_id} is already resolved")
        records.resolve_quarantined(connection, quarantine_id, "discarded")
        audit.append_entry(
            connection,
            store.keyring,
            actor=actor,
            action="quarantine-discard",
            target=f"quarantine:{quarantine_id}",
            details={"reason": reason.strip()},
        )
