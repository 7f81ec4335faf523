# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of Binario (twin: ``Binario.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport ratio_pow
from rlve_fast.envs.grids._char_grid cimport CharGridKernel
from rlve_fast.envs._config_arrays cimport INT64_MAX, INT64_MIN, read_ints, read_symbol_rows


cdef class BinarioKernel(CharGridKernel):
    cdef Py_ssize_t n, m
    cdef unsigned char *given  # 0, 1, or 2 for '*'
    cdef int64_t *want         # row counts, then column counts
    cdef double beta, invalid

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


def binario_kernel(n, m, matrix, row_counts, col_counts, double beta, double wrong_format, double invalid):
    """The scorer of an N x M grid of 0, 1 and * (N * M <= 2^22) with N row and M column
    counts; None for any other config (the Python scorer reproduces upstream exactly there)."""
    cdef BinarioKernel kernel
    cdef Py_ssize_t n_rows, n_cols
    if not (1 <= n and 1 <= m and n * m <= 1 << 22):
        return None
    n_rows, n_cols = n, m
    kernel = BinarioKernel.__new__(BinarioKernel)
    kernel.setup(n_rows, n_cols, "01", wrong_format)
    kernel.n, kernel.m, kernel.beta, kernel.invalid = n_rows, n_cols, beta, invalid
    kernel.given = <unsigned char *> PyMem_Malloc(n_rows * n_cols)
    kernel.want = <int64_t *> PyMem_Malloc((n_rows + n_cols) * sizeof(int64_t))
    if not (kernel.given and kernel.want):
        raise MemoryError()
    for row in matrix:  # rows are strs (checked by load_config): '*' is the third symbol
        if type(row) is not str:
            return None
    if not (read_symbol_rows(matrix, n_rows, n_cols, "01*", kernel.given)
            and read_ints(row_counts, n_rows, INT64_MIN, INT64_MAX, kernel.want)
            and read_ints(col_counts, n_cols, INT64_MIN, INT64_MAX, kernel.want + n_rows)):
        return None
    return kernel
