# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of Sudoku (twin: ``Sudoku.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport Kernel, SHAPE_ROWS


cdef class SudokuKernel(Kernel):
    cdef Py_ssize_t box_rows, box_cols, n
    cdef int64_t *given
    cdef Py_ssize_t *mark  # mark[v] == stamp: digit v seen in the current unit
    cdef Py_ssize_t stamp
    cdef double wrong_format, invalid, wrong, correct

    def __init__(self, box_rows, box_cols, given, double wrong_format, double invalid,
                 double wrong, double correct):
        cdef Py_ssize_t n = box_rows * box_cols, r, c
        self.shape = SHAPE_ROWS
        self.no_answer = wrong_format
        self.box_rows, self.box_cols, self.n = box_rows, box_cols, n
        self.wrong_format, self.invalid, self.wrong, self.correct = wrong_format, invalid, wrong, correct
        self.given = <int64_t *> PyMem_Malloc(max(1, n * n) * sizeof(int64_t))
        self.mark = <Py_ssize_t *> PyMem_Malloc((n + 1) * sizeof(Py_ssize_t))
        if not (self.given and self.mark):
            raise MemoryError()
        for r in range(n):
            for c in range(n):
                self.given[r * n + c] = given[r][c]
        for r in range(n + 1):
            self.mark[r] = 0
        self.stamp = 0

    def __dealloc__(self):
        PyMem_Free(self.given)
        PyMem_Free(self.mark)

    cdef inline bint repeats(self, int64_t v):
        """Record digit v (1..n) in the current unit; True if it was there already."""
        if self.mark[v] == self.stamp:
            return True
        self.mark[v] = self.stamp
        return False

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t n = self.n, r, c, i, start = 0, band, stack
        cdef int64_t v, g
        if self.n_rows != n:
            return self.wrong_format
        for r in range(n):
            if self.row_ends[r] - start != n:
                return self.wrong_format
            start = self.row_ends[r]
        for i in range(n * n):  # cell (r, c) is values[r * n + c]
            v, g = self.values[i], self.given[i]
            if v < 1 or v > n or (g != 0 and v != g):
                return self.invalid
        for r in range(n):
            self.stamp += 1
            for c in range(n):
                if self.repeats(self.values[r * n + c]):
                    return self.wrong
        for c in range(n):
            self.stamp += 1
            for r in range(n):
                if self.repeats(self.values[r * n + c]):
                    return self.wrong
        for band in range(self.box_cols):
            for stack in range(self.box_rows):
                self.stamp += 1
                for r in range(band * self.box_rows, (band + 1) * self.box_rows):
                    for c in range(stack * self.box_cols, (stack + 1) * self.box_cols):
                        if self.repeats(self.values[r * n + c]):
                            return self.wrong
        return self.correct
