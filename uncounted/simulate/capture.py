"""Which lists name whom: heterogeneous, correlated capture.

On the logit scale, a person's chance of being on list k is

    logit(capture_rate) + style offset + catchability + network factor (if k is fed by a
    network) + mass_visibility (media lists, people of the mass event) + jurisdiction (Chinese
    police lists know their own detention centres)

where catchability ~ N(0, capture_heterogeneity) is shared by every list, and each of two
informant networks has its own factor ~ N(0, list_dependence) (half that for the second),
shared by the lists it feeds. Shared terms make the lists positively dependent, as real lists
are; multiple systems estimation that assumes independence then underestimates.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from uncounted.simulate.config import ScenarioConfig
from uncounted.simulate.people import SimPerson

_STYLE_OFFSET = {"hangul_north": 0.3, "rr": 0.1, "mr": -0.4, "english_adhoc": -0.6, "chinese": 0.0}
_NETWORK = {"hangul_north": 1, "rr": 1, "mr": 2, "english_adhoc": 2}  # 0: no network
# Detention centres whose records the Chinese police lists come from (Jilin province), and the
# logit shift for people held there, or elsewhere.
_JILIN = frozenset(
    [
        "cn_tumen_dc",
        "cn_yanji_dc",
        "cn_longjing_dc",
        "cn_helong_dc",
        "cn_hunchun_dc",
        "cn_changbai_dc",
        "cn_jian_dc",
        "cn_baishan_dc",
    ]
)
_IN_JURISDICTION, _OUT_OF_JURISDICTION = 0.8, -2.5


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _base(style: str, config: ScenarioConfig) -> float:
    return _logit(config.capture_rate) + _STYLE_OFFSET[style]


def capture_histories(
    people: Sequence[SimPerson], styles: Sequence[str], config: ScenarioConfig
) -> list[bytearray]:
    """One 0/1 ``bytearray`` per list, indexed like ``people``."""
    rng = random.Random(f"{config.seed}:capture")
    bases = [_base(style, config) for style in styles]
    networks = [_NETWORK.get(style, 0) for style in styles]
    media = [style == "english_adhoc" for style in styles]
    police = [style == "chinese" for style in styles]
    sd_person, sd_network = config.capture_heterogeneity, config.list_dependence
    histories = [bytearray(len(people)) for _ in styles]
    gauss, draw, exp = rng.gauss, rng.random, math.exp
    for i, person in enumerate(people):
        shared = gauss(0.0, sd_person) if sd_person else 0.0
        factors = (0.0, gauss(0.0, sd_network), gauss(0.0, sd_network / 2)) if sd_network else None
        in_jilin = person.journey.detention_place in _JILIN
        for k, base in enumerate(bases):
            logit = base + shared
            if factors is not None:
                logit += factors[networks[k]]
            if media[k] and person.mass_event:
                logit += config.mass_visibility
            if police[k]:
                logit += _IN_JURISDICTION if in_jilin else _OUT_OF_JURISDICTION
            if draw() * (1.0 + exp(-logit)) < 1.0:
                histories[k][i] = 1
    return histories
