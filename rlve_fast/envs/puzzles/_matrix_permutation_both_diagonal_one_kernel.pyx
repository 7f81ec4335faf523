# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of MatrixPermutation_BothDiagonalOne (twin: its ``score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_ROWS, ratio_pow


cdef class BothDiagonalsKernel(Kernel):
    cdef Py_ssize_t n
    cdef char *ones  # the 0/1 matrix, row-major
    cdef char *seen
    cdef double beta, wrong_format, invalid

    def __init__(self, n, matrix, double beta, double wrong_format, double invalid):
        self.shape = SHAPE_ROWS
        self.no_answer = wrong_format
        self.n, self.beta, self.wrong_format, self.invalid = n, beta, wrong_format, invalid
        self.ones = <char *> PyMem_Malloc(n * n)
        self.seen = <char *> PyMem_Malloc(n)
        if not (self.ones and self.seen):
            raise MemoryError()
        for r in range(n):
            for c in range(n):
                self.ones[r * n + c] = matrix[r][c]

    def __dealloc__(self):
        PyMem_Free(self.ones)
        PyMem_Free(self.seen)

    cdef bint is_order(self, Py_ssize_t start, Py_ssize_t end):
        """values[start:end] is a rearrangement of 0..n-1."""
        cdef Py_ssize_t i
        if end - start != self.n:
            return False
        memset(self.seen, 0, self.n)
        for i in range(start, end):
            if self.values[i] < 0 or self.values[i] >= self.n or self.seen[self.values[i]]:
                return False
            self.seen[self.values[i]] = 1
        return True

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t n = self.n, i, satisfied = 0, total = 0
        if self.n_rows != 2:
            return self.wrong_format
        if not (self.is_order(0, self.row_ends[0]) and self.is_order(self.row_ends[0], self.row_ends[1])):
            return self.invalid
        # row order in values[0:n], column order in values[n:2n]
        for i in range(n):
            satisfied += self.ones[self.values[i] * n + self.values[n + i]]
            total += 1
            if n - 1 - i != i:
                satisfied += self.ones[self.values[i] * n + self.values[2 * n - 1 - i]]
                total += 1
        return ratio_pow(satisfied, total, self.beta, 1.0)
