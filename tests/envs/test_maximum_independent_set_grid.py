"""MaximumIndependentSetGrid: the flow solver against trying every selection, the scorer on
hand-computed cases and arbitrary answers on both paths."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast.envs.grids.maximum_independent_set_grid import max_independent_weight
from scoring_paths import reward_on_both_paths


def independent(n, m, chosen):
    return not any(chosen >> (i * m + j) & 1 and ((j + 1 < m and chosen >> (i * m + j + 1) & 1)
                                                    or (i + 1 < n and chosen >> ((i + 1) * m + j) & 1))
                   for i in range(n) for j in range(m))


def test_solver_against_every_selection():
    rng = random.Random(4)
    for _ in range(150):
        n, m = rng.randint(1, 4), rng.randint(1, 4)
        weights = [[rng.randint(1, 6) for _ in range(m)] for _ in range(n)]
        best = max(sum(weights[c // m][c % m] for c in range(n * m) if chosen >> c & 1)
                   for chosen in range(1 << (n * m)) if independent(n, m, chosen))
        assert max_independent_weight(weights) == best


CONFIG = {"seed": 0, "parameter": {"N": 2, "M": 3, "matrix": [[5, 1, 2], [1, 4, 3]], "gold_answer": 11}}
# the best: 5, 2 on top and 4 below: 11


def both_paths(answer, config=CONFIG):
    return reward_on_both_paths('MaximumIndependentSetGrid', config, answer)


@pytest.mark.parametrize("answer, reward", [
    ("101\n010", 1.0),
    ("100\n001", (8 / 11) ** 3),
    ("000\n000", 0.0),
    ("010\n101", (5 / 11) ** 3),
    ("110\n000", -0.5),        # neighbours side by side
    ("100\n100", -0.5),        # neighbours one above the other
    ("101", -1.0),
    ("1010\n0101", -1.0),
    ("1 0 1\n0 1 0", -1.0),
    ("102\n010", -1.0),
    ("\n 101\n010 \n", 1.0),
])
def test_rewards(answer, reward):
    assert both_paths(answer) == reward


def test_beating_the_stored_optimum_means_a_wrong_config():
    config = {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_answer=10)}
    assert both_paths("101\n010", config) == -1.0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="01 x\n\u2028", max_size=4), max_size=3))
def test_paths_agree_on_arbitrary_answers(lines):
    reward = both_paths("\n".join(lines))
    assert reward in (-1.0, -0.5) or 0.0 <= reward <= 1.0
