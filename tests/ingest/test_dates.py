"""Dates as sources write them: every accepted form, ambiguity, impossibility, precision."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uncounted.ingest import parse_date
from uncounted.model import AmbiguousDate, PartialDate

D = PartialDate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1987", D(1987)),
        ("1987-03", D(1987, 3)),
        ("1987-03-14", D(1987, 3, 14)),
        ("1987-3-4", D(1987, 3, 4)),
        ("19870314", D(1987, 3, 14)),
        ("1987.03.14", D(1987, 3, 14)),
        ("1987.03.14.", D(1987, 3, 14)),
        ("1987. 3. 14.", D(1987, 3, 14)),
        ("1987.03", D(1987, 3)),
        ("1987/03/14", D(1987, 3, 14)),
        ("1987/03", D(1987, 3)),
        ("1987년 3월 14일", D(1987, 3, 14)),
        ("1987년3월14일", D(1987, 3, 14)),
        ("1987년 3월", D(1987, 3)),
        ("1987년", D(1987)),
        ("1987년생", D(1987)),
        ("1987年3月14日", D(1987, 3, 14)),
        ("09 Jul 1969", D(1969, 7, 9)),
        ("9 july 1969", D(1969, 7, 9)),
        ("9-JUL-1969", D(1969, 7, 9)),
        ("Jul 1969", D(1969, 7)),
        ("September 1969", D(1969, 9)),
        ("July 9, 1969", D(1969, 7, 9)),
        ("Sept 9 1969", D(1969, 9, 9)),
        ("25/10/2023", D(2023, 10, 25)),
        ("10/25/2023", D(2023, 10, 25)),
        ("25.10.2023", D(2023, 10, 25)),
        ("25-10-2023", D(2023, 10, 25)),
        ("05/05/2023", D(2023, 5, 5)),
        ("10/2023", D(2023, 10)),
        ("2023-10-09T14:30:00", D(2023, 10, 9)),
        ("2023-10-09 00:00:00", D(2023, 10, 9)),
        ("  2023-10-09 ", D(2023, 10, 9)),
        ("２０２３-１０-０９", D(2023, 10, 9)),
        ("", None),
        ("   ", None),
    ],
)
def test_accepted_forms(text: str, expected: PartialDate | None) -> None:
    assert parse_date(text) == expected


def test_precision_written_is_kept() -> None:
    assert parse_date("1987").precision == "year"
    assert parse_date("1987-03").precision == "month"
    assert parse_date("Mar 1987").precision == "month"
    assert parse_date("1987년 3월").precision == "month"


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("10/09/2023", (D(2023, 9, 10), D(2023, 10, 9))),
        ("01.02.2000", (D(2000, 1, 2), D(2000, 2, 1))),
        ("3-4-1990", (D(1990, 3, 4), D(1990, 4, 3))),
    ],
)
def test_day_month_ambiguity_keeps_both_readings(text: str, readings: tuple) -> None:
    value = parse_date(text)
    assert isinstance(value, AmbiguousDate)
    assert value.readings == readings


@pytest.mark.parametrize(
    ("order", "expected"),
    [("DMY", D(2023, 9, 10)), ("MDY", D(2023, 10, 9))],
)
def test_declared_order_settles_ambiguity(order: str, expected: PartialDate) -> None:
    assert parse_date("10/09/2023", order=order) == expected


def test_declared_order_ymd_refuses_day_month_forms() -> None:
    with pytest.raises(ValueError, match="YMD"):
        parse_date("10/09/2023", order="YMD")
    assert parse_date("2023/10/09", order="YMD") == D(2023, 10, 9)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-02-30", "impossible date"),
        ("2023-13", "impossible date"),
        ("2023-00-10", "impossible date"),
        ("20231301", "impossible date"),
        ("31/02/2023", "impossible date"),
        ("13/13/2023", "impossible date"),
        ("2023년 2월 29일", "impossible date"),
        ("1799", "implausible year"),
        ("2101-01-01", "implausible year"),
        ("0000", "implausible year"),
        ("yesterday", "unknown date form"),
        ("87", "unknown date form"),
        ("10/09/23", "unknown date form"),
        ("Foo 1969", "unknown month name"),
        ("2023-10-09-01", "unknown date form"),
    ],
)
def test_unusable_dates_raise_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_date(text)


def test_leap_day() -> None:
    assert parse_date("2024-02-29") == D(2024, 2, 29)
    with pytest.raises(ValueError):
        parse_date("2023-02-29")


@pytest.mark.parametrize(
    ("text", "formats", "expected"),
    [
        ("14.03.1987", ["%d.%m.%Y"], D(1987, 3, 14)),
        ("198703", ["%Y%m"], D(1987, 3)),
        ("1987", ["%d.%m.%Y", "%Y"], D(1987)),
        ("Mar/1987", ["%b/%Y"], D(1987, 3)),
        ("1987-03-14", ["%d.%m.%Y"], D(1987, 3, 14)),  # ISO is always understood
        ("03/14/1987", ["%m/%d/%Y"], D(1987, 3, 14)),
    ],
)
def test_declared_formats(text: str, formats: list[str], expected: PartialDate) -> None:
    assert parse_date(text, formats=formats) == expected


def test_declared_formats_do_not_fall_back_to_guessing() -> None:
    with pytest.raises(ValueError, match="declared formats"):
        parse_date("25/10/2023", formats=["%m/%d/%Y"])


@given(
    st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from(["year", "month", "day"]),
)
def test_iso_round_trip(day, precision: str) -> None:
    value = D(
        day.year,
        day.month if precision != "year" else None,
        day.day if precision == "day" else None,
    )
    assert parse_date(value.iso()) == value
