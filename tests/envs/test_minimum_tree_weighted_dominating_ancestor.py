"""MinimumTreeWeightedDominatingAncestor: the least cost against every selection; the scorer."""
from __future__ import annotations

import random
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_paths import reward_on_both_paths

import rlve_fast
from rlve_fast.envs.trees import minimum_tree_weighted_dominating_ancestor as mtwda


def selection_cost(n, parents, costs, chosen):
    total = 0
    for u in range(1, n + 1):
        v, up = u, 0
        while v != 0 and v not in chosen:
            up += parents[v][1]
            v = parents[v][0]
        total += costs[u] * up
    return total


def test_solvers_against_every_selection():
    env = rlve_fast.make("MinimumTreeWeightedDominatingAncestor")
    rng = random.Random(23)
    solvers = [mtwda.least_cost] + ([mtwda._compiled.least_cost] if mtwda._compiled else [])
    for _ in range(250):
        p = {"N": rng.randint(2, 8)}
        env.sample(rng, p)
        n = p["N"]
        for k in {p["K"], 1, n - 1, n}:
            want = min(selection_cost(n, p["parents"], p["C"], set(c)) for c in combinations(range(1, n + 1), k))
            for solver in solvers:
                assert solver(n, p["parents"], p["C"], k) == want, (p, k)


# 0 -> 1 (weight 2) -> 2 (weight 3), 0 -> 3 (weight 1); C = 0, 4, 5, 6
# selecting {1}: vertex 2 pays 5 * 3 = 15, vertex 3 pays 6 * 1 = 6: 21
# selecting {2}: vertex 1 pays 4 * 2 = 8, vertex 3 pays 6: 14 (the least)
# selecting {3}: 4 * 2 + 5 * 5 = 33
CONFIG = {"seed": 0, "parameter": {"N": 3, "K": 1, "parents": [None, [0, 2], [1, 3], [0, 1]], "C": [0, 4, 5, 6],
                                   "gold_answer": 14}}


def both_paths(text, config=CONFIG):
    return reward_on_both_paths("MinimumTreeWeightedDominatingAncestor", config, text)


@pytest.mark.parametrize("answer, reward", [
    ("2", 1.0), ("1", (14 / 21) ** 5), ("3", (14 / 33) ** 5),
    ("0", -0.5), ("4", -0.5), ("1 2", -0.5), ("", -0.5),
    ("2.0", -1.0),
])
def test_rewards(answer, reward):
    assert both_paths(answer) == reward


def test_repeats_count_once_and_zero_cost_scores_one():
    two = {"seed": 0, "parameter": dict(CONFIG["parameter"], K=2, gold_answer=6)}
    assert both_paths("2 2", two) == (6 / 14) ** 5      # the same as selecting {2} alone
    free = {"seed": 0, "parameter": dict(CONFIG["parameter"], K=3, gold_answer=0)}
    assert both_paths("1 2 3", free) == 1.0
    assert both_paths("3 2 1", {"seed": 0, "parameter": dict(free["parameter"], gold_answer=-1)}) == -1.0
    assert both_paths("2", {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_answer=15)}) == -1.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-1, 4), max_size=3))
def test_paths_agree_on_arbitrary_answers(chosen):
    reward = both_paths(" ".join(map(str, chosen)))
    assert reward == -0.5 or 0.0 < reward <= 1.0
