"""Which parser reads which canonical column."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from uncounted.model import CANONICAL_COLUMNS, DATE_COLUMNS

from .dates import date_reader
from .values import parse_age, parse_event, parse_sex, split_names

TEXT_COLUMNS = frozenset({"name", "family_name", "given_name", "home", "event_place", "notes"})
FIELD_COLUMNS = tuple(c for c in CANONICAL_COLUMNS if c != "record_id")

FieldParser = Callable[[str], object]

_CODED: dict[str, FieldParser] = {
    "sex": parse_sex,
    "age": parse_age,
    "event": parse_event,
    "name_alt": split_names,
}


def field_parser(
    column: str, *, order: str | None = None, formats: Sequence[str] = ()
) -> FieldParser | None:
    """The parser for a canonical column's cleaned, non-empty text; ``None``: the text is the
    value. Parsers raise ``ValueError(reason)`` for a value that cannot be read."""
    if column in DATE_COLUMNS:
        return date_reader(order, formats)
    if column in TEXT_COLUMNS or column == "record_id":
        return None
    return _CODED[column]
