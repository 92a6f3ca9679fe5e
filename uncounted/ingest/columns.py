"""Which column of a file (or key of a row) holds which canonical field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from uncounted.errors import InputFileError, MappingError
from uncounted.model import CANONICAL_COLUMNS

from .mapping import ListMapping
from .text import clean_text, header_key

_CANONICAL = frozenset(CANONICAL_COLUMNS)
_UNREADABLE_KEYS = frozenset({"line", "line_hex"})


def header_names(cells: Sequence[str], file: str) -> tuple[str, ...]:
    """Cleaned header names; an empty one is ``column_N``; duplicates (any case) are refused."""
    names = tuple(clean_text(cell) or f"column_{n}" for n, cell in enumerate(cells, start=1))
    seen: dict[str, str] = {}
    for name in names:
        key = name.casefold()
        if key in seen:
            raise InputFileError(file, f"header has the column {name!r} twice")
        seen[key] = name
    return names


def resolve(
    names: Iterable[str], mapping: ListMapping | None, *, file: str, strict: bool
) -> dict[str, str]:
    """Map canonical name → the name (header or key) that holds it.

    Columns the mapping names come first; then any name that reads as a canonical one (case-
    and spacing-insensitive: ``Record ID`` is record_id) for a field the mapping left open.
    ``strict`` (a file's header): a mapped column the file lacks, or two columns reading as the
    same field, is an error naming them.
    """
    names = list(names)
    by_key = {clean_text(name).casefold(): name for name in names}
    found: dict[str, str] = {}
    taken: set[str] = set()
    for canonical, column in (mapping.columns if mapping else {}).items():
        name = by_key.get(column.casefold())
        if name is None:
            if strict:
                raise MappingError(
                    mapping.name if mapping else file,
                    f"column {column!r} (for {canonical}) is not in {file}; "
                    f"its columns are: {', '.join(names)}",
                )
            continue
        found[canonical] = name
        taken.add(name)
    explicit = set(found)
    exact_first = sorted(names, key=lambda name: name not in _CANONICAL)  # "name" before "Name"
    for name in exact_first:
        canonical = header_key(name)
        if name in taken or canonical not in _CANONICAL:
            continue
        if canonical in found:
            if strict and canonical not in explicit:
                raise InputFileError(
                    file, f"columns {found[canonical]!r} and {name!r} both read as {canonical}"
                )
            continue
        found[canonical] = name
    return found


def canonical_view(raw: Mapping[str, str], mapping: ListMapping | None = None) -> dict[str, str]:
    """A row as its file's headers key it (``ParsedRow.raw``) → keyed by canonical names, as
    ``parse_row_values`` takes it; other columns keep their header as key. The raw of an
    unreadable line (``line``, ``line_hex``) has no columns: its view is empty."""
    if raw and set(raw) <= _UNREADABLE_KEYS:
        return {}
    found = resolve(raw, mapping, file="row", strict=False)
    view = {canonical: raw[name] for canonical, name in found.items()}
    used = set(found.values())
    for name, value in raw.items():
        if name not in used:
            view.setdefault(name, value)
    return view


def require_record_id(found: dict[str, str], columns: Sequence[str], file: str) -> None:
    if "record_id" not in found:
        raise InputFileError(
            file,
            "no record_id column (columns: "
            f"{', '.join(columns) or 'none'}); name one in a mapping's [columns]",
        )
