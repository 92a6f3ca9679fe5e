"""Where a workspace lives, and how to connect to it: a SQLite file (default) or PostgreSQL.

SQLite is opened so that one ``transaction()`` is one real database transaction that takes the
write lock at its start (``BEGIN IMMEDIATE``): an import killed half-way leaves the file as it was
(the journal rolls it back on the next open), and two writers never interleave. Temporary tables
and sorts stay in memory, never in a temp file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import NullPool

from uncounted.errors import WorkspaceError

DATABASE_FILE = "uncounted.db"
_POSTGRES_PREFIXES = ("postgresql://", "postgresql+psycopg://", "postgres://")


@dataclass(frozen=True)
class Location:
    """A workspace's address: a folder holding ``uncounted.db``, or a PostgreSQL URL."""

    url: str
    folder: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.folder is not None

    @property
    def database_file(self) -> Path | None:
        return self.folder / DATABASE_FILE if self.folder is not None else None

    def exists(self) -> bool:
        """For SQLite, whether the file is there; PostgreSQL is checked by connecting."""
        return self.database_file.exists() if self.database_file is not None else True

    def display(self) -> str:
        """The location without any password in the URL."""
        if self.folder is not None:
            return str(self.folder)
        head, _, tail = self.url.partition("://")
        if "@" in tail:
            credentials, _, host = tail.rpartition("@")
            user = credentials.split(":", 1)[0]
            return f"{head}://{user}@{host}"
        return self.url


def resolve_location(where: str | Path) -> Location:
    text = str(where)
    if text.startswith(_POSTGRES_PREFIXES):
        _scheme, _, rest = text.partition("://")
        return Location(url=f"postgresql+psycopg://{rest}", folder=None)
    folder = Path(text).expanduser().resolve()
    if folder.exists() and not folder.is_dir():
        raise WorkspaceError(f"{folder} is a file; a workspace is a folder or a PostgreSQL URL")
    return Location(url=f"sqlite:///{folder / DATABASE_FILE}", folder=folder)


def create_database_engine(location: Location) -> Engine:
    if location.is_sqlite:
        return _sqlite_engine(location.url)
    try:
        return create_engine(location.url, poolclass=NullPool)
    except ModuleNotFoundError as error:
        raise WorkspaceError(
            "PostgreSQL needs the psycopg driver: pip install 'uncounted[postgres]'"
        ) from error


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        for pragma in (
            "PRAGMA foreign_keys=ON",
            "PRAGMA journal_mode=DELETE",
            "PRAGMA synchronous=FULL",
            "PRAGMA temp_store=MEMORY",
            "PRAGMA secure_delete=ON",
            "PRAGMA busy_timeout=30000",
        ):
            cursor.execute(pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin_immediate(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
