"""The service layer: one object that the CLI and the web app call for everything.

A ``Workspace`` is an open, unlocked store plus who is acting. Every change goes through here so
that it is audited, and every read decrypts through the store's keyring.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path

from uncounted.errors import UsageError
from uncounted.exporting import ExportRequest, ExportResult, export_records
from uncounted.importing import ImportRequest, Progress, import_list
from uncounted.model import ImportReport, QuarantinedRow, Record, Source
from uncounted.quarantine import FixOutcome, discard_quarantined, fix_quarantined
from uncounted.store import AuditEntry, AuditVerification, KdfParams, Store, audit, records
from uncounted.store.codec import fields_to_json
from uncounted.store.records import RecordFilter
from uncounted.store.sources import SourceSummary, summarise_sources

WORKSPACE_ENV = "UNCOUNTED_WORKSPACE"
PASSPHRASE_ENV = "UNCOUNTED_PASSPHRASE"

__all__ = [
    "AuditEntry",
    "RecordFilter",
    "SourceSummary",
    "Workspace",
    "default_actor",
    "locate_workspace",
    "record_as_dict",
]


def record_as_dict(rec: Record) -> dict[str, object]:
    """A record as plain JSON-able data (dates as ISO text at their own precision)."""
    return {
        "source": rec.source,
        "record_id": rec.record_id,
        "row": rec.row,
        "batch_id": rec.batch_id,
        "fields": fields_to_json(rec.fields),
        "raw": dict(rec.raw),
        "issues": [str(i) for i in rec.issues],
    }


def locate_workspace(option: str | None) -> str:
    """``--workspace`` if given, else ``UNCOUNTED_WORKSPACE``, else the current folder."""
    return option or os.environ.get(WORKSPACE_ENV) or str(Path.cwd())


def default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid-{os.getuid()}"


def _filter_details(where: RecordFilter) -> dict[str, object]:
    return {k: str(v) for k, v in vars(where).items() if v is not None}


@dataclass
class Workspace:
    store: Store
    actor: str
    passphrase: str = field(repr=False)

    @classmethod
    def create(
        cls,
        where: str,
        passphrase: str,
        *,
        actor: str | None = None,
        kdf: KdfParams | None = None,
    ) -> Workspace:
        who = actor or default_actor()
        return cls(Store.create(where, passphrase, actor=who, kdf=kdf), who, passphrase)

    @classmethod
    def open(cls, where: str, passphrase: str, *, actor: str | None = None) -> Workspace:
        return cls(Store.open(where, passphrase), actor or default_actor(), passphrase)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def location(self) -> str:
        return self.store.location.display()

    # -- import ---------------------------------------------------------------------------
    def import_list(
        self,
        source: Source | str,
        path: Path,
        *,
        mapping: Path | None = None,
        encoding: str | None = None,
        progress: Progress | None = None,
    ) -> ImportReport:
        src = source if isinstance(source, Source) else Source(name=source)
        if not src.name.strip():
            raise UsageError("a source needs a name")
        request = ImportRequest(src, path, mapping, encoding, self.passphrase)
        return import_list(self.store, self.actor, request, progress)

    # -- reading --------------------------------------------------------------------------
    def sources(self) -> list[SourceSummary]:
        with self.store.reading() as connection:
            return summarise_sources(connection, self.store.keyring)

    def records(
        self, where: RecordFilter | None = None, *, limit: int | None = None, offset: int = 0
    ) -> list[Record]:
        """Decrypted records; this read of identifying data is itself audited."""
        where = where or RecordFilter()
        with self.store.reading() as connection:
            found = list(
                records.iter_records(
                    connection, self.store.keyring, where, limit=limit, offset=offset
                )
            )
        self._audit("read", "records", {"count": len(found), **_filter_details(where)})
        return found

    def count_records(self, where: RecordFilter | None = None) -> int:
        with self.store.reading() as connection:
            return records.count_records(connection, where or RecordFilter())

    def record(self, source: str, record_id: str) -> Record:
        with self.store.reading() as connection:
            found = records.load_record(connection, self.store.keyring, source, record_id)
        self._audit("read", f"record:{source}/{record_id}", {})
        return found

    # -- quarantine -----------------------------------------------------------------------
    def quarantined(
        self, source: str | None = None, status: str | None = "open"
    ) -> list[QuarantinedRow]:
        with self.store.reading() as connection:
            return records.list_quarantined(
                connection, self.store.keyring, source_name=source, status=status
            )

    def fix_quarantined(self, quarantine_id: int, changes: dict[str, str]) -> FixOutcome:
        return fix_quarantined(self.store, self.actor, quarantine_id, changes)

    def discard_quarantined(self, quarantine_id: int, reason: str) -> None:
        discard_quarantined(self.store, self.actor, quarantine_id, reason)

    # -- audit ----------------------------------------------------------------------------
    def verify_audit(self) -> AuditVerification:
        with self.store.reading() as connection:
            return audit.verify_chain(connection, self.store.keyring)

    def audit_entries(self, limit: int | None = None) -> list[AuditEntry]:
        with self.store.reading() as connection:
            return audit.read_entries(connection, limit)

    def _audit(self, action: str, target: str, details: dict[str, object]) -> None:
        with self.store.transaction() as connection:
            audit.append_entry(
                connection,
                self.store.keyring,
                actor=self.actor,
                action=action,
                target=target,
                details=details,
            )

    # -- export ---------------------------------------------------------------------------
    def export_records(self, request: ExportRequest) -> ExportResult:
        return export_records(self.store, self.actor, self.passphrase, request)
