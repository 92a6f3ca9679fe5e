"""95% intervals for a log-linear estimate of N: Rcapture's profile likelihood, and Wald.

``profile_interval`` is Rcapture's ``closedpCI.t``. For a candidate N the table is completed
with n0 = N − n in the unobserved cell (design row: intercept only), the Poisson model is
refitted on all cells, and the multinomial log-likelihood is
    ℓ(N) = −deviance/2 + c(N),   c(N) = log(n0^n0 · N! / (N^N · n0!))
(Cormack 1992; computed exactly here, where Rcapture uses Stirling's form above N = 100, see
:func:`_multinomial_term`). The maximum is searched on (n, 3·N̂); the bounds are where ℓ falls
χ²₁(0.95)/2 below it: the lower one on (n, N_max), n itself when ℓ(n) is still above the
cut-off; the upper one on (N_max, 3·N̂), open ("> 3·N̂", here ``inf``) beyond that.

``wald_interval`` is SparseMSE's ``estimatepopulation.0`` interval: normal on the log of the
dark figure, n + exp(β0 ± z·se(β0)).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq, minimize_scalar
from scipy.special import gammaln, xlogy
from scipy.stats import chi2, norm

from uncounted.estimate.capture import CaptureTable
from uncounted.estimate.loglinear_design import design_matrix
from uncounted.estimate.loglinear_fit import LoglinearFit
from uncounted.estimate.loglinear_poisson import fit_poisson

SUP_FACTOR = 3.0  # Rcapture's fmaxSupCL
ROOT_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float
    kind: str
    details: dict
    warnings: tuple[str, ...] = ()


def wald_interval(fit: LoglinearFit, level: float = 0.95) -> Interval:
    """n + exp(β0 ± z·se): a Wald interval on the log of the dark figure."""
    z = norm.ppf(0.5 + level / 2.0)
    if not (math.isfinite(fit.log_dark) and math.isfinite(fit.se_log_dark)):
        return Interval(math.nan, math.nan, "wald", {}, ("no Wald interval: no finite estimate",))
    lo = fit.observed + math.exp(fit.log_dark - z * fit.se_log_dark)
    hi = fit.observed + math.exp(fit.log_dark + z * fit.se_log_dark)
    details = {"log_dark": fit.log_dark, "se_log_dark": fit.se_log_dark, "z": z}
    return Interval(lo, hi, "wald", details)


class _Profile:
    """ℓ(N) for one fitted model, warm-starting each refit from the previous one."""

    def __init__(self, table: CaptureTable, fit: LoglinearFit):
        design = design_matrix(fit.model)[np.ix_(fit.support, fit.columns)]
        unobserved = (fit.columns == 0).astype(float)[None, :]
        self.design = np.vstack([design, unobserved])
        self.counts = table.full_counts()[1:].astype(float)[fit.support]
        self.observed = float(table.observed)
        self.start: np.ndarray | None = None

    def __call__(self, total: float) -> float:
        n0 = max(total - self.observed, 0.0)
        y = np.append(self.counts, n0)
        fit = fit_poisson(self.design, y, start=self.start)
        if fit.converged:
            self.start = fit.beta
        return -fit.deviance / 2.0 + _multinomial_term(n0, total)


def _multinomial_term(n0: float, total: float) -> float:
    """log(n0^n0 · N! / (N^N · n0!)), exactly.

    Rcapture switches to Stirling's form, n0 − N − ½·log(n0/N), once N > 100. That form is off
    by about 1/(12·n0) and, for 0 < n0 < 1, runs to +∞, which puts a spurious maximum just
    above N = n on tables whose dark figure is small. The exact form agrees with it to 1e-4 in
    log-likelihood once n0 > 1,000 (all the reference runs) and is used throughout.
    """
    return float(xlogy(n0, n0) + gammaln(total + 1) - xlogy(total, total) - gammaln(n0 + 1))


def profile_interval(table: CaptureTable, fit: LoglinearFit, level: float = 0.95) -> Interval:
    """Rcapture ``closedpCI.t``'s multinomial profile-likelihood interval for N."""
    if not math.isfinite(fit.estimate) or 0 not in fit.columns:
        return Interval(
            math.nan,
            math.nan,
            "profile-likelihood",
            {},
            ("no profile interval: the dark figure is not estimable",),
        )
    loglik = _Profile(table, fit)
    n = float(table.observed)
    top = SUP_FACTOR * fit.estimate
    best = minimize_scalar(
        lambda total: -loglik(total), bounds=(n, top), method="bounded", options={"xatol": 1e-4}
    )
    n_max, l_max = float(best.x), -float(best.fun)
    cut = l_max - chi2.ppf(level, 1) / 2.0

    def above_cut(total: float) -> float:
        return loglik(total) - cut

    warnings: list[str] = []
    lo = _root(above_cut, n, n_max)
    if lo is None:
        lo = n
        warnings.append(
            "profile interval: the likelihood at N = n is above the cut-off; "
            "the lower bound is the documented count"
        )
    hi = _root(above_cut, n_max, top)
    if hi is None:
        hi = math.inf
        warnings.append(
            f"profile interval: the upper bound is above {SUP_FACTOR:g}·N̂ "
            f"= {top:.1f}; it is reported as infinite"
        )
    details = {"multinomial_mle": n_max, "max_loglik": l_max, "search_to": top}
    return Interval(lo, hi, "profile-likelihood", details, tuple(warnings))


def _root(function, a: float, b: float) -> float | None:
    fa, fb = function(a), function(b)
    if not (math.isfinite(fa) and math.isfinite(fb)) or fa * fb > 0:
        return None
    return float(brentq(function, a, b, xtol=ROOT_TOLERANCE, rtol=1e-12))
