"""Does the MLE of a log-linear model exist, and which cells does the extended MLE fit as zero?

Sparse capture tables often have zero cells. The Poisson MLE exists exactly when the observed
sufficient statistics t = Xᵀy can also be reached by a strictly positive table x (Xᵀx = t,
x > 0): Fienberg & Rinaldo (2012), used by SparseMSE's ``checkident`` (Chan, Silverman & Vincent
2021) as the linear programme "maximise s subject to Xᵀx = t, x ≥ s".

When it does not exist, some coefficients run to −∞ and the cells outside the *facial set* (the
cells that some x ≥ 0 with Xᵀx = t can make positive) are fitted as 0; the extended MLE is the
ordinary MLE on the facial set. It is found here by repeated linear programmes, each of which
finds more cells that can be positive until none can.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linprog

POSITIVE = 1e-7  # an LP value above this is positive; counts are whole numbers


def mle_exists(design: np.ndarray, y: np.ndarray) -> bool:
    """True when a strictly positive table has the same sufficient statistics as ``y``."""
    if np.all(y > 0):
        return True
    return _largest_minimum(design, y) > POSITIVE


def facial_set(design: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Boolean mask of the cells the extended MLE can fit as positive."""
    support = y > 0
    if support.all() or mle_exists(design, y):
        return np.ones_like(support)
    while not support.all():
        unknown = np.flatnonzero(~support)
        found = _can_be_positive(design, y, unknown)
        if found.size == 0:
            break
        support[found] = True
    return support


def _largest_minimum(design: np.ndarray, y: np.ndarray) -> float:
    """max s such that Xᵀx = Xᵀy and every x_i >= s (s capped at 1: only its sign matters)."""
    cells, params = design.shape
    objective = np.zeros(cells + 1)
    objective[-1] = -1.0
    equalities = np.hstack([design.T, np.zeros((params, 1))])
    below = np.hstack([-np.eye(cells), np.ones((cells, 1))])
    result = linprog(
        objective,
        A_ub=below,
        b_ub=np.zeros(cells),
        A_eq=equalities,
        b_eq=design.T @ y,
        bounds=[(0, None)] * cells + [(0, 1)],
        method="highs",
    )
    return float(-result.fun) if result.status == 0 else 0.0


def _can_be_positive(design: np.ndarray, y: np.ndarray, unknown: np.ndarray) -> np.ndarray:
    """Cells among ``unknown`` that some x >= 0 with Xᵀx = Xᵀy makes positive."""
    cells, params = design.shape
    k = unknown.size
    objective = np.concatenate([np.zeros(cells), -np.ones(k)])
    equalities = np.hstack([design.T, np.zeros((params, k))])
    # z_k <= x_unknown[k], with 0 <= z_k <= 1
    below = np.zeros((k, cells + k))
    below[np.arange(k), unknown] = -1.0
    below[np.arange(k), cells + np.arange(k)] = 1.0
    result = linprog(
        objective,
        A_ub=below,
        b_ub=np.zeros(k),
        A_eq=equalities,
        b_eq=design.T @ y,
        bounds=[(0, None)] * cells + [(0, 1)] * k,
        method="highs",
    )
    if result.status != 0:
        return np.arange(0)
    return unknown[result.x[cells:] > POSITIVE]
