"""Nothing identifying is readable at rest: every byte the workspace wrote is searched."""

from __future__ import annotations

import logging
import time
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, TEST_KDF
from uncounted.exporting import ExportRequest
from uncounted.simulate import ScenarioConfig, simulate_scenario, write_list
from uncounted.workspace import Workspace

ENCODING_BY_STYLE = {"hangul_north": "cp949", "chinese": "gb18030"}


def _canaries(scenario) -> set[str]:
    """Every simulated name-like value long enough that random bytes will not contain it."""
    found: set[str] = set()
    for sim_list in scenario.lists:
        for row in sim_list.rows:
            values = [row.get(c, "") for c in ("name", "family_name", "given_name", "notes")]
            values += [v.strip() for v in row.get("name_alt", "").split(";")]
            found.update(v for v in values if len(v.encode("utf-8")) >= 6)
    return found


def _encodings_of(canary: str) -> list[bytes]:
    forms = {canary, unicodedata.normalize("NFD", canary)}
    encoded = []
    for form in forms:
        for codec in ("utf-8", "utf-16-le", "cp949", "gb18030"):
            try:
                data = form.encode(codec)
            except UnicodeEncodeError:
                continue
            if len(data) >= 6:
                encoded.append(data)
    return encoded


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("at-rest")
    scenario = simulate_scenario(ScenarioConfig(n_people=300, n_lists=5, seed=11))
    ws = Workspace.create(str(folder / "ws"), PASSPHRASE, actor="tester", kdf=TEST_KDF)
    for sim_list in scenario.lists:
        encoding = ENCODING_BY_STYLE.get(sim_list.style, "utf-8")
        path = write_list(sim_list, folder / "lists" / f"{sim_list.name}.csv", encoding=encoding)
        ws.import_list(sim_list.name, path)
        ws.import_list(sim_list.name, path)  # re-import: adds nothing
    ws.export_records(ExportRequest(folder / "ws" / "restricted.csv"))
    ws.export_records(ExportRequest(folder / "ws" / "restricted.parquet", format="parquet"))
    ws.export_records(ExportRequest(folder / "ws" / "public.csv", public=True))
    ws.verify_audit()
    yield folder / "ws", scenario, ws
    ws.close()


def test_no_file_the_workspace_wrote_contains_a_simulated_name(imported):
    workspace_folder, scenario, _ws = imported
    files = [p for p in Path(workspace_folder).rglob("*") if p.is_file()]
    assert any(p.name == "uncounted.db" for p in files)
    contents = {p: p.read_bytes() for p in files}
    canaries = _canaries(scenario)
    assert len(canaries) > 100
    leaks = [
        (path.name, canary)
        for canary in canaries
        for needle in _encodings_of(canary)
        for path, data in contents.items()
        if needle in data
    ]
    assert leaks == []


def test_the_workspace_still_reads_them_with_the_key(imported):
    _folder, scenario, ws = imported
    first = scenario.lists[0]
    row = next(r for r in first.rows if r.get("name"))
    stored = ws.record(first.name, row["record_id"])
    assert stored.fields.name == " ".join(unicodedata.normalize("NFC", row["name"]).split())


def test_logs_carry_no_names(tmp_path, caplog):
    scenario = simulate_scenario(ScenarioConfig(n_people=60, n_lists=3, seed=5))
    caplog.set_level(logging.DEBUG)
    with Workspace.create(str(tmp_path / "ws"), PASSPHRASE, actor="tester", kdf=TEST_KDF) as ws:
        for sim_list in scenario.lists:
            ws.import_list(sim_list.name, write_list(sim_list, tmp_path / f"{sim_list.name}.csv"))
            ws.records()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert not [c for c in _canaries(scenario) if c in logged]


@pytest.mark.postgres
def test_postgresql_files_hold_no_simulated_name(postgres_admin_url, tmp_path):
    """The server's own files (heap, WAL) after a checkpoint: ciphertext only."""
    import psycopg

    from tests.postgres_server import fresh_database

    folder = dict(p.split("=", 1) for p in postgres_admin_url.partition("?")[2].split("&") if p)
    data_dir = Path(folder.get("host", "")) / "data"
    if not data_dir.is_dir():
        pytest.skip("an external PostgreSQL server: its files are not ours to read")
    scenario = simulate_scenario(ScenarioConfig(n_people=150, n_lists=5, seed=12))
    started = time.time() - 1
    with Workspace.create(
        fresh_database(postgres_admin_url), PASSPHRASE, actor="t", kdf=TEST_KDF
    ) as ws:
        for sim_list in scenario.lists:
            path = write_list(sim_list, tmp_path / f"{sim_list.name}.csv")
            ws.import_list(sim_list.name, path)
    with psycopg.connect(postgres_admin_url, autocommit=True) as connection:
        connection.execute("CHECKPOINT")
    # A fixed sample of names keeps the scan of the server's files (16 MiB WAL segments) short.
    sample = sorted(_canaries(scenario))[::4]
    canaries = [n for c in sample for n in _encodings_of(c)]
    written = [p for p in data_dir.rglob("*") if p.is_file() and p.stat().st_mtime >= started]
    assert any("pg_wal" in str(p) for p in written) and len(sample) > 50
    contents = {p: p.read_bytes().rstrip(b"\x00") for p in written}
    leaks = [p.name for p, data in contents.items() if any(n in data for n in canaries)]
    assert leaks == []
