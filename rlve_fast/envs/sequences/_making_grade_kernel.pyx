# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of MakingGrade (twin: ``MakingGrade.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow, exact_in_double, FALLBACK

cdef int64_t SUM_LIMIT = 1LL << 53


cdef class MakingGradeKernel(Kernel):
    cdef Py_ssize_t n
    cdef int64_t *a
    cdef int64_t gold
    cdef double beta, weight, invalid

    def __init__(self, a, gold, double beta, double weight, double wrong_format, double invalid):
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.n = len(a)
        self.gold, self.beta, self.weight, self.invalid = gold, beta, weight, invalid
        self.a = <int64_t *> PyMem_Malloc(max(1, self.n) * sizeof(int64_t))
        if not self.a:
            raise MemoryError()
        for i in range(self.n):
            self.a[i] = a[i]
            if not exact_in_double(self.a[i]):
                raise OverflowError("entries beyond 2**53 are scored in Python")

    def __dealloc__(self):
        PyMem_Free(self.a)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, n = self.n
        cdef bint up = True, down = True
        cdef int64_t b, d, cost = 0
        if self.n_values != n:
            return self.invalid
        for i in range(1, n):
            if self.values[i - 1] > self.values[i]:
                up = False
            if self.values[i - 1] < self.values[i]:
                down = False
        if not (up or down):
            return self.invalid
        for i in range(n):
            b = self.values[i]
            if not exact_in_double(b):
                return FALLBACK
            d = self.a[i] - b
            cost += d if d >= 0 else -d
            if cost > SUM_LIMIT:
                return FALLBACK
        if not (0 < self.gold <= cost):
            return -1.0  # upstream asserts 0 < optimum <= cost
        return ratio_pow(self.gold, cost, self.beta, self.weight)
