"""CirculatingDecimalCounting: the compiled grouped count against the plain per-g sum and a
direct count of coprime pairs."""
from __future__ import annotations

from math import gcd

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlve_fast import deadline
from rlve_fast.envs.number_theory import circulating_decimal_counting as circ
from rlve_fast.errors import GenerationTimeout

compiled = pytest.importorskip("rlve_fast.envs.number_theory._circulating_decimal_counting_solver")


def direct_count(n, m, k):
    return sum(1 for x in range(1, n + 1) for y in range(1, m + 1) if gcd(x, y) == 1 and gcd(y, k) == 1)


def test_plain_count_against_pairs():
    for n in range(1, 14):
        for m in range(1, 14):
            for k in (2, 3, 6, 10, 12):
                assert circ.plain_count_pure_repeating(n, m, k) == direct_count(n, m, k), (n, m, k)


def test_compiled_count_on_small_instances():
    for n in range(1, 45):
        for m in range(1, 45):
            for k in (2, 3, 4, 30, 97):
                assert circ.count_pure_repeating(n, m, k) == circ.plain_count_pure_repeating(n, m, k), (n, m, k)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 40000), st.integers(1, 40000), st.integers(2, 400))
def test_compiled_count_matches_plain_count(n, m, k):
    assert circ.count_pure_repeating(n, m, k) == circ.plain_count_pure_repeating(n, m, k)


def test_large_instances():
    for n, m, k in [(120000, 120000, 210), (1, 200000, 7), (200000, 2, 3), (100000, 54321, 30030)]:
        assert circ.count_pure_repeating(n, m, k) == circ.plain_count_pure_repeating(n, m, k), (n, m, k)


def test_counts_by_hand():
    # base 10, x, y <= 3: values 1/1 2/1 3/1 1/3 2/3 (y = 2 gives 1/2, 3/2: finite, not periodic)
    assert circ.count_pure_repeating(3, 3, 10) == 5
    assert circ.count_pure_repeating(1, 1, 2) == 1


def test_compiled_count_stops_at_the_deadline():
    assert compiled.count_coprime_pairs(10 ** 9, 10 ** 9, 6, 0.0) is None
    with pytest.raises(GenerationTimeout):
        with deadline.budget(1e-9):
            circ.count_pure_repeating(10 ** 9, 10 ** 9, 6)


def test_plain_sieve_refuses_what_it_cannot_hold():
    with pytest.raises(ValueError):
        circ.mobius(circ.SIEVE_LIMIT + 1)
    with pytest.raises(ValueError):
        circ.count_pure_repeating(1 << 40, 1 << 40, 10)
