"""Helpers the list styles share: places, birth information, dates, typos."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from functools import cache

from uncounted.places import County, Facility, Province, load_counties, load_provinces
from uncounted.simulate import noise
from uncounted.simulate.journeys import facility
from uncounted.simulate.people import SimPerson

DateForm = Callable[[dt.date], str]


@cache
def _counties() -> dict[str, County]:
    return {c.id: c for c in load_counties()}


@cache
def _provinces() -> dict[str, Province]:
    return {p.id: p for p in load_provinces()}


def county(person: SimPerson) -> County:
    return _counties()[person.home]


def province(person: SimPerson) -> Province:
    return _provinces()[county(person).province_id]


def place(facility_id: str) -> Facility:
    return facility(facility_id)


def weighted(rng: random.Random, options: Sequence[tuple[float, str]]) -> str:
    """One of ``(weight, value)`` options; the weights need not sum to one."""
    draw = rng.random() * sum(w for w, _ in options)
    for weight, value in options:
        draw -= weight
        if draw < 0:
            return value
    return options[-1][1]


def form_date(
    rng: random.Random, date: dt.date, forms: Sequence[tuple[float, DateForm]], swap_rate: float
) -> str:
    """``date`` in one of the style's forms, or (rarely) day/month order."""
    if rng.random() < swap_rate:
        return noise.day_month_swapped(rng, date)
    draw = rng.random() * sum(w for w, _ in forms)
    for weight, form in forms:
        draw -= weight
        if draw < 0:
            return form(date)
    return forms[-1][1](date)


def maybe_typo(rng: random.Random, text: str, rate: float) -> str:
    return noise.typo(rng, text) if text and rng.random() < rate else text


def birth_or_age(
    rng: random.Random,
    person: SimPerson,
    reported: dt.date,
    age_share: float,
    forms: Sequence[tuple[float, DateForm]],
    swap_rate: float,
) -> tuple[str, str]:
    """(birth_date, age): a birth date in one of ``forms``, or an age on ``reported``."""
    if rng.random() < age_share:
        return "", str(noise.age_on(person.birth, reported))
    return form_date(rng, person.birth, forms, swap_rate), ""


def later(rng: random.Random, date: dt.date, low: int, high: int) -> dt.date:
    return date + dt.timedelta(days=rng.randint(low, high))
