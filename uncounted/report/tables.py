"""Records as export tables: restricted (everything, re-importable) or public (redacted).

A restricted table writes each canonical column as the parsed value in canonical form, or, where
the value cost its field or was ambiguous, the raw text exactly as received, so that importing the
export gives back the same fields and the same issues. A public table drops everything that could
identify someone (names, birth dates, ages, home, notes, extra columns, the source's own record
ids) and coarsens what remains: birth year to a five-year band, event and contact dates to the
month.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from uncounted.model import (
    CANONICAL_COLUMNS,
    AmbiguousDate,
    PartialDate,
    Record,
    date_readings,
)

PUBLIC_COLUMNS = (
    "source",
    "sex",
    "birth_year_band",
    "event",
    "event_month",
    "event_place",
    "last_contact_month",
)


@dataclass(frozen=True)
class ExportTable:
    columns: tuple[str, ...]
    rows: Iterable[dict[str, str]]


def restricted_columns(records: Iterable[Record], *, with_source: bool) -> tuple[str, ...]:
    extras: dict[str, None] = {}
    for rec in records:
        for key in rec.fields.extras:
            extras.setdefault(key)
    lead = ("source",) if with_source else ()
    return (*lead, *CANONICAL_COLUMNS, *(k for k in extras if k.lower() not in CANONICAL_COLUMNS))


def restricted_row(rec: Record, *, with_source: bool) -> dict[str, str]:
    row = {"source": rec.source} if with_source else {}
    raw_by_field = _raw_values_of_issue_fields(rec)
    for column in CANONICAL_COLUMNS:
        row[column] = raw_by_field.get(column) or _canonical_text(rec, column)
    row.update(rec.fields.extras)
    return row


def _raw_values_of_issue_fields(rec: Record) -> dict[str, str]:
    found: dict[str, str] = {}
    for issue in rec.issues:
        if issue.field is not None and issue.column in rec.raw:
            found[issue.field] = rec.raw[issue.column]
    return found


def _canonical_text(rec: Record, column: str) -> str:
    if column == "record_id":
        return rec.record_id
    value = getattr(rec.fields, column)
    if value is None:
        return ""
    if column == "name_alt":
        return "; ".join(value)
    if isinstance(value, AmbiguousDate):
        return _ambiguous_as_numeric(value)
    if isinstance(value, PartialDate):
        return value.iso()
    return str(value.value if hasattr(value, "value") else value)


def _ambiguous_as_numeric(value: AmbiguousDate) -> str:
    """Written back as DD/MM/YYYY, which reads again as the same two readings."""
    first = value.readings[0]
    return f"{first.day:02d}/{first.month:02d}/{first.year:04d}"


def public_row(rec: Record) -> dict[str, str]:
    years = rec.fields.birth_years
    band = ""
    if years is not None:
        lo = years.lo - years.lo % 5
        band = f"{lo}-{lo + 4}" if years.hi <= lo + 4 else ""
    return {
        "source": rec.source,
        "sex": rec.fields.sex.value if rec.fields.sex else "",
        "birth_year_band": band,
        "event": rec.fields.event.value if rec.fields.event else "",
        "event_month": _month(rec.fields.event_date),
        "event_place": rec.fields.event_place or "",
        "last_contact_month": _month(rec.fields.last_contact),
    }


def _month(value: PartialDate | AmbiguousDate | None) -> str:
    readings = date_readings(value)
    if len(readings) != 1:
        return ""
    date = readings[0]
    return f"{date.year:04d}-{date.month:02d}" if date.month else f"{date.year:04d}"


def public_rows(records: Iterable[Record]) -> Iterator[dict[str, str]]:
    return (public_row(rec) for rec in records)
