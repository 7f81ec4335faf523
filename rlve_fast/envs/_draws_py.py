"""Bulk uniform draws for generators: the pure-Python twin of the compiled _draws.pyx (same
words from the same random.Random, same values; see there for the method)."""
from __future__ import annotations

REFILL = 16
MASK = (1 << 64) - 1
MAX_RANGE = 1 << 63


class Words:
    """64-bit words from ``rng.getrandbits``: ``expected`` of them first, then REFILL at a time."""

    def __init__(self, rng, expected: int):
        self.rng = rng
        self._load(max(expected, 1))

    def _load(self, count: int) -> None:
        bits = self.rng.getrandbits(64 * count)
        self.buffer = [(bits >> (64 * i)) & MASK for i in range(count)]
        self.position = 0

    def word(self) -> int:
        if self.position == len(self.buffer):
            self._load(REFILL)
        self.position += 1
        return self.buffer[self.position - 1]

    def below(self, r: int) -> int:
        """Uniform in [0, r) for 1 <= r <= 2**63 (Lemire's multiply-and-reject)."""
        m = self.word() * r
        if m & MASK < r:
            floor = (1 << 64) % r
            while m & MASK < floor:
                m = self.word() * r
        return m >> 64


def _range(low: int, high: int) -> int:
    if not high >= low or high - low + 1 > MAX_RANGE:
        raise ValueError("a range of 1 to 2**63 integers is needed, got [%r, %r]" % (low, high))
    return high - low + 1


def uniform_ints(rng, count: int, low: int, high: int) -> list:
    """``count`` integers uniform in [low, high] (as many calls of rng.randint would give)."""
    if count <= 0:
        return []
    r = _range(low, high)
    words = Words(rng, count)
    return [low + words.below(r) for _ in range(count)]


def bounded_ints(rng, low: int, highs) -> list:
    """[an integer uniform in [low, h] for h in highs]."""
    if len(highs) == 0:
        return []
    words = Words(rng, len(highs))
    return [low + words.below(_range(low, h)) for h in highs]


def shuffled(rng, items) -> list:
    """The items in a uniformly random order (a new list; Fisher-Yates from the top)."""
    out = list(items)
    if len(out) < 2:
        return out
    words = Words(rng, len(out) - 1)
    for i in range(len(out) - 1, 0, -1):
        j = words.below(i + 1)
        out[i], out[j] = out[j], out[i]
    return out
