"""Canon, FixedModK_Selection_Counting, GCDFibonacciProduct: residues modulo MOD.

Solvers against brute force on small instances; the shared residue rule (-0.5 outside
[0, MOD), 1 for the reference, 0 otherwise) on hand-computed cases and on both paths."""
from __future__ import annotations

import itertools
import random
from math import comb, gcd

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.number_theory.canon import even_cover_sequences
from rlve_fast.envs.number_theory.fixed_mod_k_selection_counting import (cyclic_binomial,
                                                                         cyclic_binomial_python)
from rlve_fast.envs.number_theory.gcd_fibonacci_product import (gcd_fibonacci_product,
                                                                gcd_fibonacci_product_python)

ENVS = ["Canon", "FixedModK_Selection_Counting", "GCDFibonacciProduct"]


def test_even_cover_sequences_against_enumeration():
    for n in range(1, 4):
        for m in range(2, 6):
            count = 0
            for seq in itertools.permutations(range(1, 2 ** n), m):
                xor = 0
                for s in seq:
                    xor ^= s  # a subset as a bit mask: parity of every element
                count += xor == 0
            for mod in (2, 3, 97, 1000003):
                assert even_cover_sequences(n, m, mod) == count % mod


def test_even_cover_sequences_by_hand():
    # N = 2: the non-empty subsets {1}, {2}, {1,2}; M = 3: all three in any order (3! = 6)
    assert even_cover_sequences(2, 3, 1000) == 6
    assert even_cover_sequences(2, 2, 1000) == 0  # two distinct subsets never cancel


def test_cyclic_binomial_against_direct_sum():
    for n in range(1, 9):
        for k in range(1, 7):
            for r in range(k):
                for mod in (2, 10, 999983, 2 ** 32 - 5, 2 ** 32 + 15):
                    want = sum(comb(n * k, i * k + r) for i in range(n + 2)) % mod
                    assert cyclic_binomial(n * k, k, r, mod) == want
                    assert cyclic_binomial_python(n * k, k, r, mod) == want


def test_cyclic_binomial_by_hand():
    # n = 2, k = 2, r = 1: C(4, 1) + C(4, 3) = 8
    assert cyclic_binomial(4, 2, 1, 1000) == 8
    assert cyclic_binomial(4, 2, 0, 5) == (1 + 6 + 1) % 5


def test_gcd_fibonacci_product_against_the_product():
    fib = [0, 1]
    while len(fib) < 40:
        fib.append(fib[-1] + fib[-2])
    for n in range(1, 22):
        for m in range(1, 22):
            product = 1
            for i in range(1, n + 1):
                for j in range(1, m + 1):
                    product *= fib[gcd(i, j)]
            for mod in (998244353, 10 ** 9 + 7, 666623333, 7):
                assert gcd_fibonacci_product(n, m, mod) == product % mod
                assert gcd_fibonacci_product_python(n, m, mod) == product % mod


def test_gcd_fibonacci_product_by_hand():
    # gcds over [1..3] x [1..2]: 1 1 / 1 2 / 1 1 -> F(2) = 1 everywhere: 1
    assert gcd_fibonacci_product(3, 2, 998244353) == 1
    # [1..4] x [1..4]: F(gcd) is 2 for (3, 3), 3 for (4, 4), 1 elsewhere (F(1) = F(2) = 1)
    assert gcd_fibonacci_product(4, 4, 998244353) == 2 * 3


def test_gcd_fibonacci_product_composite_moduli_agree():
    # a composite modulus has no inverses; both solvers take the (mod - 2)-th power alike
    for mod in (10, 12, 1000, 2 ** 20):
        for n, m in ((5, 9), (30, 17), (64, 64)):
            assert gcd_fibonacci_product(n, m, mod) == gcd_fibonacci_product_python(n, m, mod)


CONFIG = {"seed": 0, "parameter": {"MOD": 100, "reference_answer": 42}}


@pytest.mark.parametrize("env_id", ENVS)
@pytest.mark.parametrize("answer, reward", [
    ("42", 1.0), (" +42\n", 1.0), ("4_2", 1.0), ("٤٢", 1.0), ("41", 0.0), ("0", 0.0), ("99", 0.0),
    ("100", -0.5), ("-1", -0.5), ("142", -0.5), ("10" * 30, -0.5), ("42.0", -1.0), ("42 1", -1.0), ("", -1.0),
])
def test_residue_rewards(env_id, answer, reward):
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            got = rlve_fast.verify(env_id, CONFIG, "<answer>%s</answer>" % answer)
            assert got["reward"] == reward, implementation
            assert got["accuracy"] == (reward == 1.0)


@pytest.mark.parametrize("env_id", ENVS)
def test_moduli_beyond_int64_use_the_python_scorer(env_id):
    config = {"seed": 0, "parameter": {"MOD": 10 ** 30, "reference_answer": 10 ** 25}}
    for answer, reward in ((str(10 ** 25), 1.0), ("5", 0.0), (str(10 ** 30), -0.5)):
        assert rlve_fast.verify(env_id, config, "<answer>%s</answer>" % answer)["reward"] == reward


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(ENVS), st.integers(1, 10 ** 6), st.integers(-10, 10 ** 6),
       st.integers(-10 ** 7, 10 ** 20), st.sampled_from(["%d", " %d ", "%d.5", "0x%d", "%d\n%d"]))
def test_paths_agree_and_follow_the_rule(env_id, mod, gold, answer, template):
    env = rlve_fast.make(env_id)
    config = {"seed": 0, "parameter": {"MOD": mod, "reference_answer": gold}}
    text = "<answer>%s</answer>" % template.replace("%d", str(answer))
    with _impl.implementation("compiled"):
        fast = env.verify(config, text)["reward"]
    with _impl.implementation("python"):
        slow = env.verify(config, text)["reward"]
    assert fast == slow
    if template not in ("%d", " %d "):
        assert fast == -1.0
    elif not 0 <= answer < mod:
        assert fast == -0.5
    else:
        assert fast == (1.0 if answer == gold else 0.0)


def test_generation_at_high_levels_is_fast():
    rng = random.Random(0)
    for env_id in ENVS:
        env = rlve_fast.make(env_id)
        problem = env.generate(rng.randrange(1000), difficulty=30)
        assert 0 <= problem.parameter["reference_answer"] < problem.parameter["MOD"]
