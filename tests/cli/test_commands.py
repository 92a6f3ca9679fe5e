"""The CLI end to end (in-process): accounts, errors, exit codes, quarantine, audit, exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from tests.conftest import PASSPHRASE, TEST_KDF
from uncounted.cli import app
from uncounted.workspace import Workspace

runner = CliRunner()

LIST = (
    "record_id,name,sex,birth_date,age,reported_on,home,event,event_date,notes,broker\n"
    "A-1,김영희,F,1987-03-14,,,혜산,repatriation,2023-10-09,,yes\n"
    'A-2,Kim Young-hee,female,1987,,,Hyesan,repatriation,2023-10-09,=HYPERLINK("x"),\n'
    "A-3,리영숙,여,1990년 3월,,,회령,arrest,2023-08,,\n"
    ",박순희,F,,,,,,,,\n"
    "A-4,최명숙,X,1985-02-30,,,,,,,\n"
    "A-4,최명숙,F,1985,,,,,,,\n"
    "A-5,,,,,,,,,,\n"
)


@pytest.fixture
def workspace(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("UNCOUNTED_PASSPHRASE", PASSPHRASE)
    folder = tmp_path / "ws"
    Workspace.create(str(folder), PASSPHRASE, actor="tester", kdf=TEST_KDF).close()
    monkeypatch.setenv("UNCOUNTED_WORKSPACE", str(folder))
    return folder


def _import(tmp_path: Path, content: str, *extra: str) -> dict:
    path = tmp_path / "list.csv"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["import", "--source", "tjwg", str(path), "--json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_import_gives_an_exact_account(workspace, tmp_path):
    report = _import(tmp_path, LIST)
    assert report["read"] == 7
    assert report["read"] == report["stored"] + report["quarantined"] + report["skipped_duplicates"]
    assert report["stored"] == 5  # A-4 (first), A-5 (unidentified but a record)
    assert report["quarantined"] == 2  # no record_id; second A-4 with other content
    warnings = "\n".join(report["warnings"])
    assert "row 6, column sex" in warnings and "row 6, column birth_date" in warnings


def test_reimporting_the_same_file_adds_nothing(workspace, tmp_path):
    _import(tmp_path, LIST)
    again = _import(tmp_path, LIST)
    assert again["stored"] == 0 and again["quarantined"] == 0
    assert again["skipped_duplicates"] == again["read"] == 7
    count = runner.invoke(app, ["records", "count", "--json"])
    assert json.loads(count.stdout) == {"count": 5}


def test_show_keeps_the_raw_row_beside_the_parsed_fields(workspace, tmp_path):
    _import(tmp_path, LIST)
    result = runner.invoke(app, ["show", "tjwg", "A-4", "--json"])
    shown = json.loads(result.stdout)
    assert shown["raw"]["birth_date"] == "1985-02-30"
    assert "birth_date" not in shown["fields"]
    assert shown["fields"]["name"] == "최명숙"


def test_filters(workspace, tmp_path):
    _import(tmp_path, LIST)
    result = runner.invoke(app, ["records", "list", "--event", "repatriation", "--json"])
    assert {r["record_id"] for r in json.loads(result.stdout)["records"]} == {"A-1", "A-2"}
    result = runner.invoke(app, ["records", "count", "--sex", "F", "--json"])
    assert json.loads(result.stdout)["count"] == 3
    result = runner.invoke(app, ["records", "count", "--batch", "1", "--json"])
    assert json.loads(result.stdout)["count"] == 5


def test_quarantine_fix_and_retry(workspace, tmp_path):
    _import(tmp_path, LIST)
    listed = json.loads(runner.invoke(app, ["quarantine", "list", "--json"]).stdout)
    no_id = next(q for q in listed if q["reason"].startswith("no record_id"))
    still = runner.invoke(app, ["quarantine", "retry", str(no_id["id"]), "--json"])
    assert still.exit_code == 1 and json.loads(still.stdout)["stored"] is False
    fixed = runner.invoke(
        app, ["quarantine", "fix", str(no_id["id"]), "--set", "record_id=A-9", "--json"]
    )
    assert fixed.exit_code == 0, fixed.output
    record = json.loads(runner.invoke(app, ["show", "tjwg", "A-9", "--json"]).stdout)
    assert record["fields"]["name"] == "박순희"
    assert any("corrected from quarantine" in i for i in record["issues"])
    remaining = json.loads(runner.invoke(app, ["quarantine", "list", "--json"]).stdout)
    assert [q["id"] for q in remaining] == [q["id"] for q in listed if q["id"] != no_id["id"]]


def test_audit_verify_detects_an_edited_entry(workspace, tmp_path):
    _import(tmp_path, LIST)
    assert runner.invoke(app, ["audit", "verify"]).exit_code == 0
    engine = create_engine(f"sqlite:///{workspace / 'uncounted.db'}")
    with engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET details = '{}' WHERE seq = 2"))
    result = runner.invoke(app, ["audit", "verify", "--json"])
    assert result.exit_code == 7
    assert any("entry 2" in p for p in json.loads(result.stdout)["problems"])


def test_restricted_export_is_sealed_and_reimports_identically(workspace, tmp_path):
    _import(tmp_path, LIST)
    out = tmp_path / "export.csv"
    result = runner.invoke(app, ["export", "records", "--out", str(out), "--source", "tjwg"])
    assert result.exit_code == 0, result.output
    assert "김영희".encode() not in out.read_bytes()
    other = tmp_path / "other"
    Workspace.create(str(other), PASSPHRASE, actor="tester", kdf=TEST_KDF).close()
    again = runner.invoke(
        app, ["import", "--source", "tjwg", str(out), "--json", "--workspace", str(other)]
    )
    assert again.exit_code == 0, again.output
    with (
        Workspace.open(str(workspace), PASSPHRASE) as first,
        Workspace.open(str(other), PASSPHRASE) as second,
    ):
        before = {
            r.record_id: (r.fields, [(i.column, i.reason) for i in r.issues])
            for r in first.records()
        }
        after = {
            r.record_id: (r.fields, [(i.column, i.reason) for i in r.issues])
            for r in second.records()
        }
    assert after == before


def test_plain_export_neutralises_formulas(workspace, tmp_path):
    _import(tmp_path, LIST)
    out = tmp_path / "plain.csv"
    result = runner.invoke(app, ["export", "records", "--out", str(out), "--unencrypted"])
    assert result.exit_code == 0
    content = out.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in content and ",=HYPERLINK" not in content


def test_public_export_holds_nothing_identifying(workspace, tmp_path):
    _import(tmp_path, LIST)
    out = tmp_path / "public.csv"
    assert runner.invoke(app, ["export", "records", "--out", str(out), "--public"]).exit_code == 0
    content = out.read_text(encoding="utf-8")
    for value in ("김영희", "Kim Young-hee", "1987-03-14", "혜산", "A-1"):
        assert value not in content
    assert "2023-10" in content


def test_wrong_passphrase_exits_4_without_traceback(workspace, monkeypatch):
    monkeypatch.setenv("UNCOUNTED_PASSPHRASE", "wrong")
    result = runner.invoke(app, ["sources"])
    assert result.exit_code == 4
    assert "wrong passphrase" in result.stderr and "Traceback" not in result.output


def test_no_workspace_exits_3(tmp_path, monkeypatch):
    monkeypatch.setenv("UNCOUNTED_PASSPHRASE", PASSPHRASE)
    result = runner.invoke(app, ["sources", "--workspace", str(tmp_path / "none")])
    assert result.exit_code == 3 and "uncounted init" in result.stderr


def test_unreadable_file_exits_5(workspace, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    result = runner.invoke(app, ["import", "--source", "x", str(path)])
    assert result.exit_code == 5 and "empty.csv" in result.stderr


def test_init_creates_and_refuses_twice(tmp_path, monkeypatch):
    monkeypatch.setenv("UNCOUNTED_PASSPHRASE", PASSPHRASE)
    target = tmp_path / "new"
    assert runner.invoke(app, ["init", "--workspace", str(target)]).exit_code == 0
    assert (target / "uncounted.db").exists()
    assert runner.invoke(app, ["init", "--workspace", str(target)]).exit_code == 3


def test_the_same_commands_on_sqlite_and_postgresql(workspace_location, tmp_path, monkeypatch):
    monkeypatch.setenv("UNCOUNTED_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("UNCOUNTED_WORKSPACE", workspace_location)
    assert runner.invoke(app, ["init"]).exit_code == 0
    report = _import(tmp_path, LIST)
    assert (report["stored"], report["quarantined"]) == (5, 2)
    assert json.loads(runner.invoke(app, ["records", "count", "--json"]).stdout) == {"count": 5}
    verified = runner.invoke(app, ["audit", "verify", "--json"])
    assert (
        verified.exit_code == 0 and json.loads(verified.stdout)["entries"] == 3
    )  # init, source, import
    monkeypatch.setenv("UNCOUNTED_PASSPHRASE", "wrong")
    assert runner.invoke(app, ["sources"]).exit_code == 4


def test_discard_keeps_the_row_with_a_reason(workspace, tmp_path):
    _import(tmp_path, LIST)
    listed = json.loads(runner.invoke(app, ["quarantine", "list", "--json"]).stdout)
    target = listed[0]["id"]
    assert (
        runner.invoke(app, ["quarantine", "discard", str(target), "--reason", " "]).exit_code == 2
    )
    assert (
        runner.invoke(app, ["quarantine", "discard", str(target), "--reason", "blank"]).exit_code
        == 0
    )
    still_open = json.loads(runner.invoke(app, ["quarantine", "list", "--json"]).stdout)
    everything = json.loads(runner.invoke(app, ["quarantine", "list", "--all", "--json"]).stdout)
    assert target not in [q["id"] for q in still_open] and target in [q["id"] for q in everything]
    log = json.loads(runner.invoke(app, ["audit", "log", "--json"]).stdout)
    assert log[-1]["action"] == "quarantine-discard"


def test_reading_records_is_audited(workspace, tmp_path):
    _import(tmp_path, LIST)
    runner.invoke(app, ["show", "tjwg", "A-1"])
    runner.invoke(app, ["records", "list", "--source", "tjwg"])
    log = json.loads(runner.invoke(app, ["audit", "log", "--json"]).stdout)
    assert [e["action"] for e in log[-2:]] == ["read", "read"]
    assert log[-2]["target"] == "record:tjwg/A-1" and log[-1]["details"]["count"] == 5
