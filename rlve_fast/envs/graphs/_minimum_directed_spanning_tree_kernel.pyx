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


def arborescence_kernel(n, root, edges, gold, double beta, double wrong_format, double invalid):
    """The scorer of a weighted graph on 2 <= N <= 1024 vertices, rooted in 0..N-1, whose edges
    are (s, t, w) triples of ints with stored weights within +-2^53; None for any other config
    (the Python scorer reproduces upstream exactly there).  A gold answer beyond int64 raises
    OverflowError (None too)."""
    cdef ArborescenceKernel kernel
    cdef Py_ssize_t size
    if not 2 <= n <= 1024 or not 0 <= root < n:
        return None
    size = n
    kernel = ArborescenceKernel.__new__(ArborescenceKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.n, kernel.root, kernel.gold, kernel.beta = n, root, gold, beta
    kernel.wrong_format, kernel.invalid = wrong_format, invalid
    kernel.weight = <int64_t *> PyMem_Malloc(size * size * sizeof(int64_t))
    kernel.first = <int32_t *> PyMem_Malloc(size * sizeof(int32_t))
    kernel.next_edge = <int32_t *> PyMem_Malloc(size * sizeof(int32_t))
    kernel.stack = <int32_t *> PyMem_Malloc(size * sizeof(int32_t))
    kernel.seen = <char *> PyMem_Malloc(size)
    if not (kernel.weight and kernel.first and kernel.next_edge and kernel.stack and kernel.seen):
        raise MemoryError()
    if not fill_weight_table(kernel.weight, size, edges):
        return None
    return kernel
