"""Bulk uniform draws for generators: the pure-Python twin of the compiled _draws.pyx (same
words from the same random.Random, same values; see there for the method)."""
from __future__ import annotations

from rlve_fast import deadline

MASK = (1 << 64) - 1
MAX_RANGE = 1 << 63


class Words:
    """64-bit words of a xoshiro256** stream seeded with 256 bits of ``rng``; every 4096th
    word checks the generation deadline."""

    def __init__(self, rng):
        seed = rng.getrandbits(256)
        self.state = [(seed >> shift) & MASK for shift in (0, 64, 128, 192)]
        if not any(self.state):
            self.state[0] = 1  # the one state xoshiro cannot leave
        self.drawn = 0

    def word(self) -> int:
        s0, s1, s2, s3 = self.state
        result = (_rotl(s1 * 5 & MASK, 7) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        self.state = [s0, s1, s2, _rotl(s3, 45)]
        self.drawn += 1
        if self.drawn % 4096 == 0:
            deadline.check()
        return result

    def shuffle(self, items: list) -> None:
        """Shuffle ``items`` in place: Fisher-Yates from the top."""
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]

    def below(self, r: int) -> int:
        """Uniform in [0, r) for 1 <= r <= 2**63 (Lemire's multiply-and-reject)."""
        m = self.word() * r
        if m & MASK < r:
            floor = (1 << 64) % r
            while m & MASK < floor:
                m = self.word() * r
        return m >> 64


def _rotl(x: int, k: int) -> int:
    return ((x << k) | (x >> (64 - k))) & MASK


def _range(low: int, high: int) -> int:
    if not high >= low or high - low + 1 > MAX_RANGE:
        raise ValueError("a range of 1 to 2**63 integers is needed, got [%r, %r]" % (low, high))
    return high - low + 1


def uniform_ints(rng, count: int, low: int, high: int) -> list:
    """``count`` integers uniform in [low, high] (as many calls of rng.randint would give)."""
    if count <= 0:
        return []
    r = _range(low, high)
    words = Words(rng)
    return [low + words.below(r) for _ in range(count)]


def bounded_ints(rng, low: int, highs) -> list:
    """[an integer uniform in [low, h] for h in highs]."""
    if len(highs) == 0:
        return []
    words = Words(rng)
    return [low + words.below(_range(low, h)) for h in highs]


def shuffled(rng, items) -> list:
    """The items in a uniformly random order (a new list; Fisher-Yates from the top)."""
    out = list(items)
    if len(out) < 2:
        return out
    Words(rng).shuffle(out)
    return out
