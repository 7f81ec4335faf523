# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of FutoshikiPuzzle (twin: ``FutoshikiPuzzle.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t, int32_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_ROWS, ratio_pow
from rlve_fast.envs._config_arrays cimport INT64_MAX, INT64_MIN, read_ints, read_rows


cdef class FutoshikiKernel(Kernel):
    cdef Py_ssize_t n, n_inequalities
    cdef int64_t *given
    cdef int32_t *inequalities
    cdef char *seen
    cdef double beta, wrong_format, invalid

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


def futoshiki_kernel(n, matrix, inequalities, double beta, double wrong_format, double invalid):
    """The scorer of an N x N puzzle (1 <= N <= 256, int64 givens) whose inequalities are
    4 cell coordinates in 0..N-1; None for any other config (the Python scorer reproduces
    upstream exactly there)."""
    cdef FutoshikiKernel kernel
    cdef Py_ssize_t size, i = 0, k
    cdef int64_t corner[4]
    if not 1 <= n <= 256:
        return None
    size = n
    kernel = FutoshikiKernel.__new__(FutoshikiKernel)
    kernel.shape = SHAPE_ROWS
    kernel.no_answer = wrong_format
    kernel.n, kernel.beta, kernel.wrong_format, kernel.invalid = size, beta, wrong_format, invalid
    kernel.n_inequalities = len(inequalities)
    kernel.given = <int64_t *> PyMem_Malloc(size * size * sizeof(int64_t))
    kernel.inequalities = <int32_t *> PyMem_Malloc(max(1, 4 * kernel.n_inequalities) * sizeof(int32_t))
    kernel.seen = <char *> PyMem_Malloc(size)
    if not (kernel.given and kernel.inequalities and kernel.seen):
        raise MemoryError()
    if not read_rows(matrix, size, size, INT64_MIN, INT64_MAX, kernel.given):
        return None
    for q in inequalities:
        if not read_ints(q, 4, 0, size - 1, corner):
            return None
        for k in range(4):
            kernel.inequalities[4 * i + k] = <int32_t> corner[k]
        i += 1
    return kernel
