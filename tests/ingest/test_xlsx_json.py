"""XLSX (openpyxl, read-only, cached values) and JSON lists."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from uncounted.errors import InputFileError
from uncounted.ingest import ListMapping, ParsedRow, UnreadableRow, open_list
from uncounted.model import PartialDate, Sex

from .helpers import read_all


def workbook(path: Path, rows: list[list[object]], *, title: str = "Sheet", formats=None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    book.save(path)
    return path


def test_xlsx_cells_rendered_as_text(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "list.xlsx",
        [
            ["record_id", "name", "birth_date", "age", "reported_on", "last_contact", "notes"],
            [17, "김영희", dt.datetime(1987, 3, 14), 34.0, dt.date(2023, 10, 20), None, 1.5],
            ["A-2", "'=1+2", dt.datetime(2023, 10, 9, 14, 30), 40, None, dt.datetime(2023, 9, 1)],
        ],
        formats={"F3": "yyyy-mm"},
    )
    with open_list(path) as listfile:
        assert (listfile.format, listfile.encoding) == ("xlsx", None)
        first, second = listfile.rows()
        assert listfile.tell() == listfile.size
    assert first.row == 2 and first.record_id == "17"
    assert first.raw == {
        "record_id": "17",
        "name": "김영희",
        "birth_date": "1987-03-14",
        "age": "34",
        "reported_on": "2023-10-20",
        "last_contact": "",
        "notes": "1.5",
    }
    assert first.fields.birth_date == PartialDate(1987, 3, 14) and first.fields.age == 34
    assert second.raw["birth_date"] == "2023-10-09T14:30:00"
    assert second.fields.birth_date == PartialDate(2023, 10, 9)
    assert second.raw["last_contact"] == "2023-09"  # the month format: no invented day
    assert second.fields.last_contact == PartialDate(2023, 9)
    assert second.fields.name == "=1+2"


def test_xlsx_formula_gives_its_cached_value_never_runs(tmp_path: Path) -> None:
    path = workbook(tmp_path / "list.xlsx", [["record_id", "notes"], [1, "=1+2"]])
    (row,) = read_all(path)
    assert row.raw["notes"] == ""  # written by openpyxl: no cached value, nothing evaluated


def test_xlsx_sheet_header_row_and_blank_rows(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "list.xlsx",
        [
            ["강제북송 명단"],
            [],
            ["번호", "성명", "성별"],
            [1, "김영희", "여성"],
            [],
            [2, "박철수", "남"],
            [None, None, None],
        ],
        title="명단",
    )
    mapping = ListMapping.from_dict(
        {
            "file": {"sheet": "명단", "header_row": 3},
            "columns": {"record_id": "번호", "name": "성명", "sex": "성별"},
        }
    )
    rows = read_all(path, mapping=mapping)
    assert [(r.row, r.record_id, r.fields.sex) for r in rows] == [
        (4, "1", Sex.FEMALE),
        (6, "2", Sex.MALE),
    ]


def test_xlsx_more_cells_than_header(tmp_path: Path) -> None:
    path = workbook(tmp_path / "list.xlsx", [["record_id", "name"], [1, "Kim", "x"], [2, "Lee"]])
    first, second = read_all(path)
    assert isinstance(first, UnreadableRow) and first.row == 2
    assert isinstance(second, ParsedRow) and second.record_id == "2"


def test_xlsx_rows_twice(tmp_path: Path) -> None:
    path = workbook(tmp_path / "list.xlsx", [["record_id"], [1], [2]])
    with open_list(path) as listfile:
        assert [r.row for r in listfile.rows()] == [2, 3]
        assert [r.row for r in listfile.rows()] == [2, 3]
        assert 0 < listfile.tell() <= listfile.size


def test_xlsx_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"record_id,name\n1,Kim\n")
    with pytest.raises(InputFileError, match="not a readable xlsx"):
        open_list(path)


def test_xlsx_unknown_sheet(tmp_path: Path) -> None:
    path = workbook(tmp_path / "list.xlsx", [["record_id"], [1]])
    with pytest.raises(InputFileError, match="no sheet"):
        open_list(path, mapping=ListMapping.from_dict({"file": {"sheet": "Missing"}}))


def test_xlsx_from_content_bytes(tmp_path: Path) -> None:
    path = workbook(tmp_path / "list.xlsx", [["record_id"], [1]])
    data = path.read_bytes()
    path.unlink()
    with open_list(path, content=data) as listfile:
        assert [r.record_id for r in listfile.rows()] == ["1"]


def test_json_array(write) -> None:
    data = [
        {"record_id": "TJ-1", "name": "Kim Young-hee", "sex": "F", "age": 34, "tags": ["a"]},
        {"record_id": 2, "name": None, "birth_date": "1987-02-30"},
        "not an object",
        {"Record_ID": "x"},
    ]
    with pytest.raises(InputFileError, match="twice"):
        open_list(write(json.dumps(data), name="list.json"))
    del data[3]
    with open_list(write(json.dumps(data, ensure_ascii=False), name="list.json")) as listfile:
        assert listfile.format == "json"
        assert listfile.columns == ("record_id", "name", "sex", "age", "tags", "birth_date")
        first, second, third = listfile.rows()
    assert (first.row, first.record_id, first.fields.age) == (1, "TJ-1", 34)
    assert first.raw["age"] == "34" and first.raw["tags"] == '["a"]'
    assert first.fields.extras == {"tags": '["a"]'}
    assert second.record_id == "2" and second.raw["name"] == "" and second.raw["sex"] == ""
    assert [i.reason for i in second.issues] == ["impossible date"]
    assert isinstance(third, UnreadableRow) and third.row == 3
    assert third.raw == {"line": '"not an object"'}


def test_json_records_key(write) -> None:
    text = json.dumps({"source": "x", "people": [{"record_id": "1", "name": "김영희"}]})
    mapping = ListMapping.from_dict({"file": {"records_key": "people"}})
    rows = read_all(write(text, name="list.json"), mapping=mapping)
    assert [r.fields.name for r in rows] == ["김영희"]
    with pytest.raises(InputFileError, match="records_key"):
        open_list(write(text, name="list.json"))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{not json", "not valid JSON"),
        ('"a string"', "no array"),
        ("[1, 2]", "no records"),
        ("[]", "no records"),
        ('{"people": 3}', "records_key"),
    ],
)
def test_json_that_is_not_a_list(write, text: str, reason: str) -> None:
    with pytest.raises(InputFileError, match=reason):
        open_list(write(text, name="list.json"))


def test_json_nul_in_a_value_is_unreadable(write) -> None:
    text_row = {"record_id": "1", "name": "a\u0000b"}
    text = json.dumps([text_row, {"record_id": "2"}])
    first, second = read_all(write(text, name="list.json"))
    assert isinstance(first, UnreadableRow) and first.raw["line"] == json.dumps(text_row)
    assert isinstance(second, ParsedRow)
