# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled generator and solver of SegmentTreeSortingCounting (twins: the scrambling in
``SegmentTreeSortingCounting.sample`` and ``sorting_sequences``).

The same search, but without rescanning the array at every step.  For each level it keeps
the wrong blocks' count, the sum of their indices and the sum of their squares (mod 2^64; exact
whenever at most two are wrong, which is when they are needed: the two indices are the
roots of x^2 - S x + (S^2 - Q) / 2).  Exchanging two aligned segments of length 2^L changes
only the blocks (of level >= L) whose first or middle position is a segment's first one."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.math cimport sqrt
from libc.stdint cimport int32_t, int64_t, uint64_t
from math import factorial

from rlve_fast import deadline
from rlve_fast._core.clock cimport past


cdef struct Search:
    int32_t *a
    int64_t *found
    int64_t *count     # per level: wrong blocks
    uint64_t *total    # per level: sum of their indices
    uint64_t *squares  # per level: sum of their squared indices
    Py_ssize_t n
    long long nodes
    double stop
    bint late


cdef inline bint is_wrong(Search *s, Py_ssize_t level, Py_ssize_t block) noexcept nogil:
    cdef Py_ssize_t start = block << (level + 1)
    return s.a[start + (1 << level)] != s.a[start] + (1 << level)


cdef inline void mark(Search *s, Py_ssize_t level, Py_ssize_t block, int sign) noexcept nogil:
    cdef uint64_t b = <uint64_t> block
    s.count[level] += sign
    if sign > 0:
        s.total[level] += b
        s.squares[level] += b * b
    else:
        s.total[level] -= b
        s.squares[level] -= b * b


cdef inline Py_ssize_t touched(Search *s, Py_ssize_t x, Py_ssize_t level, Py_ssize_t *levels,
                               Py_ssize_t *blocks, Py_ssize_t m) noexcept nogil:
    """Append the (level, block) pairs whose first or middle position is x (x aligned to
    2^level), skipping ones already listed; returns the new length."""
    cdef Py_ssize_t l, b, k
    cdef bint seen
    l = level
    while l < s.n and (x & ((1 << l) - 1)) == 0:
        b = x >> (l + 1)
        seen = False
        for k in range(m):
            if levels[k] == l and blocks[k] == b:
                seen = True
        if not seen:
            levels[m] = l
            blocks[m] = b
            m += 1
        l += 1
    return m


cdef void exchange(Search *s, Py_ssize_t x, Py_ssize_t y, Py_ssize_t level) noexcept nogil:
    cdef Py_ssize_t levels[130], blocks[130], m, k, size = 1 << level
    cdef int32_t t
    m = touched(s, x, level, levels, blocks, 0)
    m = touched(s, y, level, levels, blocks, m)
    for k in range(m):
        if is_wrong(s, levels[k], blocks[k]):
            mark(s, levels[k], blocks[k], -1)
    for k in range(size):
        t = s.a[x + k]
        s.a[x + k] = s.a[y + k]
        s.a[y + k] = t
    for k in range(m):
        if is_wrong(s, levels[k], blocks[k]):
            mark(s, levels[k], blocks[k], 1)


cdef void search(Search *s, Py_ssize_t level, Py_ssize_t used) noexcept nogil:
    cdef Py_ssize_t size, wrong[2], halves[4], n_wrong, p, q, k
    cdef uint64_t total, spread
    cdef int64_t d
    if s.late:
        return
    s.nodes += 1
    if past(s.stop, s.nodes):
        s.late = True
        return
    if level == s.n:
        s.found[used] += 1
        return
    n_wrong = s.count[level]
    if n_wrong == 0:
        search(s, level + 1, used)
        return
    if n_wrong > 2:
        return  # no single exchange mends three blocks
    total = s.total[level]
    if n_wrong == 1:
        wrong[0] = <Py_ssize_t> total
    else:
        spread = 2 * s.squares[level] - total * total  # (b1 - b2)^2
        d = <int64_t> sqrt(<double> spread)
        while <uint64_t> (d * d) > spread:
            d -= 1
        while <uint64_t> ((d + 1) * (d + 1)) <= spread:
            d += 1
        wrong[0] = <Py_ssize_t> ((total - <uint64_t> d) // 2)
        wrong[1] = <Py_ssize_t> ((total + <uint64_t> d) // 2)
    size = 1 << level
    for k in range(n_wrong):
        halves[2 * k] = wrong[k] << (level + 1)
        halves[2 * k + 1] = (wrong[k] << (level + 1)) + size
    for p in range(2 * n_wrong):
        for q in range(p + 1, 2 * n_wrong):
            exchange(s, halves[p], halves[q], level)
            if s.count[level] == 0:
                search(s, level + 1, used + 1)
            exchange(s, halves[p], halves[q], level)


def sorting_sequences(Py_ssize_t n, array):
    cdef Search s
    cdef Py_ssize_t i, level, block, length = 1 << n
    if not 0 <= n <= 40 or len(array) != length:
        raise ValueError("the array's length is not 2^N")
    s.a = <int32_t *> PyMem_Malloc(length * sizeof(int32_t))
    s.found = <int64_t *> PyMem_Malloc((n + 1) * sizeof(int64_t))
    s.count = <int64_t *> PyMem_Malloc((n + 1) * sizeof(int64_t))
    s.total = <uint64_t *> PyMem_Malloc((n + 1) * sizeof(uint64_t))
    s.squares = <uint64_t *> PyMem_Malloc((n + 1) * sizeof(uint64_t))
    try:
        if not (s.a and s.found and s.count and s.total and s.squares):
            raise MemoryError()
        for i in range(length):
            s.a[i] = array[i]
        s.n, s.nodes, s.stop, s.late = n, 0, deadline.deadline_at(), False
        with nogil:
            for level in range(n + 1):
                s.found[level] = s.count[level] = 0
                s.total[level] = s.squares[level] = 0
            for level in range(n):
                for block in range(length >> (level + 1)):
                    if is_wrong(&s, level, block):
                        mark(&s, level, block, 1)
            search(&s, 0, 0)
        if s.late:
            deadline.check()
        return sum(s.found[i] * factorial(i) for i in range(n + 1))
    finally:
        PyMem_Free(s.a)
        PyMem_Free(s.found)
        PyMem_Free(s.count)
        PyMem_Free(s.total)
        PyMem_Free(s.squares)


def scrambled(Py_ssize_t n, swaps):
    """1..2^n with the (kind, first segment, second segment) swaps applied in order."""
    cdef Py_ssize_t i, k, length = 1 << n, size, x, y
    cdef int32_t t
    cdef int32_t *a = <int32_t *> PyMem_Malloc(length * sizeof(int32_t))
    if a == NULL:
        raise MemoryError()
    try:
        for i in range(length):
            a[i] = <int32_t> (i + 1)
        for kind, first, second in swaps:
            size = 1 << (kind - 1)
            x, y = first * size, second * size
            for k in range(size):
                t = a[x + k]
                a[x + k] = a[y + k]
                a[y + k] = t
        return [a[i] for i in range(length)]
    finally:
        PyMem_Free(a)


def spaced(array):
    """" ".join(map(str, array)) for non-negative ints below 2^31, written directly."""
    cdef Py_ssize_t i, n = len(array), m = 0
    cdef int64_t v
    cdef char digits[24]
    cdef int k
    cdef bytearray out = bytearray(12 * n)
    cdef char *data = out
    for i in range(n):
        v = array[i]
        if not 0 <= v < (1LL << 31):
            raise ValueError("a value out of range")
        if i:
            data[m] = 32
            m += 1
        k = 0
        while True:
            digits[k] = 48 + v % 10
            k += 1
            v //= 10
            if v == 0:
                break
        while k:
            k -= 1
            data[m] = digits[k]
            m += 1
    return out[:m].decode("ascii")
