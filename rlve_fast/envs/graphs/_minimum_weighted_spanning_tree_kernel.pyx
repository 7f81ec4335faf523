# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of MinimumWeightedSpanningTree (twin: ``MinimumWeightedSpanningTree.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t, int32_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow, FALLBACK
from rlve_fast.envs.graphs._weight_table cimport NO_EDGE, SUM_LIMIT, fill_weight_table


cdef class DepthTreeKernel(Kernel):
    cdef Py_ssize_t n
    cdef int64_t *weight    # n x n for the stored pair (u, v), u < v as listed; NO_EDGE if absent
    cdef int32_t *first     # adjacency of the answer: first half-edge per vertex, then next
    cdef int32_t *next_half
    cdef int32_t *depth
    cdef int32_t *stack
    cdef char *seen
    cdef int64_t gold
    cdef double beta, wrong_format, invalid

    def __dealloc__(self):
        PyMem_Free(self.weight)
        PyMem_Free(self.first)
        PyMem_Free(self.next_half)
        PyMem_Free(self.depth)
        PyMem_Free(self.stack)
        PyMem_Free(self.seen)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, n = self.n, m, top, reached
        cdef int64_t root, u, v, a, b, w, total = 0
        cdef int32_t x, h, y
        if self.n_values == 0:
            return self.wrong_format
        root = self.values[0]
        if root < 0 or root >= n:
            return self.invalid
        if (self.n_values - 1) % 2:
            return self.wrong_format
        m = (self.n_values - 1) // 2
        if m != n - 1:
            return self.invalid
        memset(self.seen, 0, n)
        for i in range(1, self.n_values):
            u = self.values[i]
            if u < 0 or u >= n:
                return self.invalid
            self.seen[u] = 1
        for i in range(n):
            if not self.seen[i]:
                return self.invalid
            self.first[i] = -1
        for i in range(m):
            u, v = self.values[1 + 2 * i], self.values[2 + 2 * i]
            a, b = (u, v) if u < v else (v, u)
            if self.weight[a * n + b] == NO_EDGE:
                return self.invalid
            self.next_half[2 * i] = self.first[u]
            self.first[u] = <int32_t> (2 * i)
            self.next_half[2 * i + 1] = self.first[v]
            self.first[v] = <int32_t> (2 * i + 1)
        memset(self.seen, 0, n)
        self.seen[root] = 1
        self.depth[root] = 0
        self.stack[0] = <int32_t> root
        top, reached = 1, 1
        while top:
            top -= 1
            x = self.stack[top]
            h = self.first[x]
            while h >= 0:
                y = <int32_t> self.values[2 + h] if h % 2 == 0 else <int32_t> self.values[h]
                if not self.seen[y]:
                    self.seen[y] = 1
                    self.depth[y] = self.depth[x] + 1
                    self.stack[top] = y
                    top += 1
                    reached += 1
                h = self.next_half[h]
        if reached != n:
            return self.invalid
        for i in range(m):
            u, v = self.values[1 + 2 * i], self.values[2 + 2 * i]
            a, b = (u, v) if u < v else (v, u)
            w = self.weight[a * n + b]
            total += w * (self.depth[u] if self.depth[u] > self.depth[v] else self.depth[v])
            if total > SUM_LIMIT or total < -SUM_LIMIT:
                return FALLBACK
        if self.gold > total:
            return -1.0  # upstream asserts the optimum is no larger
        if total == 0:
            return 1.0 if self.gold == 0 else -1.0
        return ratio_pow(self.gold, total, self.beta, 1.0)


def depth_tree_kernel(n, edges, gold, double beta, double wrong_format, double invalid):
    """The scorer of a weighted graph on 2 <= N <= 1024 vertices whose edges are (s, t, w) triples of ints with
    stored weights within +-2^53; None for any other config (the Python scorer reproduces
    upstream exactly there).  A gold answer beyond int64 raises OverflowError (None too)."""
    cdef DepthTreeKernel kernel
    cdef Py_ssize_t size
    if not 2 <= n <= 1024:
        return None
    size = n
    kernel = DepthTreeKernel.__new__(DepthTreeKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.n, kernel.gold, kernel.beta = n, gold, beta
    kernel.wrong_format, kernel.invalid = wrong_format, invalid
    kernel.weight = <int64_t *> PyMem_Malloc(size * size * sizeof(int64_t))
    kernel.first = <int32_t *> PyMem_Malloc(size * sizeof(int32_t))
    kernel.next_half = <int32_t *> PyMem_Malloc(2 * size * sizeof(int32_t))
    kernel.depth = <int32_t *> PyMem_Malloc(size * sizeof(int32_t))
    kernel.stack = <int32_t *> PyMem_Malloc(size * sizeof(int32_t))
    kernel.seen = <char *> PyMem_Malloc(size)
    if not (kernel.weight and kernel.first and kernel.next_half and kernel.depth and kernel.stack and kernel.seen):
        raise MemoryError()
    if not fill_weight_table(kernel.weight, size, edges):
        return None
    return kernel
