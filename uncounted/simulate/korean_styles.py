"""List styles of Korean sources: North Korean Hangul, Revised Romanization, McCune–Reischauer.

Each style turns one person into the values of one row (every column of the style but
``record_id``), spelling names, places, dates and events the way such a source writes them.
"""

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
from uncounted.simulate.people import SimPerson
from uncounted.simulate.spelling import (
    cap,
    kcna_given,
    mr_given,
    mr_surname,
    plain,
    rr_given,
    rr_surname,
)

_HN_DATES = ((6.0, noise.iso), (3.0, noise.korean), (1.0, noise.dotted))
_HN_NOTES = (
    "중국인 남편과 함께 살았음",
    "딸과 함께 체포됨",
    "가족과 련락 두절",
    "보위부 조사 후 행방불명",
    "중국에서 여러 해 거주",
    "친척이 남한에 거주",
)
_RR_DATES = ((7.0, noise.iso), (2.0, noise.dotted), (1.0, noise.compact))
_RR_NOTES = (
    "Family in Seoul filed a petition",
    "Arrested together with her daughter",
    "Lived in China with a Chinese husband",
    "Relative reached through a broker",
    "Held for more than two years before return",
)
_MR_NOTES = (
    "Testimony of a former cellmate",
    "Whereabouts unknown since return",
    "Reportedly sent to a labour training camp",
    "Case submitted to the UN Working Group",
)
_LAST_CONTACT = ((2.0, noise.iso_month), (1.0, noise.iso))


def _last_contact(rng: random.Random, person: SimPerson, share: float) -> str:
    if rng.random() >= share:
        return ""
    return form_date(rng, person.journey.last_contact, _LAST_CONTACT, 0.0)


def _hn_event(rng: random.Random, person: SimPerson) -> tuple[str, dt.date, str]:
    journey, draw = person.journey, rng.random()
    if draw < 0.2 and journey.imprisoned_on is not None:
        return "수감", journey.imprisoned_on, place(journey.prison).hangul
    if draw < 0.35:
        return "구류", journey.detention_date, place(journey.detention_place).hangul
    if draw < 0.42:
        return "연락두절", journey.last_contact, ""
    where = journey.holding_centre if rng.random() < 0.7 else journey.crossing
    word = weighted(rng, ((3.0, "강제북송"), (2.0, "북송"), (1.0, "강제송환")))
    return word, person.return_date, place(where).hangul


def _hn_home(rng: random.Random, person: SimPerson) -> str:
    home, draw = county(person), rng.random()
    if draw < 0.6:
        return home.hangul_north
    if draw < 0.8:
        return home.short_hangul
    if draw < 0.95:
        return f"{province(person).hangul_north} {home.hangul_north}"
    return province(person).hangul_north


def hangul_north(
    rng: random.Random, person: SimPerson, config: ScenarioConfig, typo_rate: float
) -> dict[str, str]:
    event, date, where = _hn_event(rng, person)
    reported = later(rng, max(person.return_date, date), 3, 120)
    birth, age = birth_or_age(
        rng, person, reported, config.age_rate, _HN_DATES, config.date_swap_rate
    )
    name = person.hangul_name
    if rng.random() < 0.05:
        name = f"{person.surname.north} {person.given}"
    return {
        "name": maybe_typo(rng, name, typo_rate),
        "sex": ("녀" if rng.random() < 0.6 else "여") if person.sex == "F" else "남",
        "birth_date": birth,
        "age": age + "세" if age and rng.random() < 0.3 else age,
        "reported_on": noise.iso(reported),
        "home": _hn_home(rng, person),
        "event": event,
        "event_date": form_date(rng, date, _HN_DATES, config.date_swap_rate),
        "event_place": where,
        "last_contact": _last_contact(rng, person, 0.35),
        "notes": rng.choice(_HN_NOTES) if rng.random() < 0.15 else "",
    }


def _rr_names(rng: random.Random, person: SimPerson, typo_rate: float) -> dict[str, str]:
    surname = maybe_typo(rng, rr_surname(rng, person.surname), typo_rate / 3)
    parts = rr_given(person.given)
    join = rng.random()
    if join < 0.5:
        given = cap("".join(parts))
    elif join < 0.9:
        given = cap("-".join(parts))
    else:
        given = " ".join(cap(p) for p in parts)
    given = maybe_typo(rng, given, typo_rate)
    if rng.random() < 0.15:
        surname = surname.upper()
    if rng.random() < 0.3:
        return {"name": "", "family_name": surname, "given_name": given}
    name = f"{given} {surname}" if rng.random() < 0.1 else f"{surname} {given}"
    return {"name": name, "family_name": "", "given_name": ""}


def _rr_event(rng: random.Random, person: SimPerson) -> tuple[str, dt.date, str]:
    journey, draw = person.journey, rng.random()
    if draw < 0.25:
        return "arrest", journey.arrest_date, place(journey.arrest_place).english
    if draw < 0.4:
        return "detention", journey.detention_date, place(journey.detention_place).english
    where = weighted(
        rng,
        ((4.0, journey.detention_place), (4.0, journey.crossing), (2.0, journey.holding_centre)),
    )
    return "repatriation", person.return_date, place(where).english


def _rr_home(rng: random.Random, person: SimPerson) -> str:
    home, draw = county(person), rng.random()
    if draw < 0.55:
        return home.rr
    if draw < 0.7:
        return f"{home.rr}-{'si' if home.is_city else 'gun'}"
    if draw < 0.85:
        return f"{home.rr}, {province(person).rr}"
    return home.mr_plain if draw < 0.95 else province(person).rr


def rr(
    rng: random.Random, person: SimPerson, config: ScenarioConfig, typo_rate: float
) -> dict[str, str]:
    event, date, where = _rr_event(rng, person)
    reported = later(rng, max(person.return_date, date), 5, 200)
    birth, age = birth_or_age(
        rng, person, reported, config.age_rate, _RR_DATES, config.date_swap_rate
    )
    return {
        **_rr_names(rng, person, typo_rate),
        "sex": person.sex if rng.random() < 0.8 else ("female" if person.sex == "F" else "male"),
        "birth_date": birth,
        "age": age,
        "reported_on": noise.iso(reported),
        "home": _rr_home(rng, person),
        "event": event,
        "event_date": form_date(rng, date, _RR_DATES, config.date_swap_rate),
        "event_place": where,
        "last_contact": _last_contact(rng, person, 0.4),
        "notes": rng.choice(_RR_NOTES) if rng.random() < 0.12 else "",
    }


def _mr_name(rng: random.Random, person: SimPerson, typo_rate: float) -> str:
    surname, form = mr_surname(rng, person.surname), rng.random()
    if form < 0.4:
        given = cap("-".join(mr_given(person.given)))
    elif form < 0.75:
        given, surname = plain(cap("-".join(mr_given(person.given)))), plain(surname)
    else:
        given, surname = " ".join(cap(p) for p in kcna_given(person.given)), plain(surname)
    return maybe_typo(rng, f"{surname} {given}", typo_rate)


def _mr_event(rng: random.Random, person: SimPerson) -> tuple[str, dt.date, str]:
    journey, draw = person.journey, rng.random()
    if draw < 0.35 and journey.imprisoned_on is not None:
        return "imprisoned", journey.imprisoned_on, place(journey.prison).english
    if draw < 0.55:
        return "detained", journey.detention_date, place(journey.detention_place).english
    word = "forcibly repatriated" if rng.random() < 0.6 else "repatriation"
    return word, person.return_date, place(journey.holding_centre).english


def _mr_home(rng: random.Random, person: SimPerson) -> str:
    home, draw = county(person), rng.random()
    if draw < 0.5:
        return home.mr
    if draw < 0.85:
        return home.mr_plain
    return rng.choice(home.aliases) if draw < 0.95 else province(person).mr


def mr(
    rng: random.Random, person: SimPerson, config: ScenarioConfig, typo_rate: float
) -> dict[str, str]:
    event, date, where = _mr_event(rng, person)
    reported = later(rng, max(person.return_date, date), 10, 300)
    age_share = max(config.age_rate, 0.8)
    dates = ((1.0, noise.iso),)
    birth, age = birth_or_age(rng, person, reported, age_share, dates, config.date_swap_rate)
    return {
        "name": _mr_name(rng, person, typo_rate),
        "sex": person.sex,
        "birth_date": birth,
        "age": age,
        "reported_on": noise.iso(reported),
        "home": _mr_home(rng, person),
        "event": event,
        "event_date": form_date(rng, date, ((3.0, noise.iso), (1.0, noise.iso_month)), 0.0),
        "event_place": where,
        "notes": rng.choice(_MR_NOTES) if rng.random() < 0.1 else "",
    }
