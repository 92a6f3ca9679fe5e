"""Load the gazetteer tables shipped in ``uncounted/places/tables``.

``provinces.csv`` and ``counties.csv``: the Hangul and Chinese-character columns carry the
administrative suffix (시/군, 市/郡; 도/道), written as the North writes it (``hangul_north``)
and as the South does (``hangul_south``, which differs where the South's initial-sound rule
applies: 량강도/양강도, 라선/나선, 룡천/용천). The romanised columns (``pinyin``, ``rr``, ``mr``,
``mr_plain``) give the bare name, as English texts write it; ``aliases`` lists ad hoc spellings
and former names. Counties are weighted towards the border regions most people who leave come
from.

``facilities.csv``: places in the forced-return scenario: Chinese cities where people are
arrested (``arrest_city``), detention centres (``detention_centre``) and border crossings
(``border_crossing``), and North Korean holding centres of the Ministry of State Security
(``holding_centre``) and prisons (``prison``). ``crossing_to`` is, for a Chinese detention centre
or crossing, the North Korean county on the other side; for a North Korean facility, the county
it is in. The names are descriptive, for simulation and matching, not official titles.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Province:
    id: str
    hangul_north: str
    hangul_south: str
    hanja: str
    chinese_simplified: str
    pinyin: str
    rr: str
    mr: str
    mr_plain: str
    english: str


@dataclass(frozen=True, slots=True)
class County:
    """A city (시) or county (군) of North Korea."""

    id: str
    province_id: str
    hangul_north: str
    hangul_south: str
    hanja: str
    chinese_simplified: str
    pinyin: str
    rr: str
    mr: str
    mr_plain: str
    aliases: tuple[str, ...]
    borders_china: bool

    @property
    def is_city(self) -> bool:
        return self.hangul_north.endswith("시")

    @property
    def short_hangul(self) -> str:
        """The North Hangul name without its 시/군 suffix (혜산시 → 혜산)."""
        return self.hangul_north[:-1]


@dataclass(frozen=True, slots=True)
class Facility:
    id: str
    country: str  # "CN" or "KP"
    kind: str  # arrest_city | detention_centre | border_crossing | holding_centre | prison
    english: str
    hangul: str
    chinese_simplified: str
    pinyin: str
    crossing_to: str  # a county id, or "" (see the module docstring)


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("uncounted.places").joinpath("tables", name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def load_provinces() -> tuple[Province, ...]:
    return tuple(Province(**row) for row in _rows("provinces.csv"))


@cache
def load_counties() -> tuple[County, ...]:
    counties = []
    for row in _rows("counties.csv"):
        aliases = tuple(a.strip() for a in row.pop("aliases").split(";") if a.strip())
        borders = row.pop("borders_china") == "1"
        counties.append(County(**row, aliases=aliases, borders_china=borders))
    return tuple(counties)


@cache
def load_facilities() -> tuple[Facility, ...]:
    return tuple(Facility(**row) for row in _rows("facilities.csv"))


@cache
def _index(kind: str) -> dict[str, Province | County | Facility]:
    loader = {"province": load_provinces, "county": load_counties, "facility": load_facilities}
    return {item.id: item for item in loader[kind]()}


def province_by_id(province_id: str) -> Province:
    """The province with this id; ``KeyError`` if there is none."""
    return _index("province")[province_id]  # type: ignore[return-value]


def county_by_id(county_id: str) -> County:
    """The county with this id; ``KeyError`` if there is none."""
    return _index("county")[county_id]  # type: ignore[return-value]


def facility_by_id(facility_id: str) -> Facility:
    """The facility with this id; ``KeyError`` if there is none."""
    return _index("facility")[facility_id]  # type: ignore[return-value]
