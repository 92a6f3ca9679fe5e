"""Write a scenario: the lists as canonical CSV files, and the truth in a folder of its own."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from uncounted.simulate.people import SimPerson
from uncounted.simulate.scenario import Scenario, SimList

PEOPLE_COLUMNS = [
    "person_id",
    "hangul_name",
    "hanja_name",
    "family_name",
    "given_name",
    "sex",
    "birth_date",
    "home",
    "batch",
    "return_date",
    "mass_event",
    "arrest_date",
    "arrest_place",
    "detention_place",
    "crossing",
    "holding_centre",
    "prison",
    "imprisoned_on",
    "last_contact",
    "alias",
    "lookalike_group",
    "sibling_group",
]


@dataclass(frozen=True)
class ScenarioFiles:
    """Where ``write_scenario`` put things: one CSV per list, and the truth folder."""

    lists: dict[str, Path]
    truth_dir: Path


def _write_csv(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[object]], encoding: str = "utf-8"
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_list(sim_list: SimList, path: Path, *, encoding: str = "utf-8") -> Path:
    """One list as a canonical CSV file (header: the canonical columns the list uses)."""
    columns = sim_list.columns
    rows = ([row.get(c, "") for c in columns] for row in sim_list.rows)
    return _write_csv(Path(path), columns, rows, encoding)


def _person_row(person: SimPerson) -> list[object]:
    journey = person.journey
    return [
        person.id,
        person.hangul_name,
        person.hanja_name,
        person.surname.north,
        person.given,
        person.sex,
        person.birth.isoformat(),
        person.home,
        person.batch,
        person.return_date.isoformat(),
        int(person.mass_event),
        journey.arrest_date.isoformat(),
        journey.arrest_place,
        journey.detention_place,
        journey.crossing,
        journey.holding_centre,
        journey.prison,
        journey.imprisoned_on.isoformat() if journey.imprisoned_on else "",
        journey.last_contact.isoformat(),
        person.alias,
        person.lookalike_group,
        person.sibling_group,
    ]


def _write_truth(scenario: Scenario, truth: Path) -> None:
    names = [sim.name for sim in scenario.lists]
    records = (
        (sim.name, row["record_id"], pid)
        for sim in scenario.lists
        for row, pid in zip(sim.rows, sim.person_ids, strict=True)
    )
    _write_csv(truth / "records.csv", ("source", "record_id", "person_id"), records)
    _write_csv(truth / "people.csv", PEOPLE_COLUMNS, map(_person_row, scenario.people))
    histories = scenario.capture_histories()
    _write_csv(
        truth / "capture_histories.csv",
        ("person_id", *names),
        ([pid, *h] for pid, h in histories.items()),
    )
    patterns = Counter(histories.values())
    observed = sorted((p, c) for p, c in patterns.items() if any(p))
    _write_csv(truth / "capture_counts.csv", (*names, "count"), ([*p, c] for p, c in observed))
    _write_csv(
        truth / "batches.csv",
        ("batch_id", "date", "size", "mass_event", "crossings"),
        ((b.id, b.date.isoformat(), b.size, int(b.mass_event), ";".join(b.crossings))
         for b in scenario.batches),
    )  # fmt: skip
    _write_csv(
        truth / "count_reports.csv",
        ("source", "lo", "hi", "nominal", "wording"),
        ((r.source, r.lo or "", r.hi or "", r.nominal or "", r.wording or "")
         for r in scenario.mass_event.reports),
    )  # fmt: skip


def write_scenario(scenario: Scenario, folder: Path, *, encoding: str = "utf-8") -> ScenarioFiles:
    """``folder/lists/<list>.csv`` (in ``encoding``) and, apart, ``folder/truth/*.csv`` (UTF-8):
    records (source, record_id, person_id), people, capture histories (one 0/1 column per list),
    observed capture-pattern counts, batches and the published counts of the mass event."""
    folder = Path(folder)
    lists = {
        sim.name: write_list(sim, folder / "lists" / f"{sim.name}.csv", encoding=encoding)
        for sim in scenario.lists
    }
    truth = folder / "truth"
    _write_truth(scenario, truth)
    return ScenarioFiles(lists=lists, truth_dir=truth)
