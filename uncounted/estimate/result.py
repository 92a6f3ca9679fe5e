"""The result every estimator returns: a population size with its 95% interval, named."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Estimate:
    """A population-size estimate and how it was obtained.

    ``estimate`` is N, documented plus undocumented (not the dark figure alone). ``interval``
    names the kind of 95% interval: "profile-likelihood", "wald" (log-normal Wald on the dark
    figure), "posterior"... ``hi95`` may be ``inf`` when the interval is open above; ``estimate``
    may be ``inf`` or ``nan`` when the model cannot estimate the dark figure, and ``warnings``
    then say why.
    """

    method: str
    estimate: float
    lo95: float
    hi95: float
    observed: int
    interval: str
    settings: dict[str, Any] = field(default_factory=dict)
    seed: int | None = None
    diagnostics: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    @property
    def dark_figure(self) -> float:
        """People estimated to be on no list."""
        return self.estimate - self.observed

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; non-finite numbers become None (JSON has no infinity)."""
        return {
            "method": self.method,
            "estimate": _plain(self.estimate),
            "lo95": _plain(self.lo95),
            "hi95": _plain(self.hi95),
            "observed": int(self.observed),
            "interval": self.interval,
            "settings": _plain(self.settings),
            "seed": self.seed,
            "diagnostics": _plain(self.diagnostics),
            "warnings": list(self.warnings),
        }


def _plain(value: Any) -> Any:
    """numpy scalars, arrays, tuples and non-finite floats turned into what JSON holds."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_plain(item) for item in value]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return number if math.isfinite(number) else None
    return value
