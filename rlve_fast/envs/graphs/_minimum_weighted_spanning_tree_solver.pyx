# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled solver of MinimumWeightedSpanningTree: a spanning tree whose cost charges every
edge its weight times the depth of its lower end, minimised over trees and roots.

Layer DP over vertex sets: g_l(S) is the least cost of a tree on S of depth at most l that is
grown layer by layer, where the vertices T added at layer l each hang from their cheapest
neighbour in the earlier set A (charged l times that weight):
g_l(A | T) = min over A of g_(l-1)(A) + l * sum_(x in T) min_(y in A) w(x, y).
Charging l where the real depth may be smaller never undercuts a real tree, and the optimal
tree is met exactly, so min_l g_l(V) is the optimum.  O(N * 3^N) time, O(2^N) memory; with
weights >= 0, sets already as costly as the best tree found are not grown further."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t, uint32_t

from rlve_fast._core.clock cimport past

cdef extern from *:
    int __builtin_popcount(unsigned int) nogil
    int __builtin_ctz(unsigned int) nogil

cdef int64_t INF = 1LL << 60


cdef int layers(int n, const int64_t *w, int64_t *prev, int64_t *cur, int64_t *cost,
                bint prune, double deadline, int64_t *out) noexcept nogil:
    cdef uint32_t full = (1U << n) - 1, A, C, T, T2, k, count
    cdef int64_t best_here[32]
    cdef int pos[32]
    cdef int x, y, l, m
    cdef int64_t base, c, answer = INF
    cdef long long step = 0
    for A in range(full + 1):
        prev[A] = INF
    for x in range(n):
        prev[1U << x] = 0
    for l in range(1, n):
        for A in range(full + 1):
            cur[A] = INF
        for A in range(1, full + 1):
            base = prev[A]
            if base >= INF or (prune and base >= answer):
                continue  # with weights >= 0 nothing grown from A can beat the best found
            C = full & ~A
            if C == 0:
                continue
            m = 0
            T = C
            while T:  # the vertices outside A, and their cheapest link into A
                x = __builtin_ctz(T)
                T &= T - 1
                pos[m] = x
                best_here[m] = INF
                T2 = A
                while T2:
                    y = __builtin_ctz(T2)
                    T2 &= T2 - 1
                    if w[x * n + y] < best_here[m]:
                        best_here[m] = w[x * n + y]
                m += 1
            cost[0] = 0
            T = 0
            count = 1U << m
            for k in range(1, count):
                step += 1
                if past(deadline, step):
                    return 1
                T = (T - C) & C  # the k-th subset of C in increasing order
                c = cost[k & (k - 1)]
                if c < INF:
                    c = best_here[__builtin_ctz(k)]
                    if c < INF:
                        c += cost[k & (k - 1)]
                cost[k] = c
                if c < INF and base + l * c < cur[A | T]:
                    cur[A | T] = base + l * c
        if cur[full] < answer:
            answer = cur[full]
        if prune and answer == 0:
            break
        for A in range(full + 1):
            prev[A] = cur[A]
    out[0] = answer
    return 0


def least_depth_cost(int n, list weights, double deadline):
    """The optimum (n <= 24; ``weights``: n x n, None where there is no edge), or None when
    the deadline passed.  ValueError if the graph is not connected."""
    cdef int64_t *w = NULL
    cdef int64_t *prev = NULL
    cdef int64_t *cur = NULL
    cdef int64_t *cost = NULL
    cdef int64_t answer = 0
    cdef int x, y, timed_out
    cdef bint prune = True
    if not 2 <= n <= 24:
        raise ValueError("the layer DP needs 2 <= N <= 24, got %d" % n)
    w = <int64_t *> PyMem_Malloc(n * n * sizeof(int64_t))
    prev = <int64_t *> PyMem_Malloc((1ULL << n) * sizeof(int64_t))
    cur = <int64_t *> PyMem_Malloc((1ULL << n) * sizeof(int64_t))
    cost = <int64_t *> PyMem_Malloc((1ULL << n) * sizeof(int64_t))
    try:
        if not (w and prev and cur and cost):
            raise MemoryError()
        for x in range(n):
            for y in range(n):
                value = weights[x][y]
                w[x * n + y] = INF if value is None else value
                if value is not None and value < 0:
                    prune = False
        with nogil:
            timed_out = layers(n, w, prev, cur, cost, prune, deadline, &answer)
        if timed_out:
            return None
        if answer >= INF:
            raise ValueError("the graph is not connected")
        return answer
    finally:
        PyMem_Free(w)
        PyMem_Free(prev)
        PyMem_Free(cur)
        PyMem_Free(cost)
