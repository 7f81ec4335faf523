# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Bulk uniform draws for generators, compiled (twin: _draws_py.py, which draws the same
values from the same random.Random, so a problem does not depend on the build).

A :class:`Words` stream takes 256 bits from ``rng.getrandbits`` as the state of a xoshiro256**
generator (Blackman and Vigna) and reads 64-bit words from it, a nanosecond each instead of
the many that a Python draw costs.  An integer uniform in [0, r) comes from one word x by
Lemire's multiply-and-reject: the high word of x * r, except that x is redrawn while the low
word is below 2**64 mod r (exactly uniform)."""
from cpython.mem cimport PyMem_Free, PyMem_Malloc
from libc.stdint cimport uint64_t

from rlve_fast import deadline as _deadline
from rlve_fast._core.clock cimport past

cdef extern from *:
    ctypedef unsigned long long u128 "unsigned __int128"

cdef uint64_t MAX_RANGE = (<uint64_t> 1) << 63
cdef uint64_t MASK = 0xFFFFFFFFFFFFFFFF


cdef inline uint64_t _rotl(uint64_t x, int k) noexcept nogil:
    return (x << k) | (x >> (64 - k))


cdef class Words:
    def __cinit__(self, rng):
        seed = rng.getrandbits(256)
        self.s0 = seed & MASK
        self.s1 = (seed >> 64) & MASK
        self.s2 = (seed >> 128) & MASK
        self.s3 = (seed >> 192) & MASK
        if not (self.s0 or self.s1 or self.s2 or self.s3):
            self.s0 = 1  # the one state xoshiro cannot leave
        self.deadline = _deadline.deadline_at()
        self.drawn = 0

    cdef int tick(self, long long step) except -1:
        """Raise GenerationTimeout if the deadline has passed (the clock is read every 4096th
        step)."""
        if past(self.deadline, step):
            _deadline.check()
        return 0

    cdef uint64_t word(self) except? 0xFFFFFFFFFFFFFFFF:
        cdef uint64_t result = _rotl(self.s1 * 5, 7) * 9
        cdef uint64_t t = self.s1 << 17
        self.s2 ^= self.s0
        self.s3 ^= self.s1
        self.s1 ^= self.s2
        self.s0 ^= self.s3
        self.s2 ^= t
        self.s3 = _rotl(self.s3, 45)
        self.drawn += 1
        if (self.drawn & 4095) == 0:
            self.tick(0)
        return result

    cdef int permute(self, int *items, Py_ssize_t n) except -1:
        """Shuffle items[0:n] in place: Fisher-Yates from the top."""
        cdef Py_ssize_t i, j
        cdef int t
        for i in range(n - 1, 0, -1):
            j = <Py_ssize_t> self.below(i + 1)
            t = items[i]
            items[i] = items[j]
            items[j] = t
        return 0

    cdef uint64_t below(self, uint64_t r) except? 0xFFFFFFFFFFFFFFFF:
        """Uniform in [0, r) for 1 <= r <= 2**63."""
        cdef u128 m = <u128> self.word() * r
        cdef uint64_t low = <uint64_t> m, floor
        if low < r:
            floor = (0 - r) % r  # 2**64 mod r
            while low < floor:
                m = <u128> self.word() * r
                low = <uint64_t> m
        return <uint64_t> (m >> 64)


cdef inline uint64_t _range(object low, object high) except? 0:
    if not high >= low or high - low + 1 > MAX_RANGE:
        raise ValueError("a range of 1 to 2**63 integers is needed, got [%r, %r]" % (low, high))
    return <uint64_t> (high - low + 1)


def uniform_ints(rng, Py_ssize_t count, low, high):
    """``count`` integers uniform in [low, high] (as many calls of rng.randint would give)."""
    if count <= 0:
        return []
    cdef uint64_t r = _range(low, high)
    cdef Words words = Words(rng)
    cdef list out = [None] * count
    cdef Py_ssize_t i
    cdef long long base
    if -(1 << 62) <= low and high < (1 << 62):
        base = low
        for i in range(count):
            out[i] = base + <long long> words.below(r)
    else:
        for i in range(count):
            out[i] = low + words.below(r)
    return out


def bounded_ints(rng, low, highs):
    """[an integer uniform in [low, h] for h in highs]."""
    cdef Py_ssize_t count = len(highs), i
    if count == 0:
        return []
    cdef Words words = Words(rng)
    cdef list out = [None] * count
    for i in range(count):
        out[i] = low + words.below(_range(low, highs[i]))
    return out


def shuffled(rng, items):
    """The items in a uniformly random order (a new list)."""
    cdef list source = list(items)
    cdef Py_ssize_t n = len(source), i
    if n < 2:
        return source
    cdef Words words = Words(rng)
    cdef int *order = <int *> PyMem_Malloc(n * sizeof(int))
    if order == NULL:
        raise MemoryError()
    try:
        for i in range(n):
            order[i] = <int> i
        words.permute(order, n)
        return [source[order[i]] for i in range(n)]
    finally:
        PyMem_Free(order)
