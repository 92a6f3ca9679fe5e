"""The truth: the simulated people, their names, origins and paths, look-alikes and siblings."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from uncounted.simulate.config import ScenarioConfig
from uncounted.simulate.given_names import given_name, sibling_name
from uncounted.simulate.journeys import Journey, batch_plan, draw_journey, home_table
from uncounted.simulate.tables import Surname, surnames, syllables

_LATEST_BIRTH_YEAR = 2008
_ALIAS_SURNAMES = tuple("李王张刘陈杨赵黄周吴孙金")
_ALIAS_GIVEN = (
    "美花",
    "丽华",
    "春梅",
    "秀英",
    "玉兰",
    "海燕",
    "丽丽",
    "红梅",
    "小燕",
    "金花",
    "美玲",
    "桂兰",
    "凤霞",
    "晓红",
)


@dataclass(frozen=True, slots=True)
class SimPerson:
    """One simulated person. Names are as the North writes them (Hangul) and in hanja."""

    id: str
    sex: str  # "F" | "M"
    surname: Surname
    given: str  # Hangul, North spelling (영희, 련화)
    given_hanja: str  # traditional characters
    birth: dt.date
    home: str  # county id
    batch: str  # ReturnBatch id
    return_date: dt.date
    mass_event: bool
    journey: Journey
    alias: str = ""  # a Chinese name used in China, if any
    lookalike_group: str = ""
    sibling_group: str = ""

    @property
    def hangul_name(self) -> str:
        return self.surname.north + self.given

    @property
    def hanja_name(self) -> str:
        return self.surname.hanja + self.given_hanja


@cache
def _surname_table() -> tuple[tuple[Surname, ...], tuple[float, ...]]:
    table = surnames()
    return table, tuple(accumulate(s.weight for s in table))


def _hanja(rng: random.Random, given: str) -> str:
    table = syllables()
    chars = []
    for syllable in given:
        options = table[syllable].hanja
        chars.append(options[0] if rng.random() < 0.6 else rng.choice(options))
    return "".join(chars)


def _birth(rng: random.Random, sex: str, year: int | None = None) -> dt.date:
    if year is None:
        low, high, mode = (1962, 2007, 1988) if sex == "F" else (1955, 2007, 1984)
        year = round(rng.triangular(low, high, mode))
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))


def _alias(rng: random.Random) -> str:
    return rng.choice(_ALIAS_SURNAMES) + rng.choice(_ALIAS_GIVEN)


def _person(rng: random.Random, config: ScenarioConfig, number: int, batch) -> SimPerson:
    batch_id, date, _size, mass = batch
    sex = "F" if rng.random() < config.female_share else "M"
    table, cum = _surname_table()
    counties, county_cum = home_table()
    given = given_name(rng, sex)
    alias = _alias(rng) if sex == "F" and rng.random() < config.alias_share else ""
    return SimPerson(
        id=f"P{number:06d}",
        sex=sex,
        surname=rng.choices(table, cum_weights=cum)[0],
        given=given,
        given_hanja=_hanja(rng, given),
        birth=_birth(rng, sex),
        home=rng.choices(counties, cum_weights=county_cum)[0].id,
        batch=batch_id,
        return_date=date,
        mass_event=mass,
        journey=draw_journey(rng, sex, date, mass),
        alias=alias,
    )


def _group_sizes(rng: random.Random, members: int, three_share: float) -> list[int]:
    """Sizes of groups of two or three people, together about ``members`` people."""
    sizes: list[int] = []
    left = members
    while left >= 2:
        size = 3 if left >= 3 and rng.random() < three_share else 2
        sizes.append(size)
        left -= size
    return sizes


def _lookalike(rng: random.Random, template: SimPerson, other: SimPerson, group: str) -> SimPerson:
    return dataclasses.replace(
        other,
        surname=template.surname,
        given=template.given,
        given_hanja=template.given_hanja if rng.random() < 0.7 else _hanja(rng, template.given),
        birth=_birth(rng, other.sex, template.birth.year),
        home=template.home,
        lookalike_group=group,
    )


def _sibling_given(rng: random.Random, sex: str, first: str, taken: set[str]) -> str:
    for _ in range(20):
        given = sibling_name(rng, sex, first)
        if given not in taken:
            return given
    return next(first[0] + s for s in "희숙순옥화미란철남" if first[0] + s not in taken)


def _sibling(
    rng: random.Random, first: SimPerson, other: SimPerson, group: str, taken: set[str]
) -> SimPerson:
    given = _sibling_given(rng, other.sex, first.given, taken)
    taken.add(given)
    year = min(first.birth.year + rng.choice((-1, 1)) * rng.randint(1, 6), _LATEST_BIRTH_YEAR)
    together = rng.random() < 0.5
    return dataclasses.replace(
        other,
        surname=first.surname,
        given=given,
        given_hanja=_hanja(rng, given),
        birth=_birth(rng, other.sex, year),
        home=first.home,
        batch=first.batch if together else other.batch,
        return_date=first.return_date if together else other.return_date,
        mass_event=first.mass_event if together else other.mass_event,
        journey=first.journey if together else other.journey,
        sibling_group=group,
    )


def _lookalike_groups(
    rng: random.Random, people: list[SimPerson], order: list[int], config: ScenarioConfig
) -> list[list[int]]:
    """Disjoint groups of people of one sex (a name fits one sex), drawn in ``order``."""
    by_sex: dict[str, list[int]] = {"F": [], "M": []}
    for index in order:
        by_sex[people[index].sex].append(index)
    taken = {"F": 0, "M": 0}
    groups = []
    for size in _group_sizes(rng, round(config.lookalike_share * len(people)), 0.3):
        sex = "F" if rng.random() < config.female_share else "M"
        if taken[sex] + size > len(by_sex[sex]):
            sex = "M" if sex == "F" else "F"
            if taken[sex] + size > len(by_sex[sex]):
                break
        groups.append(by_sex[sex][taken[sex] : taken[sex] + size])
        taken[sex] += size
    return groups


def _apply_groups(rng: random.Random, people: list[SimPerson], config: ScenarioConfig) -> None:
    order = list(range(len(people)))
    rng.shuffle(order)
    for number, members in enumerate(_lookalike_groups(rng, people, order, config)):
        group = f"L{number + 1:05d}"
        template = people[members[0]] = dataclasses.replace(
            people[members[0]], lookalike_group=group
        )
        for index in members[1:]:
            people[index] = _lookalike(rng, template, people[index], group)
    rest = [i for i in order if not people[i].lookalike_group]
    cursor = 0
    for number, size in enumerate(
        _group_sizes(rng, round(config.sibling_share * len(people)), 0.2)
    ):
        members, cursor = rest[cursor : cursor + size], cursor + size
        if len(members) < 2:
            break
        group = f"S{number + 1:05d}"
        first = people[members[0]] = dataclasses.replace(people[members[0]], sibling_group=group)
        taken = {first.given}
        for index in members[1:]:
            people[index] = _sibling(rng, first, people[index], group, taken)


def simulate_people(config: ScenarioConfig) -> tuple[SimPerson, ...]:
    """The people of the scenario, in id order."""
    rng = random.Random(f"{config.seed}:people")
    plan = batch_plan(config.n_people, config.mass_event_share)
    assignment = [batch for batch in plan for _ in range(batch[2])]
    rng.shuffle(assignment)
    people = [_person(rng, config, i + 1, batch) for i, batch in enumerate(assignment)]
    _apply_groups(rng, people, config)
    return tuple(people)
