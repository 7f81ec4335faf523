"""MinKDivisorNumber's compiled search against the Python search and a brute force."""
from __future__ import annotations

import random

import pytest

from rlve_fast.envs.number_theory import min_kdivisor_number as module
from rlve_fast.envs.number_theory._factorization import is_probable_prime, smallest_with_divisor_count

needs_compiled = pytest.mark.skipif(module._compiled is None, reason="extension not built")


def test_against_brute_force():
    first = {}
    for n in range(1, 20000):
        count = sum(2 if d * d != n else 1 for d in range(1, int(n ** 0.5) + 1) if n % d == 0)
        first.setdefault(count, n)
    for k, n in first.items():
        assert module.least_with_divisor_count(k) == n, k


@needs_compiled
def test_compiled_search_matches_the_python_search():
    rng = random.Random(5)
    ks = list(range(1, 3000)) + [rng.randint(2, 10 ** 7) for _ in range(300)]
    ks += [rng.randint(2, 5 * 2 ** 30) for _ in range(30)] + [2 ** 30, 2 ** 20 * 3 ** 5, 720720, 4324320]
    for k in ks:
        assert outcome(module.least_with_divisor_count, k) == outcome(smallest_with_divisor_count, k), k


def outcome(solver, k):
    try:
        return solver(k)
    except ValueError as exc:  # an answer of more than MAX_ANSWER_BITS bits
        return str(exc)


@needs_compiled
def test_too_large_answers_are_refused_alike():
    prime = 5 * 2 ** 30 + 1
    while not is_probable_prime(prime):
        prime += 2
    for solver in (module.least_with_divisor_count, smallest_with_divisor_count):
        with pytest.raises(ValueError):
            solver(prime)  # 2 ** (prime - 1): billions of bits


@needs_compiled
def test_compiled_search_stops_at_the_deadline():
    assert module._compiled(2 ** 10 * 3 ** 4 * 5 ** 2 * 7 * 11 * 13, 0.0) is None
    assert module._compiled(12, float("inf")) == (pytest.approx(module._compiled(12, float("inf"))[0]), [(2, 1, 1)])
