# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of MaximumIndependentSetGrid (twin: its ``score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport ratio_pow
from rlve_fast.envs.grids._char_grid cimport CharGridKernel
from rlve_fast.envs._config_arrays cimport INT64_MAX, absolute_sum_below, read_rows


cdef class IndependentCellsKernel(CharGridKernel):
    cdef Py_ssize_t n, m
    cdef int64_t *weight
    cdef int64_t gold
    cdef double beta, invalid

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


def independent_cells_kernel(n, m, weights, gold, double beta, double wrong_format, double invalid):
    """The scorer of an N x M weight grid (N * M <= 2^22) whose absolute weights add up to
    less than 2^53; None for any other config (the Python scorer reproduces upstream exactly
    there)."""
    cdef IndependentCellsKernel kernel
    cdef Py_ssize_t n_rows, n_cols
    if not (1 <= n and 1 <= m and n * m <= 1 << 22):
        return None
    n_rows, n_cols = n, m
    kernel = IndependentCellsKernel.__new__(IndependentCellsKernel)
    kernel.setup(n_rows, n_cols, "01", wrong_format)
    kernel.n, kernel.m, kernel.gold, kernel.beta, kernel.invalid = n_rows, n_cols, gold, beta, invalid
    kernel.weight = <int64_t *> PyMem_Malloc(n_rows * n_cols * sizeof(int64_t))
    if not kernel.weight:
        raise MemoryError()
    if not (read_rows(weights, n_rows, n_cols, -INT64_MAX, INT64_MAX, kernel.weight)
            and absolute_sum_below(kernel.weight, n_rows * n_cols, 1LL << 53)):
        return None
    return kernel
