# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of FutoshikiPuzzle (twin: ``FutoshikiPuzzle.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t, int32_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_ROWS, ratio_pow


cdef class FutoshikiKernel(Kernel):
    cdef Py_ssize_t n, n_inequalities
    cdef int64_t *given
    cdef int32_t *inequalities
    cdef char *seen
    cdef double beta, wrong_format, invalid

    def __init__(self, n, matrix, inequalities, double beta, double wrong_format, double invalid):
        self.shape = SHAPE_ROWS
        self.no_answer = wrong_format
        self.n, self.beta, self.wrong_format, self.invalid = n, beta, wrong_format, invalid
        self.n_inequalities = len(inequalities)
        self.given = <int64_t *> PyMem_Malloc(n * n * sizeof(int64_t))
        self.inequalities = <int32_t *> PyMem_Malloc(max(1, 4 * self.n_inequalities) * sizeof(int32_t))
        self.seen = <char *> PyMem_Malloc(n)
        if not (self.given and self.inequalities and self.seen):
            raise MemoryError()
        for r in range(n):
            for c in range(n):
                self.given[r * n + c] = matrix[r][c]
        for i, q in enumerate(inequalities):
            for k in range(4):
                self.inequalities[4 * i + k] = q[k]

    def __dealloc__(self):
        PyMem_Free(self.given)
        PyMem_Free(self.inequalities)
        PyMem_Free(self.seen)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t n = self.n, r, c, i, start = 0, satisfied = 0
        cdef int64_t v, g
        cdef int32_t *q
        if self.n_rows != n:
            return self.wrong_format
        for r in range(n):
            if self.row_ends[r] - start != n:
                return self.wrong_format
            start = self.row_ends[r]
        # rows are stored back to back, so cell (r, c) is values[r * n + c]
        for r in range(n):
            memset(self.seen, 0, n)
            for c in range(n):
                v = self.values[r * n + c]
                if v < 0 or v >= n or self.seen[v]:
                    return self.invalid
                self.seen[v] = 1
        for c in range(n):
            memset(self.seen, 0, n)
            for r in range(n):
                v = self.values[r * n + c]
                if self.seen[v]:
                    return self.invalid
                self.seen[v] = 1
        for i in range(n * n):
            g = self.given[i]
            if g != -1 and g != self.values[i]:
                return self.invalid
        for i in range(self.n_inequalities):
            q = self.inequalities + 4 * i
            satisfied += self.values[q[0] * n + q[1]] < self.values[q[2] * n + q[3]]
        return ratio_pow(satisfied, self.n_inequalities, self.beta, 1.0)
