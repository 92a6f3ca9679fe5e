"""Partial dates as sources write them, read without inventing precision.

``parse_date`` accepts the unambiguous forms of the list format (ISO, ``YYYYMMDD``, dotted and
slashed year-first forms, Korean/Chinese ``년 월 일``/``年月日``, English month names) and the
day/month forms ``10/09/2023`` that may be ambiguous. A declared ``order`` (``DMY``/``MDY``/
``YMD``) settles those; otherwise, where both readings are real dates and differ, both are kept
as an ``AmbiguousDate``. Per-column strptime ``formats`` from a mapping are tried first; their
precision is the precision of the directives they contain.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from uncounted.model import AmbiguousDate, DateValue, PartialDate

from .text import clean_text

MIN_YEAR = 1800
MAX_YEAR = 2100
ORDERS = ("DMY", "MDY", "YMD")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

_A = re.ASCII | re.IGNORECASE
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", _A)
_ISO_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?", _A
)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})", _A)
_YEAR_FIRST = re.compile(r"(\d{4}) ?([./]) ?(\d{1,2})(?: ?\2 ?(\d{1,2}))? ?\.?", _A)
_CJK = re.compile(r"(\d{4}) ?[년年](?: ?(\d{1,2}) ?[월月](?: ?(\d{1,2}) ?[일日])?)? ?생?", _A)
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[ -]([a-z]+)\.?,?[ -](\d{4})", _A)
_MONTH_NAME_DAY = re.compile(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})", _A)
_MONTH_NAME = re.compile(r"([a-z]+)\.?,?[ -](\d{4})", _A)
_NUMERIC = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})\.?", _A)
_MONTH_YEAR = re.compile(r"(\d{1,2})[./-](\d{4})", _A)


def parse_date(
    text: str, *, order: str | None = None, formats: Sequence[str] = ()
) -> DateValue | None:
    """Read one date cell. ``None`` for an empty cell; ``ValueError(reason)`` when unusable."""
    if not text.isascii() or not text.isprintable() or "  " in text:
        text = clean_text(text)
    else:
        text = text.strip()
    if not text:
        return None
    result = _parse_cached(text, order, tuple(formats))
    if isinstance(result, str):
        raise ValueError(result)
    return result


def date_reader(
    order: str | None = None, formats: Sequence[str] = ()
) -> Callable[[str], DateValue]:
    """A parser for cleaned, non-empty cells of one column (the fast path used per row)."""
    formats = tuple(formats)

    def read(text: str) -> DateValue:
        result = _parse_cached(text, order, formats)
        if result.__class__ is str:
            raise ValueError(result)
        return result  # type: ignore[return-value]

    return read


@lru_cache(maxsize=65536)
def _parse_cached(text: str, order: str | None, formats: tuple[str, ...]) -> DateValue | str:
    """The parse, memoised: lists repeat the same few dates; a reason string means failure."""
    try:
        if formats:
            found = _by_formats(text, formats)
            if found is not None:
                return found
            if _ISO.fullmatch(text) is None:
                return "date does not match the declared formats"
        return _by_forms(text, order)
    except ValueError as exc:
        return str(exc)


def _by_forms(text: str, order: str | None) -> DateValue:
    match = _ISO.fullmatch(text) or _ISO_TIME.fullmatch(text) or _COMPACT.fullmatch(text)
    if match is None:
        match = _YEAR_FIRST.fullmatch(text) or _CJK.fullmatch(text)
        if match is not None and match.re is _YEAR_FIRST:
            return _make(match[1], match[3], match[4])
    if match is not None:
        return _make(*match.groups())
    if match := _NUMERIC.fullmatch(text):
        return _day_month(int(match[1]), int(match[3]), match[4], order)
    if match := _MONTH_YEAR.fullmatch(text):
        return _make(match[2], match[1], None)
    return _by_month_name(text)


def _by_month_name(text: str) -> PartialDate:
    if match := _DAY_MONTH_NAME.fullmatch(text):
        return _make(match[3], _month(match[2]), match[1])
    if match := _MONTH_NAME_DAY.fullmatch(text):
        return _make(match[3], _month(match[1]), match[2])
    if match := _MONTH_NAME.fullmatch(text):
        return _make(match[2], _month(match[1]), None)
    raise ValueError("unknown date form")


def _month(name: str) -> int:
    number = _MONTHS.get(name.lower())
    if number is None:
        raise ValueError("unknown month name")
    return number


def _make(year: str | int, month: str | int | None, day: str | int | None) -> PartialDate:
    year = int(year)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"implausible year (outside {MIN_YEAR}-{MAX_YEAR})")
    try:
        return PartialDate(
            year, None if month is None else int(month), None if day is None else int(day)
        )
    except ValueError:
        raise ValueError("impossible date") from None


def _day_month(first: int, second: int, year: str, order: str | None) -> DateValue:
    """``first/second/year``: by the declared order, or every valid reading."""
    if order == "DMY":
        return _make(year, second, first)
    if order == "MDY":
        return _make(year, first, second)
    if order == "YMD":
        raise ValueError("day/month/year form, but the declared date order is YMD")
    readings = []
    for month, day in ((second, first), (first, second)):
        try:
            readings.append(_make(year, month, day))
        except ValueError as exc:
            error = exc
    unique = sorted(set(readings))
    if not unique:
        raise error
    return unique[0] if len(unique) == 1 else AmbiguousDate(tuple(unique))


_DAY_DIRECTIVES = ("%d", "%j")
_MONTH_DIRECTIVES = ("%m", "%b", "%B")


def format_precision(fmt: str) -> str:
    """``day``, ``month`` or ``year``: what a strptime format can say. Raises for no ``%Y``."""
    if "%Y" not in fmt:
        raise ValueError(f"date format {fmt!r} has no four-digit year (%Y)")
    if any(d in fmt for d in _MONTH_DIRECTIVES):
        return "day" if any(d in fmt for d in _DAY_DIRECTIVES) else "month"
    if "%j" in fmt:
        return "day"
    return "year"


def _by_formats(text: str, formats: tuple[str, ...]) -> PartialDate | None:
    for fmt in formats:
        try:
            parsed = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        precision = format_precision(fmt)
        month = parsed.month if precision != "year" else None
        day = parsed.day if precision == "day" else None
        return _make(parsed.year, month, day)
    return None
