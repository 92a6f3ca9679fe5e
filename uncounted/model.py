"""Domain types of uncounted: what sources say, and who they are believed to speak of.

No I/O and no third-party imports. A ``Record`` is one row of one source, kept exactly as
received (``raw``) beside what was parsed from it (``fields``); a ``Person`` is a cluster of
records whose attributes are derived from them, never written over them. Dates are partial
(``PartialDate``): the precision a source wrote is the precision kept, and an unknown stays
unknown (``None``), never a default.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day. Invalid combinations are refused."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} out of range")
        if self.month is None and self.day is not None:
            raise ValueError("a day without a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} out of range")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month or 1)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"day {self.day} does not exist in {self.year}-{self.month:02d}")

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        # Cached in the instance dict (not a field, so equality and hashing ignore it):
        # imports serialise the same few dates hundreds of thousands of times.
        text = self.__dict__.get("_iso")
        if text is None:
            text = f"{self.year:04d}"
            if self.month is not None:
                text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
            self.__dict__["_iso"] = text
        return text

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (the forms ``iso()`` writes)."""
        parts = text.split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            raise ValueError(f"not an ISO partial date: {text!r}")
        return cls(*(int(p) for p in parts))

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True)
class AmbiguousDate:
    """A date whose day and month could be swapped (``10/09/2023``): both readings are kept."""

    readings: tuple[PartialDate, ...]

    def __post_init__(self) -> None:
        if len(self.readings) < 2:
            raise ValueError("an ambiguous date needs at least two readings")

    def iso(self) -> str:
        return "|".join(r.iso() for r in self.readings)

    @classmethod
    def from_iso(cls, text: str) -> AmbiguousDate:
        return cls(tuple(PartialDate.from_iso(p) for p in text.split("|")))

    def __str__(self) -> str:
        return self.iso()


DateValue = PartialDate | AmbiguousDate


def date_from_iso(text: str) -> DateValue:
    """Inverse of ``.iso()`` for either kind of date value."""
    return AmbiguousDate.from_iso(text) if "|" in text else PartialDate.from_iso(text)


def date_readings(value: DateValue | None) -> tuple[PartialDate, ...]:
    if value is None:
        return ()
    return value.readings if isinstance(value, AmbiguousDate) else (value,)


@dataclass(frozen=True)
class YearRange:
    """An inclusive interval of years, e.g. the birth years an age at a report date allows."""

    lo: int
    hi: int

    def __post_init__(self) -> None:
        if self.lo > self.hi:
            raise ValueError(f"empty year range {self.lo}..{self.hi}")

    def overlaps(self, other: YearRange) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def __str__(self) -> str:
        return str(self.lo) if self.lo == self.hi else f"{self.lo}..{self.hi}"


def birth_years_from_age(age: int, reported_on: DateValue | None) -> YearRange | None:
    """Birth years consistent with ``age`` (completed years) on the report date.

    Someone aged A on day D was born after D minus A+1 years and on or before D minus A years, so
    a full report date allows two birth years (one if D is 31 December). A report known only to
    the year or month widens the range. With no report date there is no range: the age alone
    does not say when it was true.
    """
    readings = date_readings(reported_on)
    if not readings or age < 0:
        return None
    earliest = min(r.earliest() for r in readings)
    latest = max(r.latest() for r in readings)
    lo = earliest.year - age - 1
    if earliest.month == 12 and earliest.day == 31:
        lo += 1
    return YearRange(lo, latest.year - age)


def birth_years_from_date(value: DateValue | None) -> YearRange | None:
    readings = date_readings(value)
    if not readings:
        return None
    return YearRange(min(r.year for r in readings), max(r.year for r in readings))


class Sex(StrEnum):
    FEMALE = "F"
    MALE = "M"


class EventType(StrEnum):
    ARREST = "arrest"
    DETENTION = "detention"
    REPATRIATION = "repatriation"
    IMPRISONMENT = "imprisonment"
    RELEASE = "release"
    DEATH = "death"
    LAST_CONTACT = "last_contact"


class SourceKind(StrEnum):
    ORGANISATION_LIST = "organisation_list"
    TESTIMONY = "testimony"
    MEDIA_REPORT = "media_report"
    OFFICIAL_STATEMENT = "official_statement"


class Reliability(StrEnum):
    """HURIDOCS ESF micro-thesaurus 42."""

    HIGHLY_RELIABLE = "highly_reliable"
    LIKELY_RELIABLE = "likely_reliable"
    UNSURE = "unsure"
    LIKELY_UNRELIABLE = "likely_unreliable"
    HIGHLY_UNRELIABLE = "highly_unreliable"
    UNKNOWN = "unknown"


class Sensitivity(StrEnum):
    """Who may see something: ``public`` may leave the workspace unredacted."""

    PUBLIC = "public"
    RESTRICTED = "restricted"
    SECRET = "secret"


@dataclass(frozen=True)
class Source:
    name: str
    kind: SourceKind = SourceKind.ORGANISATION_LIST
    reliability: Reliability = Reliability.UNKNOWN
    sensitivity: Sensitivity = Sensitivity.RESTRICTED
    organisation: str | None = None
    description: str | None = None


CANONICAL_COLUMNS: tuple[str, ...] = (
    "record_id",
    "name",
    "family_name",
    "given_name",
    "name_alt",
    "sex",
    "birth_date",
    "age",
    "reported_on",
    "home",
    "event",
    "event_date",
    "event_place",
    "last_contact",
    "notes",
)
DATE_COLUMNS: tuple[str, ...] = ("birth_date", "reported_on", "event_date", "last_contact")
IDENTIFYING_COLUMNS: frozenset[str] = frozenset(
    {"name", "family_name", "given_name", "name_alt", "birth_date", "age", "home", "notes"}
)


@dataclass(frozen=True)
class RecordFields:
    """The parsed, normalised values of one record. ``None`` means unknown or unusable."""

    name: str | None = None
    family_name: str | None = None
    given_name: str | None = None
    name_alt: tuple[str, ...] = ()
    sex: Sex | None = None
    birth_date: DateValue | None = None
    age: int | None = None
    reported_on: DateValue | None = None
    home: str | None = None
    event: EventType | None = None
    event_date: DateValue | None = None
    event_place: str | None = None
    last_contact: DateValue | None = None
    notes: str | None = None
    extras: Mapping[str, str] = field(default_factory=dict)

    @property
    def birth_years(self) -> YearRange | None:
        """From the birth date when there is one, else from the age at the report date."""
        from_date = birth_years_from_date(self.birth_date)
        if from_date is not None or self.age is None:
            return from_date
        return birth_years_from_age(self.age, self.reported_on)

    @property
    def is_identifying(self) -> bool:
        """Whether anything beyond the source's own id says who the person is."""
        return any(
            (
                self.name,
                self.family_name,
                self.given_name,
                self.name_alt,
                self.sex,
                self.birth_date,
                self.age is not None,
                self.home,
            )
        )


@dataclass(frozen=True)
class FieldIssue:
    """A value that cost its field (not the record): where it was and why, never the value.

    ``column`` is the header as written in the file; ``field`` the canonical field it fed.
    """

    file: str
    row: int
    column: str
    reason: str
    field: str | None = None

    def __str__(self) -> str:
        return f"{self.file}, row {self.row}, column {self.column}: {self.reason}"


@dataclass(frozen=True)
class Record:
    """One row of one source: the raw row exactly as received, and what was parsed from it."""

    source: str
    record_id: str
    fields: RecordFields
    raw: Mapping[str, str]
    row: int
    batch_id: int | None = None
    issues: tuple[FieldIssue, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.source, self.record_id)


@dataclass(frozen=True)
class QuarantinedRow:
    """A row that cannot be a record (no id, duplicate id, unparseable line), kept with why."""

    id: int | None
    source: str
    file: str
    row: int
    reason: str
    raw: Mapping[str, str]
    batch_id: int | None = None


@dataclass(frozen=True)
class Event:
    type: EventType
    date: DateValue | None = None
    place: str | None = None
    record: tuple[str, str] | None = None


class WhereaboutsStatus(StrEnum):
    UNKNOWN = "unknown"
    DETAINED_LOCATION_KNOWN = "detained_location_known"
    DETAINED_LOCATION_UNKNOWN = "detained_location_unknown"
    IN_CAMP = "in_camp"
    RELEASED = "released"
    ESCAPED = "escaped"
    DEAD = "dead"
    CLARIFIED = "clarified"


@dataclass(frozen=True)
class Whereabouts:
    status: WhereaboutsStatus = WhereaboutsStatus.UNKNOWN
    as_of: DateValue | None = None
    last_contact: DateValue | None = None
    place: str | None = None


@dataclass(frozen=True)
class CountReport:
    """How many people one source says a mass event involved, as a range.

    ``"up to 600"`` is ``lo=None, hi=600``; ``"at least 200"`` is ``lo=200, hi=None``; ``"about
    500"`` keeps ``nominal=500`` and only the bounds the source itself gave.
    """

    source: str
    lo: int | None = None
    hi: int | None = None
    nominal: int | None = None
    wording: str | None = None

    def __post_init__(self) -> None:
        if self.lo is not None and self.hi is not None and self.lo > self.hi:
            raise ValueError(f"count range {self.lo}..{self.hi} is empty")


@dataclass(frozen=True)
class MassEvent:
    """One group event, e.g. the forced return of 9 October 2023."""

    title: str
    type: EventType = EventType.REPATRIATION
    start: DateValue | None = None
    end: DateValue | None = None
    places: tuple[str, ...] = ()
    reports: tuple[CountReport, ...] = ()


class Decision(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"
    NEEDS_INFO = "needs_info"


@dataclass(frozen=True)
class Review:
    """Who decided what about which target, when and why."""

    target: str
    reviewer: str
    decision: Decision
    reason: str | None
    at: dt.datetime


@dataclass(frozen=True)
class Person:
    """A cluster of records believed to be one person. Attributes derive from the records."""

    id: str
    records: tuple[Record, ...]
    whereabouts: Whereabouts = Whereabouts()

    @property
    def names(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for rec in self.records:
            for name in (rec.fields.name, *rec.fields.name_alt):
                if name:
                    seen.setdefault(name)
        return tuple(seen)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({rec.source for rec in self.records}))

    @property
    def sexes(self) -> frozenset[Sex]:
        return frozenset(r.fields.sex for r in self.records if r.fields.sex is not None)

    @property
    def birth_years(self) -> YearRange | None:
        """The years every record allows; ``None`` when they disagree or none says."""
        ranges = [r.fields.birth_years for r in self.records]
        known = [r for r in ranges if r is not None]
        if not known:
            return None
        lo, hi = max(r.lo for r in known), min(r.hi for r in known)
        return YearRange(lo, hi) if lo <= hi else None

    @property
    def events(self) -> tuple[Event, ...]:
        found = [
            Event(r.fields.event, r.fields.event_date, r.fields.event_place, r.key)
            for r in self.records
            if r.fields.event is not None
        ]
        return tuple(sorted(found, key=_event_sort_key))


def _event_sort_key(event: Event) -> tuple[dt.date, str]:
    readings = date_readings(event.date)
    return (min((r.earliest() for r in readings), default=dt.date.max), event.type.value)


@dataclass
class ImportReport:
    """The account of one import: read = stored + quarantined + skipped_duplicates."""

    source: str
    file: str
    encoding: str | None = None
    read: int = 0
    stored: int = 0
    quarantined: int = 0
    skipped_duplicates: int = 0
    warnings: list[str] = field(default_factory=list)
    quarantine_reasons: list[str] = field(default_factory=list)
    batch_id: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "file": self.file,
            "encoding": self.encoding,
            "batch_id": self.batch_id,
            "read": self.read,
            "stored": self.stored,
            "quarantined": self.quarantined,
            "skipped_duplicates": self.skipped_duplicates,
            "warnings": list(self.warnings),
            "quarantine_reasons": list(self.quarantine_reasons),
        }
