"""The case database: tables, migrations, encryption at rest, audit log."""

from uncounted.store.audit import AuditEntry, AuditVerification
from uncounted.store.crypto import KdfParams
from uncounted.store.database import Store
from uncounted.store.engine import Location, resolve_location

__all__ = ["AuditEntry", "AuditVerification", "KdfParams", "Location", "Store", "resolve_location"]
