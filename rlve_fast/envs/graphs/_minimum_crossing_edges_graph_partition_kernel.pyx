# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Minimum_CrossingEdges_GraphPartition, compiled: the exact search for a partition into K
non-empty parts with the fewest edges between parts, and the scorer (twin:
``MinimumCrossingEdgesGraphPartition.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t, int32_t
from libc.string cimport memset

from rlve_fast._core.clock cimport past
from rlve_fast.envs.graphs._bits cimport zeroed
from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow


cdef struct Split:
    int n, k
    const char *adj        # n x n
    const int *order       # vertices in the order they are placed
    int *part              # -1 = not placed yet
    int *best_part
    int *seen              # n x k: [v][q] = placed neighbours of v in part q
    int *placed_nbrs       # placed neighbours of v
    int *spare             # scratch for the bound
    int best
    long long steps
    double deadline
    bint timed_out


cdef int bound_rest(Split *s, int i, int used) noexcept:
    """Crossing edges the unplaced vertices must still add: each pays at least its placed
    neighbours outside the part holding most of them, and the k - used vertices that will
    open the missing parts pay for all their placed neighbours (the smallest such
    surcharges are counted)."""
    cdef int n = s.n, k = s.k, j, v, q, most, total = 0, need = k - used, count = 0, a, b, t
    for j in range(i, n):
        v = s.order[j]
        most = 0
        for q in range(used):
            if s.seen[v * k + q] > most:
                most = s.seen[v * k + q]
        total += s.placed_nbrs[v] - most
        if need > 0:
            s.spare[count] = most
            count += 1
    if need > 0:
        # add the `need` smallest surcharges (partial selection sort: need is small or count is)
        for a in range(need):
            t = a
            for b in range(a + 1, count):
                if s.spare[b] < s.spare[t]:
                    t = b
            s.spare[a], s.spare[t] = s.spare[t], s.spare[a]
            total += s.spare[a]
    return total


cdef void place(Split *s, int v, int q, int sign) noexcept:
    cdef int n = s.n, k = s.k, w
    for w in range(n):
        if s.adj[v * n + w]:
            s.seen[w * k + q] += sign
            s.placed_nbrs[w] += sign
    s.part[v] = q if sign > 0 else -1


cdef void split_search(Split *s, int i, int used, int crossing) noexcept:
    cdef int n = s.n, k = s.k, v, q, cost, j, a
    cdef int costs[64]
    cdef int parts[64]
    s.steps += 1
    if past(s.deadline, s.steps):
        s.timed_out = True
        return
    if i == n:
        if used == k and crossing < s.best:
            s.best = crossing
            for j in range(n):
                s.best_part[j] = s.part[j]
        return
    if crossing + bound_rest(s, i, used) >= s.best:
        return
    v = s.order[i]
    if n - i > k - used:  # else every remaining vertex must open a part of its own
        for q in range(used):  # existing parts, cheapest first (insertion sort)
            cost = s.placed_nbrs[v] - s.seen[v * k + q]
            a = q
            while a > 0 and costs[a - 1] > cost:
                costs[a], parts[a] = costs[a - 1], parts[a - 1]
                a -= 1
            costs[a], parts[a] = cost, q
        for a in range(used):
            if crossing + costs[a] >= s.best:
                break
            place(s, v, parts[a], 1)
            split_search(s, i + 1, used, crossing + costs[a])
            place(s, v, parts[a], -1)
            if s.timed_out:
                return
    if used < k:
        cost = s.placed_nbrs[v]
        if crossing + cost < s.best:
            place(s, v, used, 1)
            split_search(s, i + 1, used + 1, crossing + cost)
            place(s, v, used, -1)


def fewest_crossing_edges(int n, int k, edges, double deadline):
    """(fewest edges between parts, part of each vertex) over partitions of the n vertices
    into exactly k non-empty parts; None on timeout."""
    cdef Split s
    cdef int i, u, v, m = 0
    if not 1 <= k <= n:
        raise ValueError("need 1 <= K <= N")
    if n > 64:
        raise ValueError("the compiled search handles at most 64 vertices")
    table = bytearray(n * n)
    degree = [0] * n
    for e in edges:
        u, v = e[0], e[1]
        if u != v and not table[u * n + v]:
            table[u * n + v] = table[v * n + u] = 1
            degree[u] += 1
            degree[v] += 1
            m += 1
    # place vertices in breadth-first order from the highest degrees, so that placed
    # vertices tend to have placed neighbours (sharper bounds)
    order, placed = [], [False] * n
    for root in sorted(range(n), key=lambda x: -degree[x]):
        if placed[root]:
            continue
        queue = [root]
        placed[root] = True
        for x in queue:
            order.append(x)
            for y in sorted(range(n), key=lambda y: -degree[y]):
                if table[x * n + y] and not placed[y]:
                    placed[y] = True
                    queue.append(y)
    cdef bytes adj = bytes(table)
    memset(&s, 0, sizeof(Split))
    s.n, s.k, s.adj, s.deadline = n, k, adj, deadline
    s.best = m + 1
    s.order = <int *> zeroed(n * sizeof(int))
    s.part = <int *> zeroed(n * sizeof(int))
    s.best_part = <int *> zeroed(n * sizeof(int))
    s.seen = <int *> zeroed(n * k * sizeof(int))
    s.placed_nbrs = <int *> zeroed(n * sizeof(int))
    s.spare = <int *> zeroed(n * sizeof(int))
    try:
        for i in range(n):
            (<int *> s.order)[i] = order[i]
            s.part[i] = -1
        split_search(&s, 0, 0, 0)
        if s.timed_out:
            return None
        return s.best, [s.best_part[i] for i in range(n)]
    finally:
        PyMem_Free(<void *> s.order)
        PyMem_Free(s.part)
        PyMem_Free(s.best_part)
        PyMem_Free(s.seen)
        PyMem_Free(s.placed_nbrs)
        PyMem_Free(s.spare)


cdef class PartitionKernel(Kernel):
    cdef Py_ssize_t n, m
    cdef int64_t k, gold
    cdef int32_t *ends
    cdef char *seen
    cdef double beta, invalid

    def __init__(self, n, k, edges, gold, double beta, double wrong_format, double invalid):
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.n, self.k, self.m, self.gold = n, k, len(edges), gold
        self.beta, self.invalid = beta, invalid
        self.ends = <int32_t *> zeroed(2 * self.m * sizeof(int32_t))
        self.seen = <char *> zeroed(max(k, 0))
        for i, (u, v) in enumerate(edges):
            self.ends[2 * i], self.ends[2 * i + 1] = u, v

    def __dealloc__(self):
        PyMem_Free(self.ends)
        PyMem_Free(self.seen)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, distinct = 0
        cdef int64_t x, crossing = 0
        cdef int64_t *p = self.values
        if self.n_values != self.n:
            return self.invalid
        memset(self.seen, 0, max(self.k, 1))
        for i in range(self.n):
            x = p[i]
            if x < 0 or x >= self.k:
                return self.invalid
            if not self.seen[x]:
                self.seen[x] = 1
                distinct += 1
        if distinct != self.k:
            return self.invalid
        for i in range(self.m):
            crossing += p[self.ends[2 * i]] != p[self.ends[2 * i + 1]]
        if self.gold > crossing:
            return -1.0  # upstream asserts no partition beats the stored optimum
        if crossing == 0:
            return 1.0
        return ratio_pow(self.gold, crossing, self.beta, 1.0)
