"""NumberPartitionCounting: partition counts against enumeration and known values; the
integer reward rule on hand-computed cases."""
from __future__ import annotations

import random

import pytest

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.counting import number_partition_counting as module
from rlve_fast.envs.counting._multimodular import combine


def partitions_into(n, k, largest=None):
    """Enumerate partitions of n into exactly k parts, each at most ``largest``."""
    if largest is None:
        largest = n
    if k == 0:
        return 1 if n == 0 else 0
    return sum(partitions_into(n - first, k - 1, first) for first in range(1, min(largest, n) + 1))


def test_known_values():
    assert module.count_partitions(7, 3) == 4        # 5+1+1 4+2+1 3+3+1 3+2+2
    assert module.count_partitions(6, 2) == 3        # 5+1 4+2 3+3
    assert module.count_partitions(5, 5) == 1
    assert module.count_partitions(5, 1) == 1
    assert module.parts_at_most(100, 100) == 190569292       # p(100)
    assert module.count_partitions(1000, 1) == 1
    assert module.partition_numbers(10) == [1, 1, 2, 3, 5, 7, 11, 15, 22, 30, 42]


def test_against_enumeration():
    for n in range(1, 26):
        for k in range(1, n + 1):
            assert module.count_partitions(n, k) == partitions_into(n, k), (n, k)


def test_compiled_agrees_with_the_exact_twin_on_large_inputs():
    rng = random.Random(2)
    cases = [(3000, 1500), (3000, 40), (2500, 60), (4000, 3999), (5000, 2)]
    cases += [(n, rng.randint(1, n)) for n in (rng.randint(100, 3000) for _ in range(8))]
    for n, k in cases:
        assert module.count_partitions(n, k) == module.parts_at_most(n - k, k), (n, k)


def test_rademacher_matches_the_pentagonal_recurrence():
    table = module.partition_numbers(2600)
    for n in list(range(0, 400)) + list(range(400, 2601, 7)):
        assert module.partition_number(n) == table[n], n


def test_rademacher_on_large_inputs():
    sympy = pytest.importorskip("sympy")
    partition = getattr(sympy, "partition", None) or sympy.npartitions
    for n in (65537, 123457, 10 ** 6 + 3):
        assert module.partition_number(n) == int(partition(n)), n


def test_large_k_branches_agree_with_the_exact_twin():
    """K >= m (all partitions of m) and m/2 <= K < m (one part above K) against the DP."""
    rng = random.Random(5)
    cases = [(4000, 2000), (4001, 2000), (5000, 2499), (5000, 1666), (5000, 1667), (6000, 2500)]
    for _ in range(6):
        m = rng.randint(module.RADEMACHER_FROM, 5000)
        k = rng.randint(m // 2, m + 10)
        cases.append((m + k, k))
    for n, k in cases:
        assert module.count_partitions(n, k) == module.parts_at_most(n - k, k), (n, k)


def test_prefix_sums():
    table = module.partition_numbers(3000)
    for top in (0, 1, 63, 64, 100, 2999):
        assert module.partition_prefix_sum(top) == sum(table[:top + 1]), top


def test_combine_rebuilds_integers():
    for value in (0, 1, 12345, 3 ** 200, 2 ** 400 - 1):
        assert combine(value.bit_length() + 1, lambda p: value % p) == value


@pytest.mark.parametrize("answer, reward", [
    ("4", 1.0), ("2", 0.5 ** 10), ("8", 0.5 ** 10), ("0", -1.0), ("-4", -1.0), ("4.0", -1.0), (" 4 ", 1.0),
])
def test_rewards(answer, reward):
    config = {"seed": 0, "parameter": {"MAX_N": 10, "N": 7, "K": 3, "reference_answer": 4}}
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            assert rlve_fast.verify("NumberPartitionCounting", config, "<answer>%s</answer>" % answer)["reward"] == reward
