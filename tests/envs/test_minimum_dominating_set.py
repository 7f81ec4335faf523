"""Minimum_DominatingSet: the branch and bound against every vertex subset, the scorer's rule."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring_paths import reward_on_both_paths, uses_kernel
from rlve_fast.envs.graphs._minimum_dominating_set_kernel import cheapest_dominating_set

ENV = "Minimum_DominatingSet"
INF = float("inf")


def closed_neighbourhoods(n, edges):
    masks = [1 << v for v in range(n)]
    for u, v in edges:
        masks[u] |= 1 << v
        masks[v] |= 1 << u
    return masks


def test_search_against_every_subset():
    rng = random.Random(41)
    for _ in range(300):
        n = rng.randint(1, 10)
        density = rng.random()
        edges = [(u, v) for u in range(n) for v in range(u + 1, n) if rng.random() < density]
        covering = closed_neighbourhoods(n, edges)
        costs = [rng.randint(1, 10) for _ in range(n)]
        best = min(sum(costs[v] for v in range(n) if s >> v & 1) for s in range(1 << n)
                   if _union(covering, s) == (1 << n) - 1)
        gold, chosen = cheapest_dominating_set(n, covering, costs, INF)
        assert gold == best, (n, edges, costs)
        assert sum(costs[v] for v in chosen) == gold
        assert _union(covering, sum(1 << v for v in chosen)) == (1 << n) - 1


def _union(covering, subset):
    out = 0
    for v, mask in enumerate(covering):
        if subset >> v & 1:
            out |= mask
    return out


def test_search_on_64_vertices_and_limits():
    rng = random.Random(42)
    edges = [(u, v) for u in range(64) for v in range(u + 1, 64) if rng.random() < 0.1]
    gold, chosen = cheapest_dominating_set(64, closed_neighbourhoods(64, edges), [1] * 64, INF)
    assert _union(closed_neighbourhoods(64, edges), sum(1 << v for v in chosen)) == (1 << 64) - 1
    assert gold == len(chosen)
    with pytest.raises(ValueError):
        cheapest_dominating_set(65, [1 << v for v in range(65)], [1] * 65, INF)
    sparse = [(u, v) for u, v in edges if v < 60]
    assert cheapest_dominating_set(60, closed_neighbourhoods(60, sparse), [3] * 60, 0.0) is None


# path 0-1-2-3 with a pendant 4 on 1: costs make {1, 3} (cost 5) the optimum
CONFIG = {"seed": 0, "parameter": {"N": 5, "edge_density": 0.4, "edges": [[0, 1], [1, 2], [2, 3], [1, 4]],
                                   "C": [2, 3, 4, 2, 5], "covering": [0b00011, 0b10111, 0b01110, 0b01100, 0b10010],
                                   "gold_answer": 5, "reference_answer": "1 3"}}


@pytest.mark.parametrize("answer, reward", [
    ("1 3", 1.0), ("3 1", 1.0), ("1 2", (5 / 7) ** 5), ("0 2 4", (5 / 11) ** 5), ("0 1 2 3 4", (5 / 16) ** 5),
    ("1", -0.5), ("", -0.5), ("1 3 3", -0.5), ("1 3 5", -0.5), ("-1 1 3", -0.5), ("1 3 x", -1.0),
])
def test_rewards(answer, reward):
    assert uses_kernel(ENV, CONFIG)
    assert reward_on_both_paths(ENV, CONFIG, answer) == reward


def test_cheaper_than_gold_is_minus_one():
    config = {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_answer=6)}
    assert reward_on_both_paths(ENV, config, "1 3") == -1.0


def test_wide_graphs_use_several_words():
    n = 70
    covering = [(1 << v) | (1 << ((v + 1) % n)) | (1 << ((v - 1) % n)) for v in range(n)]  # a cycle
    config = {"seed": 0, "parameter": {"N": n, "edge_density": 0.0, "edges": [], "C": [1] * n,
                                       "covering": covering, "gold_answer": 24}}
    every_third = [v for v in range(n) if v % 3 == 1] + [69]
    assert uses_kernel(ENV, config)
    assert reward_on_both_paths(ENV, config, " ".join(map(str, every_third))) == (24 / 24) ** 5
    assert reward_on_both_paths(ENV, config, " ".join(map(str, every_third[:-1]))) == -0.5


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-1, 5), max_size=6))
def test_paths_agree_and_stay_in_range(chosen):
    reward = reward_on_both_paths(ENV, CONFIG, " ".join(map(str, chosen)))
    assert reward == -0.5 or 0.0 <= reward <= 1.0
