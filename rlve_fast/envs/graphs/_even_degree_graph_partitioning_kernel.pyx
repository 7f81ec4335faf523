# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of EvenDegreeGraphPartitioning (twin: ``EvenDegreeGraphPartitioning.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int32_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow


cdef class EvenSplitKernel(Kernel):
    cdef Py_ssize_t n, m
    cdef int32_t *ends  # 2m endpoints
    cdef char *parity
    cdef double beta, invalid

    def __init__(self, n, edges, double beta, double wrong_format, double invalid):
        cdef Py_ssize_t i = 0
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.n, self.m = n, len(edges)
        self.beta, self.invalid = beta, invalid
        self.ends = <int32_t *> PyMem_Malloc(max(1, 2 * self.m) * sizeof(int32_t))
        self.parity = <char *> PyMem_Malloc(max(1, n))
        if not (self.ends and self.parity):
            raise MemoryError()
        for u, v in edges:
            self.ends[i], self.ends[i + 1] = u, v
            i += 2

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
