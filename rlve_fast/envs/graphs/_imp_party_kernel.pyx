# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of ImpParty (twin: ``ImpParty.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow
from rlve_fast.envs._config_arrays cimport read_int


cdef class CliqueKernel(Kernel):
    cdef Py_ssize_t n, size
    cdef char *edge  # size x size; [u][v] = 1 for a stored pair (u, v)
    cdef char *seen
    cdef double beta, invalid

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


def clique_kernel(n, edges, double beta, double wrong_format, double invalid):
    """The scorer for 1 <= N <= 1000 and pairs of int vertices in 0..3N-1 (the check of
    ``plain_edges``); None for any other config (the Python scorer reproduces upstream
    exactly there)."""
    cdef CliqueKernel kernel
    cdef Py_ssize_t size
    cdef int64_t u, v
    if not 1 <= n <= 1000:
        return None
    size = 3 * n
    kernel = CliqueKernel.__new__(CliqueKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.n, kernel.size = n, size
    kernel.beta, kernel.invalid = beta, invalid
    kernel.edge = <char *> PyMem_Malloc(size * size)
    kernel.seen = <char *> PyMem_Malloc(size)
    if not (kernel.edge and kernel.seen):
        raise MemoryError()
    memset(kernel.edge, 0, size * size)
    for pair in edges:
        if len(pair) != 2 or not read_int(pair[0], 0, size - 1, &u) or not read_int(pair[1], 0, size - 1, &v):
            return None
        kernel.edge[u * size + v] = 1
    return kernel
