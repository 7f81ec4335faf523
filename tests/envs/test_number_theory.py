"""Number-theory environments: solvers against brute force, scorers against their rules."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.number_theory._divisors import divisor_count_prefix, mobius_prefix
from rlve_fast.envs.number_theory.factorial_trailing_zero_count import trailing_zeros_in_base
from rlve_fast.envs.number_theory.sum_product_divisor_num import sum_divisors_of_products
from rlve_fast.envs.number_theory.sum_xor_divisor_num import sum_xor_divisors


def d(n):
    return sum(1 for k in range(1, n + 1) if n % k == 0) if n > 0 else 0


def mu(n):
    result, p = 1, 2
    while p * p <= n:
        if n % p == 0:
            n //= p
            if n % p == 0:
                return 0
            result = -result
        p += 1
    return -result if n > 1 else result


def test_divisor_helpers_against_brute_force():
    for n in range(-2, 300):
        assert divisor_count_prefix(n) == sum(d(k) for k in range(1, n + 1))
    prefix = mobius_prefix(200)
    assert prefix == [sum(mu(k) for k in range(1, x + 1)) for x in range(201)]


@pytest.mark.parametrize("n", range(3, 40))
def test_trailing_zeros_against_the_numeral(n):
    value = math.factorial(n)
    for k in range(2, 40):
        zeros, v = 0, value
        while v % k == 0:
            v //= k
            zeros += 1
        assert trailing_zeros_in_base(n, k) == zeros


def test_sum_product_and_xor_against_brute_force():
    for n in range(1, 14):
        for m in range(1, 14):
            assert sum_divisors_of_products(n, m) == sum(d(i * j) for i in range(1, n + 1) for j in range(1, m + 1))
    for n in range(0, 12):
        for m in range(0, 12):
            for x in (0, 1, 5, 13, 31):
                assert sum_xor_divisors(n, m, x) == sum(d(i ^ j ^ x) for i in range(n + 1) for j in range(m + 1))


def test_hand_computed_examples():
    assert trailing_zeros_in_base(10, 10) == 2        # 10! = 3628800
    assert trailing_zeros_in_base(5, 2) == 3          # 120 = 0b1111000
    assert divisor_count_prefix(6) == 14               # 1+2+2+3+2+4
    assert sum_divisors_of_products(2, 2) == 1 + 2 + 2 + 3  # d(1), d(2), d(2), d(4)
    assert sum_xor_divisors(1, 1, 0) == 0 + 1 + 1 + 0      # d(0), d(1), d(1), d(0)


CONFIG = {"seed": 0, "parameter": {"MAX_R": 10, "R": 9, "L": 2, "reference_answer": 22}, "passing_reward_threshold": 1.0}


@pytest.mark.parametrize("answer, reward", [
    ("22", 1.0), ("11", 0.5 ** 10), ("44", 0.5 ** 10), ("0", -1.0), ("-3", -1.0), ("x", -1.0), ("2 2", -1.0),
    (" +22 ", 1.0), ("2_2", 1.0), ("٢٢", 1.0),
])
def test_sum_divisor_num_rewards(answer, reward):
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            assert rlve_fast.verify("Sum_DivisorNum", CONFIG, "<answer>%s</answer>" % answer)["reward"] == reward


def test_xor_zero_answer_goes_through_the_ratio():
    # Upstream rejects only negatives here, so 0 is scored (0/gold)^10 = 0, and 0 against a
    # reference of 0 divides by zero: -1.
    config = {"seed": 0, "parameter": {"N": 3, "M": 3, "X": 0, "reference_answer": 40}}
    assert rlve_fast.verify("SumXorDivisorNum", config, "<answer>0</answer>")["reward"] == 0.0
    config["parameter"]["reference_answer"] = 0
    assert rlve_fast.verify("SumXorDivisorNum", config, "<answer>0</answer>")["reward"] == -1.0


ENVS = ["FactorialTrailingZeroCount", "Sum_DivisorNum", "SumProductDivisorNum", "SumXorDivisorNum"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ENVS), st.integers(0, 10**6), st.integers(-10**6, 10**20),
       st.sampled_from(["%d", " %d\n", "%d.0", "+%d", "%d %d"]))
def test_scorer_paths_agree_and_follow_the_rule(env_id, gold, answer, template):
    env = rlve_fast.make(env_id)
    config = {"seed": 0, "parameter": {"reference_answer": gold}}
    text = "<answer>%s</answer>" % (template.replace("%d", str(answer), 1).replace("%d", "1"))
    with _impl.implementation("compiled"):
        fast = env.verify(config, text)["reward"]
    with _impl.implementation("python"):
        slow = env.verify(config, text)["reward"]
    assert fast == slow
    if template in ("%d.0", "%d %d") or (template == "+%d" and answer < 0):  # not one int
        assert fast == -1.0
    elif env_id == "FactorialTrailingZeroCount":
        assert fast == (1.0 if answer == gold else 0.0)
    elif answer < (1 if env_id in ("Sum_DivisorNum", "SumProductDivisorNum") else 0):
        assert fast == -1.0
    elif answer == 0 and gold == 0:
        assert fast == -1.0
    else:
        assert fast == (min(answer, gold) / max(answer, gold)) ** 10


@pytest.mark.parametrize("env_id", ENVS)
def test_generation_stays_fast_at_high_levels(env_id):
    env = rlve_fast.make(env_id)
    problem = env.generate(1, difficulty=20)
    assert problem.parameter["reference_answer"] >= 0


def test_mertens_against_the_sieve():
    from rlve_fast.envs.number_theory._divisors import Mertens
    sieve = mobius_prefix(60000)
    for limit in (1, 2, 17, 1000, 60000):
        mertens = Mertens(limit)
        assert [mertens(x) for x in range(limit + 1)] == sieve[:limit + 1]
