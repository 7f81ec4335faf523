# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of MinimumSpanningTree (twin: ``MinimumSpanningTree.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t, int32_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow, FALLBACK
from rlve_fast.envs._config_arrays cimport read_int

cdef int64_t NO_EDGE = -(1LL << 62)
cdef int64_t SUM_LIMIT = 1LL << 53


cdef class SpanningTreeKernel(Kernel):
    cdef Py_ssize_t n
    cdef int64_t *weight  # n x n, entry [u][v] for the stored key (u, v); NO_EDGE if absent
    cdef int32_t *parent
    cdef char *touched
    cdef int64_t gold
    cdef double beta, wrong_format, invalid

    def __dealloc__(self):
        PyMem_Free(self.weight)
        PyMem_Free(self.parent)
        PyMem_Free(self.touched)

    cdef int32_t find(self, int32_t v) noexcept:
        while self.parent[v] != v:
            self.parent[v] = self.parent[self.parent[v]]
            v = self.parent[v]
        return v

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, n = self.n, edges = self.n_values // 2
        cdef int64_t u, v, a, b, w, total = 0
        cdef int32_t ru, rv
        cdef bint acyclic = True
        if self.n_values % 2:
            return self.wrong_format
        if edges != n - 1:
            return self.invalid
        memset(self.touched, 0, n)
        for i in range(self.n_values):  # the endpoints must be exactly the vertices 0..n-1
            u = self.values[i]
            if u < 0 or u >= n:
                return self.invalid
            self.touched[u] = 1
        for i in range(n):
            if not self.touched[i]:
                return self.invalid
            self.parent[i] = <int32_t> i
        for i in range(edges):
            u, v = self.values[2 * i], self.values[2 * i + 1]
            a, b = (u, v) if u < v else (v, u)
            w = self.weight[a * n + b]
            if w == NO_EDGE:
                return self.invalid
            total += w
            ru, rv = self.find(<int32_t> u), self.find(<int32_t> v)
            if ru == rv:
                acyclic = False
            else:
                self.parent[ru] = rv
        if not acyclic:
            return self.invalid
        if self.gold > total:
            return -1.0  # upstream asserts the optimum is no heavier
        if total > SUM_LIMIT or total < -SUM_LIMIT:
            return FALLBACK
        return ratio_pow(self.gold, total, self.beta, 1.0)


def spanning_tree_kernel(n, edges, gold, double beta, double wrong_format, double invalid):
    """The scorer for 2 <= N <= 4096 (a dense weight table), triples for edges and weights
    within 2^53 in absolute value (edges with an endpoint outside 0..N-1 are ignored, as
    no answer can use them); None for any other config (the Python scorer reproduces
    upstream exactly there)."""
    cdef SpanningTreeKernel kernel
    cdef Py_ssize_t size, i
    cdef int64_t u, v, w
    if not 2 <= n <= 4096:
        return None
    size = n
    kernel = SpanningTreeKernel.__new__(SpanningTreeKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.n, kernel.gold, kernel.beta = size, gold, beta
    kernel.wrong_format, kernel.invalid = wrong_format, invalid
    kernel.weight = <int64_t *> PyMem_Malloc(size * size * sizeof(int64_t))
    kernel.parent = <int32_t *> PyMem_Malloc(size * sizeof(int32_t))
    kernel.touched = <char *> PyMem_Malloc(size)
    if not (kernel.weight and kernel.parent and kernel.touched):
        raise MemoryError()
    for i in range(size * size):
        kernel.weight[i] = NO_EDGE
    for edge in edges:  # later duplicates win, as in a dict
        if len(edge) != 3:
            return None
        if read_int(edge[0], 0, size - 1, &u) and read_int(edge[1], 0, size - 1, &v):
            if not read_int(edge[2], -SUM_LIMIT, SUM_LIMIT, &w):
                return None  # beyond exact double range
            kernel.weight[u * size + v] = w
    return kernel
