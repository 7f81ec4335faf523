"""MakingGrade: the slope-trick optimum against enumeration of monotone arrays, and the
(optimum/cost)^5 scorer on both paths."""
from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.sequences.making_grade import fit_monotone, non_decreasing, non_increasing


def brute_force(values):
    """Least cost over monotone arrays whose entries are taken from the values (an optimum
    always exists among those)."""
    levels = sorted(set(values))
    best = None
    for chosen in itertools.combinations_with_replacement(levels, len(values)):
        for b in (chosen, chosen[::-1]):
            cost = sum(abs(x - y) for x, y in zip(values, b))
            best = cost if best is None else min(best, cost)
    return best


def test_optimum_and_construction_against_enumeration():
    rng = random.Random(4)
    for _ in range(400):
        n = rng.randint(1, 6)
        values = [rng.randint(0, 9) for _ in range(n)]
        cost, b = fit_monotone(values)
        assert cost == brute_force(values), values
        assert len(b) == n and (non_decreasing(b) or non_increasing(b))
        assert sum(abs(x - y) for x, y in zip(values, b)) == cost


def test_hand_computed_optimum():
    assert fit_monotone([12, 13, 1, 8])[0] == 8      # down: 13 13 8 8 -> 1 + 0 + 7 + 0 = 8
    assert fit_monotone([1, 3, 2])[0] == 1
    assert fit_monotone([5, 1, 5, 1])[0] == 4       # down: 5 5 5 1


CONFIG = {"seed": 0, "parameter": {"N": 4, "A": [12, 13, 1, 8], "gold_answer": 8}}


@pytest.mark.parametrize("answer, reward", [
    ("13 13 8 8", 1.0),
    ("12 12 8 8", 1.0),               # 0 + 1 + 7 + 0
    ("12 13 13 13", (8 / 17) ** 5),    # up: 0 + 0 + 12 + 5
    ("1 1 1 1", (8 / 30) ** 5),         # 11 + 12 + 0 + 7
    ("12 13 1", -0.5),                 # too short
    ("12 13 1 8", -0.5),               # not monotone
    ("12 13 1 8 9", -0.5),
    ("12 13 x 8", -1.0),
    ("", -0.5),
])
def test_rewards(answer, reward):
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            assert rlve_fast.verify("MakingGrade", CONFIG, "<answer>%s</answer>" % answer)["reward"] == reward


def test_cost_below_the_stored_optimum_is_minus_one():
    config = {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_answer=9)}
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):  # upstream's scorer asserts optimum <= cost
            assert rlve_fast.verify("MakingGrade", config, "<answer>13 13 8 8</answer>")["reward"] == -1.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.integers(-20, 40), st.integers(-10 ** 20, 10 ** 20)), max_size=6))
def test_paths_agree_on_arbitrary_lists(b):
    got = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            got.append(rlve_fast.verify("MakingGrade", CONFIG, "<answer>%s</answer>" % " ".join(map(str, b)))["reward"])
    assert got[0] == got[1]
    if len(b) != 4 or not (non_decreasing(b) or non_increasing(b)):
        assert got[0] == -0.5


def test_generated_optimum_is_reached_by_the_construction():
    env = rlve_fast.make("MakingGrade")
    for seed in range(10):
        problem = env.generate(seed, difficulty=8)
        _, b = fit_monotone(problem.parameter["A"])
        assert env.verify(problem.config, "<answer>%s</answer>" % " ".join(map(str, b)))["reward"] == 1.0
