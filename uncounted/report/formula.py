"""Spreadsheet formula injection: what a spreadsheet would run, written so it stays text."""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: str) -> str:
    """Prefix a value a spreadsheet would evaluate with ``'``, its text marker.

    The importer reads a leading ``'`` before ``= + - @`` as that marker, so an exported value
    re-imports as it was.
    """
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value
