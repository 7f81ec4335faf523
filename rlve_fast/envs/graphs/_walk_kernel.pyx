# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of HamiltonianPath and LongestPath (twins: their ``score`` methods): a
sequence of vertices of a directed weighted graph, scored by the weight of its arcs."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow, FALLBACK
from rlve_fast.envs._config_arrays cimport read_int

COVER_ALL = 0     # every vertex at least once, repeats allowed; least weight (gold/weight)^beta
SIMPLE = 1        # no vertex twice; most weight (weight/gold)^beta

cdef int64_t NO_ARC = -(1LL << 62)
cdef int64_t SUM_LIMIT = 1LL << 53


cdef class WalkKernel(Kernel):
    cdef Py_ssize_t n
    cdef int64_t *weight     # n x n; NO_ARC where there is no arc
    cdef char *seen
    cdef int64_t gold
    cdef int mode
    cdef double beta, invalid, wrong_format

    def __dealloc__(self):
        PyMem_Free(self.weight)
        PyMem_Free(self.seen)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t n = self.n, i, distinct = 0
        cdef int64_t v, w, total = 0
        cdef int64_t *p = self.values
        if self.mode == SIMPLE and self.n_values == 0:
            return self.wrong_format  # upstream's parser rejects an empty path
        memset(self.seen, 0, max(1, n))
        for i in range(self.n_values):
            v = p[i]
            if v < 0 or v >= n:
                return self.invalid
            if self.seen[v]:
                if self.mode == SIMPLE:
                    return self.invalid
            else:
                self.seen[v] = 1
                distinct += 1
        if self.mode == COVER_ALL and distinct != n:
            return self.invalid
        for i in range(self.n_values - 1):
            w = self.weight[p[i] * n + p[i + 1]]
            if w == NO_ARC:
                return self.invalid
            total += w
        if total > SUM_LIMIT or total < -SUM_LIMIT:
            return FALLBACK
        if self.mode == SIMPLE:
            if total > self.gold or self.gold <= 0:
                return -1.0  # upstream asserts 0 < weight <= optimum
            return ratio_pow(total, self.gold, self.beta, 1.0)
        if self.gold > total:
            return -1.0  # upstream asserts no walk is lighter than the stored optimum
        return ratio_pow(self.gold, total, self.beta, 1.0)


def walk_kernel(n, edges, gold, int mode, double beta, double wrong_format, double invalid):
    """The scorer for 1 <= N <= 4096 and arcs (s, t, w) with s, t in 0..N-1 and |w| <= 2^40;
    None for any other config (the Python scorer reproduces upstream exactly there)."""
    cdef WalkKernel kernel
    cdef Py_ssize_t size, i
    cdef int64_t s, t, w
    if not 1 <= n <= 4096:
        return None
    size = n
    kernel = WalkKernel.__new__(WalkKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.n, kernel.gold, kernel.mode = size, gold, mode
    kernel.beta, kernel.wrong_format, kernel.invalid = beta, wrong_format, invalid
    kernel.weight = <int64_t *> PyMem_Malloc(max(1, size * size) * sizeof(int64_t))
    kernel.seen = <char *> PyMem_Malloc(max(1, size))
    if not (kernel.weight and kernel.seen):
        raise MemoryError()
    for i in range(size * size):
        kernel.weight[i] = NO_ARC
    for arc in edges:  # later duplicates win, as in a dict
        if (len(arc) != 3 or not read_int(arc[0], 0, size - 1, &s) or not read_int(arc[1], 0, size - 1, &t)
                or not read_int(arc[2], -(1LL << 40), 1LL << 40, &w)):
            return None
        kernel.weight[s * size + t] = w
    return kernel
