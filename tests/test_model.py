"""Domain types: partial dates keep their precision, ages become birth-year ranges."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uncounted.model import (
    AmbiguousDate,
    CountReport,
    PartialDate,
    Precision,
    Record,
    RecordFields,
    YearRange,
    birth_years_from_age,
    date_from_iso,
)


@st.composite
def partial_dates(draw) -> PartialDate:
    day = draw(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2100, 12, 31)))
    precision = draw(st.sampled_from(list(Precision)))
    if precision is Precision.YEAR:
        return PartialDate(day.year)
    if precision is Precision.MONTH:
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


@given(partial_dates())
def test_iso_round_trip_keeps_precision(date):
    again = date_from_iso(date.iso())
    assert again == date and again.precision == date.precision
    assert date.earliest() <= date.latest()


@pytest.mark.parametrize(
    ("year", "month", "day"), [(2023, 2, 29), (2023, 13, None), (2023, None, 5), (0, None, None)]
)
def test_impossible_dates_are_refused(year, month, day):
    with pytest.raises(ValueError):
        PartialDate(year, month, day)


def test_year_only_date_spans_the_year():
    date = PartialDate(1987)
    assert (date.earliest(), date.latest()) == (dt.date(1987, 1, 1), dt.date(1987, 12, 31))


@pytest.mark.parametrize(
    ("age", "reported", "expected"),
    [
        (34, PartialDate(2023, 10, 20), YearRange(1988, 1989)),
        (34, PartialDate(2023, 12, 31), YearRange(1989, 1989)),
        (34, PartialDate(2023), YearRange(1988, 1989)),
        (0, PartialDate(2023, 1, 1), YearRange(2022, 2023)),
    ],
)
def test_age_at_report_gives_birth_years(age, reported, expected):
    assert birth_years_from_age(age, reported) == expected


def test_age_without_report_date_gives_no_range():
    assert birth_years_from_age(34, None) is None
    assert RecordFields(age=34).birth_years is None


def test_ambiguous_report_date_widens_the_range():
    reported = AmbiguousDate((PartialDate(2023, 10, 9), PartialDate(2023, 9, 10)))
    assert RecordFields(age=30, reported_on=reported).birth_years == YearRange(1992, 1993)


@given(st.integers(0, 110), partial_dates())
def test_the_true_birth_year_is_always_in_the_range(age, reported):
    years = birth_years_from_age(age, reported)
    earliest_birth = reported.earliest().year - age - 1
    assert years.lo <= max(earliest_birth, years.lo) <= years.hi


def test_count_reports_are_ranges():
    up_to = CountReport("tjwg", hi=600, wording="up to 600")
    assert up_to.lo is None and up_to.hi == 600
    with pytest.raises(ValueError):
        CountReport("x", lo=10, hi=5)


def test_unidentified_record_is_still_a_record():
    rec = Record("s", "17", RecordFields(), {"record_id": "17"}, 2)
    assert not rec.fields.is_identifying and rec.key == ("s", "17")


def test_a_person_derives_from_records_without_overwriting_them():
    from uncounted.model import Event, EventType, Person, Sex

    first = Record(
        "a",
        "1",
        RecordFields(
            name="김영희",
            sex=Sex.FEMALE,
            birth_date=PartialDate(1987),
            event=EventType.REPATRIATION,
            event_date=PartialDate(2023, 10, 9),
        ),
        {},
        2,
    )
    second = Record(
        "b",
        "K-7",
        RecordFields(
            name="Kim Young-hee",
            name_alt=("金英姬",),
            age=36,
            reported_on=PartialDate(2023, 11, 1),
            event=EventType.ARREST,
            event_date=PartialDate(2023, 8),
        ),
        {},
        3,
    )
    person = Person("p1", (first, second))
    assert person.names == ("김영희", "Kim Young-hee", "金英姬")
    assert person.sources == ("a", "b") and person.sexes == {Sex.FEMALE}
    assert person.birth_years == YearRange(1987, 1987)  # 1987 and 1986..1987 agree on 1987
    assert [e.type for e in person.events] == [EventType.ARREST, EventType.REPATRIATION]
    assert isinstance(person.events[0], Event) and first.fields.age is None


def test_disagreeing_birth_years_give_no_range():
    from uncounted.model import Person

    records = (
        Record("a", "1", RecordFields(birth_date=PartialDate(1980)), {}, 2),
        Record("b", "2", RecordFields(birth_date=PartialDate(1990)), {}, 2),
    )
    assert Person("p", records).birth_years is None


def test_a_review_says_who_decided_what_and_why():
    from uncounted.model import Decision, Review

    review = Review(
        "record:a/1",
        "reviewer-1",
        Decision.REJECT,
        "not the same person",
        dt.datetime(2026, 11, 29, tzinfo=dt.UTC),
    )
    assert review.decision is Decision.REJECT and review.reason
