# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled integer draws for problem generators: ``random.Random``'s own algorithms
(``_randbelow_with_getrandbits``, ``randrange``, ``randint``, ``choice``, ``shuffle``), giving
the same numbers from the same state without random.py's Python layers.

Generators draw thousands of small integers per problem; random.py spends about a microsecond
on argument checks and calls around each 50 ns ``getrandbits``.  These functions become methods
of :class:`rlve_fast.seeding.ProblemRandom`; anything outside their fast path (huge or
non-integer arguments, steps, non-list sequences) goes to random.py itself."""
import random as _random_module
from _random import Random as _CoreRandom

cdef object _getrandbits = _CoreRandom.getrandbits
cdef object _py_randrange = _random_module.Random.randrange
cdef object _py_shuffle = _random_module.Random.shuffle
cdef long long _FAST_LIMIT = 1LL << 62


cdef inline int _bit_length(unsigned long long n) noexcept nogil:
    cdef int k = 0
    while n:
        n >>= 1
        k += 1
    return k


cdef long long below(object rng, long long n) except -1:
    """A uniform int in [0, n), n > 0, exactly as _randbelow_with_getrandbits draws it."""
    cdef int k = _bit_length(<unsigned long long> n)
    cdef long long r = _getrandbits(rng, k)
    while r >= n:
        r = _getrandbits(rng, k)
    return r


def randbelow(self, n):
    """``Random._randbelow``: a uniform int in [0, n) for n > 0."""
    if type(n) is int and 0 < n < _FAST_LIMIT:
        return below(self, n)
    getrandbits = self.getrandbits
    k = n.bit_length()
    r = getrandbits(k)
    while r >= n:
        r = getrandbits(k)
    return r


def randrange(self, start, stop=None, step=1):
    """``Random.randrange``."""
    cdef long long a, width
    if stop is not None and step == 1 and type(start) is int and type(stop) is int:
        if -_FAST_LIMIT < start < _FAST_LIMIT and -_FAST_LIMIT < stop < _FAST_LIMIT:
            a = start
            width = <long long> stop - a
            if width > 0:
                return a + below(self, width)
    return _py_randrange(self, start, stop, step)


def randint(self, a, b):
    """``Random.randint``: a uniform int in [a, b]."""
    cdef long long lo, width
    if type(a) is int and type(b) is int and -_FAST_LIMIT < a < _FAST_LIMIT and -_FAST_LIMIT < b < _FAST_LIMIT:
        lo = a
        width = <long long> b - lo + 1
        if width > 0:
            return lo + below(self, width)
    return _py_randrange(self, a, b + 1)


def choice(self, seq):
    """``Random.choice``."""
    cdef Py_ssize_t n = len(seq)
    if not n:
        raise IndexError("Cannot choose from an empty sequence")
    return seq[below(self, n)]


def shuffle(self, x):
    """``Random.shuffle``: the same swaps, in place."""
    cdef Py_ssize_t i, j
    cdef list items
    if type(x) is not list:
        _py_shuffle(self, x)
        return
    items = x
    for i in range(len(items) - 1, 0, -1):
        j = below(self, i + 1)
        items[i], items[j] = items[j], items[i]
