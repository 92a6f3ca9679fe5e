"""Rich renderings of workspace objects for the terminal. Presentation only."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table

from uncounted.model import CANONICAL_COLUMNS, ImportReport, QuarantinedRow, Record
from uncounted.workspace import AuditEntry, SourceSummary

_SHOWN_WARNINGS = 20


def import_summary(console: Console, report: ImportReport) -> None:
    table = Table(title=f"import of {report.file} into {report.source}", show_header=False)
    for label, value in (
        ("encoding", report.encoding or "-"),
        ("read", report.read),
        ("stored", report.stored),
        ("quarantined", report.quarantined),
        ("skipped (already held)", report.skipped_duplicates),
        ("warnings", len(report.warnings)),
    ):
        table.add_row(label, str(value))
    console.print(table)
    for line in report.quarantine_reasons[:_SHOWN_WARNINGS]:
        console.print(f"[yellow]quarantined[/] {line}", highlight=False)
    for line in report.warnings[:_SHOWN_WARNINGS]:
        console.print(f"[dim]warning[/] {line}", highlight=False)
    hidden = max(0, len(report.warnings) - _SHOWN_WARNINGS)
    hidden += max(0, len(report.quarantine_reasons) - _SHOWN_WARNINGS)
    if hidden:
        console.print(f"... and {hidden} more (use --json for all)")


def sources_table(summaries: Sequence[SourceSummary]) -> Table:
    table = Table(title="sources")
    for column in (
        "source",
        "kind",
        "reliability",
        "sensitivity",
        "records",
        "quarantined",
        "imports",
    ):
        table.add_column(
            column, justify="right" if column in {"records", "quarantined", "imports"} else "left"
        )
    for s in summaries:
        src = s.source
        table.add_row(
            src.name,
            src.kind.value,
            src.reliability.value,
            src.sensitivity.value,
            str(s.records),
            str(s.open_quarantine),
            str(s.batches),
        )
    return table


def records_table(found: Sequence[Record], total: int) -> Table:
    table = Table(title=f"records ({len(found)} of {total})")
    for column in (
        "source",
        "record_id",
        "name",
        "sex",
        "birth",
        "home",
        "event",
        "date",
        "issues",
    ):
        table.add_column(column)
    for rec in found:
        f = rec.fields
        table.add_row(
            rec.source,
            rec.record_id,
            f.name or " ".join(p for p in (f.family_name, f.given_name) if p) or "",
            f.sex.value if f.sex else "",
            str(f.birth_date or (f"age {f.age}" if f.age is not None else "")),
            f.home or "",
            f.event.value if f.event else "",
            str(f.event_date or ""),
            str(len(rec.issues)) if rec.issues else "",
        )
    return table


def record_panel(rec: Record) -> Panel:
    parsed = Table(show_header=True, title="parsed")
    parsed.add_column("field")
    parsed.add_column("value")
    f = rec.fields
    for name in CANONICAL_COLUMNS:
        if name in ("record_id", "name_alt"):
            continue
        value = getattr(f, name)
        if value is not None:
            parsed.add_row(name, str(value.value if hasattr(value, "value") else value))
    if f.name_alt:
        parsed.add_row("name_alt", "; ".join(f.name_alt))
    if f.birth_years is not None:
        parsed.add_row("birth years", str(f.birth_years))
    for key, value in f.extras.items():
        parsed.add_row(f"extra: {key}", value)
    raw = Table(title="raw row as received")
    raw.add_column("column")
    raw.add_column("value")
    for key, value in rec.raw.items():
        raw.add_row(key, repr(value))
    parts: list[RenderableType] = [parsed, raw]
    if rec.issues:
        parts.append("\n".join(f"issue: {issue}" for issue in rec.issues))
    title = f"{rec.source} / {rec.record_id} (row {rec.row}, import {rec.batch_id})"
    return Panel(Group(*parts), title=title)


def quarantine_table(rows: Sequence[QuarantinedRow]) -> Table:
    table = Table(title=f"quarantined rows ({len(rows)})")
    for column in ("id", "source", "file", "row", "reason"):
        table.add_column(column)
    for q in rows:
        table.add_row(str(q.id), q.source, q.file, str(q.row), q.reason)
    return table


def audit_table(entries: Sequence[AuditEntry]) -> Table:
    table = Table(title="audit log")
    for column in ("seq", "at", "actor", "action", "target", "details"):
        table.add_column(column)
    for e in entries:
        details = ", ".join(f"{k}={v}" for k, v in e.details.items())
        table.add_row(str(e.seq), e.at, e.actor, e.action, e.target, details)
    return table
