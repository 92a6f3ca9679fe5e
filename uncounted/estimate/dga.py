"""Bayesian model averaging over decomposable graphical models (Madigan & York 1997), as dga.

Matches R's dga 2.0.2 ``bma.cr`` with its suggested defaults: hyper-Dirichlet prior with
delta = 2^-J per cell of the full table, prior on N proportional to 1/N, a uniform prior over
all decomposable graphs on the J lists. dga leaves the grid of Nmissing to the user; the grid
rule here is the one the reference runs used (see :func:`dga_bma`). The posterior is normalised
on that finite grid, so it is conditional on N <= n + max(grid): the grid is reported with every
figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from scipy.special import logsumexp

from uncounted.estimate.dga_posterior import (
    PosteriorAccumulator,
    design_matrix,
    table_terms,
)
from uncounted.estimate.graphs import MAX_VERTICES, DecomposableGraph, decomposable_graphs

Edges = tuple[tuple[int, int], ...]
PriorN = Literal["1/N", "uniform"]

# R's models x grid matrix of doubles kept under 1.5 GB: the cap of the reference runs (J <= 5).
PEER_MAX_WEIGHT_CELLS = 187_500_000
# Beyond the reference's lists there is no R matrix to fit in memory; the grid stops here anyway.
MAX_NMISSING = 1 << 24


@dataclass(frozen=True, eq=False)
class DgaResult:
    """Posterior of the population size N averaged over decomposable graphs.

    ``n_grid`` holds N = observed + Nmissing for Nmissing = 0..max; ``posterior`` its
    probabilities (summing to 1 on the grid). ``estimate`` is the posterior median and
    ``lo95``/``hi95`` the 2.5% and 97.5% points, each the first N where the CDF reaches the level.
    ``model_weights`` pairs each graph's edges (list indices, 0-based, in the order of the
    histories' columns) with its posterior probability, largest first.
    """

    observed: int
    n_grid: np.ndarray
    posterior: np.ndarray
    estimate: int
    lo95: int
    hi95: int
    mean: float
    model_weights: tuple[tuple[Edges, float], ...]
    settings: dict[str, Any]
    warnings: tuple[str, ...]

    def quantile(self, level: float) -> int:
        """The first N on the grid where the posterior CDF is at least ``level``."""
        return _quantile(self.n_grid, np.cumsum(self.posterior), level)


def dga_bma(
    histories: np.ndarray,
    counts: np.ndarray,
    *,
    delta: float | None = None,
    prior_n: PriorN = "1/N",
    nmissing_max: int | None = None,
    graph_log_prior: np.ndarray | None = None,
    max_weight_cells: int | None = None,
    start_multiple: int = 4,
    upper_half_tolerance: float = 1e-4,
) -> DgaResult:
    """Model-averaged posterior of N from a capture table of distinct observed patterns.

    ``histories`` is m x J (0/1, no all-zero row), ``counts`` has the m pattern counts. ``delta``
    defaults to 2^-J. Without ``nmissing_max`` the grid is Nmissing = 0..M with M = 4n at first,
    doubled while the posterior mass in the upper half of the grid exceeds
    ``upper_half_tolerance``, and capped so that graphs x grid points stays within
    ``max_weight_cells``. By default that cap is the reference runs' (187.5 M cells, 1.5 GB of
    doubles in R) for up to 5 lists, and none for 6 lists, where it would stop the grid at 10,328;
    the grid never passes ``MAX_NMISSING``. ``graph_log_prior``, in the order of
    :func:`~uncounted.estimate.graphs.decomposable_graphs`, defaults to uniform.
    """
    histories, counts = _checked(histories, counts)
    n_lists = histories.shape[1]
    graphs = decomposable_graphs(n_lists)
    accumulator = PosteriorAccumulator(
        terms=table_terms(histories, counts, _delta(delta, n_lists)),
        design=design_matrix(graphs, _graph_prior(graph_log_prior, len(graphs))),
        prior_n=_prior_n(prior_n),
    )
    if nmissing_max is None:
        cap = _grid_cap(max_weight_cells, n_lists, len(graphs))
        _grow_grid(
            accumulator, start_multiple * accumulator.terms.observed, cap, upper_half_tolerance
        )
        grid = _grid_rule(start_multiple, upper_half_tolerance, cap)
    else:
        accumulator.extend_to(_nonnegative(nmissing_max))
        cap, grid = None, "user"
    settings = _settings(accumulator, grid, graph_log_prior is not None)
    settings["grid_capped"] = cap == settings["nmissing_max"] and (
        settings["upper_half_mass"] > upper_half_tolerance
    )
    return _result(accumulator, graphs, settings, upper_half_tolerance)


def graph_posterior(
    histories: np.ndarray,
    counts: np.ndarray,
    graph: DecomposableGraph,
    nmissing_max: int,
    *,
    delta: float | None = None,
    prior_n: PriorN = "1/N",
) -> np.ndarray:
    """Posterior of Nmissing = 0..nmissing_max under one graph alone (dga's per-model curves)."""
    histories, counts = _checked(histories, counts)
    if graph.n_vertices != histories.shape[1]:
        raise ValueError("the graph must have one vertex per list")
    accumulator = PosteriorAccumulator(
        terms=table_terms(histories, counts, _delta(delta, graph.n_vertices)),
        design=design_matrix([graph]),
        prior_n=_prior_n(prior_n),
    )
    accumulator.extend_to(_nonnegative(nmissing_max))
    return np.exp(accumulator.log_n - logsumexp(accumulator.log_n))


def upper_half_mass(log_n: np.ndarray) -> float:
    """Posterior mass on Nmissing > M / 2 for the grid 0..M."""
    nmissing_max = len(log_n) - 1
    total = logsumexp(log_n)
    return float(np.exp(logsumexp(log_n[nmissing_max // 2 + 1 :]) - total))


def _grow_grid(accumulator: PosteriorAccumulator, start: int, cap: int, tolerance: float) -> None:
    nmissing_max = min(max(start, 1), cap)
    accumulator.extend_to(nmissing_max)
    while nmissing_max < cap and upper_half_mass(accumulator.log_n) > tolerance:
        nmissing_max = min(2 * nmissing_max, cap)
        accumulator.extend_to(nmissing_max)


def _grid_cap(max_weight_cells: int | None, n_lists: int, n_graphs: int) -> int:
    if max_weight_cells is None and n_lists <= 5:
        max_weight_cells = PEER_MAX_WEIGHT_CELLS
    if max_weight_cells is None:
        return MAX_NMISSING
    return max(1, min(max_weight_cells // n_graphs, MAX_NMISSING))


def _grid_rule(start_multiple: int, tolerance: float, cap: int) -> str:
    return (
        f"Nmissing 0..M: M = {start_multiple}n, doubled while the upper half of the grid holds "
        f"over {tolerance:g} of the posterior, M <= {cap}"
    )


def _result(
    accumulator: PosteriorAccumulator,
    graphs: tuple[DecomposableGraph, ...],
    settings: dict[str, Any],
    tolerance: float,
) -> DgaResult:
    total = logsumexp(accumulator.log_n)
    posterior = np.exp(accumulator.log_n - total)
    posterior /= posterior.sum()
    observed = accumulator.terms.observed
    n_grid = observed + np.arange(len(posterior))
    cdf = np.cumsum(posterior)
    weights = np.exp(accumulator.log_graph - logsumexp(accumulator.log_graph))
    order = np.argsort(-weights, kind="stable")
    return DgaResult(
        observed=observed,
        n_grid=n_grid,
        posterior=posterior,
        estimate=_quantile(n_grid, cdf, 0.5),
        lo95=_quantile(n_grid, cdf, 0.025),
        hi95=_quantile(n_grid, cdf, 0.975),
        mean=float(np.dot(n_grid, posterior)),
        model_weights=tuple((graphs[i].edges, float(weights[i])) for i in order),
        settings=settings,
        warnings=_warnings(settings, tolerance),
    )


def _quantile(n_grid: np.ndarray, cdf: np.ndarray, level: float) -> int:
    index = min(int(np.searchsorted(cdf, level, side="left")), len(n_grid) - 1)
    return int(n_grid[index])


def _warnings(settings: dict[str, Any], tolerance: float) -> tuple[str, ...]:
    mass = settings["upper_half_mass"]
    if mass <= tolerance:
        return ()
    return (
        f"the upper half of the grid (Nmissing up to {settings['nmissing_max']}) holds "
        f"{mass:.2g} of the posterior: the posterior, its upper bound above all, is conditional "
        "on the grid",
    )


def _settings(accumulator: PosteriorAccumulator, grid: str, graph_prior: bool) -> dict[str, Any]:
    terms = accumulator.terms
    return {
        "method": "dga_bma",
        "n_lists": terms.n_lists,
        "delta": terms.delta,
        "prior_n": accumulator.prior_n,
        "graph_prior": "user" if graph_prior else "uniform",
        "n_graphs": len(accumulator.design),
        "nmissing_max": accumulator.nmissing_max,
        "grid_rule": grid,
        "upper_half_mass": upper_half_mass(accumulator.log_n),
        "interval": "posterior 2.5% and 97.5% points on the grid",
    }


def _delta(delta: float | None, n_lists: int) -> float:
    delta = 2.0**-n_lists if delta is None else float(delta)
    if not delta > 0:
        raise ValueError("delta must be positive")
    return delta


def _prior_n(prior_n: str) -> str:
    if prior_n not in ("1/N", "uniform"):
        raise ValueError("prior_n must be '1/N' or 'uniform'")
    return prior_n


def _nonnegative(nmissing_max: int) -> int:
    if nmissing_max < 0:
        raise ValueError("nmissing_max must be at least 0")
    return int(nmissing_max)


def _graph_prior(graph_log_prior: np.ndarray | None, n_graphs: int) -> np.ndarray | None:
    if graph_log_prior is None:
        return None
    prior = np.asarray(graph_log_prior, dtype=float)
    if prior.shape != (n_graphs,):
        raise ValueError(f"graph_log_prior needs one value per graph ({n_graphs})")
    return prior


def _checked(histories: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    histories = np.asarray(histories)
    counts = np.asarray(counts)
    if histories.ndim != 2 or counts.shape != (histories.shape[0],):
        raise ValueError("histories must be m x J and counts must have m entries")
    if not 2 <= histories.shape[1] <= MAX_VERTICES:
        raise ValueError(f"dga averages over graphs on 2 to {MAX_VERTICES} lists")
    if not np.isin(histories, (0, 1)).all():
        raise ValueError("histories must be 0/1")
    if (histories.sum(axis=1) == 0).any():
        raise ValueError("the all-zero pattern cannot be observed")
    if (counts < 0).any() or (counts != np.round(counts)).any() or counts.sum() == 0:
        raise ValueError("counts must be non-negative integers, not all zero")
    return histories.astype(np.int64), counts.astype(np.int64)
