"""Cinema: the closed form against enumeration of every choice sequence, and upstream's
tuple-against-list comparison."""
from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.sequences.cinema import seating_probability
from rlve_fast.errors import GenerationError


def everyone_sits(choices, k):
    taken = [False] * (k + 2)
    for seat in choices:
        while seat <= k and taken[seat]:
            seat += 1
        if seat > k:
            return False
        taken[seat] = True
    return True


@pytest.mark.parametrize("k", range(1, 6))
def test_closed_form_against_enumeration(k):
    for n in range(1, k + 1):
        good = sum(everyone_sits(c, k) for c in itertools.product(range(1, k + 1), repeat=n))
        expected = Fraction(good, k ** n)
        a, b = seating_probability(n, k)
        assert (a, b) == (expected.numerator, expected.denominator)


def test_hand_computed():
    assert seating_probability(2, 2) == (3, 4)      # only (2, 2)-type clashes at seat 2 fail
    assert seating_probability(3, 4) == (25, 32)    # 5**2 * 2 / 4**3
    assert seating_probability(1, 7) == (1, 1)


def verify(config, answer):
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(rlve_fast.verify("Cinema", config, "<answer>%s</answer>" % answer)["reward"])
    assert out[0] == out[1]
    return out[0]


STORED = {"seed": 0, "parameter": {"MAX_N_K": 4, "N": 3, "K": 4, "gold_answer": [25, 32], "reference_answer": "25 32"}}


@pytest.mark.parametrize("answer, reward", [
    ("25 32", 0.0),          # a tuple never equals the stored list: upstream scores 0 here too
    ("25\n32", 0.0), ("26 32", 0.0), ("25", -1.0), ("25 32 32", -1.0), ("25/32", -1.0), ("x y", -1.0), ("", -1.0),
])
def test_rewards_on_a_stored_config(answer, reward):
    assert verify(STORED, answer) == reward


def test_in_memory_tuple_compares_equal():
    config = {"seed": 0, "parameter": dict(STORED["parameter"], gold_answer=(25, 32))}
    assert verify(config, "25 32") == 1.0
    assert verify(config, " +25  32 ") == 1.0
    assert verify(config, "50 64") == 0.0


def test_generation_and_limits():
    env = rlve_fast.make("Cinema")
    problem = env.generate(3, difficulty=4)
    a, b = problem.parameter["gold_answer"]
    assert problem.parameter["reference_answer"] == "%d %d" % (a, b)
    assert env.solve(problem.parameter) == {"gold_answer": [a, b]}
    with pytest.raises(ValueError):  # a fraction beyond 4,300 digits cannot be written
        env.solve({"N": 3000, "K": 4000})
    assert len(str(env.solve({"N": 1000, "K": 1000})["gold_answer"][1])) <= 4300
    with pytest.raises(GenerationError):
        env.generate(0, parameter={"MAX_N_K": 1})


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-10 ** 20, 10 ** 20), max_size=3), st.sampled_from([" ", "\n", "  \t"]))
def test_paths_agree_on_integer_lists(values, sep):
    config = {"seed": 0, "parameter": dict(STORED["parameter"], gold_answer=(25, 32))}
    got = verify(config, sep.join(map(str, values)))
    if len(values) != 2:
        assert got == -1.0
    else:
        assert got == float(tuple(values) == (25, 32))
