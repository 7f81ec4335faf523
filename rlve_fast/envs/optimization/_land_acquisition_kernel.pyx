# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of LandAcquisition (twin: ``LandAcquisition.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_ROWS, ratio_pow


cdef class LandKernel(Kernel):
    cdef Py_ssize_t n
    cdef int64_t *widths
    cdef int64_t *lengths
    cdef char *seen
    cdef int64_t gold
    cdef double beta, invalid

    def __init__(self, n, widths, lengths, gold, double beta, double wrong_format, double invalid):
        self.shape = SHAPE_ROWS
        self.no_answer = wrong_format
        self.n, self.gold, self.beta, self.invalid = n, gold, beta, invalid
        self.widths = <int64_t *> PyMem_Malloc(n * sizeof(int64_t))
        self.lengths = <int64_t *> PyMem_Malloc(n * sizeof(int64_t))
        self.seen = <char *> PyMem_Malloc(n + 1)
        if not (self.widths and self.lengths and self.seen):
            raise MemoryError()
        for i in range(n):
            self.widths[i] = widths[i]
            self.lengths[i] = lengths[i]

    def __dealloc__(self):
        PyMem_Free(self.widths)
        PyMem_Free(self.lengths)
        PyMem_Free(self.seen)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, r, start = 0
        cdef int64_t item, top_w, top_l, cost = 0
        if self.n_values != self.n:
            return self.invalid
        memset(self.seen, 0, self.n + 1)
        for i in range(self.n):  # n numbers covering 1..n: each exactly once
            item = self.values[i]
            if item < 1 or item > self.n or self.seen[item]:
                return self.invalid
            self.seen[item] = 1
        for r in range(self.n_rows):
            top_w = top_l = 0
            for i in range(start, self.row_ends[r]):
                item = self.values[i] - 1
                if self.widths[item] > top_w:
                    top_w = self.widths[item]
                if self.lengths[item] > top_l:
                    top_l = self.lengths[item]
            cost += top_w * top_l
            start = self.row_ends[r]
        if self.gold > cost:
            return -1.0  # upstream asserts the optimum is no larger than the answer
        return ratio_pow(self.gold, cost, self.beta, 1.0)
