"""MinimumWeightedSpanningTree: the layer DP against every spanning tree and root, the scorer."""
from __future__ import annotations

import random
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlve_fast.envs.graphs.minimum_weighted_spanning_tree import least_depth_cost, least_depth_cost_python
from scoring_paths import reward_on_both_paths

ENV = "MinimumWeightedSpanningTree"


def depth_cost(n, tree, root):
    links = {v: [] for v in range(n)}
    for u, v, w in tree:
        links[u].append((v, w))
        links[v].append((u, w))
    depth, stack, cost = {root: 0}, [root], 0
    while stack:
        x = stack.pop()
        for y, w in links[x]:
            if y not in depth:
                depth[y] = depth[x] + 1
                cost += w * depth[y]
                stack.append(y)
    return cost if len(depth) == n else None


def brute(n, edges):
    costs = [depth_cost(n, tree, root) for tree in combinations(edges, n - 1) for root in range(n)]
    return min(c for c in costs if c is not None)


def test_dp_against_all_trees():
    rng = random.Random(15)
    for _ in range(80):
        n = rng.randint(2, 6)
        order = list(range(n))
        rng.shuffle(order)
        pairs = {(min(a, b), max(a, b)) for a, b in zip(order, order[1:])}
        pairs |= {(u, v) for u in range(n) for v in range(u + 1, n) if rng.random() < 0.5}
        edges = [(u, v, rng.randint(0, n)) for u, v in sorted(pairs)]
        expected = brute(n, edges)
        assert least_depth_cost(n, edges) == expected
        assert least_depth_cost_python(n, edges) == expected


def test_disconnected_graph_is_refused():
    with pytest.raises(ValueError):
        least_depth_cost(4, [(0, 1, 1), (2, 3, 1)])


# a path 0-1-2-3 with weights 1, 2, 3, and a heavy shortcut 0-3 of weight 9
CONFIG = {"seed": 0, "parameter": {"N": 4, "edge_density": 0.6,
                                   "edges": [[0, 1, 1], [1, 2, 2], [2, 3, 3], [0, 3, 9]], "gold_answer": 7}}


@pytest.mark.parametrize("answer, reward", [
    ("2 2 1 2 3 1 0", 1.0),            # root 2: 2*1 + 3*1 + 1*2 = 7, the optimum
    ("1 0 1 1 2 2 3", (7 / 9) ** 5),   # root 1: 1*1 + 2*1 + 3*2
    ("0 0 1 1 2 2 3", (7 / 14) ** 5),  # root 0: 1 + 2*2 + 3*3
    ("3 0 1 1 2 2 3", (7 / 10) ** 5),  # root 3: 3 + 2*2 + 1*3
    ("0 0 1 0 3 2 3", (7 / 16) ** 5),  # root 0: 1 + 9 + 3*2
    ("4 0 1 1 2 2 3", -0.5), ("-1 0 1 1 2 2 3", -0.5), ("0 0 1 1 2 2", -1.0), ("0 0 1 1 2", -0.5),
    ("0 0 1 1 3 2 3", -0.5), ("0 0 1 0 1 2 3", -0.5), ("0 0 1 1 2 2 3 0 3", -0.5),
    ("0", -0.5), ("", -1.0), ("0 0 1 1 2 2 x", -1.0),
])
def test_rewards(answer, reward):
    assert reward_on_both_paths(ENV, CONFIG, answer) == reward


def test_gold_of_the_hand_instance():
    assert least_depth_cost(4, CONFIG["parameter"]["edges"]) == 7


def test_zero_cost_tree_scores_one():
    config = {"seed": 0, "parameter": {"N": 3, "edge_density": 1.0,
                                       "edges": [[0, 1, 0], [1, 2, 0], [0, 2, 3]], "gold_answer": 0}}
    assert reward_on_both_paths(ENV, config, "1 0 1 1 2") == 1.0
    assert reward_on_both_paths(ENV, config, "0 0 1 0 2") == 0.0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-1, 4), max_size=8))
def test_paths_agree_on_arbitrary_lists(values):
    reward = reward_on_both_paths(ENV, CONFIG, " ".join(map(str, values)))
    assert reward in (-1.0, -0.5) or 0.0 <= reward <= 1.0
