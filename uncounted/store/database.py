"""The ``Store``: one workspace's database, its schema version and its unlocked keys."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.exc import DatabaseError, DBAPIError, OperationalError

from uncounted.errors import WorkspaceError, WorkspaceExistsError
from uncounted.store import audit
from uncounted.store.crypto import KdfParams, Keyring
from uncounted.store.engine import Location, create_database_engine, resolve_location
from uncounted.store.keys import initialise_keys, unlock_keys
from uncounted.store.migrate import upgrade_to_head
from uncounted.store.schema import workspace_meta


class Store:
    """An open workspace database. Create with ``Store.create`` or ``Store.open``."""

    def __init__(self, location: Location, engine: Engine, keyring: Keyring):
        self.location = location
        self.engine = engine
        self.keyring = keyring

    @classmethod
    def create(
        cls, where: str, passphrase: str, *, actor: str, kdf: KdfParams | None = None
    ) -> Store:
        location = resolve_location(where)
        if location.folder is not None:
            if location.exists():
                raise WorkspaceExistsError(f"a workspace already exists in {location.display()}")
            location.folder.mkdir(parents=True, exist_ok=True)
        engine = create_database_engine(location)
        with _translated_errors(location), engine.begin() as connection:
            if inspect(connection).has_table(workspace_meta.name):
                raise WorkspaceExistsError(f"a workspace already exists in {location.display()}")
            upgrade_to_head(connection)
            keyring = initialise_keys(connection, passphrase, kdf or KdfParams())
            audit.append_entry(
                connection,
                keyring,
                actor=actor,
                action="init",
                target="workspace",
                details={"backend": "sqlite" if location.is_sqlite else "postgresql"},
            )
        return cls(location, engine, keyring)

    @classmethod
    def open(cls, where: str, passphrase: str) -> Store:
        location = resolve_location(where)
        if not location.exists():
            raise WorkspaceError(
                f"no workspace in {location.display()}: run `uncounted init` there, or give "
                "--workspace / UNCOUNTED_WORKSPACE"
            )
        engine = create_database_engine(location)
        with _translated_errors(location), engine.begin() as connection:
            if not inspect(connection).has_table(workspace_meta.name):
                raise WorkspaceError(f"{location.display()} holds no uncounted workspace")
            keyring = unlock_keys(connection, passphrase)
            upgrade_to_head(connection)
        return cls(location, engine, keyring)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One unit of work: committed whole at the end, or rolled back whole on any error."""
        with _translated_errors(self.location), self.engine.begin() as connection:
            yield connection

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with _translated_errors(self.location), self.engine.connect() as connection:
            yield connection

    def close(self) -> None:
        self.engine.dispose()


@contextmanager
def _translated_errors(location: Location) -> Iterator[None]:
    """Driver errors about reaching the database become a ``WorkspaceError`` naming where."""
    try:
        yield
    except OperationalError as error:
        raise WorkspaceError(
            f"cannot use the workspace database at {location.display()}: {error.orig}"
        ) from error
    except DatabaseError as error:
        if "not a database" in str(error.orig):
            raise WorkspaceError(f"{location.display()} is not a workspace database") from error
        raise
    except DBAPIError as error:
        if error.connection_invalidated:
            raise WorkspaceError(f"lost the connection to {location.display()}") from error
        raise
