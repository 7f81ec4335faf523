# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of SubgraphIsomorphism (twin: ``SubgraphIsomorphism.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow
from rlve_fast.envs._config_arrays cimport read_int


cdef char *edge_table(Py_ssize_t n, edges) except NULL:
    """n x n table with entry [a][b] set for each stored pair (a, b), as written: the twin
    looks pairs up in a set of the stored tuples, always smaller endpoint first."""
    cdef char *table = <char *> PyMem_Malloc(max(n * n, 1))
    if table == NULL:
        raise MemoryError()
    cdef int64_t a, b
    memset(table, 0, max(n * n, 1))
    for e in edges:  # the config's pairs are lists or tuples of ints
        if (len(e) == 2 and read_int(e[0], 0, n - 1, &a) and read_int(e[1], 0, n - 1, &b)):
            table[a * n + b] = 1
    return table


cdef class InducedMapKernel(Kernel):
    cdef Py_ssize_t n1, n2
    cdef char *g1
    cdef char *g2
    cdef char *used
    cdef double beta, invalid

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


def induced_map_kernel(n1, edges1, n2, edges2, double beta, double wrong_format, double invalid):
    """The scorer of graphs of 0..4096 vertices each (pairs other than two endpoints in
    range are never looked up), None for larger ones."""
    cdef InducedMapKernel kernel
    if not (0 <= n1 <= 4096 and 0 <= n2 <= 4096):
        return None
    kernel = InducedMapKernel.__new__(InducedMapKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.n1, kernel.n2, kernel.beta, kernel.invalid = n1, n2, beta, invalid
    kernel.g1 = edge_table(kernel.n1, edges1)
    kernel.g2 = edge_table(kernel.n2, edges2)
    kernel.used = <char *> PyMem_Malloc(max(kernel.n2, 1))
    if kernel.used == NULL:
        raise MemoryError()
    return kernel
