"""A simulated forced-return scenario: the people (truth), their batches and the lists."""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass

from uncounted.model import CountReport, EventType, MassEvent, PartialDate
from uncounted.simulate.capture import capture_histories
from uncounted.simulate.config import ScenarioConfig
from uncounted.simulate.journeys import ReturnBatch, batch_plan, facility
from uncounted.simulate.people import SimPerson, simulate_people
from uncounted.simulate.rows import COLUMNS, render_row

_LETTERS = "abcdefgh"
_SLUG = {
    "hangul_north": "nk_hangul",
    "rr": "ngo_rr",
    "mr": "db_mr",
    "english_adhoc": "media_en",
    "chinese": "cn_police",
}
_RECORD_ID = {
    "hangul_north": "NK{n}-{i:05d}",
    "rr": "{i}",
    "mr": "TJ{n}-{i:04d}",
    "english_adhoc": "MEDIA{n}-2023-{i:03d}",
    "chinese": "JL{n}2023-{i:06d}",
}
ID_GAP_RATE = 0.05  # record ids skip a number now and then (deleted or withheld rows)


@dataclass(frozen=True)
class SimList:
    """One simulated source list. ``person_ids`` is the truth, kept apart from the rows."""

    name: str
    style: str
    rows: tuple[dict[str, str], ...]
    person_ids: tuple[str, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """The canonical columns this list uses, in canonical order."""
        return COLUMNS[self.style]


@dataclass(frozen=True)
class Scenario:
    config: ScenarioConfig
    people: tuple[SimPerson, ...]
    lists: tuple[SimList, ...]
    batches: tuple[ReturnBatch, ...]
    mass_event: MassEvent

    def capture_histories(self) -> dict[str, tuple[int, ...]]:
        """``{person_id: (0/1 per list, in list order)}`` for every person, listed or not."""
        on = [set(sim.person_ids) for sim in self.lists]
        return {p.id: tuple(int(p.id in ids) for ids in on) for p in self.people}


def list_name(index: int, style: str) -> str:
    return f"list_{_LETTERS[index]}_{_SLUG[style]}"


def _record_ids(rng: random.Random, style: str, index: int, count: int) -> list[str]:
    template = _RECORD_ID[style]
    repeat = index // len(_SLUG)
    n = str(repeat + 1) if repeat else ""
    ids, number = [], 0
    for k in range(count):
        number += 2 if k and rng.random() < ID_GAP_RATE else 1
        ids.append(template.format(n=n, i=number))
    return ids


def _render_list(
    index: int, style: str, people: tuple[SimPerson, ...], on: bytearray, config: ScenarioConfig
) -> SimList:
    rng = random.Random(f"{config.seed}:list:{index}")
    entries: list[tuple[dict[str, str], str]] = []
    for person, listed in zip(people, on, strict=True):
        if not listed:
            continue
        entries.append((render_row(rng, style, person, config), person.id))
        if rng.random() < config.duplicate_rate:
            entries.append((render_row(rng, style, person, config, duplicate=True), person.id))
    rng.shuffle(entries)
    for (row, _), record_id in zip(
        entries, _record_ids(rng, style, index, len(entries)), strict=True
    ):
        row["record_id"] = record_id
    return SimList(
        name=list_name(index, style),
        style=style,
        rows=tuple(row for row, _ in entries),
        person_ids=tuple(pid for _, pid in entries),
    )


def _batches(people: tuple[SimPerson, ...], config: ScenarioConfig) -> tuple[ReturnBatch, ...]:
    crossings: dict[str, Counter[str]] = {}
    sizes = Counter(p.batch for p in people)
    for person in people:
        crossings.setdefault(person.batch, Counter())[person.journey.crossing] += 1
    return tuple(
        ReturnBatch(
            id=batch_id,
            date=date,
            size=sizes[batch_id],
            crossings=tuple(sorted(crossings.get(batch_id, {}))),
            mass_event=mass,
        )
        for batch_id, date, _size, mass in batch_plan(config.n_people, config.mass_event_share)
    )


def _round_up(value: float, step: int) -> int:
    return max(step, math.ceil(value / step) * step)


def _reports(size: int, lists: tuple[SimList, ...]) -> tuple[CountReport, ...]:
    """The counts some sources published ("up to 600", "at least 200", "about 500")."""
    first_of_style: dict[str, str] = {}
    for sim in lists:
        first_of_style.setdefault(sim.style, sim.name)
    up_to, at_least = _round_up(size * 1.3, 100), max(10, size // 2 // 50 * 50)
    about = _round_up(size * 1.05, 50)
    specs: dict[str, dict] = {
        "english_adhoc": {"hi": up_to, "wording": f"up to {up_to}"},
        "rr": {"lo": at_least, "wording": f"at least {at_least}"},
        "hangul_north": {"nominal": about, "wording": f"about {about}"},
    }
    return tuple(
        CountReport(first_of_style[style], **spec)
        for style, spec in specs.items()
        if style in first_of_style
    )


def _mass_event(batches: tuple[ReturnBatch, ...], lists: tuple[SimList, ...]) -> MassEvent:
    batch = next(b for b in batches if b.mass_event)
    day = PartialDate(batch.date.year, batch.date.month, batch.date.day)
    return MassEvent(
        title="Forced return of 9 October 2023",
        type=EventType.REPATRIATION,
        start=day,
        end=day,
        places=tuple(facility(c).english for c in batch.crossings),
        reports=_reports(batch.size, lists),
    )


def simulate_scenario(config: ScenarioConfig = ScenarioConfig()) -> Scenario:  # noqa: B008
    """Simulate the people, the batches they were returned in, and the lists that name them."""
    people = simulate_people(config)
    styles = config.styles
    histories = capture_histories(people, styles, config)
    lists = tuple(
        _render_list(i, style, people, histories[i], config) for i, style in enumerate(styles)
    )
    batches = _batches(people, config)
    return Scenario(config, people, lists, batches, _mass_event(batches, lists))
