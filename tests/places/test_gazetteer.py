"""The gazetteer tables: complete rows, unique ids, consistent spellings, working lookups."""

from __future__ import annotations

import re
import unicodedata

import pytest

from uncounted.places import (
    county_by_id,
    facility_by_id,
    load_counties,
    load_facilities,
    load_provinces,
    province_by_id,
)

HANGUL = re.compile(r"^[\uac00-\ud7a3 ]+$")
CJK = re.compile(r"^[\u4e00-\u9fff]+$")
LATIN = re.compile(r"^[A-Za-zŎŏŬŭ' ,\-]+$")
REQUIRED_COUNTIES = [
    "hyesan",
    "samjiyon",
    "pochon",
    "kimjongsuk",
    "kimhyongjik",
    "taehongdan",
    "paegam",
    "unhung",
    "kapsan",
    "phungso",
    "samsu",
    "chongjin",
    "hoeryong",
    "musan",
    "onsong",
    "kyongwon",
    "kyonghung",
    "rason",
    "puryong",
    "kilju",
    "kimchaek",
    "myongchon",
    "orang",
    "hwasong",
    "kyongsong",
    "hamhung",
    "tanchon",
    "sinpo",
    "sinuiju",
    "uiju",
    "sakju",
    "kanggye",
    "manpo",
    "junggang",
    "chosan",
    "pyongyang",
    "nampho",
    "wonsan",
    "kaesong",
]


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("'", ""))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def test_provinces_are_complete_and_unique() -> None:
    provinces = load_provinces()
    assert len(provinces) == 12
    assert len({p.id for p in provinces}) == 12
    for province in provinces:
        for field in province.__slots__:
            assert getattr(province, field), (province.id, field)
        assert HANGUL.match(province.hangul_north) and HANGUL.match(province.hangul_south)
        assert CJK.match(province.hanja) and CJK.match(province.chinese_simplified)
        assert _plain(province.mr) == province.mr_plain
    assert province_by_id("ryanggang").hangul_north == "량강도"
    assert province_by_id("ryanggang").hangul_south == "양강도"


def test_counties_are_complete_and_unique() -> None:
    counties = load_counties()
    assert 45 <= len(counties) <= 60
    assert len({c.id for c in counties}) == len(counties)
    provinces = {p.id for p in load_provinces()}
    for county in counties:
        assert re.fullmatch(r"[a-z_]+", county.id)
        assert county.province_id in provinces
        for field in ("hangul_north", "hangul_south", "hanja", "chinese_simplified", "pinyin"):
            assert getattr(county, field), (county.id, field)
        assert HANGUL.match(county.hangul_north) and county.hangul_north[-1] in "시군"
        assert CJK.match(county.hanja) and county.hanja[-1] in "市郡"
        assert CJK.match(county.chinese_simplified)
        assert re.fullmatch(r"[A-Za-z']+", county.pinyin)
        assert LATIN.match(county.rr) and county.rr.isascii()
        assert LATIN.match(county.mr)
        assert _plain(county.mr) == county.mr_plain
        assert county.aliases and all(county.aliases)


def test_north_and_south_hangul_differ_only_by_the_initial_sound_rule() -> None:
    differing = {c.id: (c.hangul_north, c.hangul_south) for c in load_counties()}
    differing = {k: v for k, v in differing.items() if v[0] != v[1]}
    assert differing == {"rason": ("라선시", "나선시"), "ryongchon": ("룡천군", "용천군")}


def test_the_counties_that_matter_for_returns_are_there() -> None:
    ids = {c.id for c in load_counties()}
    assert set(REQUIRED_COUNTIES) <= ids
    ryanggang = [c for c in load_counties() if c.province_id == "ryanggang"]
    assert len(ryanggang) == 11
    border = {c.id for c in load_counties() if c.borders_china}
    assert {"hyesan", "hoeryong", "musan", "onsong", "sinuiju", "manpo"} <= border
    assert "pyongyang" not in border


def test_facilities_are_complete_and_point_at_counties() -> None:
    facilities = load_facilities()
    counties = {c.id for c in load_counties()}
    assert len({f.id for f in facilities}) == len(facilities)
    kinds = {f.kind for f in facilities}
    assert kinds == {
        "arrest_city",
        "detention_centre",
        "border_crossing",
        "holding_centre",
        "prison",
    }
    for facility in facilities:
        assert facility.country in ("CN", "KP")
        assert facility.english.isascii() and facility.hangul
        if facility.country == "CN":
            assert facility.chinese_simplified and facility.pinyin.isascii()
        if facility.kind == "arrest_city":
            assert facility.crossing_to == ""
        else:
            assert facility.crossing_to in counties, facility.id
    crossings = [f for f in facilities if f.kind == "border_crossing"]
    assert all(county_by_id(f.crossing_to).borders_china for f in crossings)


def test_lookups() -> None:
    assert county_by_id("hoeryong").mr == "Hoeryŏng"
    assert "Hweryong" in county_by_id("hoeryong").aliases
    assert county_by_id("hyesan").short_hangul == "혜산"
    assert county_by_id("musan").is_city is False
    assert facility_by_id("cn_tumen_dc").crossing_to == "onsong"
    assert load_counties() is load_counties()
    with pytest.raises(KeyError):
        county_by_id("atlantis")
