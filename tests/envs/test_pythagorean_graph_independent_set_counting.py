"""PythagoreanGraph_IndependentSetCounting: triples and counts against enumeration, the scorer."""
from __future__ import annotations

import random
from itertools import combinations
from math import gcd, isqrt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlve_fast.envs.graphs.pythagorean_graph_independent_set_counting import (
    count_weighted_independent_sets, independent_sets_mod, primitive_leg_pairs)
from scoring_paths import reward_on_both_paths

ENV = "PythagoreanGraph_IndependentSetCounting"


def adjacent(a, b):
    c = isqrt(a * a + b * b)
    return c * c == a * a + b * b and gcd(a, b) == 1


def test_leg_pairs_against_search():
    for limit in (1, 2, 5, 12, 40, 130):
        brute = {(a, b) for a in range(1, limit + 1) for b in range(1, limit + 1) if a < b and adjacent(a, b)}
        assert {tuple(sorted(p)) for p in primitive_leg_pairs(limit)} == brute


def test_count_against_all_subsets():
    rng = random.Random(6)
    for _ in range(200):
        n = rng.randint(1, 11)
        values = [rng.randint(1, rng.choice((10, 30, 70))) for _ in range(n)]
        brute = sum(1 for k in range(n + 1) for s in combinations(range(n), k)
                    if not any(adjacent(values[i], values[j]) for i, j in combinations(s, 2)))
        for mod in (2, 7, 1000, 10 ** 9):
            assert independent_sets_mod(values, mod) == brute % mod


def test_weighted_count_on_graphs_with_cycles():
    rng = random.Random(7)
    for _ in range(200):
        n = rng.randint(1, 9)
        edges = [p for p in combinations(range(n), 2) if rng.random() < 0.4]
        neighbours = {v: set() for v in range(n)}
        for u, v in edges:
            neighbours[u].add(v)
            neighbours[v].add(u)
        weight = {v: rng.randint(1, 5) for v in range(n)}
        brute = 0
        for k in range(n + 1):
            for s in combinations(range(n), k):
                if not any(v in neighbours[u] for u, v in combinations(s, 2)):
                    product = 1
                    for v in s:
                        product *= weight[v]
                    brute += product
        assert count_weighted_independent_sets(neighbours, weight, 10 ** 30) == brute


# H = [3, 4, 5]: only 3-4 is an edge (9 + 16 = 25); 7 non-empty subsets less {3,4}, {3,4,5}
CONFIG = {"seed": 0, "parameter": {"N": 3, "MOD": 1000, "H": [3, 4, 5], "reference_answer": 5}}


def test_hand_instance():
    assert (independent_sets_mod([3, 4, 5], 1000) - 1) % 1000 == 5
    # [3, 3, 4]: vertices 0 and 1 both touch 2: {0}, {1}, {2}, {0, 1}
    assert (independent_sets_mod([3, 3, 4], 1000) - 1) % 1000 == 4


@pytest.mark.parametrize("answer, reward", [("5", 1.0), (" +5 ", 1.0), ("6", 0.0), ("0", 0.0), ("999", 0.0),
                                            ("1000", -0.5), ("-1", -0.5), ("1005", -0.5), ("5 5", -1.0),
                                            ("x", -1.0), ("", -1.0), ("9" * 30, -0.5)])
def test_rewards(answer, reward):
    assert reward_on_both_paths(ENV, CONFIG, answer) == reward


@settings(max_examples=150, deadline=None)
@given(st.integers(-2000, 2000))
def test_paths_agree_on_arbitrary_integers(value):
    reward = reward_on_both_paths(ENV, CONFIG, str(value))
    assert reward in (1.0, 0.0, -0.5)
