"""SumXorDivisorNum: the compiled block sum against the Python block sum and a direct sum."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlve_fast import deadline
from rlve_fast.envs.number_theory import sum_xor_divisor_num as sxd
from rlve_fast.errors import GenerationTimeout

compiled = pytest.importorskip("rlve_fast.envs.number_theory._sum_xor_divisor_num_solver")


def d(v):
    return sum(1 for k in range(1, v + 1) if v % k == 0)


def test_both_sums_against_direct_sum():
    divisors = [d(v) for v in range(64)]
    for n in range(0, 16):
        for m in range(0, 16):
            for x in range(0, 32):
                direct = sum(divisors[i ^ j ^ x] for i in range(n + 1) for j in range(m + 1))
                assert sxd.sum_xor_divisors(n, m, x) == direct, (n, m, x)
                assert sxd.plain_sum_xor_divisors(n, m, x) == direct, (n, m, x)


def test_by_hand():
    # i, j in {0, 1, 2}, X = 0: values 0 1 2 / 1 0 3 / 2 3 0 -> d = 0 1 2 / 1 0 2 / 2 2 0
    assert sxd.sum_xor_divisors(2, 2, 0) == 10
    assert sxd.sum_xor_divisors(0, 0, 6) == 4  # d(6)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 10 ** 8), st.integers(0, 10 ** 8), st.integers(0, 10 ** 8))
def test_compiled_matches_python(n, m, x):
    assert sxd.sum_xor_divisors(n, m, x) == sxd.plain_sum_xor_divisors(n, m, x)


def test_beyond_64_bits():
    n, m, x = 2 ** 33 + 12345, 2 ** 34 - 1, 2 ** 33 + 777
    total = sxd.sum_xor_divisors(n, m, x)
    assert total > 2 ** 64
    assert total == sxd.plain_sum_xor_divisors(n, m, x)


def test_compiled_sum_stops_at_the_deadline():
    assert compiled.sum_xor_divisors(2 ** 59, 2 ** 59, 3, 0.0) is None
    with pytest.raises(GenerationTimeout):
        with deadline.budget(1e-9):
            sxd.sum_xor_divisors(2 ** 59, 2 ** 59, 3)
