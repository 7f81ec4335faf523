# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of MinCubeAssignment (twin: its ``score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport Kernel, SHAPE_ROWS, ratio_pow
from rlve_fast.envs._config_arrays cimport read_rows, absolute_sum_below

cdef int64_t EXACT = 1LL << 53  # costs must add up exactly in a double


cdef class CubeAssignmentKernel(Kernel):
    cdef Py_ssize_t p, q, r
    cdef int64_t d, gold
    cdef int64_t *cost  # cost[(i * q + j) * r + f]
    cdef double beta, invalid

    def __dealloc__(self):
        PyMem_Free(self.cost)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t p = self.p, q = self.q, i, start = 0
        cdef int64_t v, total = 0, diff
        if self.n_rows != p:
            return self.invalid
        for i in range(p):
            if self.row_ends[i] - start != q:
                return self.invalid
            start = self.row_ends[i]
        for i in range(p * q):  # cell (i // q, i % q) is values[i]
            v = self.values[i]
            if v < 0 or v >= self.r:
                return self.invalid
        for i in range(p * q):
            v = self.values[i]
            if i % q + 1 < q:
                diff = v - self.values[i + 1]
                if diff > self.d or -diff > self.d:
                    return self.invalid
            if i + q < p * q:
                diff = v - self.values[i + q]
                if diff > self.d or -diff > self.d:
                    return self.invalid
            total += self.cost[i * self.r + v]
        if self.gold > total:
            return -1.0  # upstream's scorer asserts: reward -1
        return ratio_pow(self.gold, total, self.beta, 1.0)


def cube_assignment_kernel(p, q, r, d, costs, gold, double beta, double wrong_format, double invalid):
    """The scorer of a P x Q x R cost table (1 <= P, Q, R; P * Q * R <= 2^24; absolute costs
    adding up to less than 2^53); None for any other config (the Python scorer reproduces
    upstream exactly there).  D or a gold answer beyond int64 raise OverflowError (None too)."""
    cdef CubeAssignmentKernel kernel
    cdef Py_ssize_t n_p, n_q, n_r, i = 0
    if not (1 <= p and 1 <= q and 1 <= r and p * q * r <= 1 << 24):
        return None
    n_p, n_q, n_r = p, q, r
    kernel = CubeAssignmentKernel.__new__(CubeAssignmentKernel)
    kernel.shape = SHAPE_ROWS
    kernel.no_answer = wrong_format
    kernel.p, kernel.q, kernel.r, kernel.d, kernel.gold = n_p, n_q, n_r, d, gold
    kernel.beta, kernel.invalid = beta, invalid
    kernel.cost = <int64_t *> PyMem_Malloc(n_p * n_q * n_r * sizeof(int64_t))
    if not kernel.cost:
        raise MemoryError()
    if len(costs) != n_p:
        return None
    for row in costs:  # row i: Q cells of R costs each
        if not read_rows(row, n_q, n_r, 1 - EXACT, EXACT - 1, kernel.cost + i * n_q * n_r):
            return None
        i += 1
    if not absolute_sum_below(kernel.cost, n_p * n_q * n_r, EXACT):
        return None
    return kernel
