"""SumLCM and MinKDivisorNumber: solvers against brute force; MinKDivisorNumber's bounded
factorisation (compiled and Python) against a plain trial division; scorers by hand."""
from __future__ import annotations

import random
from math import lcm

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring_paths import reward_on_both_paths
from rlve_fast.envs.number_theory._factorization import (divisor_count_bounded, factorize,
                                                     smallest_with_divisor_count)
from rlve_fast.envs.number_theory._integer_answer_kernels import divisor_count as compiled_divisor_count
from rlve_fast.envs.number_theory.sum_lcm import _h_prefix, _small_prefix, sum_of_lcms


def trial_division_count(n, limit=10 ** 7):
    """d(n) by trial division d = 2, 3, ... while d * d <= n, giving up past ``limit``."""
    count, d = 1, 2
    while d * d <= n:
        e = 0
        while n % d == 0:
            n //= d
            e += 1
        count *= e + 1
        d += 1
        if d > limit:
            return None
    return count * (2 if n > 1 else 1)


# ----------------------------------------------------------------------------- SumLCM
def test_sum_of_lcms_against_the_sum():
    for n in range(0, 45):
        for m in range(0, 45):
            assert sum_of_lcms(n, m) == sum(lcm(i, j) for i in range(1, n + 1) for j in range(1, m + 1))
    assert sum_of_lcms(2, 2) == 1 + 2 + 2 + 2
    assert sum_of_lcms(3, 1) == 1 + 2 + 3
    for n in (1, 37, 500):
        for m in (1, 200, 499):
            assert sum_of_lcms(n, m, sieve_limit=10) == sum_of_lcms(n, m)


def test_sum_of_lcms_beyond_the_sieve():
    # the Du's-sieve prefix sums against a direct block sum over the full sieve
    rng = random.Random(0)
    for _ in range(3):
        n, m = rng.randint(5000, 20000), rng.randint(1, 20000)
        direct = 0
        for d in range(1, min(n, m) + 1):
            coprime = 0
            for k in range(1, min(n, m) // d + 1):
                mu = _mobius(k)
                if mu:
                    a, b = n // (d * k), m // (d * k)
                    coprime += mu * k * k * (a * (a + 1) // 2) * (b * (b + 1) // 2)
            direct += d * coprime
        assert sum_of_lcms(n, m) == direct
        assert sum_of_lcms(n, m, sieve_limit=100) == direct  # Du's recursion from 100 up


def test_compiled_prefix_sums_match_the_python_sieve():
    assert list(_small_prefix(5000)) == _h_prefix(5000)
    assert _h_prefix(6) == [0, 1, 1 - 2, 1 - 2 - 6, 1 - 2 - 6 - 4, 1 - 2 - 6 - 4 - 20, 1 - 2 - 6 - 4 - 20 + 12]  # h(6) = 6 (1 - 2)(1 - 3)


_MU = {}


def _mobius(k):
    if k not in _MU:
        f = factorize(k)
        _MU[k] = 0 if any(e > 1 for e in f.values()) else (-1) ** len(f)
    return _MU[k]


# ----------------------------------------------------------------------------- divisors
def test_smallest_with_divisor_count_against_search():
    first = {}
    for n in range(1, 30000):
        first.setdefault(sum(1 for d in range(1, int(n ** 0.5) + 1) if n % d == 0 for _ in
                             ((0,) if d * d == n else (0, 1))), n)
    for k, n in first.items():
        assert smallest_with_divisor_count(k) == n, k
    assert smallest_with_divisor_count(1) == 1
    assert smallest_with_divisor_count(12) == 60
    assert smallest_with_divisor_count(13) == 2 ** 12
    # 1024 = 8 * 4 * 2^5 (OEIS A005179: 294053760)
    assert smallest_with_divisor_count(2 ** 10) == 2 ** 7 * 3 ** 3 * 5 * 7 * 11 * 13 * 17 == 294053760


def test_bounded_divisor_count_against_trial_division():
    rng = random.Random(1)
    cases = list(range(1, 3000)) + [rng.randrange(1, 10 ** 9) for _ in range(200)]
    for n in cases:
        want = trial_division_count(n)
        assert divisor_count_bounded(n) == want
        assert compiled_divisor_count(n) == want


def test_bounded_divisor_count_gives_up_like_trial_division():
    big = [10000019, 10000079, 99999989, 2 ** 31 - 1]
    for a in big:
        for b in big:
            for c in (1, 12):
                n = a * b * c  # two primes above 10**7 left: trial division gives up
                assert divisor_count_bounded(n) is None
                if n < 2 ** 63:
                    assert compiled_divisor_count(n) is None
    # one large prime and small factors: complete
    assert divisor_count_bounded(12 * 99999989) == 6 * 2
    assert compiled_divisor_count(12 * 99999989) == 6 * 2
    assert divisor_count_bounded(9999991 * 9999973) == 4  # both below 10**7
    # beyond 64 bits: the Python path strips primes below 10**7 block by block
    assert divisor_count_bounded(2 ** 100 * 3 ** 50 * 1000003 ** 3 * 10000019) == 101 * 51 * 4 * 2
    assert divisor_count_bounded(1031 ** 30 * 9999991 ** 5 * 7) == 31 * 6 * 2
    assert divisor_count_bounded((2 ** 89 - 1) * (2 ** 61 - 1)) is None
    assert divisor_count_bounded(10000019 * 99999989 * 1031 ** 2) is None


KDIV = {"seed": 0, "parameter": {"K": 6, "reference_answer": 12}}  # 12: 1 2 3 4 6 12


@pytest.mark.parametrize("answer, reward", [
    ("12", 1.0), ("18", (12 / 18) ** 2), ("20", (12 / 20) ** 2), ("32", (12 / 32) ** 2),
    ("10", 0.0), ("1", 0.0), ("0", -1.0), ("-12", -1.0), ("x", -1.0),
    (str(99999989 ** 2 * 4), 0.0),                            # trial division gives up
    (str(4 * 99999989), (12 / (4 * 99999989)) ** 2),          # 3 * 2 divisors
    (str(2 ** 70 * 3), 0.0), (str(99999989 ** 5), 0.0),  # 6 divisors, but p^5 > 10**14: gives up
])
def test_min_k_divisor_rewards(answer, reward):
    assert reward_on_both_paths("MinKDivisorNumber", KDIV, answer) == reward


def test_min_k_divisor_below_the_reference_or_beyond_int64():
    broken = {"seed": 0, "parameter": {"K": 6, "reference_answer": 18}}
    assert reward_on_both_paths("MinKDivisorNumber", broken, "12") == -1.0
    huge = {"seed": 0, "parameter": {"K": 101, "reference_answer": 2 ** 100}}
    assert reward_on_both_paths("MinKDivisorNumber", huge, str(2 ** 100)) == 1.0
    assert reward_on_both_paths("MinKDivisorNumber", huge, str(3 ** 100)) == (2 ** 100 / 3 ** 100) ** 2
    assert reward_on_both_paths("MinKDivisorNumber", huge, "12") == 0.0
    assert reward_on_both_paths("MinKDivisorNumber", {"seed": 0, "parameter": {
        "K": 6, "reference_answer": 2 ** 100}}, "12") == -1.0  # a smaller valid answer


LCM = {"seed": 0, "parameter": {"reference_answer": 100}}


@pytest.mark.parametrize("answer, reward", [("100", 1.0), ("50", 0.5 ** 10), ("0", -1.0), ("1e2", -1.0)])
def test_sum_lcm_rewards(answer, reward):
    assert reward_on_both_paths("SumLCM", LCM, answer) == reward


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 200), st.one_of(st.integers(-5, 10 ** 6), st.integers(1, 2 ** 63 - 1),
                                       st.sampled_from([2 ** 62, 3 ** 39, 99999989 ** 2, 10 ** 18 + 9])))
def test_min_k_divisor_paths_agree(k, answer):
    config = {"seed": 0, "parameter": {"K": k, "reference_answer": smallest_with_divisor_count(k)}}
    reward = reward_on_both_paths("MinKDivisorNumber", config, str(answer))
    count = compiled_divisor_count(answer) if answer > 0 else None
    if answer <= 0:
        assert reward == -1.0
    elif answer == config["parameter"]["reference_answer"]:
        assert reward == 1.0
    elif count != k:
        assert reward == 0.0
    else:
        assert 0.0 < reward < 1.0
