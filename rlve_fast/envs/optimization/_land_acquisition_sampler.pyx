# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Rejection test of LandAcquisition's generator, compiled (twin: ``land_acquisition.first_interesting``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.stdlib cimport qsort


cdef int by_width_then_length(const void *a, const void *b) noexcept nogil:
    cdef const int64_t *x = <const int64_t *> a
    cdef const int64_t *y = <const int64_t *> b
    if x[0] != y[0]:
        return -1 if x[0] < y[0] else 1
    if x[1] != y[1]:
        return -1 if x[1] < y[1] else 1
    return 0


cdef bint interesting(const int64_t[::1] widths, const int64_t[::1] lengths, int64_t *items,
                      int64_t *steps_w, int64_t *steps_l, int64_t *best, int64_t *suffix) noexcept nogil:
    """Whether the least cost of this attempt is below the simple cost."""
    cdef Py_ssize_t n = widths.shape[0], i, j, k = 0
    cdef int64_t top_w = 0, top_l = 0, singles = 0, simple, cand, w, l
    for i in range(n):
        items[2 * i] = widths[i]
        items[2 * i + 1] = lengths[i]
    qsort(items, n, 2 * sizeof(int64_t), by_width_then_length)
    for i in range(n):
        w, l = items[2 * i], items[2 * i + 1]
        singles += w * l
        top_w = w if w > top_w else top_w
        top_l = l if l > top_l else top_l
        while k > 0 and l > steps_l[k - 1]:
            k -= 1
        steps_w[k], steps_l[k] = w, l
        k += 1
    simple = top_w * top_l if top_w * top_l < singles else singles
    suffix[2 * n] = suffix[2 * n + 1] = 0
    for i in range(n - 1, -1, -1):
        suffix[2 * i] = items[2 * i] if items[2 * i] > suffix[2 * i + 2] else suffix[2 * i + 2]
        suffix[2 * i + 1] = items[2 * i + 1] if items[2 * i + 1] > suffix[2 * i + 3] else suffix[2 * i + 3]
    top_w = top_l = 0
    for i in range(n - 1):
        top_w = items[2 * i] if items[2 * i] > top_w else top_w
        top_l = items[2 * i + 1] if items[2 * i + 1] > top_l else top_l
        cand = top_w * top_l + suffix[2 * i + 2] * suffix[2 * i + 3]
        simple = cand if cand < simple else simple
    best[0] = 0
    for j in range(1, k + 1):
        best[j] = -1
        for i in range(j):
            cand = best[i] + steps_w[j - 1] * steps_l[i]
            if best[j] < 0 or cand < best[j]:
                best[j] = cand
    return best[k] < simple


def first_interesting(const int64_t[:, ::1] widths, const int64_t[:, ::1] lengths):
    """The first row (attempt) whose least cost is below the simple cost, or -1."""
    cdef Py_ssize_t rows = widths.shape[0], n = widths.shape[1], row, found = -1
    cdef int64_t *buffer = <int64_t *> PyMem_Malloc((7 * n + 4) * sizeof(int64_t))
    if buffer == NULL:
        raise MemoryError()
    try:
        with nogil:
            for row in range(rows):
                if interesting(widths[row], lengths[row], buffer, buffer + 2 * n, buffer + 3 * n,
                               buffer + 4 * n + 1, buffer + 5 * n + 2):
                    found = row
                    break
        return found
    finally:
        PyMem_Free(buffer)
