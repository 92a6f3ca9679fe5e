"""Poisson log-linear regression by Newton's method (= IRLS for the log link), in numpy.

Kept apart from the capture-recapture layer so the same solver serves model fits, the
profile likelihood and the existence checks. The solver expects a design whose MLE exists (the
caller removes cells that the extended MLE fits as zero, see :mod:`.loglinear_fit`), so it can
insist on quadratic convergence instead of R's looser ``glm`` stopping rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.linalg import qr
from scipy.special import gammaln, xlogy

MAX_ITERATIONS = 100
MAX_ETA = 700.0  # exp(700) is near the largest double; beyond it a fit has blown up anyway
RANK_TOLERANCE = 1e-9


@dataclass(frozen=True, eq=False)
class PoissonFit:
    beta: np.ndarray
    mu: np.ndarray
    deviance: float
    converged: bool
    iterations: int


def deviance(y: np.ndarray, mu: np.ndarray) -> float:
    """Poisson deviance 2·Σ[y·log(y/μ) − (y − μ)], with 0·log 0 = 0."""
    return float(2.0 * np.sum(xlogy(y, y) - xlogy(y, mu) - (y - mu)))


def loglik(y: np.ndarray, mu: np.ndarray) -> float:
    """Σ log dpois(y; μ), as R's ``glm`` counts it for AIC."""
    return float(np.sum(xlogy(y, mu) - mu - gammaln(y + 1.0)))


def independent_columns(design: np.ndarray) -> np.ndarray:
    """Indices of a maximal set of linearly independent columns, in their original order."""
    if design.shape[1] == 0:
        return np.arange(0)
    _, r, pivots = qr(design, mode="economic", pivoting=True)
    diagonal = np.abs(np.diag(r))
    if diagonal.size == 0 or diagonal[0] == 0:
        return np.arange(0)
    rank = int(np.sum(diagonal > RANK_TOLERANCE * diagonal[0]))
    return np.sort(pivots[:rank])


def fit_poisson(
    design: np.ndarray,
    y: np.ndarray,
    start: np.ndarray | None = None,
    max_iterations: int = MAX_ITERATIONS,
) -> PoissonFit:
    """Poisson MLE for a full-column-rank ``design``; ``start`` warm-starts the coefficients.

    Converged means the Newton steps shrank to nothing at finite coefficients, which happens
    only when the MLE exists: when it does not, some coefficients keep stepping towards −∞ and
    the fit reports ``converged=False``.
    """
    beta = _start(design, y) if start is None else np.asarray(start, dtype=float).copy()
    mu = _mean(design, beta)
    current = deviance(y, mu)
    for iteration in range(1, max_iterations + 1):
        step = _newton_step(design, y, mu)
        beta_new, mu_new, dev_new = _damped(design, y, beta, step, current)
        change = np.max(np.abs(beta_new - beta), initial=0.0)
        settled = abs(current - dev_new) <= 1e-12 * (abs(dev_new) + 0.1)
        beta, mu, current = beta_new, mu_new, dev_new
        if change <= 1e-9 * (1.0 + np.max(np.abs(beta), initial=0.0)) or (
            settled and change <= 1e-6
        ):
            return PoissonFit(beta, mu, current, True, iteration)
    return PoissonFit(beta, mu, current, False, max_iterations)


def fisher_information(design: np.ndarray, mu: np.ndarray) -> np.ndarray:
    return design.T @ (mu[:, None] * design)


def _start(design: np.ndarray, y: np.ndarray) -> np.ndarray:
    """R's start for the Poisson family: μ = y + 0.1, then one weighted least-squares step."""
    mu = y + 0.1
    z = np.log(mu)
    weighted = design * np.sqrt(mu)[:, None]
    beta, *_ = np.linalg.lstsq(weighted, z * np.sqrt(mu), rcond=None)
    return beta


def _mean(design: np.ndarray, beta: np.ndarray) -> np.ndarray:
    return np.exp(np.minimum(design @ beta, MAX_ETA))


def _newton_step(design: np.ndarray, y: np.ndarray, mu: np.ndarray) -> np.ndarray:
    information = fisher_information(design, mu)
    score = design.T @ (y - mu)
    try:
        return np.linalg.solve(information, score)
    except np.linalg.LinAlgError:
        return np.linalg.lstsq(information, score, rcond=None)[0]


def _damped(
    design: np.ndarray, y: np.ndarray, beta: np.ndarray, step: np.ndarray, current: float
) -> tuple[np.ndarray, np.ndarray, float]:
    """Halve the Newton step until the deviance does not rise (it never should near the MLE)."""
    scale = 1.0
    for _ in range(40):
        candidate = beta + scale * step
        mu = _mean(design, candidate)
        dev = deviance(y, mu)
        if np.isfinite(dev) and dev <= current + 1e-10 * (abs(current) + 1.0):
            return candidate, mu, dev
        scale /= 2.0
    return beta, _mean(design, beta), current
