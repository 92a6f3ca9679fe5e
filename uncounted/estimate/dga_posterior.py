"""Log posterior of (graph, Nmissing) for decomposable graphical models, as dga 2.0.2 computes it.

For graph g with cliques C and separators S, and Nmissing = m unobserved people (N = n + m):

    log w(g, m) = sum_C logML(C, m) - sum_S logML(S, m) + (|C| - |S|) * D(m)
                  + lgamma(N + 1) - sum_cells lgamma(y + 1) - lgamma(m + 1) + log prior(N)

    logML(T, m) = lgamma(T_0 + m + d_T) + sum_{cells != 0} lgamma(T + d_T) - 2^|T| lgamma(d_T)
    D(m)        = lgamma(2^J delta) - lgamma(N + 2^J delta)

where T is the marginal table of the lists in T, T_0 its all-zero cell (which receives the m
missing people), and d_T = delta * 2^(J - |T|) the hyper-Dirichlet parameter per marginal cell.
Graphs with several components list no empty separator; the (|C| - |S|) factor accounts for it.

All graphs share the 2^J - 1 marginal terms, so the graphs x grid matrix of log weights is one
matrix product: ``design (graphs x terms) @ rows (terms x grid)``. It is never held whole; the grid
is walked in chunks, keeping only the column sums (posterior of N) and row sums (graph weights).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy.special import gammaln, polygamma

from uncounted.estimate.graphs import DecomposableGraph

# Cells of the log-weight matrix per chunk: 4 Mi doubles (32 MiB).
CHUNK_CELLS = 1 << 22
# Graphs further than this (in nats) below the best graph in a chunk are screened out.
SCREEN_MARGIN = 60.0


@dataclass(frozen=True, eq=False)
class TableTerms:
    """What the log weights need from the capture table, per marginal (row ``mask - 1``)."""

    n_lists: int
    observed: int
    delta: float
    zero_cell: np.ndarray  # observed count in each marginal's all-zero cell
    cell_delta: np.ndarray  # d_T for each marginal
    constant: np.ndarray  # the parts of logML that do not depend on Nmissing
    log_y_factorials: float  # sum over observed cells of lgamma(y + 1)


def table_terms(histories: np.ndarray, counts: np.ndarray, delta: float) -> TableTerms:
    """Marginal tables of every non-empty set of lists, reduced to what the posterior needs."""
    n_lists = histories.shape[1]
    codes = histories.astype(np.int64) @ (1 << np.arange(n_lists, dtype=np.int64))
    masks = np.arange(1, 1 << n_lists)
    sizes = np.array([int(mask).bit_count() for mask in masks])
    cell_delta = delta * 2.0 ** (n_lists - sizes)
    zero_cell = np.empty(len(masks))
    constant = np.empty(len(masks))
    for row, mask in enumerate(masks):
        cells = np.bincount(codes & mask, weights=counts, minlength=1 << n_lists)
        zero_cell[row] = cells[0]
        filled = cells[1:][cells[1:] > 0]
        d = cell_delta[row]
        constant[row] = np.sum(gammaln(filled + d)) - (len(filled) + 1) * gammaln(d)
    return TableTerms(
        n_lists=n_lists,
        observed=int(np.sum(counts)),
        delta=delta,
        zero_cell=zero_cell,
        cell_delta=cell_delta,
        constant=constant,
        log_y_factorials=float(np.sum(gammaln(np.asarray(counts, dtype=float) + 1))),
    )


def design_matrix(
    graphs: Sequence[DecomposableGraph], graph_log_prior: np.ndarray | None = None
) -> np.ndarray:
    """Coefficients of each graph on the terms of :func:`term_rows` (graphs x (2^J + 2)).

    Columns: +1 per clique and -1 per separator on marginal ``mask - 1``; then |C| - |S| on D(m);
    1 on the terms common to all graphs; the graph's log prior weight.
    """
    n_terms = (1 << graphs[0].n_vertices) - 1
    design = np.zeros((len(graphs), n_terms + 3))
    for row, graph in enumerate(graphs):
        for mask in graph.clique_masks:
            design[row, mask - 1] += 1.0
        for mask in graph.separator_masks:
            design[row, mask - 1] -= 1.0
        design[row, n_terms] = len(graph.cliques) - len(graph.separators)
    design[:, n_terms + 1] = 1.0
    if graph_log_prior is not None:
        design[:, n_terms + 2] = graph_log_prior
    return design


def term_rows(terms: TableTerms, nmissing: np.ndarray, log_prior_n: np.ndarray) -> np.ndarray:
    """The terms of the log weights at each Nmissing, rows matching :func:`design_matrix`."""
    m = nmissing.astype(float)
    total = terms.observed + m
    full_delta = terms.delta * 2.0**terms.n_lists
    marginals = gammaln(m[None, :] + (terms.zero_cell + terms.cell_delta)[:, None])
    marginals += terms.constant[:, None]
    d_term = gammaln(full_delta) - gammaln(total + full_delta)
    common = gammaln(total + 1) - terms.log_y_factorials - gammaln(m + 1) + log_prior_n
    return np.vstack([marginals, d_term, common, np.ones_like(m)])


@dataclass
class PosteriorAccumulator:
    """Unnormalised log posterior over a growing grid 0..M, walked in chunks.

    ``log_n[m]`` is log sum_g w(g, m); ``log_graph[g]`` is log sum_m w(g, m) over the grid so
    far. Graphs that cannot come within ``SCREEN_MARGIN`` nats of the best graph anywhere in a
    chunk are left out of that chunk's sums (see :meth:`_screen`): what they would add to the
    posterior of N is below e^-60 of it, and their own weight in the chunk is approximated from the
    chunk's ends. Both are far below double precision once normalised.
    """

    terms: TableTerms
    design: np.ndarray
    prior_n: str
    log_n: np.ndarray = field(default_factory=lambda: np.empty(0))
    log_graph: np.ndarray | None = None

    @property
    def nmissing_max(self) -> int:
        return len(self.log_n) - 1

    def extend_to(self, nmissing_max: int) -> None:
        """Add the grid points up to ``nmissing_max``."""
        width = max(1, CHUNK_CELLS // len(self.design))
        start = len(self.log_n)
        pieces = [self.log_n]
        while start <= nmissing_max:
            stop = min(start + width, nmissing_max + 1)
            pieces.append(self._chunk(np.arange(start, stop)))
            start = stop
        self.log_n = np.concatenate(pieces)

    def _chunk(self, nmissing: np.ndarray) -> np.ndarray:
        rows = term_rows(self.terms, nmissing, self._log_prior(nmissing))
        kept, log_graph = self._screen(rows, nmissing[0])
        weights = self.design[kept] @ rows
        shift = weights.max()
        np.subtract(weights, shift, out=weights)
        np.exp(weights, out=weights)
        with np.errstate(divide="ignore"):
            log_graph[kept] = np.log(weights.sum(axis=1)) + shift
            log_n = np.log(weights.sum(axis=0)) + shift
        if self.log_graph is None:
            self.log_graph = log_graph
        else:
            self.log_graph = np.logaddexp(self.log_graph, log_graph)
        return log_n

    def _screen(self, rows: np.ndarray, nmissing_start: int) -> tuple[np.ndarray, np.ndarray]:
        """Graphs that may matter in this chunk, and the others' log weights from its ends.

        Between the chunk's ends a graph's log weight (less the terms all graphs share) departs
        from a straight line by at most K * width^2 / 8, with K a bound on its second derivative:
        sum |coefficient| * trigamma(Nmissing + offset) over its lgamma terms, largest at the
        chunk's start. A graph whose upper bound stays SCREEN_MARGIN below the best graph's lower
        bound is dropped from the chunk.
        """
        ends = self.design @ rows[:, [0, -1]]
        specific = ends - rows[-2, [0, -1]]  # the common terms have coefficient 1 in every graph
        curvature, offsets = self._curvature
        slack = curvature @ polygamma(1, nmissing_start + offsets)
        slack *= (rows.shape[1] - 1) ** 2 / 8
        lower = np.max(specific.min(axis=1) - slack)
        kept = np.flatnonzero(specific.max(axis=1) + slack >= lower - SCREEN_MARGIN)
        approximate = np.logaddexp(ends[:, 0], ends[:, 1]) + np.log(rows.shape[1] / 2)
        if len(kept) > len(self.design) // 2:
            kept = np.arange(len(self.design))
        return kept, approximate

    @cached_property
    def _curvature(self) -> tuple[np.ndarray, np.ndarray]:
        """|coefficients| of each graph's lgamma terms, and the offset x of each lgamma(m + x)."""
        full_delta = self.terms.delta * 2.0**self.terms.n_lists
        offsets = np.append(
            self.terms.zero_cell + self.terms.cell_delta, self.terms.observed + full_delta
        )
        return np.abs(self.design[:, : len(offsets)]), offsets

    def _log_prior(self, nmissing: np.ndarray) -> np.ndarray:
        if self.prior_n == "1/N":
            return -np.log(self.terms.observed + nmissing.astype(float))
        return np.zeros(len(nmissing))
