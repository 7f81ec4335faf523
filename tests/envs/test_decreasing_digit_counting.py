"""DecreasingDigitCounting: the closed form against enumeration of all numbers R."""
from __future__ import annotations

import random
from math import comb

import pytest

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.counting import decreasing_digit_counting as ddc
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


try:
    from rlve_fast.envs.counting import _decreasing_digit_counting_solver as compiled
except ImportError:  # not built: only the Python paths are tested
    compiled = None
needs_compiled = pytest.mark.skipif(compiled is None, reason="the compiled solver is not built")


@needs_compiled
def test_compiled_binomials_against_math_comb():
    for n in range(0, 130):
        for k in range(0, n + 3):
            assert compiled.binomial(n, k) == comb(n, k), (n, k)
    rng = random.Random(3)
    for _ in range(200):
        n = rng.choice([255, 256, 1023, 2047, 4095, rng.randint(0, 9000)])
        k = rng.choice([0, 1, n // 2, n - 1, n, rng.randint(0, n)])
        assert compiled.binomial(n, k) == comb(n, k), (n, k)
    with pytest.raises(ValueError):
        compiled.binomial(compiled.LARGEST_N + 1, 3)


def python_leaf(v, lo, hi):
    p, q, t = 1, 1, 0
    for m in range(lo, hi):
        t, p, q = t * (m + 1) + p * (v - m), p * (v - m), q * (m + 1)
    return p, q, t


@needs_compiled
def test_compiled_leaves_against_the_python_loop():
    rng = random.Random(8)
    for _ in range(600):
        v = rng.choice([(1 << rng.randint(1, 32)) - 1, rng.randint(0, (1 << 32) - 1)])
        lo = rng.randint(0, min(v, 300))
        hi = rng.randint(lo, min(v + 1, lo + rng.choice([0, 1, 2, 3, 17, 200])))
        if rng.random() < 0.2:  # runs up to the end of the row, where a factor v - m is 0
            hi, lo = v + 1, max(0, v + 1 - rng.randint(0, 40))
        assert compiled.ratio_sum_leaf(v, lo, hi) == python_leaf(v, lo, hi), (v, lo, hi)
    with pytest.raises(ValueError):
        compiled.ratio_sum_leaf(1 << 32, 0, 3)
    with pytest.raises(ValueError):
        compiled.ratio_sum_leaf(10, 5, 12)


def test_compiled_and_python_paths_count_alike(monkeypatch):
    rng = random.Random(5)
    cases = [(k, rng.randint(k + 1, k * (1 << k))) for k in range(2, 14) for _ in range(4)]
    fast = [count_increasing(k, w) for k, w in cases]
    monkeypatch.setattr(ddc, "LEAF_BITS", 300)  # many small compiled leaves, Python joins
    assert [count_increasing(k, w) for k, w in cases] == fast
    monkeypatch.setattr(ddc, "LARGEST_N", -1)
    monkeypatch.setattr(ddc, "LARGEST_V", -1)  # the pure-Python twin
    assert [count_increasing(k, w) for k, w in cases] == fast


def test_exact_quotient_by_the_inverse_modulo_a_power_of_two(monkeypatch):
    rng = random.Random(12)
    monkeypatch.setattr(ddc, "HENSEL_BITS", 0)  # always the inverse, never //
    for _ in range(300):
        q = rng.getrandbits(rng.choice([1, 10, 63, 64, 65, 100, 5000])) + rng.randint(0, 1)
        d = (rng.getrandbits(rng.choice([1, 64, 65, 200, 3000])) + 1) << rng.choice([0, 0, 1, 70])
        assert ddc.exact_quotient(q * d, d) == q, (q, d)
    cases = [(k, rng.randint(k + 1, k * (1 << k))) for k in range(2, 13) for _ in range(3)]
    want = [count_increasing(k, w) for k, w in cases]
    monkeypatch.setattr(ddc, "HENSEL_BITS", 1 << 17)
    assert [count_increasing(k, w) for k, w in cases] == want


@needs_compiled
def test_compiled_small_digits_against_the_general_solver():
    for k in range(2, 7):  # every W up to past the schedule's K 2^K
        for w in range(0, k * (1 << k) + 3 * k):
            assert compiled.count_small(k, w) == ddc.count_increasing_python(k, w), (k, w)
    # outside K <= 6 and 0 <= W < 2^62 the general solver answers
    assert compiled.count_small(7, 10) is None and compiled.count_small(1, 10) is None
    assert compiled.count_small(3, 1 << 62) is None and compiled.count_small(3, -1) is None
    assert count_increasing(3, 1 << 70) == ddc.count_increasing_python(3, 1 << 70)
