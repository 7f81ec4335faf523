# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of CirculatingGrid (twin: its ``score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport ratio_pow
from rlve_fast.envs.grids._char_grid cimport CharGridKernel
from rlve_fast.envs._config_arrays cimport read_symbol_rows


cdef class CirculatingGridKernel(CharGridKernel):
    cdef Py_ssize_t rows, cols
    cdef unsigned char *given  # arrow codes: 0 L, 1 R, 2 U, 3 D
    cdef int *pointed
    cdef int64_t gold
    cdef double beta, invalid

    def __dealloc__(self):
        PyMem_Free(self.given)
        PyMem_Free(self.pointed)

    cdef double score_cells(self) except? -2.0:
        cdef Py_ssize_t rows = self.rows, cols = self.cols, i, j, ti, tj
        cdef int64_t changes = 0
        cdef unsigned char a
        memset(self.pointed, 0, rows * cols * sizeof(int))
        for i in range(rows):
            for j in range(cols):
                a = self.cells[i * cols + j]
                ti, tj = i, j
                if a == 0:
                    tj = (j + cols - 1) % cols
                elif a == 1:
                    tj = (j + 1) % cols
                elif a == 2:
                    ti = (i + rows - 1) % rows
                else:
                    ti = (i + 1) % rows
                self.pointed[ti * cols + tj] += 1
                changes += a != self.given[i * cols + j]
        for i in range(rows * cols):
            if self.pointed[i] != 1:
                return self.invalid
        if self.gold > changes:
            return -1.0  # upstream's scorer asserts: reward -1
        if changes == 0:
            return 1.0 if self.gold == 0 else -1.0
        return ratio_pow(self.gold, changes, self.beta, 1.0)


def circulating_grid_kernel(rows, cols, grid, gold, double beta, double wrong_format, double invalid):
    """The scorer of an R x C grid of arrows L, R, U, D (R * C <= 2^22); None for any other
    config (the Python scorer reproduces upstream exactly there)."""
    cdef CirculatingGridKernel kernel
    cdef Py_ssize_t n_rows, n_cols
    if not (1 <= rows and 1 <= cols and rows * cols <= 1 << 22):
        return None
    n_rows, n_cols = rows, cols
    kernel = CirculatingGridKernel.__new__(CirculatingGridKernel)
    kernel.setup(n_rows, n_cols, "LRUD", wrong_format)
    kernel.rows, kernel.cols, kernel.gold, kernel.beta, kernel.invalid = n_rows, n_cols, gold, beta, invalid
    kernel.given = <unsigned char *> PyMem_Malloc(n_rows * n_cols)
    kernel.pointed = <int *> PyMem_Malloc(n_rows * n_cols * sizeof(int))
    if not (kernel.given and kernel.pointed):
        raise MemoryError()
    if not read_symbol_rows(grid, n_rows, n_cols, "LRUD", kernel.given):
        return None
    return kernel
