"""ImpParty: the clique finder on planted instances (checked pair by pair), the scorer."""
from __future__ import annotations

import random
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlve_fast.envs.graphs.imp_party import find_clique
from scoring_paths import reward_on_both_paths

ENV = "ImpParty"


def planted(rng, n):
    clique = rng.sample(range(3 * n), 2 * n)
    edges = {(min(u, v), max(u, v)) for u, v in combinations(clique, 2)}
    edges |= {(u, v) for u, v in combinations(range(3 * n), 2) if rng.random() < rng.random()}
    return sorted(edges)


def test_finder_returns_a_clique_of_size_n():
    rng = random.Random(4)
    for _ in range(300):
        n = rng.randint(1, 6)
        edges = planted(rng, n)
        found = find_clique(n, edges)
        assert len(found) == len(set(found)) == n
        assert all((min(u, v), max(u, v)) in set(edges) for u, v in combinations(found, 2))


def test_finder_agrees_with_exhaustive_search_on_any_graph():
    rng = random.Random(5)
    for _ in range(200):
        n = rng.randint(1, 3)
        edges = {(u, v) for u, v in combinations(range(3 * n), 2) if rng.random() < 0.7}
        has_big_clique = any(all(p in edges for p in combinations(c, 2))
                             for c in combinations(range(3 * n), 2 * n))
        try:
            found = find_clique(n, sorted(edges))
        except ValueError:
            assert not has_big_clique
            continue
        assert all(p in edges for p in combinations(sorted(found), 2))


CONFIG = {"seed": 0, "parameter": {"N": 3, "edges": [[u, v] for u, v in combinations(range(6), 2)] + [[0, 6], [7, 8]],
                                   "reference_answer": "0 1 2"}}


@pytest.mark.parametrize("answer, reward", [
    ("0 1 2", 1.0),
    ("5 3 4", 1.0),
    ("0 1 6", (2 / 3) ** 5),   # 0-1 and 0-6 are edges, 1-6 is not
    ("6 7 8", (1 / 3) ** 5),   # only 7-8
    ("1 6 7", 0.0),
    ("0 1", -0.5),
    ("0 1 2 3", -0.5),
    ("0 0 1", -0.5),
    ("0 1 9", -0.5),
    ("-1 0 1", -0.5),
    ("0 1 z", -1.0),
])
def test_rewards(answer, reward):
    assert reward_on_both_paths(ENV, CONFIG, answer) == reward


def test_one_vertex_divides_by_zero():
    config = {"seed": 0, "parameter": {"N": 1, "edges": [], "reference_answer": "0"}}
    assert reward_on_both_paths(ENV, config, "0") == -1.0  # upstream: 0 / 0 inside the scorer


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-1, 10), max_size=5))
def test_paths_agree_on_arbitrary_vertex_lists(vertices):
    reward = reward_on_both_paths(ENV, CONFIG, " ".join(map(str, vertices)))
    assert reward == -0.5 or 0.0 <= reward <= 1.0
