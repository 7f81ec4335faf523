"""Minimum_CrossingEdges_GraphPartition: the branch and bound against every partition of
small graphs and against a subset table on medium ones, the scorer's rule."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring_paths import reward_on_both_paths, uses_kernel
from rlve_fast.envs.graphs._minimum_crossing_edges_graph_partition_kernel import fewest_crossing_edges

ENV = "Minimum_CrossingEdges_GraphPartition"
INF = float("inf")


def assignments(n, k):
    """Every split of n vertices into exactly k non-empty numbered-by-first-use parts."""
    def extend(prefix, used):
        if len(prefix) == n:
            if used == k:
                yield prefix
            return
        for q in range(min(used + 1, k)):
            yield from extend(prefix + [q], max(used, q + 1))
    yield from extend([], 0)


def crossing(parts, edges):
    return sum(parts[u] != parts[v] for u, v in edges)


def test_search_against_every_partition():
    rng = random.Random(51)
    for _ in range(300):
        n = rng.randint(2, 8)
        k = rng.randint(1, n)
        density = rng.random()
        edges = [(u, v) for u in range(n) for v in range(u + 1, n) if rng.random() < density]
        best = min(crossing(p, edges) for p in assignments(n, k))
        gold, parts = fewest_crossing_edges(n, k, edges, INF)
        assert gold == best, (n, k, edges)
        assert len(set(parts)) == k and set(parts) <= set(range(k)) and crossing(parts, edges) == gold


def test_known_values_and_limits():
    clique = [(u, v) for u in range(6) for v in range(u + 1, 6)]
    assert fewest_crossing_edges(6, 3, clique, INF)[0] == 5 + 4      # two singletons leave a K4
    two_triangles = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)]
    assert fewest_crossing_edges(6, 2, two_triangles, INF)[0] == 1
    with pytest.raises(ValueError):
        fewest_crossing_edges(4, 5, [], INF)
    rng = random.Random(1)
    half_dense = [(u, v) for u in range(50) for v in range(u + 1, 50) if rng.random() < 0.5]
    assert fewest_crossing_edges(50, 25, half_dense, 0.0) is None   # far too many nodes: times out


def test_search_against_every_partition_medium():
    """Up to 12 vertices, against a table over (set of placed vertices, parts used) built
    part by part (each new part holds the lowest vertex not yet placed)."""
    rng = random.Random(52)
    for _ in range(40):
        n = rng.randint(9, 12)
        k = rng.randint(2, n - 1)
        density = rng.choice([0.05, 0.15, 0.4, 0.7, 0.95])
        edges = [(u, v) for u in range(n) for v in range(u + 1, n) if rng.random() < density]
        inside = [0] * (1 << n)
        for mask in range(1, 1 << n):
            low = (mask & -mask).bit_length() - 1
            rest = mask & ~(1 << low)
            inside[mask] = inside[rest] + sum(1 for u, v in edges if (u == low and rest >> v & 1) or (v == low and rest >> u & 1))
        full = (1 << n) - 1
        best = {0: 0}
        for _part in range(k):
            nxt = {}
            for mask, value in best.items():
                free = full & ~mask
                if not free:
                    continue
                low = free & -free
                sub = free & ~low
                while True:
                    part = sub | low
                    if nxt.get(mask | part, -1) < value + inside[part]:
                        nxt[mask | part] = value + inside[part]
                    if sub == 0:
                        break
                    sub = (sub - 1) & (free & ~low)
            best = nxt
        gold, parts = fewest_crossing_edges(n, k, edges, INF)
        assert gold == len(edges) - best[full], (n, k, edges)
        assert len(set(parts)) == k and crossing(parts, edges) == gold


# a triangle 0-1-2 with a tail 2-3-4, split into K = 3 parts
CONFIG = {"seed": 0, "parameter": {"N": 5, "edge_density": 0.5, "K": 3,
                                   "edges": [[0, 1], [1, 2], [0, 2], [2, 3], [3, 4]], "gold_answer": 2}}


@pytest.mark.parametrize("answer, reward", [
    ("0 0 0 1 2", 1.0), ("2 2 2 0 1", 1.0), ("0 0 1 1 2", (2 / 3) ** 5), ("0 1 2 2 2", (2 / 3) ** 5),
    ("0 1 2 0 1", (2 / 5) ** 5), ("0 0 0 1 1", -0.5), ("0 0 0 1 3", -0.5), ("0 0 0 1 -1", -0.5),
    ("0 0 0 1", -0.5), ("0 0 0 1 2 0", -0.5), ("0 0 0 1 two", -1.0),
])
def test_rewards(answer, reward):
    assert uses_kernel(ENV, CONFIG)
    assert reward_on_both_paths(ENV, CONFIG, answer) == reward


def test_no_crossing_edge_is_full_marks_and_better_than_gold_is_minus_one():
    apart = {"seed": 0, "parameter": {"N": 4, "edge_density": 0.2, "K": 2, "edges": [[0, 1]], "gold_answer": 0}}
    assert reward_on_both_paths(ENV, apart, "0 0 1 1") == 1.0
    assert reward_on_both_paths(ENV, apart, "0 1 1 1") == 0.0
    wrong_gold = {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_answer=3)}
    assert reward_on_both_paths(ENV, wrong_gold, "0 0 0 1 2") == -1.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-1, 3), max_size=6))
def test_paths_agree_and_stay_in_range(parts):
    reward = reward_on_both_paths(ENV, CONFIG, " ".join(map(str, parts)))
    assert reward == -0.5 or 0.0 <= reward <= 1.0
