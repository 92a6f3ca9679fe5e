"""Sex, age, event and alternative names as lists write them, through ``parse_row_values``."""

from __future__ import annotations

import pytest

from uncounted.ingest import ListMapping, parse_row_values
from uncounted.model import AmbiguousDate, EventType, FieldIssue, PartialDate, Sex


def parse(**values: str):
    return parse_row_values({"record_id": "1", **values}, file="list.csv", row=2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("F", Sex.FEMALE),
        ("f", Sex.FEMALE),
        ("Female", Sex.FEMALE),
        ("WOMAN", Sex.FEMALE),
        ("여", Sex.FEMALE),
        ("여성", Sex.FEMALE),
        ("녀성", Sex.FEMALE),
        ("女", Sex.FEMALE),
        ("M", Sex.MALE),
        ("male", Sex.MALE),
        ("Man", Sex.MALE),
        ("남", Sex.MALE),
        ("남성", Sex.MALE),
        ("男", Sex.MALE),
        (" Ｆ ", Sex.FEMALE),
    ],
)
def test_sex_codes(text: str, expected: Sex) -> None:
    _, fields, issues = parse(sex=text)
    assert (fields.sex, issues) == (expected, ())


@pytest.mark.parametrize("text", ["U", "unknown", "?", "미상", "不明", "-", ""])
def test_explicit_unknown_sex_is_no_issue(text: str) -> None:
    _, fields, issues = parse(sex=text)
    assert (fields.sex, issues) == (None, ())


@pytest.mark.parametrize("text", ["X", "girl", "FM", "1"])
def test_unknown_sex_code_costs_the_field_only(text: str) -> None:
    record_id, fields, issues = parse(sex=text, name="김영희")
    assert record_id == "1"
    assert fields.sex is None
    assert fields.name == "김영희"
    assert issues == (FieldIssue("list.csv", 2, "sex", "unknown sex code", "sex"),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("34", 34),
        ("0", 0),
        ("120", 120),
        ("34세", 34),
        ("34 세", 34),
        ("34살", 34),
        ("만 34세", 34),
        ("34 years", 34),
        ("34 yrs", 34),
        ("34y", 34),
        ("３４", 34),
    ],
)
def test_ages(text: str, expected: int) -> None:
    _, fields, issues = parse(age=text)
    assert (fields.age, issues) == (expected, ())


@pytest.mark.parametrize("text", ["121", "-3", "34.5", "about 30", "30대", "thirty"])
def test_bad_ages(text: str) -> None:
    _, fields, issues = parse(age=text)
    assert fields.age is None
    assert len(issues) == 1 and issues[0].column == "age"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *((e.value, e) for e in EventType),
        ("REPATRIATION", EventType.REPATRIATION),
        ("forced return", EventType.REPATRIATION),
        ("Forcibly returned", EventType.REPATRIATION),
        ("deported", EventType.REPATRIATION),
        ("refoulement", EventType.REPATRIATION),
        ("강제북송", EventType.REPATRIATION),
        ("북송", EventType.REPATRIATION),
        ("遣返", EventType.REPATRIATION),
        ("arrested", EventType.ARREST),
        ("체포", EventType.ARREST),
        ("detained", EventType.DETENTION),
        ("구금", EventType.DETENTION),
        ("imprisoned", EventType.IMPRISONMENT),
        ("수감", EventType.IMPRISONMENT),
        ("released", EventType.RELEASE),
        ("석방", EventType.RELEASE),
        ("died", EventType.DEATH),
        ("사망", EventType.DEATH),
        ("last contact", EventType.LAST_CONTACT),
        ("Last-Contact", EventType.LAST_CONTACT),
        ("연락두절", EventType.LAST_CONTACT),
    ],
)
def test_events(text: str, expected: EventType) -> None:
    _, fields, issues = parse(event=text)
    assert (fields.event, issues) == (expected, ())


def test_unknown_event() -> None:
    _, fields, issues = parse(event="vacation")
    assert fields.event is None
    assert [i.reason for i in issues] == ["unknown event type"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Li Meihua; 리영숙", ("Li Meihua", "리영숙")),
        ("Li Meihua；리영숙;;  ", ("Li Meihua", "리영숙")),
        ("金英姬", ("金英姬",)),
        (" ; ", ()),
    ],
)
def test_name_alt(text: str, expected: tuple[str, ...]) -> None:
    _, fields, _ = parse(name_alt=text)
    assert fields.name_alt == expected


def test_issue_never_quotes_the_value() -> None:
    _, _, issues = parse(sex="Secret-Name", age="Secret-Name", birth_date="Secret-Name")
    assert len(issues) == 3
    assert all("Secret" not in str(issue) for issue in issues)


def test_ambiguous_date_is_kept_and_reported() -> None:
    _, fields, issues = parse(event_date="10/09/2023")
    assert isinstance(fields.event_date, AmbiguousDate)
    assert issues == (
        FieldIssue(
            "list.csv", 2, "event_date", "ambiguous day/month: both readings kept", "event_date"
        ),
    )


def test_header_keys_as_written_and_extras() -> None:
    record_id, fields, issues = parse_row_values(
        {"Record ID": " A-1 ", "Birth_Date": "1987-02-30", "Camp": " Jongo-ri "},
        file="f.csv",
        row=7,
    )
    assert record_id == "A-1"
    assert fields.birth_date is None
    assert fields.extras == {"Camp": "Jongo-ri"}
    assert issues == (FieldIssue("f.csv", 7, "Birth_Date", "impossible date", "birth_date"),)


def test_mapping_columns_values_and_defaults() -> None:
    mapping = ListMapping.from_dict(
        {
            "file": {"date_order": "DMY"},
            "columns": {"record_id": "번호", "name": "성명"},
            "values": {"sex": {"여자분": "F"}},
            "defaults": {"reported_on": "2023-11-01"},
        }
    )
    values = {"번호": "7", "성명": "김영희", "sex": "여자분", "event_date": "10/09/2023"}
    record_id, fields, issues = parse_row_values(values, file="f.csv", row=3, mapping=mapping)
    assert record_id == "7"
    assert fields.name == "김영희"
    assert fields.sex is Sex.FEMALE
    assert fields.event_date == PartialDate(2023, 9, 10)
    assert fields.reported_on == PartialDate(2023, 11, 1)
    assert issues == ()
    # canonical keys are understood too (what a workspace passes after mapping itself)
    again = parse_row_values(
        {"record_id": "7", "name": "김영희"}, file="f.csv", row=3, mapping=mapping
    )
    assert again[1].name == "김영희"


def test_empty_row_has_no_record_id() -> None:
    record_id, fields, issues = parse_row_values({"record_id": " ", "name": ""}, file="f", row=2)
    assert record_id is None
    assert not fields.is_identifying
    assert issues == ()
