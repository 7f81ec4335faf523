# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of ImpParty (twin: ``ImpParty.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow


cdef class CliqueKernel(Kernel):
    cdef Py_ssize_t n, size
    cdef char *edge  # size x size; [u][v] = 1 for a stored pair (u, v)
    cdef char *seen
    cdef double beta, invalid

    def __init__(self, n, edges, double beta, double wrong_format, double invalid):
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.n, self.size = n, 3 * n
        self.beta, self.invalid = beta, invalid
        self.edge = <char *> PyMem_Malloc(self.size * self.size)
        self.seen = <char *> PyMem_Malloc(self.size)
        if not (self.edge and self.seen):
            raise MemoryError()
        memset(self.edge, 0, self.size * self.size)
        cdef Py_ssize_t u, v
        for u, v in edges:  # checked by plain_edges: ints in 0..size-1
            self.edge[u * self.size + v] = 1

    def __dealloc__(self):
        PyMem_Free(self.edge)
        PyMem_Free(self.seen)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, j, adjacent = 0
        cdef int64_t u, v
        if self.n_values != self.n:
            return self.invalid
        memset(self.seen, 0, self.size)
        for i in range(self.n):
            u = self.values[i]
            if u < 0 or u >= self.size or self.seen[u]:
                return self.invalid
            self.seen[u] = 1
        for i in range(self.n):
            for j in range(self.n):
                u, v = self.values[i], self.values[j]
                if u < v:
                    adjacent += self.edge[u * self.size + v]
        return ratio_pow(adjacent, self.n * (self.n - 1) // 2, self.beta, 1.0)
