# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled solver and scorer of Maximum_IndependentSet_Tree (twins: ``heaviest_independent_set``,
``MaximumIndependentSetTree.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int32_t, int64_t
from libc.string cimport memset

from rlve_fast import deadline
from rlve_fast._core.clock cimport past
from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow, FALLBACK
from rlve_fast.envs.trees._tree_core cimport RootedTree

cdef int64_t SUM_LIMIT = 1LL << 53


def heaviest_independent_set(Py_ssize_t n, edges, weights):
    cdef RootedTree tree = RootedTree(edges, n, 0, 0)
    cdef int64_t *taken = <int64_t *> PyMem_Malloc(2 * n * sizeof(int64_t))
    cdef int64_t *left = taken + n
    cdef char *chosen = <char *> PyMem_Malloc(n)
    cdef Py_ssize_t i, k
    cdef int32_t v, c, p
    cdef double stop = deadline.deadline_at()
    if taken == NULL or chosen == NULL:
        PyMem_Free(taken)
        PyMem_Free(chosen)
        raise MemoryError()
    try:
        for i in range(n):
            taken[i] = weights[i]
            left[i] = 0
        for i in range(n - 1, -1, -1):
            if past(stop, i):
                deadline.check()
            v = tree.order[i]
            for k in range(tree.child_start[v], tree.child_start[v + 1]):
                c = tree.children[k]
                taken[v] += left[c]
                left[v] += taken[c] if taken[c] > left[c] else left[c]
        for i in range(n):
            v = tree.order[i]
            p = tree.parent[v]
            chosen[v] = taken[v] > left[v] and not (p >= 0 and chosen[p])
        v = tree.order[0]
        return (taken[v] if taken[v] > left[v] else left[v]), [i for i in range(n) if chosen[i]]
    finally:
        PyMem_Free(taken)
        PyMem_Free(chosen)


cdef class IndependentSetKernel(Kernel):
    cdef Py_ssize_t n, n_edges
    cdef int32_t *ends
    cdef int64_t *weight
    cdef char *chosen
    cdef int64_t gold
    cdef double beta, invalid

    def __init__(self, Py_ssize_t n, edges, weights, gold, double beta, double wrong_format, double invalid):
        cdef Py_ssize_t i
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.n, self.n_edges, self.gold, self.beta, self.invalid = n, len(edges), gold, beta, invalid
        self.ends = <int32_t *> PyMem_Malloc(max(2 * self.n_edges, 1) * sizeof(int32_t))
        self.weight = <int64_t *> PyMem_Malloc(n * sizeof(int64_t))
        self.chosen = <char *> PyMem_Malloc(n)
        if not (self.ends and self.weight and self.chosen):
            raise MemoryError()
        for i in range(n):
            self.weight[i] = weights[i]
            if not -SUM_LIMIT <= self.weight[i] <= SUM_LIMIT:
                raise OverflowError("a weight beyond exact double range")
        for i in range(self.n_edges):
            u, v = edges[i]
            # an end outside 0..n-1 can never be chosen: -1 never matches
            self.ends[2 * i] = <int32_t> u if 0 <= u < n else -1
            self.ends[2 * i + 1] = <int32_t> v if 0 <= v < n else -1

    def __dealloc__(self):
        PyMem_Free(self.ends)
        PyMem_Free(self.weight)
        PyMem_Free(self.chosen)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i
        cdef int64_t v, total = 0
        cdef int32_t a, b
        memset(self.chosen, 0, self.n)
        for i in range(self.n_values):
            v = self.values[i]
            if v < 0 or v >= self.n or self.chosen[v]:
                return self.invalid
            self.chosen[v] = 1
        for i in range(self.n_edges):
            a, b = self.ends[2 * i], self.ends[2 * i + 1]
            if a >= 0 and b >= 0 and self.chosen[a] and self.chosen[b]:
                return self.invalid
        for i in range(self.n_values):
            total += self.weight[self.values[i]]
            if not -SUM_LIMIT <= total <= SUM_LIMIT:
                return FALLBACK
        if total > self.gold:
            return -1.0  # upstream asserts the optimum is no lighter
        return ratio_pow(total, self.gold, self.beta, 1.0)
