# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of MinCubeAssignment (twin: its ``score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport Kernel, SHAPE_ROWS, ratio_pow


cdef class CubeAssignmentKernel(Kernel):
    cdef Py_ssize_t p, q, r
    cdef int64_t d, gold
    cdef int64_t *cost  # cost[(i * q + j) * r + f]
    cdef double beta, invalid

    def __init__(self, p, q, r, d, costs, gold, double beta, double wrong_format, double invalid):
        self.shape = SHAPE_ROWS
        self.no_answer = wrong_format
        self.p, self.q, self.r, self.d, self.gold = p, q, r, d, gold
        self.beta, self.invalid = beta, invalid
        self.cost = <int64_t *> PyMem_Malloc(p * q * r * sizeof(int64_t))
        if not self.cost:
            raise MemoryError()
        for i in range(p):
            for j in range(q):
                for f in range(r):
                    self.cost[(i * q + j) * r + f] = costs[i][j][f]

    def __dealloc__(self):
        PyMem_Free(self.cost)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t p = self.p, q = self.q, i, start = 0
        cdef int64_t v, total = 0, diff
        if self.n_rows != p:
            return self.invalid
        for i in range(p):
            if self.row_ends[i] - start != q:
                return self.invalid
            start = self.row_ends[i]
        for i in range(p * q):  # cell (i // q, i % q) is values[i]
            v = self.values[i]
            if v < 0 or v >= self.r:
                return self.invalid
        for i in range(p * q):
            v = self.values[i]
            if i % q + 1 < q:
                diff = v - self.values[i + 1]
                if diff > self.d or -diff > self.d:
                    return self.invalid
            if i + q < p * q:
                diff = v - self.values[i + q]
                if diff > self.d or -diff > self.d:
                    return self.invalid
            total += self.cost[i * self.r + v]
        if self.gold > total:
            return -1.0  # upstream's scorer asserts: reward -1
        return ratio_pow(self.gold, total, self.beta, 1.0)
