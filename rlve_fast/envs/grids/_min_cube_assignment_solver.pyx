# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled twin of ``min_cube_assignment.least_cost``: the same network, cut by its own
Dinic's algorithm over arrays (compressed adjacency).

Each depth-first search of a phase pushes as much as it can through every node it enters
(not one path per search, which re-walked the shared beginning of the paths once per
augmenting path and dominated on these layered networks), and a node that can pass nothing
on is dropped from the phase.  Before the first phase every cell's own chain of arcs
carries its cheapest cost (a path source -> chain -> sink on its own): that flow, the
optimum without constraints, is most of the answer, and the phases only add what the
constraints cost on top.  With D >= R - 1 no constraint binds: the optimum is every cell's
cheapest value, without a network."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t

from rlve_fast._core.clock cimport monotonic_now


cdef struct Network:
    int n
    int *first      # arcs of node u: first[u] .. first[u + 1] - 1
    int *to
    int *back       # the reverse arc
    int64_t *cap
    int *level
    int *it
    int *queue
    double deadline
    long long steps
    bint timed_out


cdef bint levels(Network *g, int s, int t) noexcept nogil:
    cdef int head = 0, tail = 1, u, e, v
    for u in range(g.n):
        g.level[u] = -1
    g.level[s] = 0
    g.queue[0] = s
    while head < tail:
        u = g.queue[head]
        head += 1
        if g.level[t] >= 0 and g.level[u] >= g.level[t]:
            break  # nodes this far out lie on no shortest path to t
        for e in range(g.first[u], g.first[u + 1]):
            v = g.to[e]
            if g.cap[e] > 0 and g.level[v] < 0:
                g.level[v] = g.level[u] + 1
                g.queue[tail] = v
                tail += 1
    return g.level[t] >= 0


cdef int64_t push(Network *g, int u, int t, int64_t limit) noexcept nogil:
    """Up to ``limit`` units from u to t along the level graph."""
    cdef int64_t sent = 0, got
    cdef int e, v
    if u == t:
        return limit
    g.steps += 1
    if (g.steps & 4095) == 0 and monotonic_now() > g.deadline:
        g.timed_out = True
    if g.timed_out:
        return 0
    while g.it[u] < g.first[u + 1]:
        e = g.it[u]
        v = g.to[e]
        if g.cap[e] > 0 and g.level[v] == g.level[u] + 1:
            got = push(g, v, t, limit - sent if limit - sent < g.cap[e] else g.cap[e])
            if got > 0:
                g.cap[e] -= got
                g.cap[g.back[e]] += got
                sent += got
                if sent == limit:
                    return sent  # this arc may have room left: keep the pointer on it
        g.it[u] += 1
    g.level[u] = -1  # nothing more passes through u in this phase
    return sent


cdef int64_t max_flow(Network *g, int s, int t, int64_t unbounded) noexcept nogil:
    cdef int64_t total = 0, got
    cdef int u
    while not g.timed_out and levels(g, s, t):
        for u in range(g.n):
            g.it[u] = g.first[u]
        while True:
            got = push(g, s, t, unbounded)
            if got == 0:
                break
            total += got
    return total


def least_cost(costs, int64_t most_apart, double deadline):
    """(status, cost) of the cheapest assignment: status 1, or -1 past the deadline."""
    cdef int p = len(costs), q = len(costs[0]), r = len(costs[0][0]), cells, i, j, k, a, b, d, c, u, v
    cdef int source, sink, n, arcs, e
    cdef int64_t uncuttable = 1, cheapest, total = 0, flow, x, greedy
    cdef int di[4]
    cdef int dj[4]
    cdef Network g
    di[:] = [-1, 1, 0, 0]
    dj[:] = [0, 0, -1, 1]
    cells = p * q
    cdef int64_t *cost = <int64_t *> PyMem_Malloc(max(1, cells * r) * sizeof(int64_t))
    if cost == NULL:
        raise MemoryError()
    try:
        for i in range(p):
            row = costs[i]
            for j in range(q):
                cell = row[j]
                for k in range(r):
                    x = cell[k]
                    cost[(i * q + j) * r + k] = x
                    uncuttable += x
        if most_apart >= r - 1:  # every pair of values is close enough
            for c in range(cells):
                cheapest = cost[c * r]
                for k in range(1, r):
                    if cost[c * r + k] < cheapest:
                        cheapest = cost[c * r + k]
                total += cheapest
            return 1, total
        d = <int> most_apart
        # node of cell c at layer k: k * cells + c; cutting k -> k+1 picks value k
        n = (r + 1) * cells + 2
        source, sink = n - 2, n - 1
        g.n = n
        g.first = <int *> PyMem_Malloc((n + 1) * sizeof(int))
        g.level = <int *> PyMem_Malloc(n * sizeof(int))
        g.it = <int *> PyMem_Malloc(n * sizeof(int))
        g.queue = <int *> PyMem_Malloc(n * sizeof(int))
        g.to = g.back = NULL
        g.cap = NULL
        try:
            if not (g.first and g.level and g.it and g.queue):
                raise MemoryError()
            # out-degrees (each arc also gives its head a reverse arc), then prefix sums
            for u in range(n + 1):
                g.first[u] = 0
            arcs = 0
            for c in range(cells):
                arcs += add_count(&g, source, c)
                for k in range(r):
                    arcs += add_count(&g, k * cells + c, (k + 1) * cells + c)
                arcs += add_count(&g, r * cells + c, sink)
            for i in range(p):
                for j in range(q):
                    for e in range(4):
                        a, b = i + di[e], j + dj[e]
                        if 0 <= a < p and 0 <= b < q:
                            for k in range(d, r + 1):
                                arcs += add_count(&g, k * cells + i * q + j, (k - d) * cells + a * q + b)
            for u in range(n):
                g.first[u + 1] += g.first[u]
            g.to = <int *> PyMem_Malloc(max(1, arcs) * sizeof(int))
            g.back = <int *> PyMem_Malloc(max(1, arcs) * sizeof(int))
            g.cap = <int64_t *> PyMem_Malloc(max(1, arcs) * sizeof(int64_t))
            if not (g.to and g.back and g.cap):
                raise MemoryError()
            for u in range(n):  # fill pointers: it[u] = next free slot of u
                g.it[u] = g.first[u]
            greedy = 0
            for c in range(cells):
                cheapest = cost[c * r]
                for k in range(1, r):
                    if cost[c * r + k] < cheapest:
                        cheapest = cost[c * r + k]
                greedy += cheapest
                send(&g, add_arc(&g, source, c, uncuttable), cheapest)
                for k in range(r):
                    send(&g, add_arc(&g, k * cells + c, (k + 1) * cells + c, cost[c * r + k]), cheapest)
                send(&g, add_arc(&g, r * cells + c, sink, uncuttable), cheapest)
            for i in range(p):
                for j in range(q):
                    for e in range(4):
                        a, b = i + di[e], j + dj[e]
                        if 0 <= a < p and 0 <= b < q:
                            for k in range(d, r + 1):
                                add_arc(&g, k * cells + i * q + j, (k - d) * cells + a * q + b, uncuttable)
            g.deadline, g.steps, g.timed_out = deadline, 0, False
            with nogil:
                flow = max_flow(&g, source, sink, uncuttable * 2)
            return (-1, None) if g.timed_out else (1, greedy + flow)
        finally:
            PyMem_Free(g.first)
            PyMem_Free(g.level)
            PyMem_Free(g.it)
            PyMem_Free(g.queue)
            PyMem_Free(g.to)
            PyMem_Free(g.back)
            PyMem_Free(g.cap)
    finally:
        PyMem_Free(cost)


cdef inline int add_count(Network *g, int u, int v) noexcept:
    """Count the arc u -> v and its reverse (first[] is shifted by one until the prefix sums)."""
    g.first[u + 1] += 1
    g.first[v + 1] += 1
    return 2


cdef inline int add_arc(Network *g, int u, int v, int64_t capacity) noexcept:
    """Add u -> v and its reverse; returns the arc's index."""
    cdef int e = g.it[u], f = g.it[v]
    g.it[u] += 1
    g.it[v] += 1
    g.to[e], g.cap[e], g.back[e] = v, capacity, f
    g.to[f], g.cap[f], g.back[f] = u, 0, e
    return e


cdef inline void send(Network *g, int e, int64_t amount) noexcept:
    g.cap[e] -= amount
    g.cap[g.back[e]] += amount
