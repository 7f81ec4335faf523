"""MonochromeBlockCounting: tower colourings against enumeration of the black layer sets."""
from __future__ import annotations

import random
from itertools import product

from rlve_fast.envs.counting import monochrome_block_counting as module


def brute_force(a, b):
    n = 0
    while (n + 1) * (n + 2) // 2 <= a + b:
        n += 1
    count = 0
    for colours in product((0, 1), repeat=n):
        black = sum(i + 1 for i, c in enumerate(colours) if c)
        count += black <= a and n * (n + 1) // 2 - black <= b
    return count


def test_hand_counted():
    assert module.count_towers(1, 1) == 2    # one layer of 1 block, black or white
    assert module.count_towers(2, 1) == 1    # layers 1, 2: white holds 1 block, so layer 2 is black
    assert module.count_towers(3, 3) == 2    # layers 1..3: black {3} or black {1, 2}
    assert module.count_towers(6, 1) == 2    # layers 1..3: black {2, 3} or all black
    assert module.tallest(6, 1) == 3


def test_against_enumeration():
    rng = random.Random(7)
    for _ in range(300):
        a, b = rng.randint(1, 40), rng.randint(1, 40)
        assert module.count_towers(a, b) == brute_force(a, b), (a, b)


def test_compiled_matches_the_exact_twin():
    rng = random.Random(8)
    for _ in range(40):
        a, b = rng.randint(1, 4000), rng.randint(1, 4000)
        t = module.tallest(a, b)
        total = t * (t + 1) // 2
        assert module.count_towers(a, b) == module.window_subsets(t, total - b, a), (a, b)


def packed_subset_sums(t):
    """prod (1 + x^i) for i <= t at x = 2^(t + 1) (Kronecker substitution: the number of
    subsets with sum s, below 2^t, is digit s of t + 1 bits)."""
    packed = 1
    for i in range(1, t + 1):
        packed += packed << (i * (t + 1))
    return packed


def window_from_packed(packed, t, low, high):
    digit = t + 1
    window = (packed >> (low * digit)) & ((1 << ((high - low + 1) * digit)) - 1)
    return sum((window >> (j * digit)) & ((1 << digit) - 1) for j in range(high - low + 1))


def test_blocked_solver_on_tall_towers():
    """Towers tall enough for many item blocks and tiles and the mirrored half table: windows
    near the middle, near the bottom, and reaching past half the total."""
    rng = random.Random(9)
    for t in (260, 341):
        packed = packed_subset_sums(t)
        total = t * (t + 1) // 2
        for low in (total // 2 - t // 3, total // 2 - t, total // 2, total // 3, 5 * t, 0, t // 2,
                    rng.randint(0, total // 2)):
            width = rng.randint(0, t)
            a, b = low + width, total - low  # black sum in [low, low + width], A + B = total + width
            assert module.tallest(a, b) == t
            expected = window_from_packed(packed, t, low, min(a, total))
            assert module.count_towers(a, b) == expected, (t, low, width)
            assert module.count_towers(b, a) == expected, (t, low, width)  # the reflected window


def test_residues_shared_over_threads_equal_one_pass(monkeypatch):
    """Past PARALLEL_FROM_T the primes are shared out over threads: the same residues, in the
    same order, as one compiled pass over all of them; a deadline already past gives None."""
    import pytest

    mbc = module
    if mbc._compiled is None:
        pytest.skip("the compiled solver is not built")
    monkeypatch.setattr(mbc, "PARALLEL_FROM_T", 1)
    monkeypatch.setattr(mbc.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    moduli = mbc.primes(7, 31)
    for t, low, high in ((40, 300, 330), (61, 900, 960), (25, 0, 325)):
        assert mbc.residues_in_parallel(t, low, high, moduli, float("inf")) == \
            mbc._compiled(t, low, high, moduli, float("inf"))
    assert mbc.residues_in_parallel(200, 5000, 5100, moduli, 0.0) is None
