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
