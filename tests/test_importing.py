"""Imports through the workspace, on SQLite and PostgreSQL: accounts, idempotence, mappings."""

from __future__ import annotations

import itertools
import json

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PASSPHRASE, TEST_KDF
from uncounted.errors import MappingError, UncountedError
from uncounted.model import PartialDate, Sex
from uncounted.workspace import RecordFilter, Workspace

LIST = (
    "record_id,name,sex,birth_date,home,event,event_date\n"
    "A-1,김영희,F,1987-03-14,혜산,repatriation,2023-10-09\n"
    "A-2,Kim Young-hee,female,10/09/1987,Hyesan,repatriation,2023-10-09\n"
    ",박순희,F,,,,\n"
)


@pytest.fixture
def workspace(workspace_location):
    ws = Workspace.create(workspace_location, PASSPHRASE, actor="tester", kdf=TEST_KDF)
    yield ws
    ws.close()


def test_account_and_idempotence(workspace, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(LIST, encoding="utf-8")
    first = workspace.import_list("tjwg", path)
    assert (first.read, first.stored, first.quarantined, first.skipped_duplicates) == (3, 2, 1, 0)
    path.write_bytes(LIST.encode("utf-8-sig"))  # the same rows again, now with a BOM
    second = workspace.import_list("tjwg", path)
    assert (second.stored, second.quarantined, second.skipped_duplicates) == (0, 0, 3)
    assert workspace.count_records() == 2 and len(workspace.quarantined()) == 1
    ambiguous = workspace.record("tjwg", "A-2").fields.birth_date
    assert {r.iso() for r in ambiguous.readings} == {"1987-09-10", "1987-10-09"}


def test_cp949_list_from_korean_excel(workspace, tmp_path):
    path = tmp_path / "korean.csv"
    path.write_bytes(
        "record_id,name,sex\nK-1,리영숙,여\nK-2,김순희,여\nK-3,박명철,남\n".encode("cp949")
    )
    report = workspace.import_list("nk", path)
    assert report.encoding == "cp949" and report.stored == 3
    assert workspace.record("nk", "K-1").fields.name == "리영숙"
    assert workspace.count_records(RecordFilter(sex=Sex.MALE)) == 1


def test_xlsx_with_a_mapping(workspace, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["번호", "성명", "성별", "생년월일", "비고"])
    sheet.append([1, "김영희", "여성", "14.03.1987", "simulated"])
    sheet.append([2, "리영숙", "여성", "1990", ""])
    book.save(tmp_path / "list.xlsx")
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[columns]\nrecord_id = "번호"\nname = "성명"\nsex = "성별"\nbirth_date = "생년월일"\n'
        '[values.sex]\n"여성" = "F"\n[dates]\nbirth_date = ["%d.%m.%Y", "%Y"]\n',
        encoding="utf-8",
    )
    report = workspace.import_list("xl", tmp_path / "list.xlsx", mapping=mapping)
    assert report.stored == 2
    rec = workspace.record("xl", "1")
    assert rec.fields.birth_date == PartialDate(1987, 3, 14) and rec.fields.sex is Sex.FEMALE
    assert rec.fields.extras == {"비고": "simulated"} and rec.raw["성명"] == "김영희"


def test_json_list(workspace, tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"record_id": "J-1", "name": "Ri Yong-suk", "age": 34}]))
    assert workspace.import_list("json", path).stored == 1
    assert workspace.record("json", "J-1").fields.age == 34


_counter = itertools.count()


@pytest.fixture(scope="module")
def shared_workspace(tmp_path_factory):
    folder = tmp_path_factory.mktemp("prop")
    ws = Workspace.create(str(folder / "ws"), PASSPHRASE, actor="tester", kdf=TEST_KDF)
    yield ws, folder
    ws.close()


CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["", "A-1", "2023-02-30", "10/09/2023", "F", "여", "'=1+1", "\u200b김", "34세"]
    ),
)
COLUMNS = st.lists(
    st.sampled_from(["record_id", "name", "sex", "birth_date", "age", "home", "notes", "extra"]),
    min_size=1,
    max_size=6,
    unique=True,
)


@st.composite
def list_files(draw) -> bytes:
    if draw(st.booleans()):
        return draw(st.binary(max_size=300))
    columns = draw(COLUMNS)
    rows = draw(st.lists(st.lists(CELL, min_size=0, max_size=len(columns) + 1), max_size=8))
    text = "\n".join(
        ",".join('"' + c.replace('"', '""') + '"' for c in row) for row in [columns, *rows]
    )
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp949", "gb18030", "utf-16"]))
    return text.encode(encoding, errors="replace")


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=list_files())
def test_any_file_imports_with_an_exact_account_or_is_refused(shared_workspace, data):
    ws, folder = shared_workspace
    source = f"prop-{next(_counter)}"
    path = folder / f"{source}.csv"
    path.write_bytes(data)
    before_records, before_quarantine = ws.count_records(), len(ws.quarantined(None, None))
    try:
        report = ws.import_list(source, path)
    except UncountedError as error:
        assert str(error)
        assert ws.count_records() == before_records
        return
    assert report.read == report.stored + report.quarantined + report.skipped_duplicates
    assert ws.count_records() == before_records + report.stored
    assert len(ws.quarantined(None, None)) == before_quarantine + report.quarantined


def test_a_mapping_that_is_not_utf8_is_a_clear_error(workspace, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(LIST, encoding="utf-8")
    mapping = tmp_path / "map.toml"
    mapping.write_bytes('[columns]\nname = "성명"\n'.encode("cp949"))
    with pytest.raises(MappingError, match="UTF-8"):
        workspace.import_list("x", path, mapping=mapping)
