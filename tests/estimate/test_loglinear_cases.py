"""Log-linear MSE on cases that can be worked out by hand, and its existence checks."""

from __future__ import annotations

import json
import math
from itertools import permutations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq, minimize_scalar
from scipy.special import gammaln
from scipy.stats import chi2, poisson

from uncounted.errors import CaptureTableError, UsageError
from uncounted.estimate.capture import CaptureTable
from uncounted.estimate.loglinear import estimate_loglinear
from uncounted.estimate.loglinear_design import (
    LoglinearModel,
    design_matrix,
    hierarchical_models,
)
from uncounted.estimate.loglinear_existence import facial_set, mle_exists
from uncounted.estimate.loglinear_fit import fit_loglinear
from uncounted.estimate.loglinear_select import (
    overlap_p_value,
    select_by_information,
    select_stepwise,
)

# SparseMSE's Artificial_3 (Chan, Silverman & Vincent 2021, Table 2): with A·B the MLE does not
# exist; with all three pairs the model is not identifiable; A·C + B·C passes both checks.
ARTIFICIAL_3 = {(1, 0, 0): 40, (0, 1, 0): 30, (0, 0, 1): 20, (1, 1, 0): 6}


def two_lists(only_a: int, only_b: int, both: int) -> CaptureTable:
    return CaptureTable.from_mapping(["A", "B"], {(1, 0): only_a, (0, 1): only_b, (1, 1): both})


def artificial() -> CaptureTable:
    return CaptureTable.from_mapping(["A", "B", "C"], ARTIFICIAL_3)


def test_two_lists_give_lincoln_petersen():
    table = two_lists(30, 20, 10)  # n1 = 40, n2 = 30, m = 10
    result = estimate_loglinear(table)
    assert result.diagnostics["model"] == "[1,2]"
    assert result.estimate == pytest.approx(40 * 30 / 10, rel=1e-12)


def test_wald_interval_is_log_normal_on_the_dark_figure():
    table = two_lists(30, 20, 10)
    se = math.sqrt(1 / 30 + 1 / 20 + 1 / 10)  # delta method for log(30 · 20 / 10)
    result = estimate_loglinear(table, interval="wald")
    z = 1.959963984540054
    assert result.interval == "wald"
    assert result.diagnostics["se_log_dark"] == pytest.approx(se, rel=1e-9)
    assert result.lo95 == pytest.approx(60 + 60 * math.exp(-z * se), rel=1e-9)
    assert result.hi95 == pytest.approx(60 + 60 * math.exp(z * se), rel=1e-9)


def test_three_lists_without_the_three_way_term_have_a_closed_form():
    cells = {(1, 0, 0): 60, (0, 1, 0): 45, (0, 0, 1): 30, (1, 1, 0): 20}
    cells |= {(1, 0, 1): 12, (0, 1, 1): 9, (1, 1, 1): 5}
    table = CaptureTable.from_mapping(["A", "B", "C"], cells)
    fit = fit_loglinear(table, [(0, 1), (0, 2), (1, 2)])
    dark = 60 * 45 * 30 * 5 / (20 * 12 * 9)
    assert fit.estimate == pytest.approx(table.observed + dark, rel=1e-10)
    assert fit.deviance == pytest.approx(0, abs=1e-8) and fit.df == 0


def exact_profile(n_a: int, n_b: int, n: int, total: float) -> float:
    """Two-list independence: multinomial log-likelihood at N with p_j = n_j / N."""
    binomials = sum(
        k * math.log(k / total) + (total - k) * math.log1p(-k / total) for k in (n_a, n_b)
    )
    return gammaln(total + 1) - gammaln(total - n + 1) + binomials


def test_profile_interval_is_the_multinomial_profile_likelihood():
    table = two_lists(12, 10, 8)  # N stays below 100, where Rcapture's correction is exact
    result = estimate_loglinear(table, interval="profile")

    def profile(total: float) -> float:
        return exact_profile(20, 18, 30, total)

    top = minimize_scalar(lambda x: -profile(x), bounds=(30, 135), method="bounded")
    cut = -top.fun - chi2.ppf(0.95, 1) / 2
    lo = brentq(lambda x: profile(x) - cut, 30, top.x)
    hi = brentq(lambda x: profile(x) - cut, top.x, 135)
    assert result.interval == "profile-likelihood"
    assert result.diagnostics["multinomial_mle"] == pytest.approx(top.x, rel=1e-5)
    assert (result.lo95, result.hi95) == (pytest.approx(lo, rel=1e-6), pytest.approx(hi, rel=1e-6))


def test_profile_interval_open_above_is_infinite_and_said_so():
    result = estimate_loglinear(two_lists(50, 50, 1))
    assert result.hi95 == math.inf
    assert any("upper bound is above 3·N̂" in w for w in result.warnings)
    assert any("more than 10 times" in w for w in result.warnings)
    assert json.loads(json.dumps(result.as_dict(), allow_nan=False))["hi95"] is None


def test_criteria_are_rs_glm_aic_and_bic():
    table = CaptureTable.from_mapping(["A", "B", "C"], ARTIFICIAL_3 | {(1, 1, 1): 2, (0, 1, 1): 1})
    fit = fit_loglinear(table, [(0, 1)])
    y = table.full_counts()[1:]
    loglik = poisson.logpmf(y, fit.fitted[1:]).sum()
    assert fit.loglik == pytest.approx(loglik, rel=1e-12)
    assert fit.aic == pytest.approx(-2 * loglik + 2 * 5, rel=1e-12)
    assert fit.bic == pytest.approx(-2 * loglik + math.log(table.observed) * 5, rel=1e-12)


@pytest.mark.parametrize(
    ("lists", "order", "count"), [(3, 2, 8), (4, 2, 64), (4, 3, 113), (5, 2, 1024)]
)
def test_hierarchical_models_are_those_rcapture_enumerates(lists, order, count):
    models = list(hierarchical_models(lists, order))
    assert len(models) == len(set(models)) == count
    for model in models:
        assert all(sub in model.terms for t in model.terms if len(t) > 2 for sub in _parents(t))


def _parents(term: tuple[int, ...]) -> list[tuple[int, ...]]:
    return [tuple(j for j in term if j != drop) for drop in term]


def test_models_are_named_as_rcapture_names_them():
    model = LoglinearModel.from_generators(4, [(0, 1, 2), (0, 3), (2, 3)])
    assert model.label() == "[123,14,34]"
    assert model.describe(["EXH", "ABA", "OSCE", "HRW"]) == "EXH:ABA:OSCE + EXH:HRW + OSCE:HRW"
    assert LoglinearModel.from_generators(3, [(2, 1)]).label() == "[23,1]"
    assert LoglinearModel.independence(3).describe("ABC") == "independence"
    assert design_matrix(model).shape == (15, 1 + 4 + 6)


def test_mle_does_not_exist_with_a_b_on_artificial_3():
    fit = fit_loglinear(artificial(), [(0, 1)])
    assert not fit.mle_exists and not fit.usable
    assert fit.boundary_cells == (3, 5, 7)  # 011, 101, 111: forced to 0
    assert math.isinf(fit.estimate)
    assert any("MLE does not exist" in w for w in fit.warnings)


def test_all_pairs_are_not_identifiable_on_artificial_3():
    fit = fit_loglinear(artificial(), [(0, 1), (0, 2), (1, 2)])
    assert not fit.identifiable
    assert any("not identifiable" in w for w in fit.warnings)


def test_a_c_and_b_c_pass_both_checks_as_empty_overlaps():
    fit = fit_loglinear(artificial(), [(0, 2), (1, 2)])
    assert fit.mle_exists and fit.identifiable and fit.usable
    assert fit.empty_terms == ((0, 2), (1, 2))
    assert any("no one is on every list of A:C, B:C" in w for w in fit.warnings)
    # On the four cells left (100, 010, 001, 110) the model is saturated: dark = 40·30/6.
    assert fit.estimate == pytest.approx(96 + 40 * 30 / 6, rel=1e-9)


def test_linear_programmes_find_the_facial_set():
    table = artificial()
    design = design_matrix(LoglinearModel.from_generators(3, [(0, 1)]))
    y = table.full_counts()[1:].astype(float)
    assert not mle_exists(design, y)
    assert facial_set(design, y).tolist() == [True, True, False, True, False, True, False]
    independence = design_matrix(LoglinearModel.independence(3))
    assert mle_exists(independence, y) and facial_set(independence, y).all()


def test_selection_skips_models_without_an_mle():
    best, ranking = select_by_information(artificial(), "bic")
    assert ranking[0].label == "[12,3]" and not ranking[0].usable
    assert best.label == "[1,2,3]"
    result = estimate_loglinear(artificial())
    assert any("skipped" in w and "[12,3]" in w for w in result.warnings)


def test_stepwise_refuses_terms_that_fail_the_checks():
    result = select_stepwise(artificial(), p_threshold=1.0)
    added = {step.term for step in result.steps}
    assert (0, 1) not in added  # no MLE with A·B
    assert result.fit.mle_exists and result.fit.identifiable


def test_overlap_p_value_is_the_smaller_poisson_tail():
    assert overlap_p_value(3, 10.0) == pytest.approx(poisson.cdf(3, 10.0))
    assert overlap_p_value(20, 10.0) == pytest.approx(poisson.sf(19, 10.0))
    assert overlap_p_value(0, 2.0) == pytest.approx(math.exp(-2.0))


def test_rules_and_settings():
    table = CaptureTable.from_mapping(["A", "B", "C"], ARTIFICIAL_3 | {(1, 1, 1): 2, (0, 1, 1): 1})
    fixed = estimate_loglinear(table, rule="fixed", terms=[(1, 2)])
    assert fixed.diagnostics["model"] == "[23,1]" and fixed.settings["rule"] == "fixed"
    aic = estimate_loglinear(table, rule="aic")
    assert aic.settings == aic.settings | {"rule": "aic", "max_order": 2}
    assert json.dumps(aic.as_dict(), allow_nan=False)
    bad_options = [{"rule": "best"}, {"interval": "bca"}, {"rule": "fixed"}, {"max_order": 3}]
    for bad in bad_options:
        with pytest.raises(UsageError):
            estimate_loglinear(table, **bad)


def test_too_many_models_points_to_the_stepwise_rule():
    lists = [f"L{j}" for j in range(7)]
    singles = {tuple(int(i == j) for i in range(7)): 5 for j in range(7)}
    table = CaptureTable.from_mapping(lists, singles | {(1, 1, 0, 0, 0, 0, 0): 2})
    with pytest.raises(CaptureTableError, match="stepwise"):
        estimate_loglinear(table, rule="bic")
    assert estimate_loglinear(table, rule="stepwise").estimate > table.observed


three_list_tables = st.lists(st.integers(1, 300), min_size=7, max_size=7).map(
    lambda counts: {tuple(int(b) for b in f"{k:03b}"): c for k, c in enumerate(counts, start=1)}
)


@settings(max_examples=25, deadline=None)
@given(three_list_tables)
def test_relabelling_the_lists_changes_nothing(cells):
    base = estimate_loglinear(CaptureTable.from_mapping(["A", "B", "C"], cells))
    assert base.lo95 <= base.estimate <= base.hi95
    for order in permutations(range(3)):
        moved = {tuple(h[j] for j in order): c for h, c in cells.items()}
        again = estimate_loglinear(CaptureTable.from_mapping(["A", "B", "C"], moved))
        assert again.estimate == pytest.approx(base.estimate, rel=1e-7)
        assert again.hi95 == pytest.approx(base.hi95, rel=1e-5)


def test_fitted_values_reproduce_the_margins_of_the_model():
    cells = {(1, 0, 0): 60, (0, 1, 0): 45, (0, 0, 1): 30, (1, 1, 0): 20, (0, 1, 1): 9}
    table = CaptureTable.from_mapping(["A", "B", "C"], cells)
    fit = fit_loglinear(table, [(0, 1)])
    design = design_matrix(fit.model)
    y = table.full_counts()[1:]
    np.testing.assert_allclose(design.T @ fit.fitted[1:], design.T @ y, rtol=1e-9)
