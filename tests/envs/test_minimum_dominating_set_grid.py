"""Minimum_DominatingSet_Grid: the frontier programme (Python and compiled) against trying
every set of cells, the scorer on hand-computed cases and arbitrary answers on both paths."""
from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast.envs.grids.minimum_dominating_set_grid import frontier_programme, least_dominating_cost
from scoring_paths import reward_on_both_paths


def brute_force(costs):
    n, m = len(costs), len(costs[0])
    near = [sum(1 << (a * m + b) for a, b in ((i, j), (i - 1, j), (i + 1, j), (i, j - 1), (i, j + 1))
                if 0 <= a < n and 0 <= b < m) for i in range(n) for j in range(m)]
    best = None
    for chosen in range(1 << (n * m)):
        if all(chosen & mask for mask in near):
            total = sum(costs[k // m][k % m] for k in range(n * m) if chosen >> k & 1)
            best = total if best is None else min(best, total)
    return best


def test_programmes_against_every_set():
    compiled = pytest.importorskip("rlve_fast.envs.grids._minimum_dominating_set_grid_solver")
    rng = random.Random(8)
    for _ in range(100):
        n, m = rng.randint(1, 4), rng.randint(1, 3)
        costs = [[rng.randint(1, 9) for _ in range(m)] for _ in range(n)]
        best = brute_force(costs)
        assert least_dominating_cost(costs) == best
        assert frontier_programme(costs) == best
        assert compiled.least_dominating_cost(costs, math.inf) == (1, best)


F = [[1, 9, 9], [9, 9, 1]]
CONFIG = {"seed": 0, "parameter": {"N": 2, "M": 3, "F": F, "gold_answer": 2}}
# (1, 1) covers (1, 2) and (2, 1); (2, 3) covers (1, 3) and (2, 2): cost 2


def both_paths(answer, config=CONFIG):
    return reward_on_both_paths('Minimum_DominatingSet_Grid', config, answer)


def test_the_example_optimum():
    assert least_dominating_cost(F) == brute_force(F) == 2


@pytest.mark.parametrize("answer, reward", [
    ("1 1\n2 3", 1.0),
    ("2 3\n\n1 1\n", 1.0),
    ("1 1\n2 3\n1 2", (2 / 11) ** 5),
    ("1 2\n2 2", (2 / 18) ** 5),
    ("1 1", -0.2),               # (1, 3) and (2, 3) are left uncovered
    ("", -0.2),
    ("1 1\n1 1\n2 3", -0.5),     # listed twice
    ("1 1\n3 3", -0.5),          # outside the grid
    ("0 1\n2 3", -0.5),
    ("1 1 2\n2 3", -1.0),        # three numbers on a line
    ("1\n2 3", -1.0),
    ("1 a\n2 3", -1.0),
])
def test_rewards(answer, reward):
    assert both_paths(answer) == reward


def test_beating_the_stored_optimum_means_a_wrong_config():
    assert both_paths("1 1\n2 3", {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_answer=3)}) == -1.0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.integers(-1, 4), max_size=3), max_size=5))
def test_paths_agree_on_arbitrary_answers(lines):
    reward = both_paths("\n".join(" ".join(map(str, line)) for line in lines))
    assert reward in (-1.0, -0.5, -0.2) or 0.0 <= reward <= 1.0
