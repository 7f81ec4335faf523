"""Maximum_IndependentSet_Tree: the optimum against every subset; the scorer."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_paths import reward_on_both_paths

import rlve_fast
from rlve_fast.envs.trees import maximum_independent_set_tree as mis
from rlve_fast.envs.trees._sampling import words


def brute_best(n, edges, weights):
    return max(sum(weights[v] for v in range(n) if mask >> v & 1)
               for mask in range(1 << n) if not any(mask >> u & 1 and mask >> v & 1 for u, v in edges))


def test_solvers_against_every_subset():
    rng = random.Random(11)
    solvers = [mis.heaviest_independent_set] + ([mis._compiled.heaviest_independent_set] if mis._compiled else [])
    for _ in range(300):
        n = rng.randint(1, 11)
        source = words(rng)
        edges = source.tree_edges(n, shuffled=rng.random() < 0.5)
        weights = source.ints(n, 1, n)
        want = brute_best(n, edges, weights)
        for solver in solvers:
            best, chosen = solver(n, edges, weights)
            assert best == want
            assert sum(weights[v] for v in chosen) == want
            assert not any(u in chosen and v in chosen for u, v in edges)


# the path 0-1-2-3 plus a leaf 4 on 1: {0, 2, 4} weighs 3 + 4 + 2 = 9, the best; {1, 3} weighs 7
CONFIG = {"seed": 0, "parameter": {"N": 5, "edges": [[0, 1], [1, 2], [2, 3], [1, 4]], "R": [3, 6, 4, 1, 2],
                                   "reference_weight": 9, "reference_answer": "0 2 4"}}


def both_paths(text, config=CONFIG):
    return reward_on_both_paths("Maximum_IndependentSet_Tree", config, text)


@pytest.mark.parametrize("answer, reward", [
    ("0 2 4", 1.0), ("4 2 0", 1.0),
    ("1 3", (7 / 9) ** 3),
    ("", 0.0),
    ("0 2 4 4", -0.5), ("0 1", -0.5), ("0 5", -0.5), ("-1", -0.5),
    ("0 2 x", -1.0),
])
def test_rewards(answer, reward):
    assert both_paths(answer) == reward


def test_a_set_above_the_stored_optimum_is_an_error():
    assert both_paths("0 2 4", {"seed": 0, "parameter": dict(CONFIG["parameter"], reference_weight=8)}) == -1.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-1, 6), max_size=6))
def test_paths_agree_on_arbitrary_answers(chosen):
    reward = both_paths(" ".join(map(str, chosen)))
    assert reward == -0.5 or 0.0 <= reward <= 1.0
