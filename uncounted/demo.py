"""``uncounted demo``: a simulated forced-return event, its lists, and their import.

Everything here is simulated: no real person is named. The workspace and the lists live in a
temporary folder (or ``--keep DIR``); the truth is written beside the lists, never imported.
"""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from uncounted.model import Reliability, Source, SourceKind
from uncounted.simulate import ScenarioConfig, simulate_scenario, write_scenario
from uncounted.workspace import Workspace

_KIND_BY_STYLE = {
    "english_adhoc": SourceKind.MEDIA_REPORT,
    "chinese": SourceKind.OFFICIAL_STATEMENT,
}


def run_demo(
    console: Console, *, people: int, lists: int, seed: int, keep: Path | None = None
) -> None:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        _run_in(console, keep, people, lists, seed, kept=True)
        return
    with tempfile.TemporaryDirectory(prefix="uncounted-demo-") as folder:
        _run_in(console, Path(folder), people, lists, seed, kept=False)


def _run_in(
    console: Console, folder: Path, people: int, lists: int, seed: int, *, kept: bool
) -> None:
    scenario = simulate_scenario(ScenarioConfig(n_people=people, n_lists=lists, seed=seed))
    files = write_scenario(scenario, folder / "scenario")
    passphrase = secrets.token_urlsafe(18)
    console.print(
        f"Simulated a forced-return scenario: {people} people, {lists} lists (seed {seed}).\n"
        f"Workspace: {folder / 'workspace'}"
    )
    table = Table(title="what each source contributed")
    for column in ("source", "style", "read", "stored", "quarantined", "skipped", "warnings"):
        table.add_column(column, justify="left" if column in {"source", "style"} else "right")
    totals = [0, 0, 0, 0, 0]
    with Workspace.create(str(folder / "workspace"), passphrase, actor="demo") as ws:
        for sim_list in scenario.lists:
            source = Source(
                sim_list.name,
                kind=_KIND_BY_STYLE.get(sim_list.style, SourceKind.ORGANISATION_LIST),
                reliability=Reliability.UNKNOWN,
            )
            report = ws.import_list(source, files.lists[sim_list.name])
            counts = [
                report.read,
                report.stored,
                report.quarantined,
                report.skipped_duplicates,
                len(report.warnings),
            ]
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
            table.add_row(sim_list.name, sim_list.style, *map(str, counts))
        table.add_row("all", "", *map(str, totals), style="bold")
        console.print(table)
        verification = ws.verify_audit()
    event = scenario.mass_event
    claims = "; ".join(f"{r.wording} ({r.source})" for r in event.reports if r.wording)
    console.print(
        f"Mass event: {event.title}. What sources say of its size: {claims or 'nothing'}."
    )
    captured = {pid for sim_list in scenario.lists for pid in sim_list.person_ids}
    unseen = len(scenario.people) - len(captured)
    console.print(
        f"Truth (kept apart from the workspace): {len(scenario.people)} people; "
        f"{len(captured)} appear on at least one list, {unseen} on none.\n"
        f"Records stored: {totals[1]} — more than the people they describe, because lists overlap "
        "and repeat people; linking them into persons is the next stage.\n"
        f"Audit log: {'intact' if verification.ok else 'BROKEN'}, {verification.entries} entries."
    )
    if kept:
        console.print(
            f"(To explore a kept workspace: UNCOUNTED_PASSPHRASE={passphrase} "
            f"uncounted sources --workspace {folder / 'workspace'})"
        )
