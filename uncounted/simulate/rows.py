"""One row of one list: the style's rendering of a person, then gaps and unidentified rows."""

from __future__ import annotations

import random
from collections.abc import Callable

from uncounted.model import CANONICAL_COLUMNS
from uncounted.simulate import foreign_styles, korean_styles
from uncounted.simulate.config import ScenarioConfig
from uncounted.simulate.people import SimPerson

Renderer = Callable[[random.Random, SimPerson, ScenarioConfig, float], dict[str, str]]

RENDERERS: dict[str, Renderer] = {
    "hangul_north": korean_styles.hangul_north,
    "rr": korean_styles.rr,
    "mr": korean_styles.mr,
    "english_adhoc": foreign_styles.english_adhoc,
    "chinese": foreign_styles.chinese,
}
_UNUSED = {
    "hangul_north": {"family_name", "given_name", "name_alt"},
    "rr": {"name_alt"},
    "mr": {"family_name", "given_name", "name_alt", "last_contact"},
    "english_adhoc": {"family_name", "given_name", "last_contact"},
    "chinese": {"family_name", "given_name", "last_contact"},
}
COLUMNS: dict[str, tuple[str, ...]] = {
    style: tuple(c for c in CANONICAL_COLUMNS if c not in unused)
    for style, unused in _UNUSED.items()
}
# What an unidentified row keeps: its id and what happened, nothing about who.
_EVENT_COLUMNS = frozenset({"record_id", "event", "event_date", "event_place", "reported_on"})
DUPLICATE_TYPO_RATE = 0.5


def render_row(
    rng: random.Random,
    style: str,
    person: SimPerson,
    config: ScenarioConfig,
    *,
    duplicate: bool = False,
) -> dict[str, str]:
    """The values of every column of ``style`` except ``record_id`` (filled in by the list)."""
    typo_rate = max(config.typo_rate, DUPLICATE_TYPO_RATE) if duplicate else config.typo_rate
    values = RENDERERS[style](rng, person, config, typo_rate)
    if rng.random() < config.unidentified_rate:
        return {c: (values.get(c, "") if c in _EVENT_COLUMNS else "") for c in COLUMNS[style]}
    row = {"record_id": ""}
    missing = config.missing_rate
    for column in COLUMNS[style][1:]:
        value = values.get(column, "")
        if missing and rng.random() < missing and not (column == "reported_on" and values["age"]):
            value = ""  # (an age keeps the date it was true on)
        row[column] = value
    return row
