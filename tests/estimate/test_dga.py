"""Bayesian model averaging over decomposable graphs, against R's dga 2.0.2 (peer_results.csv)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pytest
from scipy.special import gammaln

import uncounted.estimate.dga_posterior as dga_posterior
from uncounted.estimate.dga import dga_bma, graph_posterior
from uncounted.estimate.graphs import decomposable_graphs

REFERENCE = Path(__file__).parents[3] / "shared" / "reference" / "mse"
needs_reference = pytest.mark.skipif(
    not (REFERENCE / "peer_results.csv").exists(),
    reason=f"reference figures not found at {REFERENCE}",
)


def _peer_rows() -> list[dict[str, str]]:
    if not (REFERENCE / "peer_results.csv").exists():
        return []
    with open(REFERENCE / "peer_results.csv", newline="") as file:
        return [row for row in csv.DictReader(file) if row["method"] == "dga_bma"]


def _table(dataset: str) -> tuple[np.ndarray, np.ndarray]:
    with open(REFERENCE / "datasets" / f"{dataset}.csv", newline="") as file:
        rows = np.array(list(csv.reader(file))[1:], dtype=np.int64)
    return rows[:, :-1], rows[:, -1]


def _setting(row: dict[str, str], pattern: str) -> str | None:
    found = re.search(pattern, row["settings"])
    return found.group(1) if found else None


PEERS = {row["dataset"]: row for row in _peer_rows()}


@needs_reference
@pytest.mark.parametrize("dataset", sorted(PEERS))
def test_matches_dga_on_the_same_grid_delta_and_prior(dataset: str) -> None:
    row = PEERS[dataset]
    delta = float(_setting(row, r"delta=([0-9.]+)"))
    grid_max = int(_setting(row, r"Nmissing=0\.\.(\d+)"))
    result = dga_bma(*_table(dataset), delta=delta, nmissing_max=grid_max)

    assert result.observed == int(_setting(row, r"n_obs=(\d+)"))
    assert result.estimate == pytest.approx(float(row["estimate"]), rel=1e-6)
    assert result.lo95 == pytest.approx(float(row["lo95"]), rel=5e-3)
    assert result.hi95 == pytest.approx(float(row["hi95"]), rel=5e-3)
    # dga's own figures are integers here, so the points are expected exactly.
    assert (result.lo95, result.hi95) == (float(row["lo95"]), float(row["hi95"]))
    assert result.mean == pytest.approx(float(_setting(row, r"mean=([0-9.]+)")), abs=0.05)
    top_weight = float(_setting(row, r"top model post=([0-9.]+)"))
    assert result.model_weights[0][1] == pytest.approx(top_weight, abs=5e-4)


@needs_reference
@pytest.mark.parametrize(
    "dataset", sorted(d for d, row in PEERS.items() if "mass in upper half" in row["settings"])
)
def test_the_grid_rule_gives_the_reference_grid(dataset: str) -> None:
    row = PEERS[dataset]
    result = dga_bma(*_table(dataset))
    assert result.settings["delta"] == float(_setting(row, r"delta=([0-9.]+)"))
    assert result.settings["nmissing_max"] == int(_setting(row, r"Nmissing=0\.\.(\d+)"))
    mass = float(_setting(row, r"mass in upper half of grid ([0-9.e+-]+)\)"))
    assert result.settings["upper_half_mass"] == pytest.approx(mass, rel=0.05)
    assert result.estimate == int(row["estimate"])


@needs_reference
def test_kosovo_reference_grid_stopped_one_doubling_early_without_changing_the_figures() -> None:
    """The kosovo_4 run states no upper-half mass: at 0..35200 it is 1.3e-4, over the rule's
    1e-4, so the rule doubles once more. The posterior summaries do not move."""
    histories, counts = _table("kosovo_4")
    at_reference_grid = dga_bma(histories, counts, nmissing_max=35_200)
    assert at_reference_grid.settings["upper_half_mass"] == pytest.approx(1.3e-4, rel=0.05)
    by_rule = dga_bma(histories, counts)
    assert by_rule.settings["nmissing_max"] == 70_400
    assert (by_rule.estimate, by_rule.lo95, by_rule.hi95) == (12_595, 9_827, 16_544)


@needs_reference
def test_netherlands_5_grid_is_capped_and_says_so() -> None:
    result = dga_bma(*_table("netherlands_5"))
    assert result.settings["nmissing_max"] == 228_102  # 187.5 M cells / 822 graphs
    assert result.settings["grid_capped"]
    assert "conditional on the grid" in result.warnings[0]


@needs_reference
def test_madigan_york_3_lists_puts_the_weight_on_the_death_rehabilitation_edge() -> None:
    """Lists B, D, R (birth, death certificates, rehabilitation): every graph with weight keeps
    the D-R dependence, as in Madigan & York and the log-linear best-BIC model [23,1]."""
    result = dga_bma(*_table("dga_my_3"))
    weights = dict(result.model_weights)
    assert result.model_weights[0][0] == ((1, 2),)
    assert weights[((1, 2),)] == pytest.approx(0.7225, abs=1e-4)
    assert weights[((0, 1), (1, 2))] == pytest.approx(0.1581, abs=1e-4)
    assert weights[((0, 2), (1, 2))] == pytest.approx(0.1168, abs=1e-4)
    assert sum(w for edges, w in result.model_weights if (1, 2) not in edges) < 1e-6
    assert sum(weights.values()) == pytest.approx(1.0, rel=1e-12)


def test_graph_score_matches_the_dirichlet_formula_written_out() -> None:
    """Saturated and independence graphs against a direct transcription of their likelihoods."""
    histories = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1]])
    counts = np.array([30, 20, 25, 8, 6, 4])
    delta, grid = 0.125, np.arange(0, 400)
    graphs = decomposable_graphs(3)
    saturated = next(g for g in graphs if len(g.edges) == 3)
    independent = graphs[0]
    n = counts.sum()

    def normalised(log_w: np.ndarray) -> np.ndarray:
        return np.exp(log_w - log_w.max()) / np.exp(log_w - log_w.max()).sum()

    common = gammaln(n + grid + 1) - gammaln(grid + 1) - np.log(n + grid)
    full = gammaln(8 * delta) - gammaln(n + grid + 8 * delta)
    saturated_log = common + full + gammaln(grid + delta) - gammaln(delta)
    saturated_log += np.sum(gammaln(counts + delta) - gammaln(delta))
    np.testing.assert_allclose(
        graph_posterior(histories, counts, saturated, 399), normalised(saturated_log), rtol=1e-9
    )

    independent_log = common.copy()
    for j in range(3):
        on_list = counts[histories[:, j] == 1].sum()
        cell = delta * 4
        independent_log += gammaln(8 * delta) - gammaln(n + grid + 8 * delta)
        independent_log += gammaln(n - on_list + grid + cell) + gammaln(on_list + cell)
        independent_log -= 2 * gammaln(cell)
    np.testing.assert_allclose(
        graph_posterior(histories, counts, independent, 399),
        normalised(independent_log),
        rtol=1e-9,
    )


@needs_reference
def test_relabelling_the_lists_moves_the_weights_not_the_posterior() -> None:
    histories, counts = _table("dga_my_5")
    order = [3, 0, 4, 1, 2]
    base = dga_bma(histories, counts)
    permuted = dga_bma(histories[:, order], counts)
    np.testing.assert_allclose(permuted.posterior, base.posterior, rtol=1e-9, atol=1e-300)
    edges, weight = permuted.model_weights[0]
    renamed = tuple(sorted(tuple(sorted((order[a], order[b]))) for a, b in edges))
    assert dict(base.model_weights)[renamed] == pytest.approx(weight, rel=1e-9)


@needs_reference
def test_screening_out_far_graphs_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    histories, counts = _table("kosovo_4")
    monkeypatch.setattr(dga_posterior, "CHUNK_CELLS", 61 * 64)  # narrow chunks: screening bites
    screened = dga_bma(histories, counts, nmissing_max=35_200)
    monkeypatch.setattr(dga_posterior, "SCREEN_MARGIN", np.inf)
    full = dga_bma(histories, counts, nmissing_max=35_200)
    np.testing.assert_allclose(screened.posterior, full.posterior, rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(
        [w for _, w in screened.model_weights], [w for _, w in full.model_weights], atol=1e-15
    )


@needs_reference
def test_six_lists_on_a_short_grid() -> None:
    result = dga_bma(*_table("uk_6"), nmissing_max=3_000)
    assert result.settings["n_graphs"] == 18_154
    assert result.posterior.sum() == pytest.approx(1.0)
    assert result.lo95 <= result.estimate <= result.hi95
    assert result.warnings  # the grid is far too short, and it says so


@pytest.mark.slow
@needs_reference
def test_six_lists_by_the_grid_rule() -> None:
    """netherlands_6: the heavy tail needs Nmissing up to about 1 M (tens of seconds)."""
    result = dga_bma(*_table("netherlands_6"))
    assert not result.settings["grid_capped"]
    assert result.settings["upper_half_mass"] <= 1e-4
    assert result.lo95 <= result.estimate <= result.hi95


def test_a_uniform_prior_on_n_shifts_the_posterior_up() -> None:
    histories = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1]])
    counts = np.array([60, 50, 40, 10, 8, 6])
    inverse = dga_bma(histories, counts, nmissing_max=2_000)
    uniform = dga_bma(histories, counts, nmissing_max=2_000, prior_n="uniform")
    assert uniform.mean > inverse.mean
    assert inverse.quantile(0.5) == inverse.estimate


@pytest.mark.parametrize(
    ("histories", "counts", "message"),
    [
        ([[1, 0, 0], [0, 0, 0]], [3, 2], "all-zero"),
        ([[1, 0, 2], [0, 1, 0]], [3, 2], "0/1"),
        ([[1, 0, 0], [0, 1, 0]], [3, -2], "non-negative"),
        ([[1, 0, 0], [0, 1, 0]], [3], "m entries"),
        ([[1] * 7], [3], "2 to 6 lists"),
    ],
)
def test_bad_tables_are_refused(histories: list, counts: list, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        dga_bma(np.array(histories), np.array(counts))
