"""Properties over generated files: nothing crashes, nothing is lost, values survive encodings."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uncounted.errors import InputFileError
from uncounted.ingest import ParsedRow, UnreadableRow, open_list
from uncounted.ingest.text import clean_text
from uncounted.model import EventType, PartialDate, RecordFields, Sex

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
HEADER = b"record_id,name,notes\n"
DECLARED = [None, "utf-8", "cp949", "gb18030", "utf-16"]

# Any Unicode but surrogates (not encodable) and NUL (an unreadable row by design).
ANY_CHAR = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
HANGUL = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
# Syllables and characters of made-up names, for files whose encoding is left to detection.
NAME_SYLLABLES = (
    "김이박최정강조윤장임한오서신권황안송류전홍영희수민지현정은경숙순자미철성호준진혜옥선명춘화"
)
NAME_HANZI = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩金朴崔姜英姬秀敏静丽强军艳杰娟明兰霞平华"
)


def consume(path: Path, **options: object) -> list[ParsedRow | UnreadableRow]:
    with open_list(path, **options) as listfile:
        rows = list(listfile.rows())
        assert 0 <= listfile.tell() <= listfile.size
    return rows


@SETTINGS
@given(
    data=st.binary(max_size=600),
    with_header=st.booleans(),
    declared=st.sampled_from(DECLARED),
    suffix=st.sampled_from([".csv", ".csv", ".tsv", ".json", ".xlsx"]),
)
def test_any_bytes_give_rows_or_input_file_error(
    tmp_path: Path, data: bytes, with_header: bool, declared: str | None, suffix: str
) -> None:
    path = tmp_path / f"list{suffix}"
    path.write_bytes((HEADER if with_header else b"") + data)
    try:
        rows = consume(path, encoding=declared)
    except InputFileError:
        return
    numbers = [row.row for row in rows]
    assert numbers == sorted(set(numbers))  # in order, each once
    if suffix != ".xlsx" and numbers:  # CSV: consecutive after the header; JSON: 1, 2, ...
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    for row in rows:
        assert all(isinstance(v, str) for v in row.raw.values())
        if isinstance(row, ParsedRow):
            assert all("\x00" not in v for v in row.raw.values())


# What each codec can encode: cp949 has Hangul and ASCII, not all of Unicode.
ALPHABETS = {
    "utf-8": ANY_CHAR,
    "utf-8-sig": ANY_CHAR,
    "gb18030": ANY_CHAR,
    "utf-16": ANY_CHAR,
    "cp949": HANGUL | st.characters(min_codepoint=1, max_codepoint=0x7F),
}


@SETTINGS
@given(codec=st.sampled_from(sorted(ALPHABETS)), data=st.data())
def test_every_written_row_comes_back_once_and_exact(
    tmp_path: Path, codec: str, data: st.DataObject
) -> None:
    cells = st.lists(st.text(ALPHABETS[codec], max_size=12), min_size=1, max_size=3)
    rows = data.draw(st.lists(cells, max_size=12))
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["record_id", "name", "notes"])
    writer.writerows(rows)
    path = tmp_path / "list.csv"
    path.write_bytes(buffer.getvalue().encode(codec))
    read = consume(path, encoding=codec)
    assert [r.row for r in read] == list(range(2, len(rows) + 2))
    for written, got in zip(rows, read, strict=True):
        assert isinstance(got, ParsedRow)
        expected = [*written, *[""] * (3 - len(written))]
        assert list(got.raw.values()) == expected
        assert got.record_id == (clean_text(expected[0]) or None)


def test_unclosed_quote_loses_no_line(tmp_path: Path) -> None:
    lines = ['1,"Kim', "2,Lee", '3,"Park', "4,Choe", "5,Jang"]
    path = tmp_path / "list.csv"
    path.write_text("record_id,name\n" + "\n".join(lines) + "\n", encoding="utf-8")
    read = consume(path)
    recovered = [r.raw["line"] if isinstance(r, UnreadableRow) else r.raw for r in read]
    assert len(read) == 5
    assert recovered[0] == lines[0] and recovered[2] == lines[2]


def clean(alphabet: st.SearchStrategy[str], max_size: int = 10) -> st.SearchStrategy[str]:
    return st.text(alphabet, max_size=max_size).map(clean_text)


def partial_dates() -> st.SearchStrategy[PartialDate]:
    return st.builds(
        lambda day, precision: PartialDate(
            day.year,
            day.month if precision > 0 else None,
            day.day if precision > 1 else None,
        ),
        st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2100, 12, 31)),
        st.integers(0, 2),
    )


@st.composite
def canonical_rows(
    draw: st.DrawFn, text: st.SearchStrategy[str], names: st.SearchStrategy[str] | None
) -> tuple[str, RecordFields]:
    optional_date = st.none() | partial_dates()
    alt = st.lists(text.filter(bool).filter(lambda t: ";" not in t and "；" not in t), max_size=3)
    fields = RecordFields(
        name=draw(text if names is None else names) or None,
        family_name=draw(text) or None,
        given_name=draw(text) or None,
        name_alt=tuple(draw(alt)),
        sex=draw(st.none() | st.sampled_from(Sex)),
        birth_date=draw(optional_date),
        age=draw(st.none() | st.integers(0, 120)),
        reported_on=draw(optional_date),
        home=draw(text) or None,
        event=draw(st.none() | st.sampled_from(EventType)),
        event_date=draw(optional_date),
        event_place=draw(text) or None,
        last_contact=draw(optional_date),
        notes=draw(text) or None,
    )
    return draw(st.from_regex(r"[A-Z]{2}-[0-9]{1,5}", fullmatch=True)), fields


COLUMNS = [
    "record_id", "name", "family_name", "given_name", "name_alt", "sex", "birth_date", "age",
    "reported_on", "home", "event", "event_date", "event_place", "last_contact", "notes",
]  # fmt: skip


def as_cells(record_id: str, fields: RecordFields) -> list[str]:
    def text(value: object) -> str:
        if value is None:
            return ""
        return value.iso() if isinstance(value, PartialDate) else str(value)

    values = {name: text(getattr(fields, name, None)) for name in COLUMNS[1:]}
    values["name_alt"] = "; ".join(fields.name_alt)
    return [record_id, *values.values()]


VARIANTS = {
    # codec, declared, alphabet of the text values
    "utf-8": ("utf-8", False, ANY_CHAR),
    "utf-8-sig": ("utf-8-sig", False, ANY_CHAR),
    "cp949 declared": ("cp949", True, HANGUL),
    "cp949 detected": ("cp949", False, st.sampled_from(NAME_SYLLABLES)),
    "gb18030 declared": ("gb18030", True, ANY_CHAR),
    "gb18030 detected": ("gb18030", False, st.sampled_from(NAME_HANZI)),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_generated_canonical_rows_parse_back(tmp_path: Path, variant: str) -> None:
    codec, declared, alphabet = VARIANTS[variant]
    names = clean(alphabet, max_size=4).filter(lambda t: len(t) >= 2) if not declared else None

    @settings(SETTINGS, max_examples=60)
    @given(st.lists(canonical_rows(clean(alphabet), names), min_size=3, max_size=8))
    def check(generated: list[tuple[str, RecordFields]]) -> None:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        writer.writerows(as_cells(record_id, fields) for record_id, fields in generated)
        path = tmp_path / "list.csv"
        path.write_bytes(buffer.getvalue().encode(codec))
        with open_list(path, encoding=codec if declared else None) as listfile:
            read = [(r.record_id, r.fields, r.issues) for r in listfile.rows()]
            unsure = any("uncertain" in warning for warning in listfile.warnings)
        expected = [(record_id, fields, ()) for record_id, fields in generated]
        # A detection may be unsure (it then warns, asking for the encoding): never wrong and sure.
        assert read == expected or unsure

    check()


@SETTINGS
@given(st.lists(st.dictionaries(st.text(ANY_CHAR, max_size=5), st.text(max_size=5)), max_size=5))
def test_json_objects_are_rows(tmp_path: Path, objects: list[dict[str, str]]) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"record_id": "x", **o} for o in objects]), encoding="utf-8")
    try:
        read = consume(path)
    except InputFileError:
        return  # e.g. two keys that differ only in case
    assert [r.row for r in read] == list(range(1, len(objects) + 1))
