# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of MatrixPermutation_BothDiagonalOne (twin: its ``score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_ROWS, ratio_pow
from rlve_fast.envs._config_arrays cimport read_rows


cdef class BothDiagonalsKernel(Kernel):
    cdef Py_ssize_t n
    cdef char *ones  # the 0/1 matrix, row-major
    cdef char *seen
    cdef double beta, wrong_format, invalid
    cdef int64_t *cells  # the matrix as read while building, then narrowed into ``ones``

    def __dealloc__(self):
        PyMem_Free(self.cells)
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


def both_diagonals_kernel(n, matrix, double beta, double wrong_format, double invalid):
    """The scorer of an N x N 0/1 matrix with 1 <= N <= 4096, None for any other config (the
    Python scorer reproduces upstream exactly there)."""
    cdef BothDiagonalsKernel kernel
    cdef Py_ssize_t size, i
    if not 1 <= n <= 4096:
        return None
    size = n
    kernel = BothDiagonalsKernel.__new__(BothDiagonalsKernel)
    kernel.shape = SHAPE_ROWS
    kernel.no_answer = wrong_format
    kernel.n, kernel.beta, kernel.wrong_format, kernel.invalid = size, beta, wrong_format, invalid
    kernel.cells = <int64_t *> PyMem_Malloc(size * size * sizeof(int64_t))
    kernel.ones = <char *> PyMem_Malloc(size * size)
    kernel.seen = <char *> PyMem_Malloc(size)
    if not (kernel.cells and kernel.ones and kernel.seen):
        raise MemoryError()
    if not read_rows(matrix, size, size, 0, 1, kernel.cells):
        return None
    for i in range(size * size):
        kernel.ones[i] = <char> kernel.cells[i]
    PyMem_Free(kernel.cells)
    kernel.cells = NULL
    return kernel
