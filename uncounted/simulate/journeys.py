"""Where people were arrested, held and returned: forced-return batches and each person's path.

A person is arrested in a Chinese city, held in the border detention centre that city sends
people to, returned across the crossing that centre uses, and held by the Ministry of State
Security on the other side; some are then sent to prison.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from uncounted.places import County, Facility, load_counties, load_facilities

MASS_EVENT_DATE = dt.date(2023, 10, 9)
# (batch date, weight among the batches other than the mass event)
_OTHER_BATCHES = (
    (dt.date(2023, 4, 26), 0.25),
    (dt.date(2023, 8, 29), 0.35),
    (dt.date(2024, 4, 26), 0.4),
)

_ARREST_CITIES = (
    "cn_yanji 20 cn_longjing 7 cn_helong 6 cn_tumen 7 cn_hunchun 5 cn_changbai 7 cn_baishan 4"
    " cn_jian 3 cn_dandong 8 cn_shenyang 8 cn_dalian 3 cn_changchun 5 cn_harbin 5 cn_mudanjiang 3"
    " cn_qingdao 4 cn_beijing 3"
)
_DETENTION_BY_CITY = {
    "cn_yanji": "cn_yanji_dc", "cn_longjing": "cn_longjing_dc", "cn_helong": "cn_helong_dc",
    "cn_tumen": "cn_tumen_dc", "cn_hunchun": "cn_hunchun_dc", "cn_changbai": "cn_changbai_dc",
    "cn_baishan": "cn_baishan_dc", "cn_jian": "cn_jian_dc", "cn_dandong": "cn_dandong_dc",
    "cn_shenyang": "cn_dandong_dc", "cn_dalian": "cn_dandong_dc", "cn_changchun": "cn_tumen_dc",
    "cn_harbin": "cn_tumen_dc", "cn_mudanjiang": "cn_tumen_dc", "cn_qingdao": "cn_dandong_dc",
    "cn_beijing": "cn_dandong_dc",
}  # fmt: skip
_CROSSINGS_BY_DETENTION = {
    "cn_tumen_dc": ("cn_tumen_port",), "cn_yanji_dc": ("cn_tumen_port",),
    "cn_longjing_dc": ("cn_sanhe_port", "cn_kaishantun_port"), "cn_helong_dc": ("cn_nanping_port",),
    "cn_hunchun_dc": ("cn_quanhe_port",), "cn_changbai_dc": ("cn_changbai_port",),
    "cn_baishan_dc": ("cn_linjiang_port",), "cn_jian_dc": ("cn_jian_port",),
    "cn_dandong_dc": ("cn_dandong_port",),
}  # fmt: skip
_PRISONS = {"F": (("kp_kaechon_women", 0.65), ("kp_jongori", 0.35)),
            "M": (("kp_jongori", 0.6), ("kp_chungsan", 0.4))}  # fmt: skip
IMPRISONED_SHARE = 0.45
# Home counties: province weights, then a bonus for counties on the Chinese border.
_PROVINCE_WEIGHTS = {
    "ryanggang": 34, "north_hamgyong": 36, "rason": 2, "south_hamgyong": 7, "north_phyongan": 6,
    "chagang": 4, "south_phyongan": 4, "pyongyang": 3, "nampho": 1, "kangwon": 1,
    "north_hwanghae": 1, "south_hwanghae": 1,
}  # fmt: skip
_COUNTY_BOOST = {"hyesan": 4.0, "hoeryong": 2.0, "musan": 2.0, "chongjin": 2.5, "onsong": 1.5}


@dataclass(frozen=True, slots=True)
class ReturnBatch:
    """One forced return: the people China handed over on one date."""

    id: str  # "R2023-10-09"
    date: dt.date
    size: int
    crossings: tuple[str, ...]  # facility ids of the crossings its people passed
    mass_event: bool


@dataclass(frozen=True, slots=True)
class Journey:
    arrest_date: dt.date
    arrest_place: str
    detention_date: dt.date
    detention_place: str
    crossing: str
    holding_centre: str
    prison: str  # "" if not (known to be) imprisoned
    imprisoned_on: dt.date | None
    last_contact: dt.date


def batch_plan(n_people: int, mass_share: float) -> tuple[tuple[str, dt.date, int, bool], ...]:
    """(id, date, size, is mass event) of each batch, sizes summing to ``n_people``."""
    mass = round(n_people * mass_share)
    rest = n_people - mass
    total = sum(w for _, w in _OTHER_BATCHES)
    sizes = [int(rest * w / total) for _, w in _OTHER_BATCHES]
    for k in range(rest - sum(sizes)):
        sizes[-1 - k % len(sizes)] += 1
    plan = [(date, size, False) for (date, _), size in zip(_OTHER_BATCHES, sizes, strict=True)]
    plan.append((MASS_EVENT_DATE, mass, True))
    plan.sort()
    return tuple((f"R{date.isoformat()}", date, size, mass_) for date, size, mass_ in plan)


@cache
def _facilities() -> dict[str, Facility]:
    return {f.id: f for f in load_facilities()}


@cache
def _holding_by_county() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for facility in load_facilities():
        if facility.kind == "holding_centre":
            found.setdefault(facility.crossing_to, []).append(facility.id)
    return {county: tuple(ids) for county, ids in found.items()}


@cache
def _arrest_table() -> tuple[tuple[str, ...], tuple[float, ...]]:
    tokens = _ARREST_CITIES.split()
    cities, weights = tokens[0::2], [float(w) for w in tokens[1::2]]
    return tuple(cities), tuple(accumulate(weights))


@cache
def home_table() -> tuple[tuple[County, ...], tuple[float, ...]]:
    """Home counties and their cumulative weights."""
    counties = load_counties()
    per_province: dict[str, int] = {}
    for county in counties:
        per_province[county.province_id] = per_province.get(county.province_id, 0) + 1
    weights = [
        _PROVINCE_WEIGHTS[c.province_id]
        / per_province[c.province_id]
        * (2.0 if c.borders_china else 1.0)
        * _COUNTY_BOOST.get(c.id, 1.0)
        for c in counties
    ]
    return counties, tuple(accumulate(weights))


def facility(facility_id: str) -> Facility:
    return _facilities()[facility_id]


def draw_journey(rng: random.Random, sex: str, return_date: dt.date, mass: bool) -> Journey:
    cities, cum = _arrest_table()
    city = rng.choices(cities, cum_weights=cum)[0]
    detention = _DETENTION_BY_CITY[city]
    crossing = rng.choice(_CROSSINGS_BY_DETENTION[detention])
    holding = rng.choice(_holding_by_county()[facility(crossing).crossing_to])
    held_days = rng.randint(60, 1100) if mass else rng.randint(20, 240)
    arrest = return_date - dt.timedelta(days=held_days)
    prison, imprisoned_on = "", None
    if rng.random() < IMPRISONED_SHARE:
        names, weights = zip(*_PRISONS[sex], strict=True)
        prison = rng.choices(names, weights)[0]
        imprisoned_on = return_date + dt.timedelta(days=rng.randint(30, 240))
    return Journey(
        arrest_date=arrest,
        arrest_place=city,
        detention_date=arrest + dt.timedelta(days=rng.randint(0, 7)),
        detention_place=detention,
        crossing=crossing,
        holding_centre=holding,
        prison=prison,
        imprisoned_on=imprisoned_on,
        last_contact=arrest - dt.timedelta(days=rng.randint(0, 90)),
    )
