# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Bulk uniform draws for generators, compiled (twin: _draws_py.py, which draws the same
values from the same random.Random, so a problem does not depend on the build).

A :class:`Words` stream reads 64-bit words from ``rng.getrandbits``: first as many as the
caller expects to need, then ``REFILL`` at a time.  An integer uniform in [0, r) comes from
one word x by Lemire's multiply-and-reject: the high word of x * r, except that x is
redrawn while the low word is below 2**64 mod r (exactly uniform)."""
from cpython.mem cimport PyMem_Free, PyMem_Malloc, PyMem_Realloc
from libc.stdint cimport uint64_t
from libc.string cimport memcpy

cdef extern from *:
    ctypedef unsigned long long u128 "unsigned __int128"

REFILL = 16
cdef uint64_t MAX_RANGE = (<uint64_t> 1) << 63


cdef class Words:
    def __cinit__(self, rng, Py_ssize_t expected):
        self.rng = rng
        self.capacity = max(expected, 16)
        self.buffer = <uint64_t *> PyMem_Malloc(self.capacity * sizeof(uint64_t))
        if self.buffer == NULL:
            raise MemoryError()
        self.load(max(expected, 1))

    def __dealloc__(self):
        PyMem_Free(self.buffer)

    cdef int load(self, Py_ssize_t count) except -1:
        cdef bytes raw = self.rng.getrandbits(64 * count).to_bytes(8 * count, "little")
        cdef const unsigned char *data = raw
        cdef Py_ssize_t i, b
        cdef uint64_t w
        if count > self.capacity:
            grown = <uint64_t *> PyMem_Realloc(self.buffer, count * sizeof(uint64_t))
            if grown == NULL:
                raise MemoryError()
            self.buffer = grown
            self.capacity = count
        for i in range(count):  # little-endian words, whatever the host order
            w = 0
            for b in range(7, -1, -1):
                w = (w << 8) | data[8 * i + b]
            self.buffer[i] = w
        self.size = count
        self.position = 0
        return 0

    cdef int refill(self) except -1:
        return self.load(REFILL)

    cdef uint64_t word(self) except? 0xFFFFFFFFFFFFFFFF:
        if self.position == self.size:
            self.refill()
        self.position += 1
        return self.buffer[self.position - 1]

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
    cdef Words words = Words(rng, count)
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
    cdef Words words = Words(rng, count)
    cdef list out = [None] * count
    for i in range(count):
        out[i] = low + words.below(_range(low, highs[i]))
    return out


def shuffled(rng, items):
    """The items in a uniformly random order (a new list)."""
    cdef list out = list(items)
    cdef Py_ssize_t n = len(out), i, j
    if n < 2:
        return out
    cdef Words words = Words(rng, n - 1)
    for i in range(n - 1, 0, -1):
        j = <Py_ssize_t> words.below(i + 1)
        out[i], out[j] = out[j], out[i]
    return out
