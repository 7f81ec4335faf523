# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled 0/1 knapsack optimum by dynamic programming over capacities (twin:
``plain_best_value`` in knapsack.py)."""
from libc.stdint cimport int64_t
from libc.stdlib cimport calloc, free, malloc

from rlve_fast._core.clock cimport monotonic_now

cdef Py_ssize_t CHUNK = 1 << 16


def best_value(weights, values, Py_ssize_t capacity, double deadline):
    """The largest total value of distinct items with total weight <= capacity, or None once
    the deadline has passed.  Needs weights >= 1 (ints), capacity >= 0 and |values| summing below
    2**62 (the caller checks)."""
    cdef Py_ssize_t n = len(weights), i, c, w, low, since = 0
    cdef int64_t v, candidate
    cdef int64_t *best = <int64_t *> calloc(capacity + 1, sizeof(int64_t))
    cdef int64_t *weight = <int64_t *> malloc(max(1, n) * sizeof(int64_t))
    cdef int64_t *value = <int64_t *> malloc(max(1, n) * sizeof(int64_t))
    cdef bint ok = True
    if best == NULL or weight == NULL or value == NULL:
        free(best)
        free(weight)
        free(value)
        raise MemoryError()
    try:
        for i in range(n):
            item = weights[i]  # an item heavier than the knapsack never fits
            weight[i] = item if item <= capacity else capacity + 1
            value[i] = values[i]
        with nogil:
            for i in range(n):
                w = <Py_ssize_t> weight[i]
                v = value[i]
                c = capacity
                while c >= w and ok:
                    low = c - CHUNK if c - CHUNK > w else w
                    since += c - low + 1
                    while c >= low:
                        candidate = best[c - w] + v
                        if candidate > best[c]:
                            best[c] = candidate
                        c -= 1
                    if since >= CHUNK:  # the clock once in about CHUNK cells
                        since = 0
                        ok = monotonic_now() <= deadline
                if not ok:
                    break
        return best[capacity] if ok else None
    finally:
        free(best)
        free(weight)
        free(value)
