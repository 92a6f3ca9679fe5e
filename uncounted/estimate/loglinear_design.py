"""Hierarchical log-linear models on a capture table: their terms, names and design matrices.

A model always holds the intercept and every list's main effect; what varies is the set of
interaction terms (tuples of 0-based list indices, at least two). The set is *hierarchical*: with
a term, every sub-term of order two or more is in too, so a model is given by its generating
(maximal) terms, as in Rcapture's names: ``[123,14,34]`` is lists 1·2·3 with all their pairs,
plus 1·4 and 3·4.

Design matrices run over the 2^J - 1 observable cells in the order of
:meth:`~uncounted.estimate.capture.CaptureTable.full_counts` (cell k = index k, k >= 1), with 0/1
indicator coding as Rcapture's and SparseMSE's ``glm`` calls: column "intercept", one column per
list, then one product column per interaction term.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from math import comb

import numpy as np

from uncounted.errors import UsageError

Term = tuple[int, ...]


@dataclass(frozen=True)
class LoglinearModel:
    """All main effects plus ``terms``: the interaction terms, closed under sub-terms."""

    n_lists: int
    terms: tuple[Term, ...] = ()

    @classmethod
    def from_generators(cls, n_lists: int, generators: Iterable[Sequence[int]]) -> LoglinearModel:
        """The smallest hierarchical model holding ``generators`` (single lists are ignored)."""
        closed: set[Term] = set()
        for generator in generators:
            term = _checked_term(n_lists, generator)
            for order in range(2, len(term) + 1):
                closed.update(combinations(term, order))
        return cls(n_lists, tuple(sorted(closed, key=_term_key)))

    @classmethod
    def independence(cls, n_lists: int) -> LoglinearModel:
        return cls(n_lists, ())

    def with_term(self, term: Sequence[int]) -> LoglinearModel:
        return LoglinearModel.from_generators(self.n_lists, [*self.terms, tuple(term)])

    @property
    def generators(self) -> tuple[Term, ...]:
        """The maximal terms, highest order first, then lists not in any of them."""
        term_set = set(self.terms)
        maximal = [
            t
            for t in self.terms
            if not any(set(t) < set(u) for u in term_set if len(u) == len(t) + 1)
        ]
        covered = {j for t in maximal for j in t}
        singles = [(j,) for j in range(self.n_lists) if j not in covered]
        return (*sorted(maximal, key=lambda t: (-len(t), t)), *singles)

    @property
    def n_params(self) -> int:
        return 1 + self.n_lists + len(self.terms)

    @property
    def max_order(self) -> int:
        return max((len(t) for t in self.terms), default=1)

    def label(self) -> str:
        """Rcapture's name, lists numbered from 1: ``[123,14,34]``; ``[1,2,3]`` is independence."""
        sep = "" if self.n_lists <= 9 else "."
        return "[" + ",".join(sep.join(str(j + 1) for j in g) for g in self.generators) + "]"

    def describe(self, lists: Sequence[str]) -> str:
        """The interaction terms by list name: ``EXH:ABA:OSCE + EXH:HRW``; "independence"."""
        shown = [":".join(lists[j] for j in g) for g in self.generators if len(g) > 1]
        return " + ".join(shown) if shown else "independence"

    def column_names(self, lists: Sequence[str]) -> tuple[str, ...]:
        return ("intercept", *lists, *(":".join(lists[j] for j in t) for t in self.terms))


def _term_key(term: Term) -> tuple[int, Term]:
    return (len(term), term)


def _checked_term(n_lists: int, generator: Sequence[int]) -> Term:
    term = tuple(sorted(int(j) for j in generator))
    if len(set(term)) != len(term) or not term:
        raise UsageError(f"a term names distinct lists: {tuple(generator)}")
    if term[0] < 0 or term[-1] >= n_lists:
        raise UsageError(f"term {term} names a list outside 0..{n_lists - 1}")
    return term


@cache
def cell_histories(n_lists: int) -> np.ndarray:
    """The 2^J - 1 observable histories (rows), in full-count order from index 1."""
    index = np.arange(1, 2**n_lists, dtype=np.int64)
    shifts = np.arange(n_lists - 1, -1, -1, dtype=np.int64)
    histories = ((index[:, None] >> shifts) & 1).astype(np.float64)
    histories.flags.writeable = False
    return histories


def term_columns(n_lists: int, terms: Sequence[Term]) -> np.ndarray:
    """One 0/1 column per interaction term over the observable cells."""
    histories = cell_histories(n_lists)
    columns = np.ones((histories.shape[0], len(terms)))
    for k, term in enumerate(terms):
        columns[:, k] = histories[:, list(term)].prod(axis=1)
    return columns


def design_matrix(model: LoglinearModel) -> np.ndarray:
    """Intercept, main effects and interaction columns over the 2^J - 1 observable cells."""
    histories = cell_histories(model.n_lists)
    intercept = np.ones((histories.shape[0], 1))
    return np.hstack([intercept, histories, term_columns(model.n_lists, model.terms)])


def default_max_order(n_lists: int) -> int:
    """J - 1 up to 4 lists, 2 beyond: the peers' (and HRDAG's) usual search."""
    return n_lists - 1 if n_lists <= 4 else 2


def hierarchical_models(n_lists: int, max_order: int) -> Iterator[LoglinearModel]:
    """Every hierarchical model with all main effects and terms of order <= ``max_order``."""
    if not 1 <= max_order <= n_lists - 1:
        raise UsageError(f"max_order must be between 1 and {n_lists - 1}; got {max_order}")
    candidates = [t for k in range(2, max_order + 1) for t in combinations(range(n_lists), k)]
    stack: list[tuple[int, frozenset[Term]]] = [(0, frozenset())]
    while stack:
        position, chosen = stack.pop()
        if position == len(candidates):
            yield LoglinearModel(n_lists, tuple(sorted(chosen, key=_term_key)))
            continue
        term = candidates[position]
        stack.append((position + 1, chosen))
        parents = combinations(term, len(term) - 1)
        if len(term) == 2 or all(p in chosen for p in parents):
            stack.append((position + 1, chosen | {term}))


def pairwise_model_count(n_lists: int) -> int:
    """How many models a pairwise (max order 2) search fits: 2^(J choose 2)."""
    return 2 ** comb(n_lists, 2)
