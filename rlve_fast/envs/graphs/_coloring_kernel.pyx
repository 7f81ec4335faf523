# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of the colouring environments (twins: the ``score`` methods of
MinimumChromaticNumber, MinimumHarmoniousChromaticNumber and MaximumAchromaticNumber)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t, int32_t
from libc.stdlib cimport qsort
from libc.string cimport memset, memcpy

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow
from rlve_fast.envs._config_arrays cimport read_int

# what, beyond a proper colouring, the answer must be
PROPER = 0        # fewest colours: reward (gold/colours)^beta
HARMONIOUS = 1    # no colour pair on two edges; fewest colours
COMPLETE = 2      # every colour pair on some edge; most colours: reward (colours/gold)^beta


cdef int compare_int64(const void *a, const void *b) noexcept nogil:
    cdef int64_t x = (<const int64_t *> a)[0], y = (<const int64_t *> b)[0]
    return (x > y) - (x < y)


cdef class ColoringKernel(Kernel):
    cdef Py_ssize_t n, m
    cdef int32_t *ends      # edge i joins ends[2i] and ends[2i+1]
    cdef int64_t *sorted_colors
    cdef int32_t *rank      # vertex -> index of its colour among the distinct colours
    cdef char *pair_seen    # k x k over distinct colours
    cdef int64_t gold
    cdef int mode
    cdef double beta, invalid

    def __dealloc__(self):
        PyMem_Free(self.ends)
        PyMem_Free(self.sorted_colors)
        PyMem_Free(self.rank)
        PyMem_Free(self.pair_seen)

    cdef Py_ssize_t rank_colours(self) noexcept:
        """Number k of distinct colours; rank[v] = index of v's colour among them."""
        cdef Py_ssize_t n = self.n, k = 0, i, lo, hi, mid
        cdef int64_t *s = self.sorted_colors
        if n == 0:
            return 0
        memcpy(s, self.values, n * sizeof(int64_t))
        qsort(s, n, sizeof(int64_t), compare_int64)
        for i in range(n):
            if k == 0 or s[i] != s[k - 1]:
                s[k] = s[i]
                k += 1
        for i in range(n):
            lo, hi = 0, k - 1
            while lo < hi:
                mid = (lo + hi) // 2
                if s[mid] < self.values[i]:
                    lo = mid + 1
                else:
                    hi = mid
            self.rank[i] = <int32_t> lo
        return k

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, k, a, b, pairs = 0
        cdef int64_t *c = self.values
        if self.n_values != self.n:
            return self.invalid
        for i in range(self.m):
            if c[self.ends[2 * i]] == c[self.ends[2 * i + 1]]:
                return self.invalid
        k = self.rank_colours()
        if self.mode != PROPER:
            memset(self.pair_seen, 0, k * k)
            for i in range(self.m):
                a, b = self.rank[self.ends[2 * i]], self.rank[self.ends[2 * i + 1]]
                if a > b:
                    a, b = b, a
                if self.pair_seen[a * k + b]:
                    if self.mode == HARMONIOUS:
                        return self.invalid
                else:
                    self.pair_seen[a * k + b] = 1
                    pairs += 1
            if self.mode == COMPLETE and pairs < k * (k - 1) // 2:
                return self.invalid
        if self.mode == COMPLETE:
            if k > self.gold:
                return -1.0  # upstream asserts no complete colouring beats the stored optimum
            return ratio_pow(k, self.gold, self.beta, 1.0)
        if self.gold > k:
            return -1.0  # upstream asserts no colouring beats the stored optimum
        return ratio_pow(self.gold, k, self.beta, 1.0)


def coloring_kernel(n, edges, gold, int mode, double beta, double wrong_format, double invalid):
    """The scorer for 0 <= N <= 4096 and pairs of vertices in 0..N-1; None for any other
    config (the Python scorer reproduces upstream exactly there)."""
    cdef ColoringKernel kernel
    cdef Py_ssize_t size, i = 0
    cdef int64_t u, v
    if not 0 <= n <= 4096:
        return None
    size = n
    kernel = ColoringKernel.__new__(ColoringKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.n, kernel.m, kernel.gold, kernel.mode = size, len(edges), gold, mode
    kernel.beta, kernel.invalid = beta, invalid
    kernel.ends = <int32_t *> PyMem_Malloc(max(1, 2 * kernel.m) * sizeof(int32_t))
    kernel.sorted_colors = <int64_t *> PyMem_Malloc(max(1, size) * sizeof(int64_t))
    kernel.rank = <int32_t *> PyMem_Malloc(max(1, size) * sizeof(int32_t))
    kernel.pair_seen = <char *> PyMem_Malloc(max(1, size * size))
    if not (kernel.ends and kernel.sorted_colors and kernel.rank and kernel.pair_seen):
        raise MemoryError()
    for pair in edges:
        if len(pair) != 2 or not read_int(pair[0], 0, size - 1, &u) or not read_int(pair[1], 0, size - 1, &v):
            return None
        kernel.ends[2 * i], kernel.ends[2 * i + 1] = <int32_t> u, <int32_t> v
        i += 1
    return kernel
