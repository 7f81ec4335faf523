"""Fast random draws for instance generation, shared by the tree environments (and a few others).

Upstream draws every random choice with one call into Python's ``random`` module; a tree of
N vertices costs ~3N such calls.  Here a generator takes 32-bit words from its
``random.Random`` in blocks (one ``getrandbits`` call per :data:`BLOCK_WORDS` words) and
derives every choice from them:

* ``below(n)``: uniform in [0, n), by masking a word to the bit length of n - 1 and
  rejecting values >= n (exactly uniform; n == 1 consumes no word);
* ``shuffle`` (Fisher-Yates from the last position down), ``sample`` (a partial Fisher-Yates
  over range(n): a uniformly random ordered k-subset, as ``random.sample``), ``randint``;
* ``tree_edges``: a random labelled tree grown as upstream grows it (vertices in random
  order, each attached to a uniformly chosen earlier one).

:class:`Words` is the plain statement; ``_sampling_core.Words`` is its compiled twin and
draws exactly the same values from the same ``random.Random``, so a problem does not depend
on whether the extension is built.  :func:`words` returns the compiled one when available."""
from __future__ import annotations

import struct
from typing import List

from rlve_fast import deadline

BLOCK_WORDS = 128


class Words:
    """Words from ``rng`` in blocks of ``block_words`` (bulk users take bigger blocks); a block
    of 32k bits holds k words, the lowest 32 bits first."""

    def __init__(self, rng, block_words: int = BLOCK_WORDS):
        self._rng = rng
        self._block_words = block_words
        self._block: List[int] = []
        self._next = 0

    def word(self) -> int:
        if self._next == len(self._block):
            deadline.check()  # every draw passes here: long samplings stop at the budget
            k = self._block_words
            raw = self._rng.getrandbits(32 * k).to_bytes(4 * k, "little")
            self._block = list(struct.unpack("<%dI" % k, raw))
            self._next = 0
        self._next += 1
        return self._block[self._next - 1]

    def below(self, n: int) -> int:
        if not 1 <= n <= 1 << 32:
            raise ValueError("below(n) needs 1 <= n <= 2**32, got %r" % (n,))
        if n == 1:
            return 0
        mask = (1 << (n - 1).bit_length()) - 1
        while True:
            value = self.word() & mask
            if value < n:
                return value

    def randint(self, low: int, high: int) -> int:
        return low + self.below(high - low + 1)

    def ints(self, count: int, low: int, high: int) -> List[int]:
        return [self.randint(low, high) for _ in range(count)]

    def shuffle(self, items: list) -> None:
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]

    def sample(self, n: int, k: int) -> List[int]:
        if not 0 <= k <= n:
            raise ValueError("sample needs 0 <= k <= n")
        pool = list(range(n))
        for i in range(k):
            j = i + self.below(n - i)
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]

    def attachments(self, n: int, root_first: bool = False):
        """(order, parent): a random growth order of the vertices 0..n-1 (vertex 0 first when
        ``root_first``) and, for each position i >= 1, the position of the earlier vertex that
        ``order[i]`` attaches to (parent[0] = -1)."""
        order = list(range(n))
        if root_first:
            rest = order[1:]
            self.shuffle(rest)
            order[1:] = rest
        else:
            self.shuffle(order)
        parent = [-1] + [self.below(i) for i in range(1, n)]
        return order, parent

    def tree_edges(self, n: int, first: int = 0, shuffled: bool = True) -> List[List[int]]:
        """The n - 1 edges [u, v] (u < v) of a random tree on first..first+n-1, listed in
        growth order, then shuffled if asked."""
        order, parent = self.attachments(n)
        edges = []
        for i in range(1, n):
            a, b = order[i] + first, order[parent[i]] + first
            edges.append([a, b] if a < b else [b, a])
        if shuffled:
            self.shuffle(edges)
        return edges


def words(rng, block_words: int = BLOCK_WORDS):
    """A word source over ``rng``: the compiled one when the extension is built."""
    if _compiled is not None:
        return _compiled.Words(rng, block_words)
    return Words(rng, block_words)


try:
    from rlve_fast.envs.trees import _sampling_core as _compiled
except ImportError:  # the extension is not built: same draws, slower
    _compiled = None
