"""Reading CSV lists: rows, row numbers, cleaning, unreadable lines, header problems."""

from __future__ import annotations

import unicodedata

import pytest

from uncounted.errors import InputFileError
from uncounted.ingest import ParsedRow, UnreadableRow, open_list
from uncounted.model import AmbiguousDate, EventType, FieldIssue, PartialDate, Sex

from .helpers import read_all

CANONICAL = (
    "record_id,name,family_name,given_name,name_alt,sex,birth_date,age,reported_on,home,event,"
    "event_date,event_place,last_contact,notes\r\n"
    "TJ-0042,김영희,김,영희,Li Meihua; 리영숙,F,1987-03-14,,2023-10-20,혜산,repatriation,"
    "2023-10-09,Tumen Border Detention Center,2023-09,\r\n"
    '17,Kim Young-hee,,,,여,1987,34,2023-10,Hyesan,강제북송,2023-10-09,,,"said: ""gone"""\r\n'
)


def test_canonical_file(write) -> None:
    with open_list(write(CANONICAL)) as listfile:
        assert listfile.format == "csv"
        assert listfile.encoding == "utf-8"
        assert listfile.file_name == "list.csv"
        assert listfile.warnings == []
        assert listfile.columns[:3] == ("record_id", "name", "family_name")
        rows = list(listfile.rows())
        assert listfile.tell() == listfile.size == len(CANONICAL.encode())
    first, second = rows
    assert isinstance(first, ParsedRow) and first.row == 2 and first.record_id == "TJ-0042"
    fields = first.fields
    assert fields.name == "김영희" and fields.family_name == "김" and fields.given_name == "영희"
    assert fields.name_alt == ("Li Meihua", "리영숙")
    assert fields.sex is Sex.FEMALE
    assert fields.birth_date == PartialDate(1987, 3, 14)
    assert fields.age is None
    assert fields.event is EventType.REPATRIATION
    assert fields.event_place == "Tumen Border Detention Center"
    assert fields.last_contact == PartialDate(2023, 9)
    assert fields.notes is None and fields.extras == {}
    assert first.raw["name_alt"] == "Li Meihua; 리영숙"
    assert first.issues == ()
    assert second.row == 3 and second.fields.age == 34 and second.fields.sex is Sex.FEMALE
    assert second.fields.notes == 'said: "gone"'
    assert second.fields.reported_on == PartialDate(2023, 10)


def test_header_is_case_insensitive_and_unknown_columns_are_extras(write) -> None:
    path = write("Record_ID,NAME,Camp , Guard notes\n1, Kim ,Jongo-ri,\n")
    (row,) = read_all(path)
    assert row.record_id == "1" and row.fields.name == "Kim"
    assert row.fields.extras == {"Camp": "Jongo-ri"}
    assert row.raw == {"Record_ID": "1", "NAME": " Kim ", "Camp": "Jongo-ri", "Guard notes": ""}


def test_only_record_id_is_required(write) -> None:
    rows = read_all(write("record_id\n1\n2\n"))
    assert [r.record_id for r in rows] == ["1", "2"]


def test_row_numbers_with_multiline_cells_and_blank_lines(write) -> None:
    text = 'record_id,notes\n1,"line one\nline two\nline three"\n\n2,x\r\n\r\n3,"a\r\nb"\n'
    rows = read_all(write(text))
    assert [(r.row, r.record_id) for r in rows] == [(2, "1"), (3, "2"), (4, "3")]
    assert rows[0].raw["notes"] == "line one\nline two\nline three"
    assert rows[0].fields.notes == "line one line two line three"


def test_row_of_empty_cells_is_a_row(write) -> None:
    rows = read_all(write("record_id,name\n,\n1,Kim\n"))
    assert [(r.row, r.record_id) for r in rows] == [(2, None), (3, "1")]
    assert isinstance(rows[0], ParsedRow)


def test_fewer_cells_are_empty_more_cells_are_unreadable(write) -> None:
    rows = read_all(write('record_id,name,sex\n1,Kim\n2,"Lee",F,extra\n3,Park,M,,\n'))
    assert rows[0].fields.name == "Kim" and rows[0].raw["sex"] == ""
    assert isinstance(rows[1], UnreadableRow) and rows[1].row == 3
    assert rows[1].reason == "4 cells but the header has 3 columns"
    assert rows[1].raw == {"line": '2,"Lee",F,extra'}  # the line as written
    assert rows[2].record_id == "3"  # trailing empty cells lose nothing


def test_unclosed_quote_costs_only_its_line(write) -> None:
    rows = read_all(write('record_id,name\n1,"Kim\n2,Lee\n3,"Park""x\n4,Choe\n'))
    kinds = [(type(r).__name__, r.row) for r in rows]
    assert kinds == [
        ("UnreadableRow", 2),
        ("ParsedRow", 3),
        ("UnreadableRow", 4),
        ("ParsedRow", 5),
    ]
    assert rows[0].raw == {"line": '1,"Kim'}
    assert rows[0].reason.startswith("not valid CSV")
    assert [r.record_id for r in rows if isinstance(r, ParsedRow)] == ["2", "4"]


def test_unclosed_quote_at_the_end(write) -> None:
    rows = read_all(write('record_id,name\n1,Kim\n2,"Lee\n'))
    assert [type(r).__name__ for r in rows] == ["ParsedRow", "UnreadableRow"]
    assert rows[1].raw == {"line": '2,"Lee'}


def test_invalid_bytes_and_nul_make_unreadable_rows(write) -> None:
    data = b"record_id,name\n1,Kim\n2,Le\xffe\n3,Pa\x00rk\n4,\xea\xb9\x80\n"
    rows = read_all(write(data), encoding="utf-8")
    assert [type(r).__name__ for r in rows] == [
        "ParsedRow",
        "UnreadableRow",
        "UnreadableRow",
        "ParsedRow",
    ]
    assert rows[1].raw == {"line": "2,Le\ufffde", "line_hex": b"2,Le\xffe".hex()}
    assert rows[1].reason == "bytes invalid in the encoding"
    assert rows[2].reason == "NUL byte in the line"
    assert rows[3].fields.name == "김"


def test_nfd_zero_width_full_width_and_formula_escape(write) -> None:
    nfd = unicodedata.normalize("NFD", "김영희")
    text = (
        "record_id,name,birth_date,notes\n"
        f'1,{nfd}\u200b,２０２３-１０-０９,\'=HYPERLINK("http://x")\n'
        "2,'-Kim,1987,=1+2\n"
    )
    first, second = read_all(write(text))
    assert first.fields.name == "김영희"
    assert first.raw["name"] == nfd + "\u200b"
    assert first.fields.birth_date == PartialDate(2023, 10, 9)
    assert first.fields.notes == '=HYPERLINK("http://x")'
    assert first.raw["notes"] == '\'=HYPERLINK("http://x")'
    assert second.fields.name == "-Kim" and second.fields.notes == "=1+2"


def test_field_issues_name_file_row_and_column(write) -> None:
    path = write("Record_ID,Birth_Date,SEX,Age\n1,2023-02-30,X,200\n2,10/09/2023,F,3\n")
    first, second = read_all(path)
    assert first.record_id == "1"
    assert first.issues == (
        FieldIssue("list.csv", 2, "Birth_Date", "impossible date", "birth_date"),
        FieldIssue("list.csv", 2, "SEX", "unknown sex code", "sex"),
        FieldIssue("list.csv", 2, "Age", "age above 120", "age"),
    )
    assert isinstance(second.fields.birth_date, AmbiguousDate)
    assert [i.reason for i in second.issues] == ["ambiguous day/month: both readings kept"]


def test_bom_is_not_part_of_the_header(write) -> None:
    with open_list(write("\ufeffrecord_id,name\n1,Kim\n")) as listfile:
        assert listfile.encoding == "utf-8-sig"
        assert listfile.columns == ("record_id", "name")
        assert [r.record_id for r in listfile.rows()] == ["1"]


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [("record_id;name\n1;Kim\n", ";"), ("record_id\tname\n1\tKim\n", "\t")],
)
def test_delimiter_is_detected(write, text: str, delimiter: str) -> None:
    with open_list(write(text)) as listfile:
        assert listfile.columns == ("record_id", "name")
        assert [r.fields.name for r in listfile.rows()] == ["Kim"]
        assert listfile.warnings and "delimiter detected" in listfile.warnings[0]


def test_excel_sep_line(write) -> None:
    rows = read_all(write("sep=;\nrecord_id;name\n1;Kim\n"))
    assert [(r.row, r.fields.name) for r in rows] == [(2, "Kim")]


def test_tsv_extension(write) -> None:
    rows = read_all(write("record_id\tname\n1\tKim, Young-hee\n", name="list.tsv"))
    assert rows[0].fields.name == "Kim, Young-hee"


def test_content_bytes_instead_of_file(tmp_path) -> None:
    path = tmp_path / "secret.csv"  # never written: the bytes come decrypted from memory
    with open_list(path, content=b"record_id,name\n1,Kim\n") as listfile:
        assert listfile.file_name == "secret.csv"
        assert [r.fields.name for r in listfile.rows()] == ["Kim"]


def test_rows_can_be_read_twice(write) -> None:
    with open_list(write("record_id\n1\n2\n")) as listfile:
        assert [r.row for r in listfile.rows()] == [2, 3]
        assert [r.row for r in listfile.rows()] == [2, 3]


def test_empty_header_cells_are_named(write) -> None:
    with open_list(write("record_id,,name,\n1,x,Kim,\n")) as listfile:
        assert listfile.columns == ("record_id", "column_2", "name", "column_4")
        (row,) = listfile.rows()
        assert row.fields.extras == {"column_2": "x"}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\n\n\r\n", "empty"),
        (b"record_id,Record_ID\n1,2\n", "twice"),
        (b"name,sex\nKim,F\n", "no record_id"),
        (b",,\n1,2,3\n", "no record_id"),
        (b"record id,record_id\n1,2\n", "both read as record_id"),
        (b"record_id,na\xffme\n1,2\n", "header"),
        (b'record_id,"name\n', "header"),
    ],
)
def test_files_that_cannot_be_lists(write, data: bytes, reason: str) -> None:
    with pytest.raises(InputFileError, match=reason) as caught:
        open_list(write(data))
    assert caught.value.file == "list.csv"


def test_unknown_extension(write) -> None:
    with pytest.raises(InputFileError, match="unknown file type"):
        open_list(write("record_id\n1\n", name="list.dat"))
    with pytest.raises(InputFileError, match="xlsx"):
        open_list(write(b"\xd0\xcf\x11\xe0", name="list.xls"))


def test_missing_file(tmp_path) -> None:
    with pytest.raises(InputFileError, match="cannot read"):
        open_list(tmp_path / "nope.csv")


def test_tell_is_monotone_and_bounded(write) -> None:
    lines = "".join(f"{i},Kim Young-hee {i}\n" for i in range(20000))
    with open_list(write("record_id,name\n" + lines)) as listfile:
        seen = []
        for row in listfile.rows():
            if row.row % 1000 == 0:
                seen.append(listfile.tell())
        assert seen == sorted(seen)
        assert 0 < seen[0] < listfile.size
        assert listfile.tell() <= listfile.size


def test_rows_stream_without_loading_the_file(write) -> None:
    import tracemalloc

    line = "{},Kim Young-hee,F,1987-03-14,Hyesan,repatriation,2023-10-09,{}\n"
    body = "".join(line.format(i, "x" * 60) for i in range(60_000))
    path = write("record_id,name,sex,birth_date,home,event,event_date,notes\n" + body)
    size = path.stat().st_size
    tracemalloc.start()
    try:
        with open_list(path) as listfile:
            count = sum(1 for _ in listfile.rows())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 60_000
    assert size > 7_000_000
    assert peak < size / 2, peak  # about 2 MB: the detection sample and buffers
