"""FractionalProgramming_BipartiteGraphMatching: assignment and ratio search against all
permutations, the scorer."""
from __future__ import annotations

import random
from fractions import Fraction
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlve_fast.envs.graphs.fractional_programming_bipartite_graph_matching import (
    best_assignment, best_assignment_python, best_ratio_permutation)
from scoring_paths import reward_on_both_paths

ENV = "FractionalProgramming_BipartiteGraphMatching"


def test_assignment_against_all_permutations():
    rng = random.Random(16)
    for _ in range(200):
        n = rng.randint(1, 6)
        w = [[rng.randint(-30, 30) for _ in range(n)] for _ in range(n)]
        best = max(sum(w[i][p[i]] for i in range(n)) for p in permutations(range(n)))
        for solver in (best_assignment, best_assignment_python):
            p = solver(w)
            assert sorted(p) == list(range(n))
            assert sum(w[i][p[i]] for i in range(n)) == best


def test_best_ratio_against_all_permutations():
    rng = random.Random(17)
    for _ in range(150):
        n = rng.randint(1, 6)
        b = [[rng.randint(1, n) for _ in range(n)] for _ in range(n)]
        a = [[rng.randint(1, 2 * x) for x in row] for row in b]
        ratio = lambda p: Fraction(sum(a[i][p[i]] for i in range(n)), sum(b[i][p[i]] for i in range(n)))  # noqa: E731
        assert ratio(best_ratio_permutation(a, b)) == max(ratio(p) for p in permutations(range(n)))


A = [[2, 1, 3], [4, 2, 1], [1, 1, 2]]
B = [[1, 1, 2], [2, 1, 1], [1, 2, 1]]
# P = 0 1 2 gives (2 + 2 + 2) / (1 + 1 + 1) = 2, the best of the six permutations
CONFIG = {"seed": 0, "parameter": {"N": 3, "A": A, "B": B, "gold_SumA": 6, "gold_SumB": 3}}


@pytest.mark.parametrize("answer, reward", [
    ("0 1 2", 1.0),                     # (2 + 2 + 2) / (1 + 1 + 1) = 2
    ("2 0 1", ((8 * 3) / (6 * 6)) ** 5),               # (3 + 4 + 1) / (2 + 2 + 2) = 4/3
    ("1 0 2", ((7 * 3) / (4 * 6)) ** 5),               # (1 + 4 + 2) / (1 + 2 + 1) = 7/4
    ("0 2 1", ((4 * 3) / (4 * 6)) ** 5),               # (2 + 1 + 1) / (1 + 1 + 2) = 1
    ("0 1", -0.5), ("0 1 1", -0.5), ("0 1 3", -0.5), ("-1 0 1", -0.5), ("0 1 2 0", -0.5), ("", -0.5),
    ("0 1 z", -1.0),
])
def test_rewards(answer, reward):
    assert reward_on_both_paths(ENV, CONFIG, answer) == reward


def test_hand_instance_optimum():
    p = best_ratio_permutation(A, B)
    assert Fraction(sum(A[i][p[i]] for i in range(3)), sum(B[i][p[i]] for i in range(3))) == 2


def test_a_better_ratio_than_stored_is_minus_one():
    config = {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_SumA=7, gold_SumB=4)}
    assert reward_on_both_paths(ENV, config, "0 1 2") == -1.0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-1, 3), max_size=5))
def test_paths_agree_on_arbitrary_lists(values):
    reward = reward_on_both_paths(ENV, CONFIG, " ".join(map(str, values)))
    assert reward in (-1.0, -0.5) or 0.0 <= reward <= 1.0
