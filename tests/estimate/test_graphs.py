"""Decomposable graphs: the enumeration's counts and each graph's junction tree."""

from __future__ import annotations

from itertools import combinations, product

import numpy as np
import pytest

from uncounted.estimate.graphs import DecomposableGraph, decomposable_graphs, is_chordal

# Labelled chordal graphs (OEIS A058862), the sizes of dga's graphs3, graphs4 and graphs5.
COUNTS = {1: 1, 2: 2, 3: 8, 4: 61, 5: 822, 6: 18_154}


@pytest.mark.parametrize(("n_vertices", "expected"), COUNTS.items())
def test_counts_match_the_labelled_chordal_graphs(n_vertices: int, expected: int) -> None:
    graphs = decomposable_graphs(n_vertices)
    assert len(graphs) == expected
    assert len({graph.edges for graph in graphs}) == expected


def test_the_only_non_chordal_graphs_on_four_vertices_are_the_three_4_cycles() -> None:
    pairs = list(combinations(range(4), 2))
    chordal = {graph.edges for graph in decomposable_graphs(4)}
    missing = [
        edges
        for code in range(1 << len(pairs))
        if (edges := tuple(p for bit, p in enumerate(pairs) if code >> bit & 1)) not in chordal
    ]
    assert len(missing) == 3
    assert all(len(edges) == 4 and not is_chordal(4, edges) for edges in missing)
    assert is_chordal(4, [(0, 1), (1, 2), (2, 3), (0, 3), (0, 2)])


@pytest.mark.parametrize("n_vertices", [3, 4, 5, 6])
def test_cliques_are_the_maximal_complete_sets_and_cover_the_edges(n_vertices: int) -> None:
    for graph in decomposable_graphs(n_vertices)[::7]:
        edges = set(graph.edges)
        covered = {pair for clique in graph.cliques for pair in combinations(clique, 2)}
        assert covered == edges
        assert {v for clique in graph.cliques for v in clique} == set(range(n_vertices))
        for clique in graph.cliques:
            outside = set(range(n_vertices)) - set(clique)
            assert not any(all(_adjacent(edges, v, u) for u in clique) for v in outside)


@pytest.mark.parametrize("n_vertices", [3, 4, 5, 6])
def test_separators_come_from_a_junction_tree(n_vertices: int) -> None:
    for graph in decomposable_graphs(n_vertices)[::5]:
        assert len(graph.separators) == len(graph.cliques) - _components(graph)
        assert all(graph.separators)
        cliques = [set(clique) for clique in graph.cliques]
        for separator in graph.separators:
            assert sum(set(separator) <= clique for clique in cliques) >= 2


@pytest.mark.parametrize("n_vertices", [3, 4, 5])
def test_clique_over_separator_marginals_rebuild_a_distribution_with_those_marginals(
    n_vertices: int,
) -> None:
    """p_C products over p_S products is the decomposable distribution with p's clique margins."""
    rng = np.random.default_rng(n_vertices)
    cells = np.array(list(product((0, 1), repeat=n_vertices)))
    p = rng.dirichlet(np.ones(len(cells)))
    step = 1 if n_vertices < 5 else 11
    for graph in decomposable_graphs(n_vertices)[::step]:
        q = np.ones(len(cells))
        for clique in graph.cliques:
            q *= _marginal_at_cells(p, cells, clique)
        for separator in graph.separators:
            q /= _marginal_at_cells(p, cells, separator)
        assert q.sum() == pytest.approx(1.0, rel=1e-12)
        for clique in graph.cliques:
            np.testing.assert_allclose(
                _marginal_at_cells(q, cells, clique), _marginal_at_cells(p, cells, clique)
            )


def test_a_star_repeats_its_centre_as_separator() -> None:
    star = next(g for g in decomposable_graphs(4) if g.edges == ((0, 1), (0, 2), (0, 3)))
    assert star.cliques == ((0, 1), (0, 2), (0, 3))
    assert star.separators == ((0,), (0,))
    assert star.clique_masks == (0b11, 0b101, 0b1001)
    assert str(star) == "[0,1] [0,2] [0,3]"


def test_more_than_six_vertices_is_refused() -> None:
    with pytest.raises(ValueError, match="1 to 6"):
        decomposable_graphs(7)


def _adjacent(edges: set[tuple[int, int]], a: int, b: int) -> bool:
    return (min(a, b), max(a, b)) in edges


def _components(graph: DecomposableGraph) -> int:
    parent = list(range(graph.n_vertices))

    def root(v: int) -> int:
        while parent[v] != v:
            v = parent[v]
        return v

    for a, b in graph.edges:
        parent[root(a)] = root(b)
    return len({root(v) for v in range(graph.n_vertices)})


def _marginal_at_cells(p: np.ndarray, cells: np.ndarray, members: tuple[int, ...]) -> np.ndarray:
    """The marginal probability of each cell's values on ``members``, cell by cell."""
    keys = cells[:, list(members)] @ (1 << np.arange(len(members)))
    totals = np.bincount(keys, weights=p, minlength=1 << len(members))
    return totals[keys]
