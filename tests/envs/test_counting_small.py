"""Counting environments: solvers against brute-force enumeration on small instances."""
from __future__ import annotations

from fractions import Fraction
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.counting.grid_triangle_counting import count_grid_triangles
from rlve_fast.envs.counting.halving_chain_counting import count_halving_chains
from rlve_fast.envs.number_theory.circulating_decimal_counting import count_pure_repeating
from rlve_fast.envs.number_theory.integer_factorization_counting import count_distinct_factorizations


def chains(last):
    return 1 + sum(chains(y) for y in range(1, last // 2 + 1))


def factor_sets(n, low=2):
    """All sets of distinct factors >= low (increasing) with product n."""
    out = [[n]] if n >= low else []
    for f in range(low, n):
        if n % f == 0 and f < n // f:
            out += [[f] + rest for rest in factor_sets(n // f, f + 1)]
    return out


def purely_periodic(value: Fraction, base: int) -> bool:
    """Long division in `base`: purely periodic iff the remainder sequence returns to its start."""
    remainder, denominator = value.numerator % value.denominator, value.denominator
    if remainder == 0:
        return True
    seen, r = set(), remainder
    while r not in seen:
        seen.add(r)
        r = r * base % denominator
        if r == 0:
            return False
    return r == remainder


def test_halving_chains():
    assert [count_halving_chains(n) for n in range(1, 30)] == [chains(n) for n in range(1, 30)]
    assert count_halving_chains(6) == 6  # (6) (6,1) (6,2) (6,3) (6,2,1) (6,3,1)


def test_factorizations():
    for n in range(4, 400):
        assert count_distinct_factorizations(n) == len(factor_sets(n)) - 1, n
    assert count_distinct_factorizations(24) == 4
    assert count_distinct_factorizations(688) == 6


def test_pure_repeating_values():
    for n in range(1, 9):
        for m in range(1, 9):
            for k in range(2, 8):
                values = {Fraction(x, y) for x in range(1, n + 1) for y in range(1, m + 1)}
                assert count_pure_repeating(n, m, k) == sum(purely_periodic(v, k) for v in values), (n, m, k)


def test_grid_triangles():
    for n in range(1, 7):
        for m in range(1, 7):
            points = [(x, y) for x in range(n + 1) for y in range(m + 1)]
            brute = sum(1 for a, b, c in combinations(points, 3)
                        if (b[0] - a[0]) * (c[1] - a[1]) != (b[1] - a[1]) * (c[0] - a[0]))
            assert count_grid_triangles(n, m) == brute, (n, m)
    assert count_grid_triangles(1, 1) == 4


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["HalvingChainCounting", "GridTriangleCounting", "CirculatingDecimalCounting",
                        "IntegerFactorizationCounting"]),
       st.integers(0, 500), st.integers(-3, 600))
def test_scorers_agree_with_the_rule(env_id, gold, answer):
    env = rlve_fast.make(env_id)
    config = {"seed": 0, "parameter": {"reference_answer": gold}}
    results = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            results.append(env.verify(config, "<answer>%d</answer>" % answer)["reward"])
    assert results[0] == results[1]
    lowest = 0 if env_id == "IntegerFactorizationCounting" else 1
    if answer < lowest:
        assert results[0] == -1.0
    elif answer == 0 or gold == 0:
        assert results[0] == (1.0 if answer == gold else 0.0)
    else:
        assert results[0] == (min(answer, gold) / max(answer, gold)) ** 10


@pytest.mark.parametrize("env_id", ["HalvingChainCounting", "GridTriangleCounting", "CirculatingDecimalCounting",
                                    "IntegerFactorizationCounting"])
def test_generation_at_level_20(env_id):
    assert rlve_fast.make(env_id).generate(3, difficulty=20).parameter["reference_answer"] >= 0
