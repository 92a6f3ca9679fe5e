"""Bring a database's schema to the version this code expects (Alembic, shipped in the package)."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection


def _alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("uncounted.store") / "migrations")
    )
    config.attributes["connection"] = connection
    return config


def upgrade_to_head(connection: Connection) -> None:
    """Run pending migrations inside the caller's transaction."""
    command.upgrade(_alembic_config(connection), "head")


def schema_differences(connection: Connection) -> list[object]:
    """What autogenerate would change: empty when migrations and ``schema.py`` agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from uncounted.store.schema import metadata

    context = MigrationContext.configure(connection, opts={"render_as_batch": True})
    return list(compare_metadata(context, metadata))
