# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of EvenDegreeGraphPartitioning (twin: ``EvenDegreeGraphPartitioning.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int32_t, int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow
from rlve_fast.envs._config_arrays cimport read_ints


cdef class EvenSplitKernel(Kernel):
    cdef Py_ssize_t n, m
    cdef int32_t *ends  # 2m endpoints
    cdef char *parity
    cdef double beta, invalid

    def __dealloc__(self):
        PyMem_Free(self.ends)
        PyMem_Free(self.parity)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, satisfied = 0
        cdef int32_t u, v
        if self.n_values != self.n:
            return self.invalid
        for i in range(self.n):
            if self.values[i] != 1 and self.values[i] != 2:
                return self.invalid
        memset(self.parity, 0, self.n)
        for i in range(self.m):
            u, v = self.ends[2 * i], self.ends[2 * i + 1]
            if self.values[u] == self.values[v]:
                self.parity[u] ^= 1
                self.parity[v] ^= 1
        for i in range(self.n):
            satisfied += self.parity[i] == 0
        return ratio_pow(satisfied, self.n, self.beta, 1.0)


def even_split_kernel(n, edges, double beta, double wrong_format, double invalid):
    """The scorer of 1 <= N <= 2^20 vertices and edges of two int endpoints in 0..N-1, None
    for any other config (the Python scorer reproduces upstream exactly there)."""
    cdef EvenSplitKernel kernel
    cdef Py_ssize_t i = 0
    cdef int64_t pair[2]
    if not 1 <= n <= 1 << 20:
        return None
    kernel = EvenSplitKernel.__new__(EvenSplitKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.n, kernel.m = n, len(edges)
    kernel.beta, kernel.invalid = beta, invalid
    kernel.ends = <int32_t *> PyMem_Malloc(max(1, 2 * kernel.m) * sizeof(int32_t))
    kernel.parity = <char *> PyMem_Malloc(kernel.n)
    if not (kernel.ends and kernel.parity):
        raise MemoryError()
    for edge in edges:
        if not read_ints(edge, 2, 0, kernel.n - 1, pair):
            return None
        kernel.ends[i], kernel.ends[i + 1] = <int32_t> pair[0], <int32_t> pair[1]
        i += 2
    return kernel
