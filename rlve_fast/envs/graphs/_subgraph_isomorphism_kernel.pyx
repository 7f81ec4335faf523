# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of SubgraphIsomorphism (twin: ``SubgraphIsomorphism.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow


cdef char *edge_table(Py_ssize_t n, edges) except NULL:
    """n x n table with entry [a][b] set for each stored pair (a, b), as written: the twin
    looks pairs up in a set of the stored tuples, always smaller endpoint first."""
    cdef char *table = <char *> PyMem_Malloc(max(n * n, 1))
    if table == NULL:
        raise MemoryError()
    memset(table, 0, max(n * n, 1))
    for e in edges:
        if len(e) == 2 and 0 <= e[0] < n and 0 <= e[1] < n:
            table[e[0] * n + e[1]] = 1
    return table


cdef class InducedMapKernel(Kernel):
    cdef Py_ssize_t n1, n2
    cdef char *g1
    cdef char *g2
    cdef char *used
    cdef double beta, invalid

    def __init__(self, n1, edges1, n2, edges2, double beta, double wrong_format, double invalid):
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.n1, self.n2, self.beta, self.invalid = n1, n2, beta, invalid
        self.g1 = edge_table(n1, edges1)
        self.g2 = edge_table(n2, edges2)
        self.used = <char *> PyMem_Malloc(max(n2, 1))
        if self.used == NULL:
            raise MemoryError()

    def __dealloc__(self):
        PyMem_Free(self.g1)
        PyMem_Free(self.g2)
        PyMem_Free(self.used)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t n1 = self.n1, n2 = self.n2, u, v, agree = 0
        cdef int64_t x, a, b
        cdef int64_t *p = self.values
        if self.n_values != n1:
            return self.invalid
        memset(self.used, 0, max(n2, 1))
        for u in range(n1):  # a repeat and an out-of-range image are both invalid
            x = p[u]
            if x < 0 or x >= n2 or self.used[x]:
                return self.invalid
            self.used[x] = 1
        for u in range(n1):
            for v in range(u + 1, n1):
                a, b = (p[u], p[v]) if p[u] < p[v] else (p[v], p[u])
                agree += self.g1[u * n1 + v] == self.g2[a * n2 + b]
        return ratio_pow(agree, n1 * (n1 - 1) // 2, self.beta, 1.0)
