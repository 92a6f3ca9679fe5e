"""Choosing the log-linear model: by AIC/BIC over all hierarchical models, or stepwise.

``select_by_information`` is Rcapture's ``closedpMS.t``: every hierarchical model with all main
effects and interactions up to ``max_order`` is fitted to the 2^J − 1 observable cells and
ranked by R's ``glm`` criteria, AIC = −2·ℓ + 2·p and BIC = −2·ℓ + log(n)·p, where ℓ is the full
Poisson log-likelihood (with the log y! terms), p the number of coefficients and n the number of
people documented. (Rcapture computes BIC as ``glm$aic + (log(n) − 2)·rank``: the same.)
The best model is the first in that order whose MLE exists (empty overlaps allowed, as extended
MLE) and gives a finite estimate.

``select_stepwise`` is SparseMSE's ``stepwisefit`` (Chan, Silverman & Vincent 2021): from the
independence model, add the pairwise term with the smallest Poisson p-value for the observed
overlap of its two lists given the current model — min(P(X ≤ n*), P(X ≥ n*)) with X Poisson of
the fitted overlap — while it is below ``p_threshold``, skipping terms whose model would have no
MLE or be non-identifiable (ties go to the first pair in (1,2), (1,3), ..., (J−1,J) order).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations, islice
from typing import Literal

import numpy as np
from scipy.special import pdtr, pdtrc

from uncounted.errors import CaptureTableError, UsageError
from uncounted.estimate.capture import CaptureTable
from uncounted.estimate.loglinear_design import (
    LoglinearModel,
    Term,
    cell_histories,
    default_max_order,
    hierarchical_models,
    pairwise_model_count,
)
from uncounted.estimate.loglinear_fit import LoglinearFit, fit_loglinear

Criterion = Literal["aic", "bic"]
MAX_MODELS = 40_000  # 6 lists with all pairwise models (32,768) still fit, in about 10 s


def select_by_information(
    table: CaptureTable,
    criterion: Criterion = "bic",
    max_order: int | None = None,
    max_models: int = MAX_MODELS,
) -> tuple[LoglinearFit, tuple[LoglinearFit, ...]]:
    """The best model by ``criterion`` and every fitted model, best first."""
    if criterion not in ("aic", "bic"):
        raise UsageError(f"criterion must be 'aic' or 'bic'; got {criterion!r}")
    order = default_max_order(table.n_lists) if max_order is None else max_order
    fits = [fit_loglinear(table, model) for model in _models(table, order, max_models)]
    ranking = tuple(sorted(fits, key=lambda fit: getattr(fit, criterion)))
    usable = [fit for fit in ranking if fit.usable]
    if not usable:
        raise CaptureTableError(
            f"no hierarchical model up to order {order} has an MLE and a finite estimate on "
            "this table; it is too sparse for log-linear estimation"
        )
    return usable[0], ranking


def _models(table: CaptureTable, order: int, max_models: int) -> list[LoglinearModel]:
    n_lists = table.n_lists
    if not 1 <= order <= n_lists - 1:
        raise UsageError(
            f"the maximal order must be between 1 and {n_lists - 1} for {n_lists} lists; "
            f"got {order}"
        )
    if order == 2 and pairwise_model_count(n_lists) > max_models:
        raise _too_many(n_lists, order, max_models)
    models = list(islice(hierarchical_models(n_lists, order), max_models + 1))
    if len(models) > max_models:
        raise _too_many(n_lists, order, max_models)
    return models


def _too_many(n_lists: int, order: int, max_models: int) -> CaptureTableError:
    return CaptureTableError(
        f"more than {max_models} hierarchical models on {n_lists} lists up to order {order}; "
        "use the stepwise rule, a lower maximal order, or merge lists"
    )


@dataclass(frozen=True)
class Step:
    """One pairwise term the stepwise search added, and its p-value when it was added."""

    term: Term
    p_value: float


@dataclass(frozen=True, eq=False)
class StepwiseResult:
    fit: LoglinearFit
    steps: tuple[Step, ...]


def select_stepwise(table: CaptureTable, p_threshold: float = 0.02) -> StepwiseResult:
    """SparseMSE ``stepwisefit(zdat, pthresh)``: pairwise terms added by Poisson p-value."""
    pairs = list(combinations(range(table.n_lists), 2))
    if p_threshold == 1:
        full = fit_loglinear(table, pairs)
        if full.mle_exists and full.identifiable:
            return StepwiseResult(full, ())
    current = fit_loglinear(table, ())
    if p_threshold == 0:
        return StepwiseResult(current, ())
    overlaps = _overlaps(table, pairs)
    included: set[Term] = set()
    steps: list[Step] = []
    for _ in pairs:
        p_values, candidates = _candidate_p_values(table, current, pairs, overlaps, included)
        best = int(np.argmin(p_values))  # the first of equal minima, as SparseMSE
        if p_values[best] >= p_threshold:
            break
        current = candidates[best]
        included.add(pairs[best])
        steps.append(Step(pairs[best], float(p_values[best])))
    return StepwiseResult(current, tuple(steps))


def _overlaps(table: CaptureTable, pairs: list[Term]) -> np.ndarray:
    """People on both lists of each pair, whatever their other lists."""
    histories = table.histories.astype(np.int64)
    return np.array([table.counts @ (histories[:, i] * histories[:, j]) for i, j in pairs])


def _candidate_p_values(
    table: CaptureTable,
    current: LoglinearFit,
    pairs: list[Term],
    overlaps: np.ndarray,
    included: set[Term],
) -> tuple[np.ndarray, dict[int, LoglinearFit]]:
    cells = cell_histories(table.n_lists)
    fitted = current.fitted[1:]
    p_values = np.ones(len(pairs))
    candidates: dict[int, LoglinearFit] = {}
    for k, (i, j) in enumerate(pairs):
        if (i, j) in included:
            continue
        expected = float(fitted @ (cells[:, i] * cells[:, j]))
        candidate = fit_loglinear(table, current.model.with_term((i, j)))
        if candidate.mle_exists and candidate.identifiable:
            p_values[k] = overlap_p_value(int(overlaps[k]), expected)
            candidates[k] = candidate
    return p_values, candidates


def overlap_p_value(observed: int, expected: float) -> float:
    """min(P(X ≤ observed), P(X ≥ observed)) for X ~ Poisson(expected), as SparseMSE."""
    lower = float(pdtr(observed, expected))
    upper = float(pdtrc(observed - 1, expected)) if observed > 0 else 1.0
    return min(lower, upper)
