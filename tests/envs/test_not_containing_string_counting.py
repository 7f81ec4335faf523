"""NotContainingStringCounting: the recurrence against enumeration of all binary strings."""
from __future__ import annotations

import random
from itertools import product

import pytest

from rlve_fast.envs.counting import not_containing_string_counting as module


def brute_force(n, pattern):
    return sum(pattern not in "".join(bits) for bits in product("01", repeat=n))


@pytest.mark.parametrize("n, pattern, count", [
    (3, "11", 5),    # no two adjacent 1s: Fibonacci
    (4, "11", 8),
    (3, "01", 4),    # 1...10...0 shapes: 000 100 110 111
    (4, "000", 13),  # 16 minus 0000, 0001, 1000
    (5, "10", 6),
])
def test_hand_counted(n, pattern, count):
    assert module.count_avoiding(n, pattern, 10**9) == count
    recurrence, first = module.avoiding_recurrence(pattern)
    assert module.recurrence_term(recurrence, first, n, 10**9) == count


def test_against_enumeration():
    rng = random.Random(6)
    for _ in range(200):
        m = rng.randint(2, 6)
        pattern = "".join(rng.choice("01") for _ in range(m))
        n = rng.randint(m + 1, 13)
        mod = rng.choice([2, 7, 10000, 2**31 - 1, 10**12])
        want = brute_force(n, pattern) % mod
        assert module.count_avoiding(n, pattern, mod) == want
        recurrence, first = module.avoiding_recurrence(pattern)
        assert module.recurrence_term(recurrence, first, n, mod) == want


def test_compiled_matches_the_twin_for_long_strings():
    if module._compiled is None:
        pytest.skip("compiled solver not built")
    rng = random.Random(9)
    for _ in range(30):
        pattern = "".join(rng.choice("01") for _ in range(rng.randint(2, 40)))
        recurrence, first = module.avoiding_recurrence(pattern)
        n, mod = rng.randint(1, 10**12), rng.choice([2, 9973, 10000, 2**31 - 1])
        fast = module._compiled([r % mod for r in recurrence], [a % mod for a in first], n, mod)
        assert fast == module.recurrence_term(recurrence, first, n, mod)
