"""The truth: who the simulated people are."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from uncounted.places import county_by_id
from uncounted.simulate import ScenarioConfig
from uncounted.simulate.given_names import all_syllables
from uncounted.simulate.tables import syllables


def test_about_eighty_percent_are_women(scenario) -> None:
    women = sum(p.sex == "F" for p in scenario.people)
    assert len(scenario.people) == 2000
    assert 0.76 <= women / 2000 <= 0.84


def test_ids_are_unique(scenario) -> None:
    assert len({p.id for p in scenario.people}) == len(scenario.people)


def test_women_are_mostly_born_from_the_1970s_to_the_2000s(scenario) -> None:
    years = [p.birth.year for p in scenario.people if p.sex == "F"]
    assert sum(1970 <= y <= 2008 for y in years) / len(years) > 0.9
    assert all(1940 < p.birth.year < p.return_date.year - 10 for p in scenario.people)


def test_homes_are_north_korean_counties_weighted_to_the_border(scenario) -> None:
    provinces = Counter(county_by_id(p.home).province_id for p in scenario.people)
    assert (provinces["ryanggang"] + provinces["north_hamgyong"]) / 2000 > 0.6
    border = sum(county_by_id(p.home).borders_china for p in scenario.people)
    assert border / 2000 > 0.5


def test_names_come_from_the_tables(scenario) -> None:
    table = syllables()
    assert all_syllables() <= set(table)
    for person in scenario.people:
        assert len(person.given) == len(person.given_hanja) == 2
        assert all(
            h in table[s].hanja for s, h in zip(person.given, person.given_hanja, strict=True)
        )
        assert person.hangul_name.startswith(person.surname.north)
    common = Counter(p.given for p in scenario.people if p.sex == "F").most_common(5)
    assert {"영희", "순희", "옥희", "명숙"} & {name for name, _ in common}


def test_north_korean_surname_forms(scenario) -> None:
    surnames = Counter(p.surname.north for p in scenario.people)
    assert surnames["리"] > 0 and surnames["이"] == 0
    assert surnames["김"] > surnames["리"] > surnames["최"]


def test_lookalikes_share_name_birth_year_and_county_but_are_different_people(scenario) -> None:
    groups = defaultdict(list)
    for person in scenario.people:
        if person.lookalike_group:
            groups[person.lookalike_group].append(person)
    members = sum(len(g) for g in groups.values())
    assert members == pytest.approx(0.06 * 2000, abs=3)
    for group in groups.values():
        assert len(group) >= 2
        assert len({p.id for p in group}) == len(group)
        assert len({(p.hangul_name, p.birth.year, p.home, p.sex) for p in group}) == 1


def test_siblings_share_family_and_home_and_a_syllable(scenario) -> None:
    groups = defaultdict(list)
    for person in scenario.people:
        if person.sibling_group:
            groups[person.sibling_group].append(person)
    assert len(groups) >= 20
    for group in groups.values():
        assert len(group) >= 2
        assert len({p.given for p in group}) == len(group)
        assert len({(p.surname, p.home) for p in group}) == 1
        assert any(_is_eldest_pattern(first, group) for first in group)
        assert not any(p.lookalike_group for p in group)


def _is_eldest_pattern(first, group) -> bool:
    """Every other member shares a syllable (same position) with ``first``, born 1-6 years apart."""
    return all(
        (other.given[0] == first.given[0] or other.given[1] == first.given[1])
        and (1 <= abs(other.birth.year - first.birth.year) <= 6 or other.birth.year == 2008)
        for other in group
        if other is not first
    )


def test_each_person_has_a_journey_that_fits_their_batch(scenario) -> None:
    batches = {b.id: b for b in scenario.batches}
    for person in scenario.people:
        journey = person.journey
        batch = batches[person.batch]
        assert person.return_date == batch.date and person.mass_event == batch.mass_event
        assert journey.last_contact <= journey.arrest_date <= journey.detention_date
        assert journey.detention_date < person.return_date
        assert journey.crossing in batch.crossings
        if journey.prison:
            assert journey.imprisoned_on > person.return_date


def test_config_is_validated() -> None:
    with pytest.raises(ValueError):
        ScenarioConfig(n_lists=9)
    with pytest.raises(ValueError):
        ScenarioConfig(n_people=0)
    with pytest.raises(ValueError):
        ScenarioConfig(typo_rate=1.5)
    assert ScenarioConfig(n_lists=8).styles[5] == "hangul_north"
