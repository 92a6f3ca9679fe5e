"""The scenario: lists, capture histories, batches, the mass event; determinism."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from uncounted.model import CANONICAL_COLUMNS, IDENTIFYING_COLUMNS, EventType
from uncounted.simulate import ScenarioConfig, simulate_scenario


def test_same_seed_same_scenario_other_seed_other_scenario() -> None:
    config = ScenarioConfig(n_people=300, n_lists=5, seed=3)
    first, again = simulate_scenario(config), simulate_scenario(config)
    assert first == again
    other = simulate_scenario(ScenarioConfig(n_people=300, n_lists=5, seed=4))
    assert [s.rows for s in other.lists] != [s.rows for s in first.lists]


def test_default_config() -> None:
    scenario = simulate_scenario()
    assert len(scenario.people) == 600 and len(scenario.lists) == 5
    assert [s.style for s in scenario.lists] == [
        "hangul_north",
        "rr",
        "mr",
        "english_adhoc",
        "chinese",
    ]
    up_to = next(r for r in scenario.mass_event.reports if r.wording.startswith("up to"))
    assert up_to.hi == 600 and up_to.lo is None


def test_rows_match_person_ids_and_use_canonical_columns(scenario) -> None:
    people = {p.id for p in scenario.people}
    for sim in scenario.lists:
        assert sim.name.isascii() and sim.name.startswith("list_")
        assert len(sim.rows) == len(sim.person_ids) > 0
        assert set(sim.person_ids) <= people
        assert set(sim.columns) <= set(CANONICAL_COLUMNS) and sim.columns[0] == "record_id"
        for row in sim.rows:
            assert tuple(row) == sim.columns
            assert all(isinstance(v, str) for v in row.values())


def test_record_ids_are_unique_within_a_list_and_styled_per_list(scenario) -> None:
    for sim in scenario.lists:
        ids = [row["record_id"] for row in sim.rows]
        assert len(set(ids)) == len(ids) and all(ids)
    first_ids = {sim.style: sim.rows[0]["record_id"] for sim in scenario.lists}
    assert first_ids["hangul_north"].startswith("NK-")
    assert first_ids["rr"].isdigit()
    assert first_ids["english_adhoc"].startswith("MEDIA-")


def test_capture_histories_match_the_lists(scenario) -> None:
    histories = scenario.capture_histories()
    assert set(histories) == {p.id for p in scenario.people}
    for k, sim in enumerate(scenario.lists):
        listed = set(sim.person_ids)
        assert {pid for pid, h in histories.items() if h[k]} == listed
    never = sum(not any(h) for h in histories.values())
    assert 0 < never < len(scenario.people) / 2


def test_capture_is_heterogeneous_and_dependent(scenario) -> None:
    histories = list(scenario.capture_histories().values())
    counts = Counter(sum(h) for h in histories)
    n = len(histories)
    rates = [sum(h[k] for h in histories) / n for k in range(5)]
    # Under independence with these rates, the share on every list would be their product.
    assert counts[5] / n > 2 * rates[0] * rates[1] * rates[2] * rates[3] * rates[4]
    both = sum(h[0] and h[1] for h in histories) / n
    assert both > rates[0] * rates[1]  # the two lists fed by one informant network


def test_lists_repeat_some_people_under_other_record_ids(scenario) -> None:
    repeated = differing = 0
    for sim in scenario.lists:
        rows_of: dict[str, dict[str, str]] = {}
        for row, pid in zip(sim.rows, sim.person_ids, strict=True):
            if pid in rows_of:
                repeated += 1
                first = rows_of[pid]
                assert first["record_id"] != row["record_id"]
                differing += any(first[c] != row[c] for c in sim.columns[1:])
            rows_of[pid] = row
    assert repeated >= 10
    assert differing >= 0.9 * repeated


def test_some_rows_identify_no_one(scenario) -> None:
    unidentified = [
        row
        for sim in scenario.lists
        for row in sim.rows
        if not any(row.get(c) for c in IDENTIFYING_COLUMNS | {"sex"}) and row.get("event")
    ]
    assert len(unidentified) >= 5


def test_batches_and_the_mass_event(scenario) -> None:
    batches = scenario.batches
    assert sum(b.size for b in batches) == len(scenario.people)
    mass = [b for b in batches if b.mass_event]
    assert len(mass) == 1 and mass[0].date == dt.date(2023, 10, 9)
    assert mass[0].size == max(b.size for b in batches)
    assert Counter(p.batch for p in scenario.people) == {b.id: b.size for b in batches}
    event = scenario.mass_event
    assert event.type is EventType.REPATRIATION and event.start.iso() == "2023-10-09"
    assert event.places and len(event.reports) == 3
    sources = {sim.name for sim in scenario.lists}
    assert {r.source for r in event.reports} <= sources


def test_eight_lists_have_distinct_names_and_record_ids() -> None:
    scenario = simulate_scenario(ScenarioConfig(n_people=200, n_lists=8, seed=1))
    names = [sim.name for sim in scenario.lists]
    assert len(set(names)) == 8
    assert scenario.lists[5].style == "hangul_north"
    assert scenario.lists[5].rows[0]["record_id"].startswith("NK2-")


def test_noise_knobs_can_be_turned_off() -> None:
    quiet = ScenarioConfig(
        n_people=300,
        typo_rate=0,
        missing_rate=0,
        duplicate_rate=0,
        unidentified_rate=0,
        date_swap_rate=0,
    )
    scenario = simulate_scenario(quiet)
    for sim in scenario.lists:
        assert len(set(sim.person_ids)) == len(sim.person_ids)
        for row in sim.rows:
            assert "/" not in row.get("birth_date", "") + row.get("event_date", "")
