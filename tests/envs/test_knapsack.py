"""Knapsack: the compiled programme against the Python one and against subset enumeration."""
from __future__ import annotations

import random
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlve_fast import deadline
from rlve_fast.envs.optimization import knapsack
from rlve_fast.errors import GenerationTimeout

compiled = pytest.importorskip("rlve_fast.envs.optimization._knapsack_solver")


def test_compiled_against_subsets():
    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(1, 9)
        w = [rng.randint(1, 12) for _ in range(n)]
        v = [rng.randint(1, 25) for _ in range(n)]
        cap = rng.randint(0, sum(w) + 2)
        brute = max(sum(v[i] for i in s) for k in range(n + 1) for s in combinations(range(n), k)
                    if sum(w[i] for i in s) <= cap)
        assert compiled.best_value(w, v, cap, float("inf")) == brute
        assert knapsack.best_value(w, v, cap) == brute
        assert knapsack.plain_best_value(w, v, cap) == brute


def test_by_hand():
    # capacity 5: items (2, 3) + (3, 4) = 7 beats (4, 5) alone
    assert knapsack.best_value([2, 3, 4], [3, 4, 5], 5) == 7
    assert knapsack.best_value([6, 10 ** 30], [9, 100], 5) == 0  # nothing fits
    assert knapsack.best_value([1, 1], [-3, 2], 2) == 2  # a negative value is never taken


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 60), st.integers(-5, 120)), max_size=25), st.integers(0, 400))
def test_compiled_matches_python(items, capacity):
    w = [a for a, _ in items]
    v = [b for _, b in items]
    assert knapsack.best_value(w, v, capacity) == knapsack.plain_best_value(w, v, capacity)


def test_compiled_programme_stops_at_the_deadline():
    assert compiled.best_value([1] * 100, [1] * 100, 10 ** 6, 0.0) is None
    with pytest.raises(GenerationTimeout):
        with deadline.budget(1e-9):
            knapsack.best_value([1] * 100, [1] * 100, 10 ** 6)
