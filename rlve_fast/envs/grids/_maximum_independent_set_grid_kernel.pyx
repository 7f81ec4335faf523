# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of MaximumIndependentSetGrid (twin: its ``score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport ratio_pow
from rlve_fast.envs.grids._char_grid cimport CharGridKernel


cdef class IndependentCellsKernel(CharGridKernel):
    cdef Py_ssize_t n, m
    cdef int64_t *weight
    cdef int64_t gold
    cdef double beta, invalid

    def __init__(self, n, m, weights, gold, double beta, double wrong_format, double invalid):
        self.setup(n, m, "01", wrong_format)
        self.n, self.m, self.gold, self.beta, self.invalid = n, m, gold, beta, invalid
        self.weight = <int64_t *> PyMem_Malloc(n * m * sizeof(int64_t))
        if not self.weight:
            raise MemoryError()
        for r in range(n):
            for c in range(m):
                self.weight[r * m + c] = weights[r][c]

    def __dealloc__(self):
        PyMem_Free(self.weight)

    cdef double score_cells(self) except? -2.0:
        cdef Py_ssize_t n = self.n, m = self.m, r, c
        cdef int64_t total = 0
        cdef unsigned char *x = self.cells
        for r in range(n):
            for c in range(m):
                if x[r * m + c]:
                    # the cell above and the one to the left were checked from their side
                    if (c + 1 < m and x[r * m + c + 1]) or (r + 1 < n and x[(r + 1) * m + c]):
                        return self.invalid
                    total += self.weight[r * m + c]
        if total > self.gold:
            return -1.0  # upstream's scorer asserts: reward -1
        return ratio_pow(total, self.gold, self.beta, 1.0)
