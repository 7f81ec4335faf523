# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of Binario (twin: ``Binario.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport ratio_pow
from rlve_fast.envs.grids._char_grid cimport CharGridKernel


cdef class BinarioKernel(CharGridKernel):
    cdef Py_ssize_t n, m
    cdef unsigned char *given  # 0, 1, or 2 for '*'
    cdef int64_t *want         # row counts, then column counts
    cdef double beta, invalid

    def __init__(self, n, m, matrix, row_counts, col_counts, double beta, double wrong_format,
                 double invalid):
        self.setup(n, m, "01", wrong_format)
        self.n, self.m, self.beta, self.invalid = n, m, beta, invalid
        self.given = <unsigned char *> PyMem_Malloc(n * m)
        self.want = <int64_t *> PyMem_Malloc((n + m) * sizeof(int64_t))
        if not (self.given and self.want):
            raise MemoryError()
        for r in range(n):
            for c in range(m):
                self.given[r * m + c] = "01*".index(matrix[r][c])
        for r in range(n):
            self.want[r] = row_counts[r]
        for c in range(m):
            self.want[n + c] = col_counts[c]

    def __dealloc__(self):
        PyMem_Free(self.given)
        PyMem_Free(self.want)

    cdef double score_cells(self) except? -2.0:
        cdef Py_ssize_t n = self.n, m = self.m, r, c, satisfied = 0
        cdef int64_t ones
        cdef unsigned char *x = self.cells
        for r in range(n * m):
            if self.given[r] != 2 and self.given[r] != x[r]:
                return self.invalid
        for r in range(n):
            for c in range(m):
                if c + 2 < m and x[r * m + c] == x[r * m + c + 1] == x[r * m + c + 2]:
                    return self.invalid
                if r + 2 < n and x[r * m + c] == x[(r + 1) * m + c] == x[(r + 2) * m + c]:
                    return self.invalid
        for r in range(n):
            ones = 0
            for c in range(m):
                ones += x[r * m + c]
            satisfied += ones == self.want[r]
        for c in range(m):
            ones = 0
            for r in range(n):
                ones += x[r * m + c]
            satisfied += ones == self.want[n + c]
        return ratio_pow(satisfied, n + m, self.beta, 1.0)
