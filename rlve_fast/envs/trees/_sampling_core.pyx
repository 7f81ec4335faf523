# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twin of ``rlve_fast.envs.trees._sampling.Words``: the same words, the same draws."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport uint32_t, uint64_t, int64_t

from rlve_fast import deadline

cdef class Words:
    def __cinit__(self, rng, Py_ssize_t block_words=128):
        if block_words < 1:
            raise ValueError("block_words must be positive")
        self.rng = rng
        self.block_words = block_words
        self.used = block_words
        self.block = <uint32_t *> PyMem_Malloc(block_words * sizeof(uint32_t))
        if self.block == NULL:
            raise MemoryError()

    def __dealloc__(self):
        PyMem_Free(self.block)

    cdef int refill(self) except -1:
        cdef Py_ssize_t i, size = 4 * self.block_words
        deadline.check()  # every draw passes here: long samplings stop at the budget
        cdef bytes raw = self.rng.getrandbits(32 * self.block_words).to_bytes(size, "little")
        cdef const unsigned char *b = raw
        for i in range(self.block_words):
            self.block[i] = (<uint32_t> b[4 * i] | (<uint32_t> b[4 * i + 1] << 8)
                             | (<uint32_t> b[4 * i + 2] << 16) | (<uint32_t> b[4 * i + 3] << 24))
        self.used = 0
        return 0

    cdef uint32_t next_word(self) except? 0:
        if self.used == self.block_words:
            self.refill()
        self.used += 1
        return self.block[self.used - 1]

    cdef uint64_t draw_below(self, uint64_t n) except? 0:
        cdef uint64_t mask = 0, value
        if n <= 1:
            return 0
        while mask < n - 1:
            mask = (mask << 1) | 1
        while True:
            value = self.next_word() & mask
            if value < n:
                return value

    def word(self):
        return self.next_word()

    def below(self, n):
        if not 1 <= n <= (1 << 32):
            raise ValueError("below(n) needs 1 <= n <= 2**32, got %r" % (n,))
        return self.draw_below(n)

    def randint(self, low, high):
        return low + self.below(high - low + 1)

    def ints(self, Py_ssize_t count, int64_t low, int64_t high):
        cdef uint64_t span = <uint64_t> (high - low + 1)
        cdef Py_ssize_t i
        if high < low or span > (1ULL << 32):
            raise ValueError("ints needs 1 <= high - low + 1 <= 2**32")
        return [low + <int64_t> self.draw_below(span) for i in range(count)]

    def shuffle(self, list items):
        cdef Py_ssize_t i, j
        for i in range(len(items) - 1, 0, -1):
            j = <Py_ssize_t> self.draw_below(i + 1)
            items[i], items[j] = items[j], items[i]

    def sample(self, Py_ssize_t n, Py_ssize_t k):
        if not 0 <= k <= n:
            raise ValueError("sample needs 0 <= k <= n")
        cdef Py_ssize_t *pool = <Py_ssize_t *> PyMem_Malloc(max(n, 1) * sizeof(Py_ssize_t))
        cdef Py_ssize_t i, j, t
        if pool == NULL:
            raise MemoryError()
        try:
            for i in range(n):
                pool[i] = i
            for i in range(k):
                j = i + <Py_ssize_t> self.draw_below(n - i)
                t = pool[i]
                pool[i] = pool[j]
                pool[j] = t
            return [pool[i] for i in range(k)]
        finally:
            PyMem_Free(pool)

    cdef int fill_attachments(self, Py_ssize_t n, bint root_first, Py_ssize_t *order,
                              Py_ssize_t *parent) except -1:
        cdef Py_ssize_t i, j, t, start = 1 if root_first else 0
        for i in range(n):
            order[i] = i
        # Fisher-Yates over order[start:], as the twin shuffles that slice
        for i in range(n - 1, start, -1):
            j = start + <Py_ssize_t> self.draw_below(i - start + 1)
            t = order[i]
            order[i] = order[j]
            order[j] = t
        if n > 0:
            parent[0] = -1
        for i in range(1, n):
            parent[i] = <Py_ssize_t> self.draw_below(i)
        return 0

    def attachments(self, Py_ssize_t n, bint root_first=False):
        cdef Py_ssize_t *buf = <Py_ssize_t *> PyMem_Malloc(max(2 * n, 1) * sizeof(Py_ssize_t))
        cdef Py_ssize_t i
        if buf == NULL:
            raise MemoryError()
        try:
            self.fill_attachments(n, root_first, buf, buf + n)
            return [buf[i] for i in range(n)], [buf[n + i] for i in range(n)]
        finally:
            PyMem_Free(buf)

    def tree_edges(self, Py_ssize_t n, Py_ssize_t first=0, bint shuffled=True):
        cdef Py_ssize_t *buf = <Py_ssize_t *> PyMem_Malloc(max(2 * n, 1) * sizeof(Py_ssize_t))
        cdef Py_ssize_t i, a, b
        cdef list edges
        if buf == NULL:
            raise MemoryError()
        try:
            self.fill_attachments(n, False, buf, buf + n)
            edges = []
            for i in range(1, n):
                a = buf[i] + first
                b = buf[buf[n + i]] + first
                edges.append([a, b] if a < b else [b, a])
        finally:
            PyMem_Free(buf)
        if shuffled:
            self.shuffle(edges)
        return edges
