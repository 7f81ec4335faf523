"""Vertex_KCenter: shortest distances and the K-centre search against brute force, the
scorer's rule."""
from __future__ import annotations

import random
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring_paths import reward_on_both_paths, uses_kernel
from rlve_fast.envs.graphs._graph_common import random_connected_weighted
from rlve_fast.envs.graphs._vertex_k_center_kernel import k_center, shortest_distances

ENV = "Vertex_KCenter"
INF = float("inf")


def bellman_ford(n, edges, source):
    dist = [INF] * n
    dist[source] = 0
    for _ in range(n):
        for u, v, w in edges:
            dist[v] = min(dist[v], dist[u] + w)
            dist[u] = min(dist[u], dist[v] + w)
    return dist


def test_distances_and_centres_against_brute_force():
    rng = random.Random(61)
    for _ in range(200):
        n = rng.randint(3, 8)
        edges = random_connected_weighted(rng, n, rng.random(), n)
        dist = shortest_distances(n, edges, n * n)
        assert dist == [bellman_ford(n, edges, s) for s in range(n)]
        k = rng.randint(1, n - 1)
        best = min(max(min(dist[v][c] for c in chosen) for v in range(n)) for chosen in combinations(range(n), k))
        gold, centres = k_center(n, k, dist, INF)
        assert gold == best, (n, k, edges)
        assert len(set(centres)) == k and max(min(dist[v][c] for c in centres) for v in range(n)) == gold


def test_unreachable_pairs_keep_the_sentinel_and_limits():
    assert shortest_distances(3, [[0, 1, 4]], 9) == [[0, 4, 9], [4, 0, 9], [9, 9, 0]]
    with pytest.raises(ValueError):
        k_center(65, 2, [[0] * 65] * 65, INF)


# a path 0 -1- 1 -2- 2 -3- 3 (edge lengths 1, 2, 3), K = 2
FLOYD = [[0, 1, 3, 6], [1, 0, 2, 5], [3, 2, 0, 3], [6, 5, 3, 0]]
CONFIG = {"seed": 0, "parameter": {"N": 4, "edge_density": 0.5, "K": 2, "edges": [[0, 1, 1], [1, 2, 2], [2, 3, 3]],
                                   "Floyd": FLOYD, "gold_answer": 2, "reference_answer": "1 3"}}


@pytest.mark.parametrize("answer, reward", [
    ("1 3", 1.0), ("3 1", 1.0), ("0 2", (2 / 3) ** 5), ("0 3", (2 / 3) ** 5), ("0 1", (2 / 5) ** 5),
    ("1", -0.5), ("1 3 0", -0.5), ("1 1", -0.5), ("1 4", -0.5), ("-1 3", -0.5), ("1 3.0", -1.0),
])
def test_rewards(answer, reward):
    assert uses_kernel(ENV, CONFIG)
    assert reward_on_both_paths(ENV, CONFIG, answer) == reward


def test_better_than_gold_is_minus_one():
    config = {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_answer=3)}
    assert reward_on_both_paths(ENV, config, "1 3") == -1.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-1, 4), max_size=4))
def test_paths_agree_and_stay_in_range(centres):
    reward = reward_on_both_paths(ENV, CONFIG, " ".join(map(str, centres)))
    assert reward == -0.5 or 0.0 <= reward <= 1.0
