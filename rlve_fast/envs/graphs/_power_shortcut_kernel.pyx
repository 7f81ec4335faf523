# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of PowerShortcut (twin: ``PowerShortcut.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow


cdef class ShortcutKernel(Kernel):
    cdef Py_ssize_t n
    cdef char *allowed  # n x n
    cdef int64_t gold
    cdef double beta, wrong_format, invalid

    def __init__(self, n, allowed, gold, double beta, double wrong_format, double invalid):
        cdef Py_ssize_t s, t
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.n, self.gold, self.beta = n, gold, beta
        self.wrong_format, self.invalid = wrong_format, invalid
        self.allowed = <char *> PyMem_Malloc(n * n)
        if self.allowed == NULL:
            raise MemoryError()
        for s in range(n):
            row = allowed[s]
            for t in range(n):
                self.allowed[s * n + t] = 1 if row[t] else 0

    def __dealloc__(self):
        PyMem_Free(self.allowed)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, m = self.n_values, n = self.n
        if m == 0:
            return self.wrong_format
        for i in range(m):
            if self.values[i] < 0 or self.values[i] >= n:
                return self.invalid
        if self.values[0] != 0 or self.values[m - 1] != n - 1:
            return self.invalid
        for i in range(m - 1):
            if not self.allowed[self.values[i] * n + self.values[i + 1]]:
                return self.invalid
        if self.gold > m:
            return -1.0  # upstream asserts the optimum is no longer
        return ratio_pow(self.gold, m, self.beta, 1.0)
