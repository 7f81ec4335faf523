# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of Minimum_DominatingSet_Grid (twin: its ``score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_ROWS, ratio_pow
from rlve_fast.envs._config_arrays cimport INT64_MAX, absolute_sum_below, read_rows


cdef class DominatingSetKernel(Kernel):
    cdef Py_ssize_t n, m
    cdef int64_t *cost
    cdef char *chosen
    cdef int64_t gold
    cdef double beta, wrong_format, invalid, unsuccessful

    def __dealloc__(self):
        PyMem_Free(self.cost)
        PyMem_Free(self.chosen)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t n = self.n, m = self.m, r, start = 0, i, j
        cdef int64_t a, b, total = 0
        for r in range(self.n_rows):
            if self.row_ends[r] - start != 2:
                return self.wrong_format
            start = self.row_ends[r]
        memset(self.chosen, 0, n * m)
        for r in range(self.n_rows):
            a, b = self.values[2 * r], self.values[2 * r + 1]
            if a < 1 or a > n or b < 1 or b > m or self.chosen[(a - 1) * m + b - 1]:
                return self.invalid
            self.chosen[(a - 1) * m + b - 1] = 1
            total += self.cost[(a - 1) * m + b - 1]
        for i in range(n):
            for j in range(m):
                if not (self.chosen[i * m + j] or (j > 0 and self.chosen[i * m + j - 1])
                        or (j + 1 < m and self.chosen[i * m + j + 1])
                        or (i > 0 and self.chosen[(i - 1) * m + j])
                        or (i + 1 < n and self.chosen[(i + 1) * m + j])):
                    return self.unsuccessful
        if not (0 < self.gold <= total):
            return -1.0  # upstream's scorer asserts: reward -1
        return ratio_pow(self.gold, total, self.beta, 1.0)


def dominating_set_grid_kernel(n, m, costs, gold, double beta, double wrong_format, double invalid,
                               double unsuccessful):
    """The scorer of an N x M cost grid (N * M <= 2^22) whose absolute costs add up to less
    than 2^53; None for any other config (the Python scorer reproduces upstream exactly
    there)."""
    cdef DominatingSetKernel kernel
    cdef Py_ssize_t n_rows, n_cols
    if not (1 <= n and 1 <= m and n * m <= 1 << 22):
        return None
    n_rows, n_cols = n, m
    kernel = DominatingSetKernel.__new__(DominatingSetKernel)
    kernel.shape = SHAPE_ROWS
    kernel.no_answer = wrong_format
    kernel.n, kernel.m, kernel.gold, kernel.beta = n_rows, n_cols, gold, beta
    kernel.wrong_format, kernel.invalid, kernel.unsuccessful = wrong_format, invalid, unsuccessful
    kernel.cost = <int64_t *> PyMem_Malloc(n_rows * n_cols * sizeof(int64_t))
    kernel.chosen = <char *> PyMem_Malloc(n_rows * n_cols)
    if not (kernel.cost and kernel.chosen):
        raise MemoryError()
    if not (read_rows(costs, n_rows, n_cols, -INT64_MAX, INT64_MAX, kernel.cost)
            and absolute_sum_below(kernel.cost, n_rows * n_cols, 1LL << 53)):
        return None
    return kernel
