# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled generator, solver and prompt text of SegmentTreeSortingCounting (twins: the
scrambling in ``SegmentTreeSortingCounting.sample``, ``sorting_sequences`` and the prompt's
numbers).

The same search, but without rescanning the array at every step.  For each level it keeps
the wrong blocks' count, the sum of their indices and the sum of their squares (mod 2^64; exact
whenever at most two are wrong, which is when they are needed: the two indices are the
roots of x^2 - S x + (S^2 - Q) / 2).  When the search reaches level L every aligned segment of
length 2^L holds consecutive numbers, so whether an exchange of two such segments mends the
wrong blocks depends only on the segments' first numbers: only exchanges that mend them are
carried out.  Exchanging two segments changes only the blocks (of level >= L) whose first or
middle position is a segment's first one.

Everything here is linear in the array's length 2^N, and the array is the problem: at N = 26
the list of 2^26 Python ints alone takes ~2.5 GB."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from cpython.ref cimport PyObject
from libc.math cimport sqrt
from libc.stdint cimport int32_t, int64_t, uint64_t
from libc.string cimport memcpy, memset
from math import factorial

from rlve_fast import deadline
from rlve_fast._core.clock cimport past

cdef extern from "Python.h":
    PyObject *PyLong_FromLong(long v)
    long PyLong_AsLong(PyObject *o) except? -1
    bint PyLong_CheckExact(PyObject *o)
    object PyList_New(Py_ssize_t size)
    void PyList_SET_ITEM(object lst, Py_ssize_t i, PyObject *item)  # steals the reference
    PyObject *PyList_GET_ITEM(object lst, Py_ssize_t i)              # borrowed
    object PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    unsigned char *PyUnicode_1BYTE_DATA(object o)


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
    return <int64_t> s.a[start + (1 << level)] != <int64_t> s.a[start] + (1 << level)


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
    cdef Py_ssize_t levels[130]
    cdef Py_ssize_t blocks[130]
    cdef Py_ssize_t m, k, size = 1 << level
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
    cdef Py_ssize_t wrong[2]
    cdef Py_ssize_t halves[4]
    cdef Py_ssize_t size, n_wrong, p, q, k
    cdef int64_t first[4]
    cdef int64_t t
    cdef uint64_t total, spread
    cdef int64_t d
    cdef bint mended
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
            # the wrong blocks after this exchange, judged by their halves' first numbers
            for k in range(2 * n_wrong):
                first[k] = s.a[halves[k]]
            t = first[p]
            first[p] = first[q]
            first[q] = t
            mended = True
            for k in range(n_wrong):
                if first[2 * k + 1] != first[2 * k] + size:
                    mended = False
            if not mended:
                continue
            exchange(s, halves[p], halves[q], level)
            if s.count[level] == 0:  # always, by the check above
                search(s, level + 1, used + 1)
            exchange(s, halves[p], halves[q], level)


cdef int32_t *read_array(array, Py_ssize_t length) except NULL:
    """The ints of ``array`` (a list or any sequence) in a new buffer; OverflowError beyond
    the int32 range."""
    cdef int32_t *a = <int32_t *> PyMem_Malloc(max(length, 1) * sizeof(int32_t))
    cdef Py_ssize_t i
    cdef PyObject *item
    cdef long v
    if a == NULL:
        raise MemoryError()
    try:
        if type(array) is list:
            for i in range(length):
                item = PyList_GET_ITEM(array, i)
                if not PyLong_CheckExact(item):
                    raise TypeError("not an int")
                v = PyLong_AsLong(item)
                if not -2147483648 <= v <= 2147483647:
                    raise OverflowError("value too large for the compiled solver")
                a[i] = <int32_t> v
        else:
            for i in range(length):
                a[i] = array[i]
    except BaseException:
        PyMem_Free(a)
        raise
    return a


def sorting_sequences(Py_ssize_t n, array):
    cdef Search s
    cdef Py_ssize_t i, level, block, length = 1 << n
    if not 0 <= n <= 40 or len(array) != length:
        raise ValueError("the array's length is not 2^N")
    s.a = NULL
    s.found = <int64_t *> PyMem_Malloc((n + 1) * sizeof(int64_t))
    s.count = <int64_t *> PyMem_Malloc((n + 1) * sizeof(int64_t))
    s.total = <uint64_t *> PyMem_Malloc((n + 1) * sizeof(uint64_t))
    s.squares = <uint64_t *> PyMem_Malloc((n + 1) * sizeof(uint64_t))
    try:
        if not (s.found and s.count and s.total and s.squares):
            raise MemoryError()
        s.a = read_array(array, length)
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
    """1..2^n with the (kind, first segment, second segment) swaps applied in order, as a
    list of ints: the ints are made in order and the swaps exchange the list's references
    (the list is most of the generation's time and memory)."""
    cdef Py_ssize_t i, k, length = 1 << n, size, x, y
    cdef PyObject *item
    cdef double stop = deadline.deadline_at()
    if not 0 <= n <= 30:
        raise ValueError("N out of range")
    out = PyList_New(length)  # NULL items until filled; a partly filled list is freed safely
    for i in range(length):
        item = PyLong_FromLong(i + 1)
        if item == NULL:
            raise MemoryError()
        PyList_SET_ITEM(out, i, item)
        if past(stop, i + 1):
            deadline.check()
    for kind, first, second in swaps:
        size = 1 << (kind - 1)
        x, y = first * size, second * size
        if not (0 <= x and x + size <= length and 0 <= y and y + size <= length):
            raise ValueError("a segment out of the array")
        for k in range(size):  # an exchange of references: no count changes
            item = PyList_GET_ITEM(out, x + k)
            PyList_SET_ITEM(out, x + k, PyList_GET_ITEM(out, y + k))
            PyList_SET_ITEM(out, y + k, item)
    return out


cdef inline Py_ssize_t decimal_length(int64_t v) noexcept nogil:
    """Digits of 0 <= v < 10^10 (comparisons: the same branch for most numbers of an array)."""
    if v < 100000:
        return 1 if v < 10 else 2 if v < 100 else 3 if v < 1000 else 4 if v < 10000 else 5
    return (6 if v < 1000000 else 7 if v < 10000000 else 8 if v < 100000000
            else 9 if v < 1000000000 else 10)


def framed_numbers(str prefix, array, str suffix):
    """prefix + " ".join(map(str, array)) + suffix for ASCII prefix and suffix and ints in
    [0, 2^31), written straight into the result (one copy of a text of ~9 bytes a number).
    Runs of consecutive numbers (most of a scrambled array) are written by incrementing the
    previous number's digits."""
    cdef Py_ssize_t length = len(array), i, k, size, m, width = 0
    cdef int32_t *a
    cdef int64_t v, previous = -2
    cdef unsigned char digits[32]  # right-aligned in the first 16; 16 spare for a fixed-size copy
    cdef unsigned char *data
    cdef bytes head, tail
    if not (prefix.isascii() and suffix.isascii()):
        raise ValueError("non-ASCII frame")
    if type(array) is not list:
        raise TypeError("not a list")
    head, tail = prefix.encode("ascii"), suffix.encode("ascii")
    a = read_array(array, length)
    try:
        size = len(head) + len(tail) + max(length - 1, 0)
        for i in range(length):
            if a[i] < 0:
                raise ValueError("a negative value")
            size += decimal_length(a[i])
        out = PyUnicode_New(size, 127)
        data = PyUnicode_1BYTE_DATA(out)
        memset(digits, 48, 32)
        memcpy(data, <const unsigned char *> head, len(head))
        m = len(head)
        for i in range(length):
            v = a[i]
            if v == previous + 1:
                k = 15
                while k >= 16 - width and digits[k] == 57:  # a trailing 9 becomes 0, carry on
                    digits[k] = 48
                    k -= 1
                if k < 16 - width:
                    width += 1
                    digits[k] = 49
                else:
                    digits[k] += 1
            else:
                width = 0
                while True:
                    digits[15 - width] = <unsigned char> (48 + v % 10)
                    width += 1
                    v //= 10
                    if v == 0:
                        break
            previous = a[i]
            if i:
                data[m] = 32
                m += 1
            if m + 16 <= size:
                memcpy(data + m, digits + 16 - width, 16)  # one store; the tail is rewritten next
            else:
                memcpy(data + m, digits + 16 - width, width)
            m += width
        memcpy(data + m, <const unsigned char *> tail, len(tail))
        return out
    finally:
        PyMem_Free(a)
