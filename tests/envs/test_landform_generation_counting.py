"""LandformGenerationCounting: the counting solver against enumeration of all orders."""
from __future__ import annotations

import random
from itertools import permutations

import pytest

from rlve_fast.envs.counting.landform_generation_counting import count_height_sequences, count_nondecreasing


def brute_force(pairs):
    sequences = set()
    for order in permutations(range(len(pairs))):
        heights = [pairs[i][0] for i in order]
        if all(sum(h > heights[i] for h in heights[:i]) < pairs[order[i]][1] for i in range(len(order))):
            sequences.add(tuple(heights))
    return len(sequences)


@pytest.mark.parametrize("pairs, count", [
    ([[1, 1], [2, 1]], 1),                # the short item must come first: (1, 2)
    ([[1, 2], [2, 1]], 2),                # both orders
    ([[1, 1], [1, 1], [2, 1]], 1),        # (1, 1, 2)
    ([[1, 2], [1, 2], [2, 1]], 3),        # the 2 goes anywhere
    ([[1, 1], [1, 2], [2, 1]], 2),        # (1, 2, 1) and (1, 1, 2)
    ([[3, 1], [3, 5], [3, 2]], 1),        # all equal: one sequence
])
def test_hand_counted(pairs, count):
    assert count_height_sequences(pairs, 10**9) == count


def test_nondecreasing_sequences():
    assert count_nondecreasing([2, 2], 100) == 3      # 11 12 22
    assert count_nondecreasing([1, 3], 100) == 3      # 11 12 13
    assert count_nondecreasing([2, 3, 3], 100) == 9   # j1<=2, j1<=j2<=j3<=3
    assert count_nondecreasing([0, 4], 100) == 0


def test_against_enumeration():
    rng = random.Random(5)
    for _ in range(250):
        n = rng.randint(1, 6)
        pairs = [[rng.randint(1, 4), rng.randint(1, n + 1)] for _ in range(n)]
        mod = rng.choice([2, 7, 10**9])
        assert count_height_sequences(pairs, mod) == brute_force(pairs) % mod, pairs
