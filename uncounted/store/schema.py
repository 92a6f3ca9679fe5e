"""The case database's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Columns ending in ``_enc`` hold AES-GCM ciphertext (see ``crypto.py``); nothing identifying is
stored in any other column. What stays in clear is what the workspace must filter and count on
without the key being able to hide it from an auditor: ids, source names, sex, event type and
date, counts and reasons (reasons never quote values).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

workspace_meta = Table(
    "workspace_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

source = Table(
    "source",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("kind", String(40), nullable=False),
    Column("reliability", String(40), nullable=False),
    Column("sensitivity", String(20), nullable=False),
    Column("organisation_enc", LargeBinary),
    Column("description_enc", LargeBinary),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

import_batch = Table(
    "import_batch",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", ForeignKey("source.id"), nullable=False, index=True),
    Column("file_name_enc", LargeBinary, nullable=False),
    Column("file_mac", String(64), nullable=False),
    Column("format", String(10), nullable=False),
    Column("encoding", String(40)),
    Column("mapping_mac", String(64)),
    Column("mapping_enc", LargeBinary),
    Column("actor", String(200), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("read", Integer, nullable=False, default=0),
    Column("stored", Integer, nullable=False, default=0),
    Column("quarantined", Integer, nullable=False, default=0),
    Column("skipped_duplicates", Integer, nullable=False, default=0),
    Column("warnings", Integer, nullable=False, default=0),
)

record = Table(
    "record",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("source_id", ForeignKey("source.id"), nullable=False),
    Column("record_id", String(200), nullable=False),
    Column("batch_id", ForeignKey("import_batch.id"), nullable=False, index=True),
    Column("row_number", Integer, nullable=False),
    Column("content_mac", String(64), nullable=False),
    Column("sex", String(1)),
    Column("event", String(20)),
    Column("event_date", String(40)),
    Column("issue_count", Integer, nullable=False, default=0),
    Column("payload_enc", LargeBinary, nullable=False),
    UniqueConstraint("source_id", "record_id", name="uq_record_source_record_id"),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", ForeignKey("source.id"), nullable=False, index=True),
    Column("batch_id", ForeignKey("import_batch.id"), nullable=False),
    Column("row_number", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("content_mac", String(64), nullable=False),
    Column("status", String(20), nullable=False, default="open"),
    Column("payload_enc", LargeBinary, nullable=False),
    Column("resolved_at", DateTime(timezone=True)),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(40), nullable=False),
    Column("target", String(200), nullable=False),
    Column("details", Text, nullable=False),
    Column("prev_mac", String(64), nullable=False),
    Column("mac", String(64), nullable=False),
)
