# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Vertex_KCenter, compiled: all-pairs shortest paths, the exact K-center search (graphs of
at most 64 vertices) and the scorer (twin: ``VertexKCenter.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t, uint64_t
from libc.string cimport memset

from rlve_fast._core.clock cimport past
from rlve_fast.envs.graphs._bits cimport lowest_bit, popcount64
from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow
from rlve_fast.envs._config_arrays cimport read_rows

def shortest_distances(int n, edges, int64_t unreachable):
    """n x n shortest path lengths of an undirected weighted graph (Floyd-Warshall), with
    ``unreachable`` for pairs no path joins (as the starting value of every pair)."""
    cdef int64_t *d = <int64_t *> PyMem_Malloc(max(1, n * n) * sizeof(int64_t))
    cdef int i, j, k
    cdef int64_t via
    if d == NULL:
        raise MemoryError()
    try:
        for i in range(n * n):
            d[i] = unreachable
        for i in range(n):
            d[i * n + i] = 0
        for e in edges:
            i, j = e[0], e[1]
            d[i * n + j] = d[j * n + i] = e[2]  # later duplicates win, as in the assignment upstream
        for k in range(n):
            for i in range(n):
                for j in range(n):
                    via = d[i * n + k] + d[k * n + j]
                    if via < d[i * n + j]:
                        d[i * n + j] = via
        return [[d[i * n + j] for j in range(n)] for i in range(n)]
    finally:
        PyMem_Free(d)


cdef struct Cover:
    int n
    uint64_t ball[64]       # vertices within the radius of each vertex
    uint64_t chosen
    long long steps
    double deadline
    bint timed_out


cdef bint cover_with(Cover *s, uint64_t open_, int left) noexcept:
    """Can ``left`` more balls cover ``open_``?  Branch on the open vertex with the fewest
    balls around it; vertices with pairwise disjoint options each need their own ball."""
    cdef uint64_t rest = open_, options, taken = 0, covers
    cdef int u, w, fewest = 65, pick = -1, count, apart = 0
    s.steps += 1
    if past(s.deadline, s.steps):
        s.timed_out = True
        return False
    if open_ == 0:
        return True
    if left == 0:
        return False
    while rest:
        u = lowest_bit(rest)
        rest &= rest - 1
        options = 0
        for w in range(s.n):
            if s.ball[w] >> u & 1:
                options |= (<uint64_t> 1) << w
        count = popcount64(options)
        if count < fewest:
            fewest, pick = count, u
        if options & taken == 0:
            taken |= options
            apart += 1
            if apart > left:
                return False
    options = 0
    for w in range(s.n):
        if s.ball[w] >> pick & 1:
            options |= (<uint64_t> 1) << w
    while options:
        w = lowest_bit(options)
        options &= options - 1
        if cover_with(s, open_ & ~s.ball[w], left - 1):
            s.chosen |= (<uint64_t> 1) << w
            return True
        if s.timed_out:
            return False
    return False


cdef object centres_within(int n, list dist, int64_t radius, int k, double deadline):
    """K centres (a list) with every vertex within ``radius`` of one, False if there are
    none, None on timeout."""
    cdef Cover s
    cdef int i, j
    cdef uint64_t everyone = ((<uint64_t> 1) << n) - 1 if n < 64 else <uint64_t> 0xFFFFFFFFFFFFFFFF
    memset(&s, 0, sizeof(Cover))
    s.n, s.deadline = n, deadline
    for i in range(n):
        row = dist[i]
        for j in range(n):
            if row[j] <= radius:
                s.ball[i] |= (<uint64_t> 1) << j
    found = cover_with(&s, everyone, k)
    if s.timed_out:
        return None
    if not found:
        return False
    centres = [i for i in range(n) if s.chosen >> i & 1]
    for i in range(n):  # top up to exactly k centres (more never hurt)
        if len(centres) == k:
            break
        if not s.chosen >> i & 1:
            centres.append(i)
    return sorted(centres)


def k_center(int n, int k, dist, double deadline):
    """(least possible largest distance to the nearest of k centres, the centres), None on
    timeout: a binary search over the distances that occur, each step a covering search."""
    if not 1 <= n <= 64 or not 1 <= k <= n:
        raise ValueError("the compiled search handles 1 <= K <= N <= 64")
    radii = sorted({x for row in dist for x in row})
    lo, hi = 0, len(radii) - 1
    best = centres_within(n, dist, radii[hi], k, deadline)
    if best is None:
        return None
    if best is False:
        raise ValueError("no K centres cover the graph")
    while lo < hi:
        mid = (lo + hi) // 2
        found = centres_within(n, dist, radii[mid], k, deadline)
        if found is None:
            return None
        if found is False:
            lo = mid + 1
        else:
            hi, best = mid, found
    worst = max(min(dist[v][c] for c in best) for v in range(n))
    return worst, best


cdef class KCenterKernel(Kernel):
    cdef Py_ssize_t n, k
    cdef int64_t *dist
    cdef char *picked
    cdef int64_t gold
    cdef double beta, invalid

    def __dealloc__(self):
        PyMem_Free(self.dist)
        PyMem_Free(self.picked)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t n = self.n, i, u
        cdef int64_t c, d, near, worst = 0
        if self.n_values != self.k:
            return self.invalid
        memset(self.picked, 0, max(1, n))
        for i in range(self.n_values):  # repeats and out-of-range centres are both invalid
            c = self.values[i]
            if c < 0 or c >= n or self.picked[c]:
                return self.invalid
            self.picked[c] = 1
        for u in range(n):
            near = self.dist[u * n + self.values[0]]
            for i in range(1, self.n_values):
                d = self.dist[u * n + self.values[i]]
                if d < near:
                    near = d
            if near > worst:
                worst = near
        if self.gold > worst:
            return -1.0  # upstream asserts no choice beats the stored optimum
        return ratio_pow(self.gold, worst, self.beta, 1.0)


def k_center_kernel(n, k, dist, gold, double beta, double wrong_format, double invalid):
    """The scorer for 1 <= K <= N <= 4096 and distances within 2^53 in absolute value; None
    for any other config (the Python scorer reproduces upstream exactly there)."""
    cdef KCenterKernel kernel
    cdef Py_ssize_t size
    if not 1 <= k <= n <= 4096:
        return None
    size = n
    kernel = KCenterKernel.__new__(KCenterKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.n, kernel.k, kernel.gold, kernel.beta, kernel.invalid = size, k, gold, beta, invalid
    kernel.dist = <int64_t *> PyMem_Malloc(max(1, size * size) * sizeof(int64_t))
    kernel.picked = <char *> PyMem_Malloc(max(1, size))
    if not (kernel.dist and kernel.picked):
        raise MemoryError()
    if not read_rows(dist, size, size, -(1LL << 53), 1LL << 53, kernel.dist):
        return None
    return kernel
