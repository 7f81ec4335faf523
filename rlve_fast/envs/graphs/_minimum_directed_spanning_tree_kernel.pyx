# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of MinimumDirectedSpanningTree (twin: ``MinimumDirectedSpanningTree.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t, int32_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow, FALLBACK
from rlve_fast.envs.graphs._weight_table cimport NO_EDGE, SUM_LIMIT, fill_weight_table


cdef class ArborescenceKernel(Kernel):
    cdef Py_ssize_t n, root
    cdef int64_t *weight   # n x n, NO_EDGE where absent
    cdef int32_t *first    # children lists: first child edge per vertex, then next
    cdef int32_t *next_edge
    cdef int32_t *stack
    cdef char *seen
    cdef int64_t gold
    cdef double beta, wrong_format, invalid

    def __init__(self, n, root, edges, gold, double beta, double wrong_format, double invalid):
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.n, self.root, self.gold, self.beta = n, root, gold, beta
        self.wrong_format, self.invalid = wrong_format, invalid
        self.weight = <int64_t *> PyMem_Malloc(n * n * sizeof(int64_t))
        self.first = <int32_t *> PyMem_Malloc(n * sizeof(int32_t))
        self.next_edge = <int32_t *> PyMem_Malloc(n * sizeof(int32_t))
        self.stack = <int32_t *> PyMem_Malloc(n * sizeof(int32_t))
        self.seen = <char *> PyMem_Malloc(n)
        if not (self.weight and self.first and self.next_edge and self.stack and self.seen):
            raise MemoryError()
        fill_weight_table(self.weight, n, edges)

    def __dealloc__(self):
        PyMem_Free(self.weight)
        PyMem_Free(self.first)
        PyMem_Free(self.next_edge)
        PyMem_Free(self.stack)
        PyMem_Free(self.seen)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, n = self.n, edges = self.n_values // 2, top = 0
        cdef int64_t s, t, w, total = 0
        cdef int32_t v, e
        if self.n_values % 2:
            return self.wrong_format
        if edges != n - 1:
            return self.invalid
        memset(self.seen, 0, n)
        for i in range(self.n_values):  # the endpoints must be exactly the vertices 0..n-1
            s = self.values[i]
            if s < 0 or s >= n:
                return self.invalid
            self.seen[s] = 1
        for i in range(n):
            if not self.seen[i]:
                return self.invalid
            self.first[i] = -1
        for i in range(edges):
            s, t = self.values[2 * i], self.values[2 * i + 1]
            if s == t:
                return self.invalid
            self.next_edge[i] = self.first[s]
            self.first[s] = <int32_t> i
        memset(self.seen, 0, n)
        self.seen[self.root] = 1
        self.stack[0] = <int32_t> self.root
        top = 1
        while top:
            top -= 1
            v = self.stack[top]
            e = self.first[v]
            while e >= 0:
                t = self.values[2 * e + 1]
                if self.seen[t]:
                    return self.invalid
                self.seen[t] = 1
                self.stack[top] = <int32_t> t
                top += 1
                e = self.next_edge[e]
        for i in range(n):
            if not self.seen[i]:
                return self.invalid
        for i in range(edges):
            w = self.weight[self.values[2 * i] * n + self.values[2 * i + 1]]
            if w == NO_EDGE:
                return self.invalid
            total += w
        if self.gold > total:
            return -1.0  # upstream asserts the optimum is no heavier
        if total > SUM_LIMIT or total < -SUM_LIMIT:
            return FALLBACK
        return ratio_pow(self.gold, total, self.beta, 1.0)
