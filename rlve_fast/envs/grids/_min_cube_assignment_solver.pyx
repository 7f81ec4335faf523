# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled twin of ``min_cube_assignment.least_cost``: the same network over arrays
(compressed adjacency), cut by its own Dinic's algorithm or push-relabel, whichever the
instance suits (measured: push-relabel where D is small against R, R >= 3.5 D, since the
paths to the sink then wind through many layers and Dinic needs a phase per length).

Dinic: each depth-first search of a phase pushes as much as it can through every node it enters
(not one path per search, which re-walked the shared beginning of the paths once per
augmenting path and dominated on these layered networks), and a node that can pass nothing
on is dropped from the phase.  Before the first phase every cell's own chain of arcs
carries its cheapest cost (a path source -> chain -> sink on its own): that flow, the
optimum without constraints, is most of the answer, and the phases only add what the
constraints cost on top.

Push-relabel: the first phase only (a maximum preflow; its excess at the sink is the flow's
value), highest active node first, with the gap heuristic and a global relabelling (breadth-
first search from the sink) after about 6n + m/2 units of relabelling work.  Arcs that must
not be cut get the cost of the best single value for the whole grid (an upper bound on the
answer, so on the flow through any arc of an acyclic maximum flow) as their capacity, which
keeps the first flood from the source small.

Without a network: with D >= R - 1 no constraint binds (every cell takes its cheapest value);
with D = 0 neighbours are equal and the grid is connected, so one value serves every cell
and the optimum is the cheapest column sum (the network's cut: layers are tied across
cells by uncuttable arcs both ways)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t, uint64_t

from rlve_fast._core.clock cimport monotonic_now
from rlve_fast.envs._int_text cimport write_int


cdef struct Network:
    int n
    int *first      # arcs of node u: first[u] .. first[u + 1] - 1
    int *to
    int *back       # the reverse arc
    int64_t *cap
    int64_t *excess
    int *height     # a lower bound on the residual distance to t; n: out of reach
    int *it         # current arc
    int *queue
    int *bucket     # active nodes by height (a stack through next_active)
    int *next_active
    int *count      # nodes by height, for the gap heuristic
    int highest     # no active node stands higher
    int64_t work    # relabelling work since the last global relabelling
    double deadline
    long long steps
    bint timed_out


cdef bint levels(Network *g, int s, int t) noexcept nogil:
    cdef int head = 0, tail = 1, u, e, v
    for u in range(g.n):
        g.height[u] = -1
    g.height[s] = 0
    g.queue[0] = s
    while head < tail:
        u = g.queue[head]
        head += 1
        if g.height[t] >= 0 and g.height[u] >= g.height[t]:
            break  # nodes this far out lie on no shortest path to t
        for e in range(g.first[u], g.first[u + 1]):
            v = g.to[e]
            if g.cap[e] > 0 and g.height[v] < 0:
                g.height[v] = g.height[u] + 1
                g.queue[tail] = v
                tail += 1
    return g.height[t] >= 0


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
        if g.cap[e] > 0 and g.height[v] == g.height[u] + 1:
            got = push(g, v, t, limit - sent if limit - sent < g.cap[e] else g.cap[e])
            if got > 0:
                g.cap[e] -= got
                g.cap[g.back[e]] += got
                sent += got
                if sent == limit:
                    return sent  # this arc may have room left: keep the pointer on it
        g.it[u] += 1
    g.height[u] = -1  # nothing more passes through u in this phase
    return sent


cdef int64_t dinic_max_flow(Network *g, int s, int t, int64_t unbounded) noexcept nogil:
    """Dinic's algorithm (few phases when D is large: the paths to t are short)."""
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


cdef void global_relabel(Network *g, int s, int t) noexcept nogil:
    """Exact distances to t in the residual graph (n where t is out of reach), and the
    buckets of active nodes and the per-height counts rebuilt from them."""
    cdef int head = 0, tail = 1, u, v, e, n = g.n
    for u in range(n):
        g.height[u] = n
        g.it[u] = g.first[u]
    for u in range(n + 1):
        g.bucket[u] = -1
        g.count[u] = 0
    g.height[t] = 0
    g.queue[0] = t
    while head < tail:
        u = g.queue[head]
        head += 1
        for e in range(g.first[u], g.first[u + 1]):
            v = g.to[e]
            if g.height[v] == n and v != s and g.cap[g.back[e]] > 0:  # v -> u has room
                g.height[v] = g.height[u] + 1
                g.queue[tail] = v
                tail += 1
    g.highest = -1
    for u in range(n):
        if u == s or u == t or g.height[u] >= n:
            continue
        g.count[g.height[u]] += 1
        if g.excess[u] > 0:
            g.next_active[u] = g.bucket[g.height[u]]
            g.bucket[g.height[u]] = u
            if g.height[u] > g.highest:
                g.highest = g.height[u]


cdef void discharge(Network *g, int u, int s, int t) noexcept nogil:
    """Push u's excess along admissible arcs, relabelling u when none is left."""
    cdef int n = g.n, h = g.height[u], e, v, lowest, best, w
    cdef int64_t amount
    while g.excess[u] > 0:
        e = g.it[u]
        if e == g.first[u + 1]:
            lowest, best = n, g.first[u]
            for e in range(g.first[u], g.first[u + 1]):
                if g.cap[e] > 0 and g.height[g.to[e]] + 1 < lowest:
                    lowest, best = g.height[g.to[e]] + 1, e
            g.work += 12 + g.first[u + 1] - g.first[u]
            g.count[h] -= 1
            if g.count[h] == 0:
                # gap: nothing at height h is left, so nothing above it reaches t
                for w in range(n):
                    if h < g.height[w] < n:
                        g.count[g.height[w]] -= 1
                        g.height[w] = n
                g.height[u] = n
                return
            if lowest >= n:
                g.height[u] = n
                return
            h = lowest
            g.height[u] = h
            g.count[h] += 1
            g.it[u] = best
            continue
        v = g.to[e]
        if g.cap[e] > 0 and g.height[v] + 1 == h:
            amount = g.excess[u] if g.excess[u] < g.cap[e] else g.cap[e]
            if g.excess[v] == 0 and v != t and v != s:
                g.next_active[v] = g.bucket[h - 1]
                g.bucket[h - 1] = v
                if h - 1 > g.highest:
                    g.highest = h - 1
            g.cap[e] -= amount
            g.cap[g.back[e]] += amount
            g.excess[u] -= amount
            g.excess[v] += amount
            if g.excess[u] == 0:
                return  # this arc may have room left: keep the pointer on it
        g.it[u] += 1


cdef int64_t push_relabel_max_flow(Network *g, int s, int t) noexcept nogil:
    """The first phase of push-relabel (highest active node first, gap relabelling and
    global relabelling by breadth-first search from t): the value of a maximum flow is the
    excess that reaches t."""
    cdef int u, e, v, h
    cdef int64_t amount, threshold = 6 * <int64_t> g.n + g.first[g.n] // 2
    for u in range(g.n):
        g.excess[u] = 0
    for e in range(g.first[s], g.first[s + 1]):
        amount = g.cap[e]
        if amount > 0:
            v = g.to[e]
            g.cap[e] = 0
            g.cap[g.back[e]] += amount
            g.excess[v] += amount
    global_relabel(g, s, t)
    g.work = 0
    while g.highest >= 0:
        u = g.bucket[g.highest]
        if u < 0:
            g.highest -= 1
            continue
        g.bucket[g.highest] = g.next_active[u]
        h = g.height[u]
        if h != g.highest:
            continue  # lifted out of reach by a gap since it was queued
        discharge(g, u, s, t)
        g.steps += 1
        if (g.steps & 1023) == 0 and monotonic_now() > g.deadline:
            g.timed_out = True
            return 0
        if g.work > threshold:
            global_relabel(g, s, t)
            g.work = 0
    return g.excess[t]


def least_cost(costs, int64_t most_apart, double deadline, int method=-1):
    """(status, cost) of the cheapest assignment: status 1, or -1 past the deadline.
    ``method``: -1 picks the flow by R against D, 0 forces Dinic, 1 push-relabel (tests)."""
    cdef int p = len(costs), q = len(costs[0]), r = len(costs[0][0]), cells, i, j, k, a, b, d, c, u, v
    cdef int source, sink, n, arcs, e
    cdef int64_t uncuttable = 1, cheapest, total = 0, flow, x, greedy, uniform
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
        # one value for the whole grid is feasible for any D: its cost bounds the optimum
        uniform = -1
        for k in range(r):
            x = 0
            for c in range(cells):
                x += cost[c * r + k]
            if uniform < 0 or x < uniform:
                uniform = x
        if most_apart == 0:  # neighbours equal and the grid connected: one value for all
            return 1, uniform
        d = <int> most_apart
        if method < 0:
            # measured: with D small against R the paths to t grow long and Dinic needs
            # many phases, where push-relabel wins (up to 8x); otherwise Dinic does (2-3x)
            method = 1 if 2 * r >= 7 * d else 0
        # No arc of an acyclic maximum flow carries more than its value, at most `uniform`:
        # for push-relabel, arcs that must not be cut carry that bound instead, so the first
        # push from the source floods the network with far less excess
        if method == 1 and uniform + 1 < uncuttable:
            uncuttable = uniform + 1
        # node of cell c at layer k: k * cells + c; cutting k -> k+1 picks value k
        n = (r + 1) * cells + 2
        source, sink = n - 2, n - 1
        g.n = n
        g.first = <int *> PyMem_Malloc((n + 1) * sizeof(int))
        g.height = <int *> PyMem_Malloc(n * sizeof(int))
        g.it = <int *> PyMem_Malloc(n * sizeof(int))
        g.queue = <int *> PyMem_Malloc(n * sizeof(int))
        g.excess = <int64_t *> PyMem_Malloc(n * sizeof(int64_t))
        g.bucket = <int *> PyMem_Malloc((n + 1) * sizeof(int))
        g.next_active = <int *> PyMem_Malloc(n * sizeof(int))
        g.count = <int *> PyMem_Malloc((n + 1) * sizeof(int))
        g.to = g.back = NULL
        g.cap = NULL
        try:
            if not (g.first and g.height and g.it and g.queue and g.excess and g.bucket and g.next_active
                    and g.count):
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
                if method == 0:
                    flow = dinic_max_flow(&g, source, sink, uncuttable * 2)
                else:
                    flow = push_relabel_max_flow(&g, source, sink)
            return (-1, None) if g.timed_out else (1, greedy + flow)
        finally:
            PyMem_Free(g.first)
            PyMem_Free(g.height)
            PyMem_Free(g.it)
            PyMem_Free(g.queue)
            PyMem_Free(g.excess)
            PyMem_Free(g.bucket)
            PyMem_Free(g.next_active)
            PyMem_Free(g.count)
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


def cost_lines(costs, Py_ssize_t p, Py_ssize_t q):
    """The prompt's cost block, one line "(i, j): c0 c1 ..." per cell of the first p rows and
    q columns, written in one buffer; None where a cost is not a plain int within int64 (the
    caller formats those in Python)."""
    cdef Py_ssize_t size = 0, at = 0, i, j, k
    cdef list row, cell
    rows = costs[:p]
    for i in range(len(rows)):
        row = rows[i] if type(rows[i]) is list else list(rows[i])
        for j in range(min(q, len(row))):
            if type(row[j]) is not list:
                return None
            size += 48 + 21 * len(<list> row[j])
    cdef bytearray out = bytearray(size + 1)
    cdef char *buf = out
    try:
        for i in range(len(rows)):
            row = rows[i] if type(rows[i]) is list else list(rows[i])
            for j in range(min(q, len(row))):
                cell = row[j]
                if at:
                    buf[at] = 10
                    at += 1
                buf[at] = 40  # "(i, j): "
                at = write_int(buf, at + 1, i)
                buf[at], buf[at + 1] = 44, 32
                at = write_int(buf, at + 2, j)
                buf[at], buf[at + 1], buf[at + 2] = 41, 58, 32
                at += 3
                for k in range(len(cell)):
                    if type(cell[k]) is not int:
                        return None
                    if k:
                        buf[at] = 32
                        at += 1
                    at = write_int(buf, at, <int64_t> cell[k])
    except OverflowError:
        return None
    return out[:at].decode("ascii")
