"""A throwaway PostgreSQL server for the test suite, started from the Debian binaries.

Tests that run "on PostgreSQL" run on a real server: either the one named by
``UNCOUNTED_TEST_POSTGRES_URL`` or one this module starts in a temporary folder (``initdb`` +
``pg_ctl``, as the ``postgres`` user when the suite runs as root), listening only on a Unix
socket inside that folder. With ``UNCOUNTED_REQUIRE_POSTGRES=1`` (set by CI) a missing server is
a failure, not a skip.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


class ThrowawayServer:
    def __init__(self) -> None:
        self.bin = _binaries()
        self.folder: Path | None = None

    def start(self) -> str:
        if self.bin is None:
            raise RuntimeError("PostgreSQL binaries not found (apt-get install postgresql)")
        self.folder = Path(tempfile.mkdtemp(prefix="uncounted-pg-"))
        if os.geteuid() == 0:
            entry = pwd.getpwnam("postgres")
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        data = self.folder / "data"
        subprocess.run(
            _as_postgres(
                [
                    str(self.bin / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            capture_output=True,
        )
        options = f"-c listen_addresses='' -c unix_socket_directories='{self.folder}' -c fsync=off"
        subprocess.run(
            _as_postgres(
                [
                    str(self.bin / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-w",
                    "-l",
                    str(self.folder / "server.log"),
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )
        return f"postgresql://postgres@/postgres?host={self.folder}"

    def stop(self) -> None:
        if self.folder is None:
            return
        subprocess.run(
            _as_postgres(
                [
                    str(self.bin / "pg_ctl"),
                    "-D",
                    str(self.folder / "data"),
                    "-m",
                    "immediate",
                    "stop",
                ]
            ),
            capture_output=True,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def fresh_database(admin_url: str) -> str:
    """Create an empty database on the server and return its URL."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base, _, query = admin_url.partition("?")
    return f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")
