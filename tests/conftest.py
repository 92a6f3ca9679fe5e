"""Shared fixtures: fast keys for tests, workspaces on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.postgres_server import ThrowawayServer, fresh_database
from uncounted.store import KdfParams

# Tests derive many keys; production parameters stay the default everywhere else.
TEST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
PASSPHRASE = "correct horse battery staple"


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    configured = os.environ.get("UNCOUNTED_TEST_POSTGRES_URL")
    if configured:
        yield configured
        return
    server = ThrowawayServer()
    try:
        url = server.start()
    except Exception as error:  # missing binaries, no postgres user, initdb failure...
        if os.environ.get("UNCOUNTED_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here but could not start: {error}")
        pytest.skip(f"no PostgreSQL server: {error}")
    yield url
    server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def workspace_location(request: pytest.FixtureRequest, tmp_path) -> str:
    """Where to create a workspace: a temporary folder, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "ws")
    return fresh_database(request.getfixturevalue("postgres_admin_url"))
