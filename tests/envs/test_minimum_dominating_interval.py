"""Minimum_DominatingInterval: the least cost against every choice of points; the scorer."""
from __future__ import annotations

import random
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_paths import reward_on_both_paths

import rlve_fast
from rlve_fast.envs.optimization import minimum_dominating_interval as mdi


def price(points, intervals):
    return sum(c for low, high, c in intervals if any(low <= x <= high for x in points))


def brute_cheapest(n, k, intervals):
    covered = [x for x in range(1, n + 1) if any(low <= x <= high for low, high, _ in intervals)]
    return min(price(points, intervals) for points in combinations(covered, k))


def test_solvers_against_every_choice():
    rng = random.Random(19)
    solvers = [mdi.cheapest_points] + ([mdi._compiled.cheapest_points] if mdi._compiled else [])
    for _ in range(300):
        n = rng.randint(1, 8)
        pairs = [(low, high) for low in range(1, n + 1) for high in range(low, n + 1)]
        intervals = [[low, high, rng.randint(1, 10)] for low, high in rng.sample(pairs, rng.randint(1, len(pairs)))]
        covered = sum(any(low <= x <= high for low, high, _ in intervals) for x in range(1, n + 1))
        k = rng.randint(1, covered)
        want = brute_cheapest(n, k, intervals)
        for solver in solvers:
            cost, points = solver(n, k, intervals)
            assert cost == want == price(points, intervals)
            assert len(set(points)) == k


def test_sampled_intervals_are_distinct_pairs_with_costs_in_range():
    env = rlve_fast.make("Minimum_DominatingInterval")
    for seed in range(30):
        p = env.generate(seed, difficulty=seed % 8).parameter
        pairs = [(low, high) for low, high, _ in p["intervals"]]
        assert len(set(pairs)) == len(pairs) == min(p["M"], p["N"] * (p["N"] + 1) // 2)
        assert all(1 <= low <= high <= p["N"] for low, high in pairs)
        assert all(1 <= c <= 10 for _, _, c in p["intervals"])


# intervals [1,2] cost 3, [2,4] cost 5, [4,4] cost 1, point 5 uncovered; K = 2: points 1 and 4
# cost 3 + 5 + 1 = 9, points 1 and 2 cost 3 + 5 = 8, points 3 and 4 cost 5 + 1 = 6 (the least)
CONFIG = {"seed": 0, "parameter": {"N": 5, "M": 3, "K": 2, "intervals": [[1, 2, 3], [2, 4, 5], [4, 4, 1]],
                                   "gold_answer": 6, "reference_answer": "3 4"}}


def both_paths(text, config=CONFIG):
    return reward_on_both_paths("Minimum_DominatingInterval", config, text)


@pytest.mark.parametrize("answer, reward", [
    ("3 4", 1.0), ("4 3", 1.0),
    ("1 2", (6 / 8) ** 5),
    ("1 4", (6 / 9) ** 5),
    ("3 5", -0.5),            # 5 is in no interval
    ("3 3", -0.5), ("3", -0.5), ("1 2 3", -0.5), ("0 3", -0.5),
    ("3 x", -1.0),
])
def test_rewards(answer, reward):
    assert both_paths(answer) == reward


def test_a_choice_below_the_stored_optimum_is_an_error():
    assert both_paths("3 4", {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_answer=7)}) == -1.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-1, 6), max_size=3))
def test_paths_agree_on_arbitrary_answers(points):
    reward = both_paths(" ".join(map(str, points)))
    assert reward == -0.5 or 0.0 < reward <= 1.0
