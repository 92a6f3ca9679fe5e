"""List styles of foreign sources: English-language media, and Chinese police records."""

from __future__ import annotations

import datetime as dt
import random

from uncounted.simulate import noise
from uncounted.simulate.config import ScenarioConfig
from uncounted.simulate.fields import (
    birth_or_age,
    county,
    form_date,
    later,
    maybe_typo,
    place,
    province,
    weighted,
)
from uncounted.simulate.journeys import MASS_EVENT_DATE
from uncounted.simulate.people import SimPerson
from uncounted.simulate.spelling import cap, english_given, english_surname, hanzi, pinyin_given

_EN_EVENT_DATES = ((5.0, noise.english_month), (3.0, noise.english_day), (2.0, noise.english_long))
_EN_NOTES = (
    "Named by relatives in South Korea",
    "Among those sent back on the night of October 9",
    "Mother of a young child left in China",
    "Family says she was beaten in detention",
    "Identified from a photograph shown to reporters",
)
_CN_DATES = ((5.0, noise.iso), (3.0, noise.chinese), (2.0, noise.dotted))
_CN_NOTES = ("非法越境", "无合法证件", "与中国籍男子同居", "已移交朝方", "曾在饭店打工")


def _english_name(rng: random.Random, person: SimPerson, typo_rate: float) -> str:
    surname = english_surname(rng, person.surname)
    if rng.random() < 0.1:
        return surname  # the given name was not reported
    parts = english_given(rng, person.given)
    join = rng.random()
    if join < 0.45:
        given = parts[0] + "-" + "-".join(p.lower() for p in parts[1:])
    elif join < 0.65:
        given = parts[0] + "".join(p.lower() for p in parts[1:])
    elif join < 0.9:
        given = " ".join(parts)
    else:
        given = "-".join(parts)
    given = maybe_typo(rng, given, typo_rate)
    if rng.random() < 0.55:
        return f"{given} {surname}"
    return f"{surname.upper() if rng.random() < 0.2 else surname} {given}"


def _english_event(rng: random.Random, person: SimPerson) -> tuple[str, dt.date, str]:
    journey = person.journey
    if rng.random() < 0.15:
        return "arrested", journey.arrest_date, place(journey.arrest_place).english
    word = weighted(rng, ((4.0, "forcibly returned"), (3.0, "repatriated"), (2.0, "deported")))
    where = journey.crossing if rng.random() < 0.5 else journey.detention_place
    return word, person.return_date, place(where).english


def _english_home(rng: random.Random, person: SimPerson) -> str:
    home, draw = county(person), rng.random()
    if draw < 0.45:
        return rng.choice(home.aliases)
    if draw < 0.75:
        return home.mr_plain
    if draw < 0.9:
        return f"{home.mr_plain}, {province(person).english} Province"
    return home.rr


def english_adhoc(
    rng: random.Random, person: SimPerson, config: ScenarioConfig, typo_rate: float
) -> dict[str, str]:
    event, date, where = _english_event(rng, person)
    start = max(person.return_date, date, MASS_EVENT_DATE if person.mass_event else date)
    reported = later(rng, start, 1, 60)
    dates = ((1.0, noise.year),)
    birth, age = birth_or_age(rng, person, reported, max(config.age_rate, 0.85), dates, 0.0)
    if age and rng.random() < config.korean_age_rate:
        age = str(int(age) + 1)
    sex = weighted(rng, ((3.0, person.sex), (1.0, "female" if person.sex == "F" else "male")))
    return {
        "name": _english_name(rng, person, typo_rate),
        "name_alt": person.hangul_name if rng.random() < 0.1 else "",
        "sex": sex,
        "birth_date": birth,
        "age": age,
        "reported_on": form_date(rng, reported, ((1.0, noise.iso),), 0.0),
        "home": _english_home(rng, person),
        "event": event,
        "event_date": form_date(rng, date, _EN_EVENT_DATES, config.date_swap_rate),
        "event_place": where,
        "notes": rng.choice(_EN_NOTES) if rng.random() < 0.12 else "",
    }


def _pinyin_name(rng: random.Random, person: SimPerson, typo_rate: float) -> str:
    surname = person.surname.pinyin
    if "ü" in surname:
        surname = surname.replace("ü", rng.choice("üvu"))
    parts = [p.replace("ü", "v") for p in pinyin_given(person.given_hanja)]
    form = rng.random()
    if form < 0.6:
        text = f"{surname} {cap(''.join(parts))}"
    elif form < 0.8:
        text = " ".join([surname, *(cap(p) for p in parts)])
    else:
        text = f"{surname} {''.join(parts)}".upper()
    return maybe_typo(rng, text, typo_rate)


def _chinese_event(rng: random.Random, person: SimPerson) -> tuple[str, dt.date, str]:
    journey, draw = person.journey, rng.random()
    if draw < 0.4:
        word = "抓捕" if rng.random() < 0.5 else "逮捕"
        return word, journey.arrest_date, place(journey.arrest_place).chinese_simplified
    if draw < 0.8:
        word = "拘留" if rng.random() < 0.6 else "羁押"
        return word, journey.detention_date, place(journey.detention_place).chinese_simplified
    word = "遣返" if rng.random() < 0.7 else "遣送"
    return word, person.return_date, place(journey.crossing).chinese_simplified


def _chinese_home(rng: random.Random, person: SimPerson) -> str:
    home, draw = county(person), rng.random()
    if draw < 0.5:
        return home.chinese_simplified
    if draw < 0.7:
        return "朝鲜" + home.chinese_simplified
    return home.pinyin if draw < 0.9 else province(person).chinese_simplified


def chinese(
    rng: random.Random, person: SimPerson, config: ScenarioConfig, typo_rate: float
) -> dict[str, str]:
    event, date, where = _chinese_event(rng, person)
    reported = max(date, person.journey.detention_date)
    birth, age = birth_or_age(
        rng, person, reported, config.age_rate, _CN_DATES, config.date_swap_rate
    )
    alternatives = [_pinyin_name(rng, person, typo_rate)]
    if person.alias and rng.random() < 0.6:
        alternatives.append(person.alias)
    return {
        "name": hanzi(person.surname, person.given_hanja, simplified=rng.random() < 0.65),
        "name_alt": "; ".join(alternatives),
        "sex": "女" if person.sex == "F" else "男",
        "birth_date": birth,
        "age": age + "岁" if age and rng.random() < 0.4 else age,
        "reported_on": form_date(rng, reported, _CN_DATES, 0.0),
        "home": _chinese_home(rng, person),
        "event": event,
        "event_date": form_date(rng, date, _CN_DATES, config.date_swap_rate),
        "event_place": where,
        "notes": rng.choice(_CN_NOTES) if rng.random() < 0.12 else "",
    }
