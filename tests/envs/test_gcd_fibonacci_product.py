"""GCDFibonacciProduct's compiled solver (batch inverses on the fast path, both products on
the general path) against the Python twin, which follows the reference step by step."""
from __future__ import annotations

import random

import pytest

from rlve_fast.envs.number_theory.gcd_fibonacci_product import gcd_fibonacci_product_python

compiled = pytest.importorskip("rlve_fast.envs.number_theory._gcd_fibonacci_product_solver")


def solve(n, m, mod):
    return compiled.gcd_fibonacci_product(n, m, mod, float("inf"))


@pytest.mark.parametrize("mod", [666623333, 998244353, 10 ** 9 + 7])
def test_generated_moduli_against_the_twin(mod):
    rng = random.Random(mod)
    pairs = [(1, 1), (1, 9), (9, 1), (3, 3), (2000, 3)] + [(rng.randint(1, 700), rng.randint(1, 700))
                                                          for _ in range(40)]
    for n, m in pairs:
        assert solve(n, m, mod) == gcd_fibonacci_product_python(n, m, mod), (n, m)


@pytest.mark.parametrize("mod", [3, 7, 89, 233, 4294967291])
def test_primes_dividing_some_fibonacci_number(mod):
    # F(4) = 3, F(8) = 21, F(11) = 89, F(13) = 233: a power mod - 2 of 0 is 0, not an inverse,
    # so the general path must give the reference's residue (4294967291: the largest prime)
    rng = random.Random(mod)
    for _ in range(30):
        n, m = rng.randint(1, 200), rng.randint(1, 200)
        assert solve(n, m, mod) == gcd_fibonacci_product_python(n, m, mod), (n, m)


@pytest.mark.parametrize("mod", [4, 10, 12, 144, 1000, 2 ** 20, 2 ** 32 - 1])
def test_composite_moduli_against_the_twin(mod):
    rng = random.Random(mod)
    for _ in range(30):
        n, m = rng.randint(1, 200), rng.randint(1, 200)
        assert solve(n, m, mod) == gcd_fibonacci_product_python(n, m, mod), (n, m)


def test_past_deadline_returns_none():
    assert compiled.gcd_fibonacci_product(300000, 300000, 998244353, 0.0) is None


def test_bad_arguments():
    for n, m, mod in ((0, 5, 7), (5, 0, 7), (5, 5, 2), (5, 5, 2 ** 32)):
        with pytest.raises((ValueError, OverflowError)):
            solve(n, m, mod)
