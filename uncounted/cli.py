"""The ``uncounted`` command: parse arguments, call the workspace, print with Rich. No logic here.

Exit codes: 0 success; 1 other error; 2 bad usage; 3 no or unusable workspace; 4 wrong
passphrase; 5 unreadable input file or mapping; 6 unknown source, record or quarantined row;
7 integrity failure (altered data or a broken audit chain).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from uncounted.cli_views import (
    audit_table,
    import_summary,
    quarantine_table,
    record_panel,
    records_table,
    sources_table,
)
from uncounted.errors import UncountedError, UsageError
from uncounted.exporting import ExportRequest
from uncounted.model import (
    QuarantinedRow,
    Record,
    Reliability,
    Sensitivity,
    Sex,
    Source,
    SourceKind,
)
from uncounted.workspace import (
    PASSPHRASE_ENV,
    RecordFilter,
    SourceSummary,
    Workspace,
    locate_workspace,
    record_as_dict,
)

app = typer.Typer(no_args_is_help=True, help="Document, link and count the disappeared.")
records_app = typer.Typer(no_args_is_help=True, help="List and count stored records.")
quarantine_app = typer.Typer(no_args_is_help=True, help="Rows that could not be records.")
audit_app = typer.Typer(no_args_is_help=True, help="The tamper-evident audit log.")
export_app = typer.Typer(no_args_is_help=True, help="Write data out of the workspace.")
app.add_typer(records_app, name="records")
app.add_typer(quarantine_app, name="quarantine")
app.add_typer(audit_app, name="audit")
app.add_typer(export_app, name="export")

# Piped output (make, CI, files) gets room for whole tables instead of the 80-column default.
out = Console(width=None if sys.stdout.isatty() else 120)
err = Console(stderr=True, soft_wrap=True)

WorkspaceOption = Annotated[
    str | None,
    typer.Option(
        "--workspace",
        "-w",
        help="Workspace folder or PostgreSQL URL [default: $UNCOUNTED_WORKSPACE or current folder]",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout.")]


def _passphrase(*, confirm: bool = False) -> str:
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise UsageError(f"no passphrase: set {PASSPHRASE_ENV} or run in a terminal")
    return typer.prompt("Passphrase", hide_input=True, confirmation_prompt=confirm)


@contextmanager
def _errors_as_messages() -> Iterator[None]:
    try:
        yield
    except UncountedError as error:
        err.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False)
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        err.print("interrupted: nothing was changed by the unfinished command")
        raise typer.Exit(130) from None


@contextmanager
def _open(workspace: str | None) -> Iterator[Workspace]:
    with _errors_as_messages(), Workspace.open(locate_workspace(workspace), _passphrase()) as ws:
        yield ws


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


@app.command()
def init(workspace: WorkspaceOption = None) -> None:
    """Create an encrypted workspace (here, in a folder, or in PostgreSQL)."""
    with _errors_as_messages():
        where = locate_workspace(workspace)
        ws = Workspace.create(where, _passphrase(confirm=True))
        ws.close()
    err.print(f"workspace created in {ws.location}")


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    source: Annotated[str, typer.Option("--source", help="Name of the source this list is.")],
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", exists=True, dir_okay=False, help="TOML column mapping."),
    ] = None,
    encoding: Annotated[str | None, typer.Option(help="Declare the file's encoding.")] = None,
    kind: Annotated[SourceKind, typer.Option(help="Kind of source (new sources).")] = (
        SourceKind.ORGANISATION_LIST
    ),
    reliability: Annotated[Reliability, typer.Option(help="Reliability (new sources).")] = (
        Reliability.UNKNOWN
    ),
    sensitivity: Annotated[Sensitivity, typer.Option(help="Who may see it (new sources).")] = (
        Sensitivity.RESTRICTED
    ),
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Import one list: every row is stored, quarantined with a reason, or already held."""
    new_source = Source(source, kind, reliability, sensitivity)
    with _open(workspace) as ws, _progress_bar(file.name) as progress:
        report = ws.import_list(
            new_source, file, mapping=mapping, encoding=encoding, progress=progress
        )
    if as_json:
        _print_json(report.as_dict())
    else:
        import_summary(out, report)


@contextmanager
def _progress_bar(label: str) -> Iterator[object]:
    """A progress bar on stderr when it is a terminal; nothing otherwise."""
    if not err.is_terminal:
        yield None
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(f"importing {label}", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


@app.command()
def sources(as_json: JsonOption = False, workspace: WorkspaceOption = None) -> None:
    """List sources with their record and quarantine counts."""
    with _open(workspace) as ws:
        found = ws.sources()
    if as_json:
        _print_json([_source_json(s) for s in found])
    else:
        out.print(sources_table(found))


def _source_json(summary: SourceSummary) -> dict[str, object]:
    src = summary.source
    return {
        "name": src.name,
        "kind": src.kind.value,
        "reliability": src.reliability.value,
        "sensitivity": src.sensitivity.value,
        "records": summary.records,
        "open_quarantine": summary.open_quarantine,
        "batches": summary.batches,
    }


SourceFilter = Annotated[str | None, typer.Option("--source", help="Only this source.")]
SexFilter = Annotated[Sex | None, typer.Option("--sex", help="Only F or M.")]
EventFilter = Annotated[str | None, typer.Option("--event", help="Only this event type.")]
IssuesFilter = Annotated[
    bool | None, typer.Option("--with-issues/--without-issues", help="Only records with issues.")
]
BatchFilter = Annotated[int | None, typer.Option("--batch", help="Only this import batch.")]


@records_app.command("list")
def records_list(
    source: SourceFilter = None,
    sex: SexFilter = None,
    event: EventFilter = None,
    with_issues: IssuesFilter = None,
    batch: BatchFilter = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 50,
    offset: Annotated[int, typer.Option(help="Skip this many first.")] = 0,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """List records (decrypted: this is a read of identifying data, and it is audited)."""
    where = RecordFilter(source, sex, event, with_issues, batch)
    with _open(workspace) as ws:
        found = ws.records(where, limit=limit, offset=offset)
        total = ws.count_records(where)
    if as_json:
        _print_json({"total": total, "records": [_record_json(r) for r in found]})
    else:
        out.print(records_table(found, total))


@records_app.command("count")
def records_count(
    source: SourceFilter = None,
    sex: SexFilter = None,
    event: EventFilter = None,
    with_issues: IssuesFilter = None,
    batch: BatchFilter = None,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Count records matching the filters."""
    with _open(workspace) as ws:
        total = ws.count_records(RecordFilter(source, sex, event, with_issues, batch))
    if as_json:
        _print_json({"count": total})
    else:
        out.print(total)


def _record_json(rec: Record) -> dict[str, object]:
    return record_as_dict(rec)


@app.command()
def show(
    source: Annotated[str, typer.Argument(help="Source name.")],
    record_id: Annotated[str, typer.Argument(help="The source's record id.")],
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Show one record: parsed fields beside the raw row as received, and its issues."""
    with _open(workspace) as ws:
        rec = ws.record(source, record_id)
    if as_json:
        _print_json(_record_json(rec))
    else:
        out.print(record_panel(rec))


@quarantine_app.command("list")
def quarantine_list(
    source: SourceFilter = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Include fixed and discarded rows.")
    ] = False,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """List quarantined rows with file, row and reason."""
    with _open(workspace) as ws:
        rows = ws.quarantined(source, None if show_all else "open")
    if as_json:
        _print_json([_quarantine_json(q) for q in rows])
    else:
        out.print(quarantine_table(rows))


def _quarantine_json(row: QuarantinedRow) -> dict[str, object]:
    return {
        "id": row.id,
        "source": row.source,
        "file": row.file,
        "row": row.row,
        "reason": row.reason,
        "raw": dict(row.raw),
    }


@quarantine_app.command("fix")
def quarantine_fix(
    quarantine_id: Annotated[int, typer.Argument(help="Id from `quarantine list`.")],
    set_values: Annotated[
        list[str] | None,
        typer.Option("--set", help="column=value for a canonical column; repeatable."),
    ] = None,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Correct a quarantined row and retry it as a record."""
    changes = dict(_parse_assignment(item) for item in set_values or [])
    _fix(quarantine_id, changes, as_json, workspace)


@quarantine_app.command("retry")
def quarantine_retry(
    quarantine_id: Annotated[int, typer.Argument(help="Id from `quarantine list`.")],
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Retry a quarantined row unchanged (e.g. after the conflicting record was resolved)."""
    _fix(quarantine_id, {}, as_json, workspace)


@quarantine_app.command("discard")
def quarantine_discard(
    quarantine_id: Annotated[int, typer.Argument(help="Id from `quarantine list`.")],
    reason: Annotated[str, typer.Option("--reason", help="Why this row is not a record.")],
    workspace: WorkspaceOption = None,
) -> None:
    """Set a quarantined row aside for good (kept, with the reason; never deleted)."""
    with _open(workspace) as ws:
        ws.discard_quarantined(quarantine_id, reason)
    out.print(f"row {quarantine_id} discarded")


def _fix(quarantine_id: int, changes: dict[str, str], as_json: bool, workspace: str | None) -> None:
    with _open(workspace) as ws:
        outcome = ws.fix_quarantined(quarantine_id, changes)
    if as_json:
        _print_json(outcome.__dict__)
    elif outcome.stored:
        out.print(f"row {quarantine_id} stored as record {outcome.record_id}")
    else:
        out.print(f"row {quarantine_id} is still quarantined: {outcome.reason}")
    if not outcome.stored:
        raise typer.Exit(1)


def _parse_assignment(item: str) -> tuple[str, str]:
    column, sep, value = item.partition("=")
    if not sep or not column.strip():
        err.print(f"[bold red]error:[/] --set expects column=value, got {escape(repr(item))}")
        raise typer.Exit(2)
    return column.strip().lower(), value


@audit_app.command("verify")
def audit_verify(as_json: JsonOption = False, workspace: WorkspaceOption = None) -> None:
    """Check the audit chain: any edited, deleted or reordered entry is reported."""
    with _open(workspace) as ws:
        result = ws.verify_audit()
    if as_json:
        _print_json({"ok": result.ok, "entries": result.entries, "problems": list(result.problems)})
    elif result.ok:
        out.print(f"audit log intact: {result.entries} entries")
    else:
        for problem in result.problems:
            err.print(f"[bold red]audit:[/] {escape(problem)}")
    if not result.ok:
        raise typer.Exit(7)


@audit_app.command("log")
def audit_log(
    limit: Annotated[int, typer.Option(help="The newest N entries.")] = 50,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Show the newest audit entries."""
    with _open(workspace) as ws:
        entries = ws.audit_entries(limit)
    if as_json:
        _print_json([e.__dict__ for e in entries])
    else:
        out.print(audit_table(entries))


@export_app.command("records")
def export_records(
    out_path: Annotated[Path, typer.Option("--out", help="File to write (.csv or .parquet).")],
    file_format: Annotated[str | None, typer.Option("--format", help="csv or parquet.")] = None,
    public: Annotated[
        bool, typer.Option("--public", help="Redacted: nothing that identifies anyone.")
    ] = False,
    source: SourceFilter = None,
    unencrypted: Annotated[
        bool,
        typer.Option("--unencrypted", help="Write a restricted export in plaintext (audited)."),
    ] = False,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Export records: restricted (sealed with the passphrase unless --unencrypted) or --public."""
    from uncounted.exporting import infer_format

    with _open(workspace) as ws:
        fmt = infer_format(out_path, file_format)
        request = ExportRequest(out_path, fmt, public, source, unencrypted)
        result = ws.export_records(request)
    summary = {
        "path": str(result.path),
        "rows": result.rows,
        "format": fmt,
        "public": result.public,
        "sealed": result.sealed,
    }
    if as_json:
        _print_json(summary)
    else:
        kind = "public (redacted)" if result.public else "restricted"
        how = "sealed with the workspace passphrase" if result.sealed else "unencrypted"
        err.print(f"wrote {result.rows} {kind} records to {result.path} ({how})")


@app.command()
def demo(
    people: Annotated[int, typer.Option(help="Simulated people in the event.")] = 600,
    lists: Annotated[int, typer.Option(help="Simulated lists (sources).")] = 5,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    keep: Annotated[
        Path | None, typer.Option(help="Keep the workspace and lists in this folder.")
    ] = None,
) -> None:
    """Simulate a forced-return event and its lists, import them, and show what each source gave."""
    from uncounted.demo import run_demo

    with _errors_as_messages():
        run_demo(out, people=people, lists=lists, seed=seed, keep=keep)


def main() -> None:  # pragma: no cover - console entry point
    app()
