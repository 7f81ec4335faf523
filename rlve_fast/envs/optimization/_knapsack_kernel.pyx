# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of Knapsack (twin: ``Knapsack.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow, FALLBACK

cdef int64_t SUM_LIMIT = 1LL << 53


cdef class KnapsackKernel(Kernel):
    cdef Py_ssize_t n
    cdef int64_t *weight
    cdef int64_t *value
    cdef int64_t capacity, gold
    cdef char *chosen
    cdef double beta, invalid
    cdef bint short_lists

    def __init__(self, n, weights, values, capacity, gold, double beta, double wrong_format, double invalid):
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.beta, self.invalid = beta, invalid
        self.n = n
        self.capacity, self.gold = capacity, gold
        # Items the lists lack make upstream's scorer raise (IndexError): decided in Python.
        self.short_lists = len(weights) < n or len(values) < n
        self.weight = <int64_t *> PyMem_Malloc(max(1, self.n) * sizeof(int64_t))
        self.value = <int64_t *> PyMem_Malloc(max(1, self.n) * sizeof(int64_t))
        self.chosen = <char *> PyMem_Malloc(max(1, self.n))
        if not (self.weight and self.value and self.chosen):
            raise MemoryError()
        for i in range(min(n, len(weights))):
            self.weight[i] = weights[i]
        for i in range(min(n, len(values))):
            self.value[i] = values[i]

    def __dealloc__(self):
        PyMem_Free(self.weight)
        PyMem_Free(self.value)
        PyMem_Free(self.chosen)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i
        cdef int64_t item, total_weight = 0, total_value = 0
        if self.short_lists:
            return FALLBACK
        memset(self.chosen, 0, self.n)
        # upstream checks repeats before ranges; both give the same reward, so one pass does
        for i in range(self.n_values):
            item = self.values[i]
            if item < 0 or item >= self.n or self.chosen[item]:
                return self.invalid
            self.chosen[item] = 1
        for i in range(self.n_values):
            total_weight += self.weight[self.values[i]]
            total_value += self.value[self.values[i]]
            if total_weight > SUM_LIMIT or total_weight < -SUM_LIMIT or total_value > SUM_LIMIT or total_value < -SUM_LIMIT:
                return FALLBACK
        if total_weight > self.capacity:
            return self.invalid
        if total_value > self.gold:
            return -1.0  # upstream asserts value <= optimum
        return ratio_pow(total_value, self.gold, self.beta, 1.0)
