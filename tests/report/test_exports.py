"""Export tables and writers: formulas neutralised, public rows redacted, parquet readable."""

from __future__ import annotations

import io

import pyarrow.parquet as pq
from hypothesis import given
from hypothesis import strategies as st

from uncounted.ingest import parse_row_values
from uncounted.model import (
    AmbiguousDate,
    EventType,
    FieldIssue,
    PartialDate,
    Record,
    RecordFields,
    Sex,
)
from uncounted.report.formula import FORMULA_TRIGGERS, neutralise_formula
from uncounted.report.tables import PUBLIC_COLUMNS, public_row, restricted_row
from uncounted.report.writers import write_csv, write_parquet


@given(st.text())
def test_neutralised_values_never_start_a_formula(value):
    assert not neutralise_formula(value).startswith(FORMULA_TRIGGERS)


@given(st.sampled_from(["=", "+", "-", "@"]), st.text(max_size=20))
def test_neutralised_formulas_read_back_as_the_same_text(trigger, rest):
    value = trigger + rest
    _rid, plain, _issues = parse_row_values({"record_id": "1", "notes": value}, file="f", row=2)
    _rid, neutralised, _issues = parse_row_values(
        {"record_id": "1", "notes": neutralise_formula(value)}, file="f", row=2
    )
    assert neutralised.notes == plain.notes


def _record() -> Record:
    fields = RecordFields(
        name="김영희",
        sex=Sex.FEMALE,
        birth_date=PartialDate(1987, 3, 14),
        event=EventType.REPATRIATION,
        event_date=AmbiguousDate((PartialDate(2023, 10, 9), PartialDate(2023, 9, 10))),
        event_place="Tumen",
        home="혜산",
    )
    issue = FieldIssue("f.csv", 2, "Age", "not an age", "age")
    return Record("tjwg", "A-1", fields, {"Age": "서른"}, 2, 1, (issue,))


def test_restricted_row_writes_canonical_values_and_raw_where_a_field_was_lost():
    row = restricted_row(_record(), with_source=False)
    assert row["birth_date"] == "1987-03-14" and row["sex"] == "F"
    assert row["age"] == "서른"  # the raw text, so a re-import reports the same issue
    assert row["event_date"] == "09/10/2023"  # reads back as the same two readings


def test_public_row_identifies_nobody():
    row = public_row(_record())
    assert set(row) == set(PUBLIC_COLUMNS)
    assert row["birth_year_band"] == "1985-1989" and row["event_month"] == ""
    assert "김영희" not in row.values() and "혜산" not in row.values()


def test_writers():
    rows = [{"a": "=1+1", "b": "김"}, {"a": "x", "b": ""}]
    buffer = io.BytesIO()
    assert write_csv(buffer, ("a", "b"), rows) == 2
    assert buffer.getvalue().decode() == "a,b\r\n'=1+1,김\r\nx,\r\n"
    buffer = io.BytesIO()
    assert write_parquet(buffer, ("a", "b"), rows) == 2
    table = pq.read_table(io.BytesIO(buffer.getvalue()))
    assert table.to_pylist() == rows
