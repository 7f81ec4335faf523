"""BAJBytecomputer: the dynamic programme against a breadth-first search over real operation
sequences, its twins, and the exact-match scorer on both paths."""
from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.sequences._baj_bytecomputer_solver import fewest_operations
from rlve_fast.envs.sequences.baj_bytecomputer import fewest_operations_py


def search(values, limit):
    """Fewest operations found by breadth-first search (values unbounded), -1 beyond limit."""
    frontier, seen = [tuple(values)], {tuple(values)}
    for depth in range(limit + 1):
        nxt = []
        for state in frontier:
            if all(a <= b for a, b in zip(state, state[1:])):
                return depth
            for i in range(len(state) - 1):
                new = list(state)
                new[i + 1] += new[i]
                new = tuple(new)
                if new not in seen:
                    seen.add(new)
                    nxt.append(new)
        frontier = nxt
    return -1


@pytest.mark.parametrize("n", range(1, 6))
def test_dynamic_programme_against_search(n):
    for values in itertools.product((-1, 0, 1), repeat=n):
        assert fewest_operations(list(values)) == search(values, 2 * n), values


def test_twins_agree():
    for n in range(1, 9):
        for values in itertools.product((-1, 0, 1), repeat=n):
            assert fewest_operations(list(values)) == fewest_operations_py(list(values))
    rng = random.Random(1)
    for _ in range(100):
        values = [rng.choice((-1, 0, 1)) for _ in range(rng.randint(1, 300))]
        assert fewest_operations(values) == fewest_operations_py(values)


def test_hand_computed():
    assert fewest_operations([-1, 0, 0]) == 0
    assert fewest_operations([1, -1]) == 2          # -1 -> 0 -> 1
    assert fewest_operations([1, 0, -1]) == 3       # 0 -> 1, then -1 -> 0 -> 1
    assert fewest_operations([0, -1]) == -1         # nothing can raise the -1
    assert fewest_operations([-1, 1, 0]) == 1       # 0 -> 1
    with pytest.raises(ValueError):
        fewest_operations([2, 0])


CONFIG = {"seed": 0, "parameter": {"N": 3, "X": [1, 0, -1], "reference_answer": 3}}


@pytest.mark.parametrize("answer, reward", [
    ("3", 1.0), (" 3 ", 1.0), ("+3", 1.0), ("٣", 1.0), ("2", 0.0), ("-3", 0.0), ("0", 0.0),
    ("3.0", -1.0), ("3 3", -1.0), ("three", -1.0), ("", -1.0),
])
def test_rewards(answer, reward):
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            assert rlve_fast.verify("BAJBytecomputer", CONFIG, "<answer>%s</answer>" % answer)["reward"] == reward


@settings(max_examples=200, deadline=None)
@given(st.integers(-10 ** 20, 10 ** 20), st.integers(0, 100))
def test_paths_agree_and_follow_the_rule(answer, gold):
    config = {"seed": 0, "parameter": {"N": 3, "X": [0, 0, 0], "reference_answer": gold}}
    got = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            got.append(rlve_fast.verify("BAJBytecomputer", config, "<answer>%d</answer>" % answer)["reward"])
    assert got[0] == got[1] == (1.0 if answer == gold else 0.0)


def test_generated_arrays_are_feasible():
    env = rlve_fast.make("BAJBytecomputer")
    for seed in range(20):
        parameter = env.generate(seed, difficulty=5).parameter
        assert set(parameter["X"]) <= {-1, 0, 1} and len(parameter["X"]) == parameter["N"]
        assert parameter["reference_answer"] == fewest_operations_py(parameter["X"]) >= 0
