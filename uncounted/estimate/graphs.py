"""Decomposable (chordal) undirected graphs on J labelled vertices, with their junction trees.

dga ships precomputed lists of these graphs for 3, 4 and 5 lists; here they are enumerated, so
6 lists work too. Counts: 8 (J = 3), 61 (J = 4), 822 (J = 5), 18,154 (J = 6).

Vertex ``j`` is list ``j`` (a column of the capture histories). Vertex sets are also handled as
bit masks, bit ``j`` for vertex ``j``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import combinations

# 2^21 candidate graphs at J = 7 is too many for a pure-Python enumeration.
MAX_VERTICES = 6

Edge = tuple[int, int]


@dataclass(frozen=True)
class DecomposableGraph:
    """A chordal graph with the maximal cliques and separators of one of its junction trees.

    Separators are the non-empty intersections along the junction tree's edges, with
    multiplicity (a star on 4 vertices has the centre as separator three times). A graph with
    several connected components lists no empty separator, as dga's ``graphs3..5`` do.
    """

    n_vertices: int
    edges: tuple[Edge, ...]
    cliques: tuple[tuple[int, ...], ...]
    separators: tuple[tuple[int, ...], ...]

    @property
    def clique_masks(self) -> tuple[int, ...]:
        return tuple(_mask(clique) for clique in self.cliques)

    @property
    def separator_masks(self) -> tuple[int, ...]:
        return tuple(_mask(separator) for separator in self.separators)

    def __str__(self) -> str:
        return " ".join("[" + ",".join(str(v) for v in clique) + "]" for clique in self.cliques)


def decomposable_graphs(n_vertices: int) -> tuple[DecomposableGraph, ...]:
    """All decomposable graphs on ``n_vertices`` labelled vertices, fewest edges first (cached)."""
    if not 1 <= n_vertices <= MAX_VERTICES:
        raise ValueError(f"decomposable graphs are enumerated for 1 to {MAX_VERTICES} vertices")
    return _enumerate(n_vertices)


def is_chordal(n_vertices: int, edges: tuple[Edge, ...] | list[Edge]) -> bool:
    """Whether the graph has a perfect elimination ordering (every cycle of 4+ has a chord)."""
    return _elimination_order(_adjacency(n_vertices, edges)) is not None


@cache
def _enumerate(n_vertices: int) -> tuple[DecomposableGraph, ...]:
    pairs = list(combinations(range(n_vertices), 2))
    found = []
    for code in range(1 << len(pairs)):
        edges = tuple(pair for bit, pair in enumerate(pairs) if code >> bit & 1)
        graph = _decompose(n_vertices, edges)
        if graph is not None:
            found.append(graph)
    found.sort(key=lambda graph: (len(graph.edges), graph.edges))
    return tuple(found)


def _decompose(n_vertices: int, edges: tuple[Edge, ...]) -> DecomposableGraph | None:
    adjacency = _adjacency(n_vertices, edges)
    order = _elimination_order(adjacency)
    if order is None:
        return None
    cliques = _maximal_cliques(adjacency, order)
    separators = _junction_separators(cliques)
    return DecomposableGraph(
        n_vertices=n_vertices,
        edges=edges,
        cliques=tuple(_members(clique) for clique in cliques),
        separators=tuple(_members(separator) for separator in separators),
    )


def _adjacency(n_vertices: int, edges: tuple[Edge, ...] | list[Edge]) -> list[int]:
    adjacency = [0] * n_vertices
    for a, b in edges:
        adjacency[a] |= 1 << b
        adjacency[b] |= 1 << a
    return adjacency


def _elimination_order(adjacency: list[int]) -> list[int] | None:
    """Remove simplicial vertices one by one; a chordal graph always has one left."""
    remaining = (1 << len(adjacency)) - 1
    order = []
    while remaining:
        vertex = next(
            (v for v in _members(remaining) if _is_clique(adjacency[v] & remaining, adjacency)),
            None,
        )
        if vertex is None:
            return None
        order.append(vertex)
        remaining &= ~(1 << vertex)
    return order


def _is_clique(vertices: int, adjacency: list[int]) -> bool:
    return all(vertices & ~(1 << v) & ~adjacency[v] == 0 for v in _members(vertices))


def _maximal_cliques(adjacency: list[int], order: list[int]) -> list[int]:
    """Each eliminated vertex with its not-yet-eliminated neighbours; keep the maximal ones."""
    remaining = (1 << len(adjacency)) - 1
    candidates = []
    for vertex in order:
        candidates.append((adjacency[vertex] & remaining) | 1 << vertex)
        remaining &= ~(1 << vertex)
    maximal = {c for c in candidates if not any(c != d and c & d == c for d in candidates)}
    return sorted(maximal, key=lambda clique: _members(clique))


def _junction_separators(cliques: list[int]) -> list[int]:
    """Separators of a maximum-weight spanning tree of the clique graph (Prim).

    For a chordal graph any such tree is a junction tree, and the multiset of its separators does
    not depend on which tree is chosen.
    """
    in_tree = [cliques[0]]
    outside = list(cliques[1:])
    separators = []
    while outside:
        overlap, new = max(
            ((_popcount(a & b), b) for a in in_tree for b in outside), key=lambda pair: pair[0]
        )
        separator = next(a & new for a in in_tree if _popcount(a & new) == overlap)
        if separator:
            separators.append(separator)
        in_tree.append(new)
        outside.remove(new)
    return sorted(separators, key=lambda separator: _members(separator))


def _members(mask: int) -> tuple[int, ...]:
    return tuple(v for v in range(mask.bit_length()) if mask >> v & 1)


def _mask(vertices: tuple[int, ...]) -> int:
    return sum(1 << v for v in vertices)


def _popcount(mask: int) -> int:
    return mask.bit_count()
