"""A stream of simulated canonical rows, for import benchmarks and stress tests.

Rows are put together from small pools of rendered values (who; what happened), drawn per
style, so that memory stays constant and a million rows take seconds. Every row carries every
canonical column and a record id unique in the stream.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from functools import lru_cache

from uncounted.model import CANONICAL_COLUMNS
from uncounted.simulate.config import STYLES, ScenarioConfig
from uncounted.simulate.people import simulate_people
from uncounted.simulate.rows import render_row

_EVENT_KEYS = ("event", "event_date", "event_place", "last_contact")
_IDENTITY_KEYS = tuple(c for c in CANONICAL_COLUMNS if c not in _EVENT_KEYS and c != "record_id")
_PREFIX = ("NK-", "", "TJ-", "MEDIA-", "JL-")
IDENTITY_BITS, EVENT_BITS = 11, 9  # pools of 2,048 identities and 512 events per style

Pool = tuple[tuple[dict[str, str], ...], ...]


@lru_cache(maxsize=4)
def _pools(seed: int) -> tuple[Pool, Pool]:
    config = ScenarioConfig(n_people=1 << IDENTITY_BITS, seed=seed)
    people = simulate_people(config)
    rng = random.Random(f"{seed}:stream-pools")
    identities, events = [], []
    for style in STYLES:
        rows = [render_row(rng, style, person, config) for person in people]
        identities.append(tuple({k: row.get(k, "") for k in _IDENTITY_KEYS} for row in rows))
        events.append(
            tuple({k: row.get(k, "") for k in _EVENT_KEYS} for row in rows[: 1 << EVENT_BITS])
        )
    return tuple(identities), tuple(events)


def iter_canonical_rows(n_rows: int, seed: int = 0) -> Iterator[dict[str, str]]:
    """``n_rows`` simulated rows of mixed list styles, each a new dict with every canonical
    column (``""`` = empty); record ids are unique. Same seed, same rows."""
    identities, events = _pools(seed)
    bits = random.Random(f"{seed}:stream").getrandbits
    styles = len(STYLES)
    for number in range(1, n_rows + 1):
        style = bits(8) % styles
        row = {"record_id": f"{_PREFIX[style]}{number:08d}"}
        row.update(identities[style][bits(IDENTITY_BITS)])
        row.update(events[style][bits(EVENT_BITS)])
        yield row
