# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled inner sum of MatrixRMQCounting (twin: ``hitting_sum`` in matrix_rmq_counting.py)."""
from libc.stdint cimport int64_t
from libc.stdlib cimport malloc, free

from rlve_fast._core.clock cimport monotonic_now


def hitting_sum(int k, masks, areas, int64_t value, int64_t mod, double deadline):
    """sum over subsets S of the k constraints of (-1)^|S| prod_blocks base^area, where a block
    (mask of the constraints covering it) has base value-1 if it meets S, else value; mod
    ``mod`` (< 2**31). None once the deadline has passed."""
    cdef Py_ssize_t size = (<Py_ssize_t> 1) << k, s, i, bit
    cdef int64_t total_area = 0, w, sign_sum = 0, term
    cdef int64_t *free_area = <int64_t *> malloc(size * sizeof(int64_t))
    cdef int64_t *up = NULL
    cdef int64_t *down = NULL
    if free_area == NULL:
        raise MemoryError()
    try:
        for s in range(size):
            free_area[s] = 0
        for i in range(len(masks)):
            free_area[<Py_ssize_t> masks[i]] += areas[i]
            total_area += areas[i]
        up = <int64_t *> malloc((total_area + 1) * sizeof(int64_t))
        down = <int64_t *> malloc((total_area + 1) * sizeof(int64_t))
        if up == NULL or down == NULL:
            raise MemoryError()
        up[0] = 1 % mod
        down[0] = 1 % mod
        for i in range(1, total_area + 1):
            up[i] = up[i - 1] * (value % mod) % mod
            down[i] = down[i - 1] * ((value - 1) % mod) % mod
        with nogil:
            # free_area[T] = area of the blocks whose mask lies inside T (subset sums)
            for bit in range(k):
                for s in range(size):
                    if s >> bit & 1:
                        free_area[s] += free_area[s ^ (1 << bit)]
                if monotonic_now() > deadline:
                    break
        if monotonic_now() > deadline:
            return None
        with nogil:
            for s in range(size):
                w = free_area[(size - 1) ^ s]  # blocks avoiding S keep the value as their bound
                term = up[w] * down[total_area - w] % mod
                if __builtin_parityll(s):
                    sign_sum -= term
                else:
                    sign_sum += term
                sign_sum %= mod
                if (s & 0xFFFFF) == 0 and s and monotonic_now() > deadline:
                    break
        if monotonic_now() > deadline:
            return None
        return (sign_sum % mod + mod) % mod
    finally:
        free(free_area); free(up); free(down)


cdef extern from *:
    int __builtin_parityll(unsigned long long) nogil
