"""DecreasingDigitCounting: the closed form against enumeration of all numbers R."""
from __future__ import annotations

from math import comb

import pytest

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.counting.decreasing_digit_counting import count_increasing, row_prefix


def brute_force(k, w):
    count = 0
    for r in range(1, 1 << w):
        digits = []
        x = r
        while x:
            digits.append(x % (1 << k))
            x >>= k
        digits.reverse()
        if len(digits) >= 2 and all(a < b for a, b in zip(digits, digits[1:])):
            count += 1
    return count


def test_against_enumeration():
    for k in (2, 3, 4):
        for w in range(1, 15):
            assert count_increasing(k, w) == brute_force(k, w), (k, w)


def test_hand_counted():
    assert count_increasing(2, 4) == 3   # 12, 13, 23 in base 4
    assert count_increasing(2, 5) == 4   # and 123 in base 4 = 27 < 2^5
    assert count_increasing(2, 3) == 2   # 12 and 13 in base 4 (6 and 7) fit in 3 bits
    assert count_increasing(3, 2) == 0


@pytest.mark.parametrize("v", [1, 2, 5, 8, 63, 64, 65, 200, 511])
def test_row_prefix(v):
    running = 0
    for j in range(-1, v + 2):
        if 0 <= j <= v:
            running += comb(v, j)
        assert row_prefix(v, j) == running


def test_large_rows_use_the_splitting():
    v = (1 << 11) - 1
    for j in (100, 700, 1000, 1023, 1500):
        assert row_prefix(v, j) == sum(comb(v, m) for m in range(j + 1))


@pytest.mark.parametrize("reference, answer, reward", [
    (4, "4", 1.0), (4, "2", 0.5 ** 10), (4, "0", 0.0), (4, "-1", -1.0), (0, "0", 1.0), (0, "3", 0.0), (4, "x", -1.0),
])
def test_rewards(reference, answer, reward):
    config = {"seed": 0, "parameter": {"K": 2, "W": 7, "reference_answer": reference}}
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            assert rlve_fast.verify("DecreasingDigitCounting", config, "<answer>%s</answer>" % answer)["reward"] == reward
