"""Mapping files: reading, strict validation, and their effect on a list."""

from __future__ import annotations

from pathlib import Path

import pytest

from uncounted.errors import MappingError
from uncounted.ingest import (
    canonical_view,
    load_mapping,
    open_list,
    parse_mapping,
    parse_row_values,
)
from uncounted.model import EventType, PartialDate, Sex

from .helpers import read_all

EXAMPLE = """
[file]
format = "csv"
encoding = "cp949"
delimiter = ";"
header_row = 2
date_order = "DMY"

[columns]
record_id = "번호"
name = "성명"
birth_date = "생년월일"
sex = "성별"
event = "사건"

[values.sex]
"여성" = "F"
[values.event]
"북송됨" = "repatriation"

[dates]
birth_date = ["%d.%m.%Y", "%Y"]

[defaults]
reported_on = "2023-11-01"
"""


def write_mapping(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "map.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_mapping_applied_to_a_korean_excel_list(tmp_path: Path, write) -> None:
    mapping = load_mapping(write_mapping(tmp_path, EXAMPLE))
    assert mapping.columns["name"] == "성명" and mapping.header_row == 2
    text = (
        "탈북민 명단 (가상)\n"
        "번호;성명;생년월일;성별;사건;Remarks\n"
        "1;김영희;14.03.1987;여성;북송됨;x\n"
        "2;박철수;1990;남;구금;\n"
        "3;리순옥;10/09/1975;?;???;\n"
    )
    path = write(text, name="명단.txt", encoding="cp949")
    with open_list(path, mapping=mapping) as listfile:
        assert listfile.encoding == "cp949" and listfile.warnings == []
        first, second, third = listfile.rows()
    assert (first.row, first.record_id, first.fields.name) == (3, "1", "김영희")
    assert first.fields.birth_date == PartialDate(1987, 3, 14)
    assert first.fields.sex is Sex.FEMALE
    assert first.fields.event is EventType.REPATRIATION
    assert first.fields.reported_on == PartialDate(2023, 11, 1)
    assert first.fields.extras == {"Remarks": "x"}
    assert second.fields.birth_date == PartialDate(1990)
    assert second.fields.event is EventType.DETENTION
    assert third.fields.birth_date is None  # not in the declared formats: no guessing
    assert [(i.column, i.field) for i in third.issues] == [
        ("생년월일", "birth_date"),
        ("사건", "event"),
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[fiel]\n", "unknown section 'fiel'"),
        ("[file]\nencodng = 'cp949'\n", "unknown key in \\[file\\] 'encodng'"),
        ("[file]\nformat = 'xls'\n", "format must be one of"),
        ("[file]\nencoding = 'klingon'\n", "unknown encoding"),
        ("[file]\ndelimiter = ';;'\n", "one character"),
        ("[file]\nheader_row = 0\n", "header_row must be 1 or more"),
        ("[file]\nheader_row = '2'\n", "header_row must be a whole number"),
        ("[file]\ndate_order = 'DDMMYY'\n", "date_order"),
        ("[columns]\nfull_name = 'x'\n", "'full_name' is not a canonical column"),
        ("[columns]\nname = 'x'\nnotes = 'X'\n", "name the same column"),
        ("[columns]\nname = ''\n", "empty column"),
        ("[values.record_id]\na = 'b'\n", "not a canonical column"),
        ("[values]\nsex = 'F'\n", "must be a table"),
        ("[dates]\nname = ['%Y']\n", "not a canonical column"),
        ("[dates]\nbirth_date = ['%d.%m.%y']\n", "four-digit year"),
        ("[dates]\nbirth_date = 3\n", "list of formats"),
        ("[defaults]\nrecord_id = '1'\n", "not a field column"),
        ("[defaults]\nreported_on = '2023-02-30'\n", "impossible date"),
        ("[defaults]\nsex = 'X'\n", "unknown sex code"),
        ("[file\n", "not valid TOML"),
    ],
)
def test_invalid_mappings(tmp_path: Path, text: str, reason: str) -> None:
    with pytest.raises(MappingError, match=reason) as caught:
        load_mapping(write_mapping(tmp_path, text))
    assert caught.value.file == "map.toml"


def test_missing_mapping_file(tmp_path: Path) -> None:
    with pytest.raises(MappingError, match="cannot read"):
        load_mapping(tmp_path / "none.toml")


def test_mapped_column_missing_from_the_file(tmp_path: Path, write) -> None:
    mapping = load_mapping(write_mapping(tmp_path, "[columns]\nrecord_id = '번호'\n"))
    with pytest.raises(MappingError, match=r"'번호' \(for record_id\) is not in list\.csv"):
        open_list(write("record_id,name\n1,Kim\n"), mapping=mapping)


def test_explicit_mapping_beats_a_canonical_looking_column(tmp_path: Path, write) -> None:
    mapping = load_mapping(write_mapping(tmp_path, "[columns]\nname = '성명'\n"))
    rows = read_all(write("record_id,name,성명\n1,Kim Young-hee,김영희\n"), mapping=mapping)
    assert rows[0].fields.name == "김영희"
    assert rows[0].fields.extras == {"name": "Kim Young-hee"}


def test_format_from_mapping(tmp_path: Path, write) -> None:
    mapping = load_mapping(write_mapping(tmp_path, "[file]\nformat = 'CSV'\n"))
    rows = read_all(write("record_id\n1\n", name="export.dat"), mapping=mapping)
    assert [r.record_id for r in rows] == ["1"]


def test_default_fills_empty_cells_only(tmp_path: Path, write) -> None:
    mapping = load_mapping(write_mapping(tmp_path, "[defaults]\nreported_on = '2023-11'\n"))
    path = write("record_id,reported_on\n1,\n2,2023-10-20\n3,2023-02-30\n")
    rows = read_all(path, mapping=mapping)
    assert [r.fields.reported_on for r in rows] == [
        PartialDate(2023, 11),
        PartialDate(2023, 10, 20),
        None,  # unusable, reported as an issue: not silently replaced by the default
    ]
    assert [len(r.issues) for r in rows] == [0, 0, 1]
    rows = read_all(write("record_id\n1\n"), mapping=mapping)
    assert rows[0].fields.reported_on == PartialDate(2023, 11)


def test_value_map_to_empty_means_no_value(tmp_path: Path, write) -> None:
    mapping = load_mapping(write_mapping(tmp_path, '[values.home]\n"모름" = ""\n'))
    rows = read_all(write("record_id,home\n1,모름\n2,혜산\n"), mapping=mapping)
    assert [r.fields.home for r in rows] == [None, "혜산"]
    assert [r.issues for r in rows] == [(), ()]


def test_parse_mapping_from_text() -> None:
    mapping = parse_mapping("\ufeff[columns]\nrecord_id = '번호'\n", "batch 7")
    assert mapping.columns == {"record_id": "번호"}
    with pytest.raises(MappingError, match="not valid TOML") as caught:
        parse_mapping("[columns", "batch 7")
    assert caught.value.file == "batch 7"


def test_fix_and_retry_a_quarantined_row(tmp_path: Path, write) -> None:
    """What the quarantine does: the raw row, seen canonically, corrected, parsed again."""
    mapping = parse_mapping("[columns]\nrecord_id = '번호'\nname = '성명'\n")
    (row,) = read_all(write("번호,성명,name,생년\n,김영희,Kim,1987\n"), mapping=mapping)
    assert row.record_id is None  # would be quarantined: no id
    view = canonical_view(row.raw, mapping)
    # the unmapped column "name" is shadowed by the canonical name (it stays in raw)
    assert view == {"record_id": "", "name": "김영희", "생년": "1987"}
    record_id, fields, issues = parse_row_values(
        {**view, "record_id": "K-1"}, file="list.csv", row=row.row, mapping=mapping
    )
    assert (record_id, fields.name, issues) == ("K-1", "김영희", ())
    assert fields.extras == {"생년": "1987"}


def test_canonical_view_of_an_unreadable_line_is_empty() -> None:
    assert canonical_view({"line": '1,"Kim', "line_hex": "00"}) == {}
    assert canonical_view({"Record ID": "1", "Camp": "x"}) == {"record_id": "1", "Camp": "x"}
