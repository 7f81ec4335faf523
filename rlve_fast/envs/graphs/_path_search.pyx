# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Exact path searches on directed weighted graphs of at most 63 vertices (compiled; each
takes a deadline and returns None when it passes).

The environments use the assignment-bound searches (``covering_walk_by_assignment``,
``heaviest_path_by_assignment``; see the section below): each path problem is a tour
through a dummy vertex, relaxed to the assignment problem and split on subtours
(Carpaneto-Toth). Their bounds are tight on these random graphs: a few dozen nodes at 30
vertices. The older searches stay as independent checks (and as the fallback for weights
too large for the assignment's cost scale):

* ``cheapest_covering_walk`` (HamiltonianPath): the lightest walk visiting every vertex,
  repeats allowed. A walk is its order of first visits joined by shortest paths, so this
  is a search over (visited set, last vertex) on the shortest-path distances: a Held-Karp
  table up to 23 vertices, A* beyond (its bound lets every unvisited vertex be entered, and
  left, at its cheapest distance; admissible, and states are reopened when improved).
* ``heaviest_simple_path`` (LongestPath): the heaviest path without repeated vertices;
  depth-first branch and bound with a table of the best weight seen at each (visited set,
  last vertex) and a bound from the heaviest arcs into, and out of, the vertices still
  reachable."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free, PyMem_Realloc
from libc.stdint cimport int64_t, int32_t, uint64_t, uint32_t, uint16_t, int8_t
from libc.string cimport memcpy, memset

from rlve_fast._core.clock cimport past
from rlve_fast.envs.graphs._bits cimport lowest_bit, popcount64, zeroed

cdef int64_t FAR = 1LL << 50
cdef Py_ssize_t MAX_STATES = 1 << 22


cdef struct Slot:
    uint64_t mask       # 0 = empty slot (a real state always has its last vertex in it)
    int64_t g
    int8_t v
    int8_t parent
    int8_t closed


cdef struct Table:
    Slot *slots
    Py_ssize_t size, used


cdef inline Py_ssize_t slot_of(Table *t, uint64_t mask, int v) noexcept:
    """Index of the slot holding (mask, v), or of the empty slot where it belongs."""
    cdef uint64_t h = (mask * 0x9E3779B97F4A7C15ULL) ^ (<uint64_t> v * 0xC2B2AE3D27D4EB4FULL)
    cdef Py_ssize_t i
    h ^= h >> 29
    i = <Py_ssize_t> (h & <uint64_t> (t.size - 1))
    while t.slots[i].mask != 0 and (t.slots[i].mask != mask or t.slots[i].v != v):
        i = (i + 1) & (t.size - 1)
    return i


cdef int grow(Table *t) except -1:
    cdef Slot *old = t.slots
    cdef Py_ssize_t old_size = t.size, i, j
    t.size *= 2
    t.slots = <Slot *> zeroed(t.size * sizeof(Slot))
    for i in range(old_size):
        if old[i].mask != 0:
            j = slot_of(t, old[i].mask, old[i].v)
            t.slots[j] = old[i]
    PyMem_Free(old)
    return 0


cdef struct Entry:
    int64_t f
    int64_t g
    uint64_t mask
    int v


cdef struct Heap:
    Entry *items
    Py_ssize_t size, cap


cdef int heap_push(Heap *h, int64_t f, int64_t g, uint64_t mask, int v) except -1:
    cdef Py_ssize_t i, up
    cdef Entry e
    if h.size == h.cap:
        h.cap *= 2
        h.items = <Entry *> PyMem_Realloc(h.items, h.cap * sizeof(Entry))
        if h.items == NULL:
            raise MemoryError()
    e.f, e.g, e.mask, e.v = f, g, mask, v
    i = h.size
    h.size += 1
    while i > 0:
        up = (i - 1) // 2
        if h.items[up].f <= f:
            break
        h.items[i] = h.items[up]
        i = up
    h.items[i] = e
    return 0


cdef Entry heap_pop(Heap *h) noexcept:
    cdef Entry top = h.items[0], last
    cdef Py_ssize_t i = 0, child
    h.size -= 1
    last = h.items[h.size]
    while True:
        child = 2 * i + 1
        if child >= h.size:
            break
        if child + 1 < h.size and h.items[child + 1].f < h.items[child].f:
            child += 1
        if h.items[child].f >= last.f:
            break
        h.items[i] = h.items[child]
        i = child
    if h.size > 0:
        h.items[i] = last
    return top


cdef int64_t arrival_bound(int n, const int64_t *d, uint64_t mask, int v) noexcept:
    """A lower bound on the rest of a walk that stands at v, having visited ``mask``: the
    larger of (each unvisited vertex entered at the cheapest distance from v or another
    unvisited vertex) and (v and each unvisited vertex left at the cheapest distance to
    another unvisited vertex, except the one left last)."""
    cdef int64_t into = 0, out = 0, best, x_d, worst = 0
    cdef uint64_t rest, unvisited, sources
    cdef int u, x
    unvisited = ~mask & ((<uint64_t> 1 << n) - 1)
    if unvisited == 0:
        return 0
    sources = unvisited | (<uint64_t> 1 << v)
    rest = unvisited
    while rest:
        u = lowest_bit(rest)
        rest &= rest - 1
        best = FAR
        for x in range(n):
            if (sources >> x & 1) and x != u:
                x_d = d[x * n + u]
                if x_d < best:
                    best = x_d
        if best >= FAR:
            return FAR
        into += best
    rest = sources
    while rest:
        x = lowest_bit(rest)
        rest &= rest - 1
        best = FAR
        for u in range(n):
            if (unvisited >> u & 1) and u != x:
                x_d = d[x * n + u]
                if x_d < best:
                    best = x_d
        if x == v and best >= FAR:
            return FAR
        if best >= FAR:
            best = 0  # a dead end can only come last
        if x != v and best > worst:
            worst = best
        out += best
    out -= worst
    return into if into > out else out


def _distances(int n, edges):
    """(n x n shortest distances, n x n next hops) of a directed weighted graph."""
    cdef int64_t *d = <int64_t *> zeroed(n * n * sizeof(int64_t))
    cdef int32_t *nxt = <int32_t *> zeroed(n * n * sizeof(int32_t))
    cdef int i, j, k
    cdef int64_t via
    try:
        for i in range(n * n):
            d[i] = FAR
            nxt[i] = -1
        for i in range(n):
            d[i * n + i] = 0
            nxt[i * n + i] = i
        for e in edges:
            i, j = e[0], e[1]
            if i != j and e[2] < d[i * n + j]:
                d[i * n + j] = e[2]
                nxt[i * n + j] = j
        for k in range(n):
            for i in range(n):
                if d[i * n + k] >= FAR:
                    continue
                for j in range(n):
                    via = d[i * n + k] + d[k * n + j]
                    if via < d[i * n + j]:
                        d[i * n + j] = via
                        nxt[i * n + j] = nxt[i * n + k]
        return (bytes((<char *> d)[:n * n * sizeof(int64_t)]), bytes((<char *> nxt)[:n * n * sizeof(int32_t)]))
    finally:
        PyMem_Free(d)
        PyMem_Free(nxt)


def cheapest_covering_walk(int n, edges, double deadline, method=None):
    """(least weight of a walk visiting every vertex, the walk as a vertex list); None on
    timeout. ValueError when no walk covers the graph. Up to HELD_KARP_LIMIT vertices the
    table search runs (``method="A*"`` forces the heap search)."""
    cdef bytes d_bytes, nxt_bytes
    cdef const int64_t *d
    cdef const int32_t *nxt
    cdef Table table
    cdef Heap heap
    cdef Entry e
    cdef Py_ssize_t i, slot
    cdef uint64_t full, mask, next_mask
    cdef int s, u, v, x
    cdef int64_t g, h, ub = FAR, cost, f
    cdef long long steps = 0
    if not 1 <= n <= 63:
        raise ValueError("the compiled search handles 1 to 63 vertices")
    if n <= HELD_KARP_LIMIT and method != "A*":
        return held_karp_walk(n, edges, deadline)
    d_bytes, nxt_bytes = _distances(n, edges)
    d = <const int64_t *> (<const char *> d_bytes)
    nxt = <const int32_t *> (<const char *> nxt_bytes)
    full = ((<uint64_t> 1) << n) - 1
    # an upper bound: the best nearest-unvisited-vertex tour over all starts (it may get
    # stuck where a vertex cannot reach the rest; then the search runs without a bound)
    for s in range(n):
        mask, v, cost = (<uint64_t> 1) << s, s, 0
        while mask != full:
            x = -1
            for u in range(n):
                if not (mask >> u & 1) and d[v * n + u] < FAR and (x < 0 or d[v * n + u] < d[v * n + x]):
                    for i in range(n):  # keep the rest reachable from the next vertex
                        if not (mask >> i & 1) and i != u and d[u * n + i] >= FAR:
                            break
                    else:
                        x = u
            if x < 0:
                cost = FAR
                break
            cost += d[v * n + x]
            mask |= (<uint64_t> 1) << x
            v = x
        if cost < ub:
            ub = cost
    table.size, table.used = 1 << 12, 0
    table.slots = <Slot *> zeroed(table.size * sizeof(Slot))
    heap.size, heap.cap = 0, 1 << 12
    heap.items = <Entry *> zeroed(heap.cap * sizeof(Entry))
    try:
        for s in range(n):
            mask = (<uint64_t> 1) << s
            h = arrival_bound(n, d, mask, s)
            if h < FAR and h <= ub:
                slot = slot_of(&table, mask, s)
                table.slots[slot].mask, table.slots[slot].v = mask, s
                table.slots[slot].g, table.slots[slot].parent = 0, -1
                table.used += 1
                heap_push(&heap, h, 0, mask, s)
        while heap.size:
            steps += 1
            if past(deadline, steps):
                return None
            e = heap_pop(&heap)
            slot = slot_of(&table, e.mask, e.v)
            if table.slots[slot].closed or table.slots[slot].g < e.g:
                continue
            table.slots[slot].closed = 1
            if e.mask == full:
                return e.g, _walk(n, &table, nxt, e.mask, e.v)
            for u in range(n):
                if e.mask >> u & 1 or d[e.v * n + u] >= FAR:
                    continue
                next_mask = e.mask | ((<uint64_t> 1) << u)
                g = e.g + d[e.v * n + u]
                steps += 1  # each bound costs n^2: count them, not heap pops
                if past(deadline, steps):
                    return None
                h = arrival_bound(n, d, next_mask, u)
                f = g + h
                if h >= FAR or f > ub:
                    continue
                slot = slot_of(&table, next_mask, u)
                if table.slots[slot].mask != 0 and table.slots[slot].g <= g:
                    continue
                if table.slots[slot].mask == 0:
                    if table.used >= MAX_STATES:
                        raise ValueError("the search outgrew its state limit")
                    table.used += 1
                    table.slots[slot].mask, table.slots[slot].v = next_mask, u
                table.slots[slot].g, table.slots[slot].parent = g, e.v
                table.slots[slot].closed = 0
                heap_push(&heap, f, g, next_mask, u)
                if 2 * table.used > table.size:
                    grow(&table)
        raise ValueError("no walk visits every vertex")
    finally:
        PyMem_Free(table.slots)
        PyMem_Free(heap.items)


cdef int HELD_KARP_LIMIT = 23   # n 2^(n-1) two-byte entries: 193 MB at 23 vertices
cdef uint16_t UNSEEN = 65535


def held_karp_walk(int n, edges, double deadline):
    """As ``cheapest_covering_walk``, by dynamic programming over every (set of first
    visits, last vertex) on shortest-path distances: about n^2 2^n steps, n 2^(n-1) entries
    of two bytes (entry (mask, v) at offset[mask] + the rank of v among the bits of mask).
    Each entry pulls from the contiguous entries of mask - v, which keeps memory access
    local."""
    cdef bytes d_bytes, nxt_bytes
    cdef const int64_t *d
    cdef const int32_t *nxt
    cdef uint32_t *offset = NULL
    cdef uint16_t *dp = NULL
    cdef int64_t *into = NULL
    cdef uint64_t mask, full, rest, others, next_mask
    cdef uint32_t total = 0, here
    cdef int v, u, x, rank_v
    cdef int64_t cost, best = FAR
    cdef long long steps = 0
    if not 1 <= n <= HELD_KARP_LIMIT:
        raise ValueError("the table search handles 1 to %d vertices" % HELD_KARP_LIMIT)
    d_bytes, nxt_bytes = _distances(n, edges)
    d = <const int64_t *> (<const char *> d_bytes)
    nxt = <const int32_t *> (<const char *> nxt_bytes)
    for v in range(n * n):
        if d[v] < FAR and d[v] * n >= UNSEEN:
            raise ValueError("distances too long for the two-byte table")
    full = ((<uint64_t> 1) << n) - 1
    try:
        offset = <uint32_t *> zeroed((full + 1) * sizeof(uint32_t))
        for mask in range(full + 1):
            offset[mask] = total
            total += popcount64(mask)
        dp = <uint16_t *> PyMem_Malloc(max(1, total) * sizeof(uint16_t))
        if dp == NULL:
            raise MemoryError()
        memset(dp, 0xFF, max(1, total) * sizeof(uint16_t))
        for v in range(n):
            dp[offset[(<uint64_t> 1) << v]] = 0
        into = <int64_t *> zeroed(n * n * sizeof(int64_t))
        for v in range(n):  # into[u][v] = d[v][u]: the pull below reads it row by row
            for u in range(n):
                into[u * n + v] = d[v * n + u]
        for mask in range(3, full + 1):
            if popcount64(mask) < 2:
                continue
            steps += 1
            if past(deadline, steps):
                return None
            rest = mask
            rank_v = 0
            while rest:  # entry (mask, u): the best (mask - u, v) plus the step v -> u
                u = lowest_bit(rest)
                rest &= rest - 1
                next_mask = mask & ~((<uint64_t> 1) << u)
                here = offset[next_mask]
                cost = FAR
                others = next_mask
                x = 0
                while others:
                    v = lowest_bit(others)
                    others &= others - 1
                    if dp[here + x] != UNSEEN and into[u * n + v] < FAR:
                        if dp[here + x] + into[u * n + v] < cost:
                            cost = dp[here + x] + into[u * n + v]
                    x += 1
                if cost < FAR:
                    dp[offset[mask] + rank_v] = <uint16_t> cost
                rank_v += 1
        v = -1
        for u in range(n):
            cost = dp[offset[full] + u]
            if cost != UNSEEN and cost < best:
                best, v = cost, u
        if v < 0:
            raise ValueError("no walk visits every vertex")
        order = [v]
        mask = full
        while popcount64(mask) > 1:  # walk back: a predecessor whose entry plus the step matches
            here = dp[offset[mask] + popcount64(mask & (((<uint64_t> 1) << v) - 1))]
            next_mask = mask & ~((<uint64_t> 1) << v)
            rest = next_mask
            while rest:
                x = lowest_bit(rest)
                rest &= rest - 1
                cost = dp[offset[next_mask] + popcount64(next_mask & (((<uint64_t> 1) << x) - 1))]
                if cost != UNSEEN and d[x * n + v] < FAR and cost + d[x * n + v] == here:
                    break
            order.append(x)
            mask, v = next_mask, x
        order.reverse()
        return best, _expand(n, nxt, order)
    finally:
        PyMem_Free(offset)
        PyMem_Free(dp)
        PyMem_Free(into)


cdef list _expand(int n, const int32_t *nxt, list order):
    """A walk through ``order`` along shortest paths."""
    cdef int a, b
    walk = [order[0]]
    for i in range(1, len(order)):
        a, b = order[i - 1], order[i]
        while a != b:
            a = nxt[a * n + b]
            walk.append(a)
    return walk


cdef list _walk(int n, Table *table, const int32_t *nxt, uint64_t mask, int v):
    """The vertex walk of the state (mask, v): its first visits joined by shortest paths."""
    cdef list order = []
    cdef Py_ssize_t slot
    cdef int parent, a, b
    while True:
        order.append(v)
        slot = slot_of(table, mask, v)
        parent = table.slots[slot].parent
        if parent < 0:
            break
        mask &= ~((<uint64_t> 1) << v)
        v = parent
    order.reverse()
    return _expand(n, nxt, order)


cdef struct Longest:
    int n
    const int64_t *w          # n x n arc weights, -1 where there is no arc
    uint64_t out_mask[63]
    Table memo                # best weight seen per (visited, last); grows to 2^21 slots
    int64_t best
    uint64_t best_path_len
    int path[63]
    int best_path[63]
    long long steps
    double deadline
    bint timed_out


cdef int64_t future_bound(Longest *s, uint64_t visited, int v) noexcept:
    """How much weight the path can still gain from v: over the unvisited vertices it can
    still reach, the smaller of (heaviest arc into each) and (heaviest arc out of v and of
    each, less the smallest of those, for the last vertex has none)."""
    cdef int n = s.n, x, u
    cdef uint64_t reach = 0, frontier = s.out_mask[v] & ~visited, pool, rest
    cdef int64_t into = 0, out_sum = 0, top, low = FAR, a
    while frontier:
        reach |= frontier
        rest = frontier
        frontier = 0
        while rest:
            x = lowest_bit(rest)
            rest &= rest - 1
            frontier |= s.out_mask[x]
        frontier &= ~visited & ~reach
    if reach == 0:
        return 0
    pool = reach | ((<uint64_t> 1) << v)
    rest = reach
    while rest:  # heaviest arc into u from the pool
        u = lowest_bit(rest)
        rest &= rest - 1
        top = 0
        for x in range(n):
            if pool >> x & 1:
                a = s.w[x * n + u]
                if a > top:
                    top = a
        into += top
    rest = pool
    while rest:  # heaviest arc out of x into the reachable set
        x = lowest_bit(rest)
        rest &= rest - 1
        top = 0
        for u in range(n):
            if reach >> u & 1:
                a = s.w[x * n + u]
                if a > top:
                    top = a
        out_sum += top
        if x != v and top < low:
            low = top
    if low < FAR:
        out_sum -= low
    return into if into < out_sum else out_sum


cdef void extend(Longest *s, uint64_t visited, int v, int64_t weight, int length) noexcept:
    cdef int n = s.n, u, i, count = 0, j
    cdef int order[63]
    cdef int64_t gain[63]
    cdef uint64_t options
    cdef Py_ssize_t slot
    s.steps += 1
    if past(s.deadline, s.steps):
        s.timed_out = True
        return
    if weight > s.best:
        s.best = weight
        s.best_path_len = length
        for i in range(length):
            s.best_path[i] = s.path[i]
    if weight + future_bound(s, visited, v) <= s.best:
        return
    # a state reached before with at least this weight has nothing new to offer
    slot = slot_of(&s.memo, visited, v)
    if s.memo.slots[slot].mask != 0:
        if s.memo.slots[slot].g >= weight:
            return
        s.memo.slots[slot].g = weight
    elif s.memo.used < (1 << 20):
        s.memo.slots[slot].mask, s.memo.slots[slot].v, s.memo.slots[slot].g = visited, v, weight
        s.memo.used += 1
        if 2 * s.memo.used > s.memo.size and grow(&s.memo) < 0:
            s.timed_out = True  # out of memory: give up as if out of time
            return
    options = s.out_mask[v] & ~visited
    while options:  # heaviest arcs first
        u = lowest_bit(options)
        options &= options - 1
        j = count
        while j > 0 and gain[j - 1] < s.w[v * n + u]:
            order[j], gain[j] = order[j - 1], gain[j - 1]
            j -= 1
        order[j], gain[j] = u, s.w[v * n + u]
        count += 1
    for i in range(count):
        u = order[i]
        s.path[length] = u
        extend(s, visited | ((<uint64_t> 1) << u), u, weight + gain[i], length + 1)
        if s.timed_out:
            return


def heaviest_simple_path(int n, edges, double deadline):
    """(greatest weight of a path with no repeated vertex, the path); None on timeout."""
    cdef Longest *s
    cdef int64_t *w
    cdef int v, i
    cdef bytes table
    if not 1 <= n <= 63:
        raise ValueError("the compiled search handles 1 to 63 vertices")
    w = <int64_t *> zeroed(n * n * sizeof(int64_t))
    s = <Longest *> zeroed(sizeof(Longest))
    try:
        for i in range(n * n):
            w[i] = -1
        for e in edges:
            if e[0] != e[1] and e[2] > w[e[0] * n + e[1]]:
                if e[2] < 0:
                    raise ValueError("arc weights must be non-negative")
                w[e[0] * n + e[1]] = e[2]
        s.n, s.w, s.deadline = n, w, deadline
        for v in range(n):
            for i in range(n):
                if w[v * n + i] >= 0:
                    s.out_mask[v] |= (<uint64_t> 1) << i
        s.memo.size = 1 << 10
        s.memo.slots = <Slot *> zeroed(s.memo.size * sizeof(Slot))
        s.best = -1
        # starts with heavy arcs out first
        starts = sorted(range(n), key=lambda x: -max([w[x * n + y] for y in range(n)]))
        for v in starts:
            s.path[0] = v
            extend(s, (<uint64_t> 1) << v, v, 0, 1)
            if s.timed_out:
                return None
        return s.best, [s.best_path[i] for i in range(s.best_path_len)]
    finally:
        PyMem_Free(w)
        PyMem_Free(s.memo.slots)
        PyMem_Free(s)


# ----------------------------------------------------------------------------------------
# Assignment-bound branch and bound (both path problems, as tours through a dummy vertex)
#
# A path p1 .. pk is the cycle dummy -> p1 -> ... -> pk -> dummy, every other vertex being
# assigned to itself (LongestPath: "skipped"; HamiltonianPath forbids that). Relaxing "one
# cycle through the dummy" to "any assignment of successors" gives the assignment problem,
# whose optimum bounds the path's; a solution that still has cycles of two or more real
# vertices (subtours) is split as Carpaneto and Toth do: for the subtour's free arcs
# f1 .. fr, child i forbids fi and keeps f1 .. f(i-1). A child differs from its parent only
# in costs that went up, so its assignment is the parent's with the rows that lost their
# column re-augmented (O(m^2) each, Hungarian shortest augmenting paths with potentials).

cdef int64_t BIG = 1LL << 34           # a forbidden cell; any total that reaches it is infeasible
cdef int64_t HUGE = 1LL << 62


cdef struct APNode:
    int64_t *cost       # m x m, row-major (0-based)
    int64_t *u          # row potentials, 1-based (m + 1)
    int64_t *v          # column potentials, 1-based, v[0] scratch
    int *p              # p[j]: 1-based row assigned to column j (0: none)
    int *fsucc          # kept (forced) arc out of each vertex, -1 if none
    int *fpred
    int64_t value


cdef struct APSearch:
    int m, dummy
    int64_t best
    int *best_succ
    int64_t *minv
    int *way
    char *used
    long long steps
    double deadline
    bint timed_out


cdef size_t node_bytes(int m) noexcept:
    return (m * m + 2 * (m + 1)) * sizeof(int64_t) + (3 * m + 1) * sizeof(int)


cdef void node_bind(APNode *node, char *block, int m) noexcept:
    """Point the node's arrays into one block of node_bytes(m) bytes (copied as a whole)."""
    node.cost = <int64_t *> block
    node.u = node.cost + m * m
    node.v = node.u + (m + 1)
    node.p = <int *> (node.v + (m + 1))
    node.fsucc = node.p + (m + 1)
    node.fpred = node.fsucc + m


cdef void augment(APSearch *s, APNode *node, int row) noexcept:
    """Assign the 1-based ``row`` (unassigned; every other assigned row tight, all reduced
    costs non-negative) along a shortest augmenting path, updating the potentials."""
    cdef int m = s.m, j, j0 = 0, j1, i0
    cdef int64_t delta, cur
    cdef int64_t *cost = node.cost
    cdef int64_t *u = node.u
    cdef int64_t *v = node.v
    cdef int *p = node.p
    for j in range(m + 1):
        s.minv[j] = HUGE
        s.used[j] = 0
    p[0] = row
    while True:
        s.used[j0] = 1
        i0 = p[j0]
        delta = HUGE
        j1 = 0
        for j in range(1, m + 1):
            if not s.used[j]:
                cur = cost[(i0 - 1) * m + j - 1] - u[i0] - v[j]
                if cur < s.minv[j]:
                    s.minv[j] = cur
                    s.way[j] = j0
                if s.minv[j] < delta:
                    delta = s.minv[j]
                    j1 = j
        for j in range(m + 1):
            if s.used[j]:
                u[p[j]] += delta
                v[j] -= delta
            else:
                s.minv[j] -= delta
        j0 = j1
        if p[j0] == 0:
            break
    while j0:
        j1 = s.way[j0]
        p[j0] = p[j1]
        j0 = j1


cdef void node_settle(APSearch *s, APNode *node) noexcept:
    """Re-assign every row whose column became forbidden, then total the assignment."""
    cdef int m = s.m, j, k = 0
    cdef int loose[64]
    cdef int64_t total = 0
    for j in range(1, m + 1):
        if node.p[j] and node.cost[(node.p[j] - 1) * m + j - 1] >= BIG:
            loose[k] = node.p[j]
            k += 1
            node.p[j] = 0
    for j in range(k):
        augment(s, node, loose[j])
    for j in range(1, m + 1):
        total += node.cost[(node.p[j] - 1) * m + j - 1]
    node.value = total if total < BIG else BIG


cdef void node_keep(APSearch *s, APNode *node, int x, int y) noexcept:
    """Force the arc x -> y (it is in the node's assignment): every other cell of its row and
    column is forbidden, and so is the arc that would close its chain of kept arcs into a
    cycle of real vertices."""
    cdef int m = s.m, j, start = x, end = y
    cdef int64_t keep = node.cost[x * m + y]
    for j in range(m):
        node.cost[x * m + j] = BIG
        node.cost[j * m + y] = BIG
    node.cost[x * m + y] = keep
    node.fsucc[x] = y
    node.fpred[y] = x
    while node.fpred[start] >= 0 and start != y:
        start = node.fpred[start]
    while node.fsucc[end] >= 0 and end != x:
        end = node.fsucc[end]
    if start != s.dummy and end != s.dummy and node.fsucc[end] < 0:
        node.cost[end * m + start] = BIG


cdef void ap_search(APSearch *s, APNode *node, int depth) noexcept:
    """Depth-first over the subtour splits of ``node`` (already settled, value < best)."""
    cdef int m = s.m, i, j, x, length, free_count, best_free = 1 << 30, r = 0, a
    cdef int succ[64]
    cdef char seen[64]
    cdef int cycle[64]
    cdef int chosen[64]
    cdef int order[64]
    cdef int64_t values[64]
    cdef size_t size = node_bytes(m)
    cdef char *block
    cdef APNode child
    s.steps += 1
    if past(s.deadline, s.steps):
        s.timed_out = True
        return
    for j in range(1, m + 1):
        succ[node.p[j] - 1] = j - 1
    # the subtour with the fewest free arcs
    memset(seen, 0, m)
    for i in range(m):
        if seen[i]:
            continue
        length = 0
        free_count = 0
        x = i
        while not seen[x]:
            seen[x] = 1
            cycle[length] = x
            length += 1
            x = succ[x]
        if length < 2 or _contains(cycle, length, s.dummy):
            continue
        for j in range(length):
            if node.fsucc[cycle[j]] != succ[cycle[j]]:
                free_count += 1
        if free_count < best_free:
            best_free = free_count
            r = 0
            for j in range(length):
                if node.fsucc[cycle[j]] != succ[cycle[j]]:
                    chosen[r] = cycle[j]
                    r += 1
    if best_free == 1 << 30:  # one cycle through the dummy: a path
        if node.value < s.best:
            s.best = node.value
            for i in range(m):
                s.best_succ[i] = succ[i]
        return
    block = <char *> PyMem_Malloc(size)
    if block == NULL:
        s.timed_out = True
        return
    node_bind(&child, block, m)
    # bound every child first, then descend cheapest first
    for i in range(r):
        _make_child(s, node, &child, chosen, i, size)
        values[i] = child.value
        a = i
        while a > 0 and values[order[a - 1]] > values[i]:
            order[a] = order[a - 1]
            a -= 1
        order[a] = i
    for a in range(r):
        i = order[a]
        if values[i] >= s.best:
            break
        _make_child(s, node, &child, chosen, i, size)
        ap_search(s, &child, depth + 1)
        if s.timed_out:
            break
    PyMem_Free(block)


cdef inline bint _contains(int *items, int count, int x) noexcept:
    cdef int i
    for i in range(count):
        if items[i] == x:
            return True
    return False


cdef void _make_child(APSearch *s, APNode *parent, APNode *child, int *chosen, int i, size_t size) noexcept:
    """Child i of the split over the free arcs chosen[j] -> succ: drop arc i, keep 0 .. i-1."""
    cdef int m = s.m, j, x, y
    cdef int succ_of[64]
    for j in range(1, m + 1):
        succ_of[parent.p[j] - 1] = j - 1
    memcpy(child.cost, parent.cost, size)
    for j in range(i):
        node_keep(s, child, chosen[j], succ_of[chosen[j]])
    x, y = chosen[i], succ_of[chosen[i]]
    child.cost[x * m + y] = BIG
    node_settle(s, child)


cdef object assignment_search(int m, int64_t *cost, int *start_succ, int64_t start_value, double deadline):
    """(least cost, successor of each of the m vertices) of an assignment that is a single
    cycle through vertex m - 1 plus fixed points (where the diagonal allows them), or None
    on timeout; a cost of BIG or more means there is none. ``start_succ`` (or NULL) is a
    known solution of ``start_value``."""
    cdef APSearch s
    cdef APNode root
    cdef char *block = NULL
    cdef int i
    memset(&s, 0, sizeof(APSearch))
    s.m, s.dummy, s.deadline, s.best = m, m - 1, deadline, BIG
    s.best_succ = <int *> zeroed(m * sizeof(int))
    s.minv = <int64_t *> zeroed((m + 1) * sizeof(int64_t))
    s.way = <int *> zeroed((m + 1) * sizeof(int))
    s.used = <char *> zeroed(m + 1)
    try:
        if start_succ != NULL and start_value < BIG:
            s.best = start_value
            for i in range(m):
                s.best_succ[i] = start_succ[i]
        block = <char *> zeroed(node_bytes(m))
        node_bind(&root, block, m)
        memcpy(root.cost, cost, m * m * sizeof(int64_t))
        for i in range(m):
            root.fsucc[i] = root.fpred[i] = -1
        for i in range(1, m + 1):
            augment(&s, &root, i)
        node_settle(&s, &root)
        if root.value < s.best:
            ap_search(&s, &root, 0)
        if s.timed_out:
            return None
        return s.best, [s.best_succ[i] for i in range(m)]
    finally:
        PyMem_Free(block)
        PyMem_Free(s.best_succ)
        PyMem_Free(s.minv)
        PyMem_Free(s.way)
        PyMem_Free(s.used)


def heaviest_path_by_assignment(int n, edges, double deadline):
    """As ``heaviest_simple_path``, by the assignment-bound search: arc u -> v costs
    W - w(u, v), skipping a vertex (and the dummy's own arcs) costs W, so a path of weight
    x costs (n + 1) W - x."""
    cdef int m = n + 1, i, j, v, x
    cdef int64_t top = 0, gain, total
    cdef int64_t *w = NULL
    cdef int64_t *cost = NULL
    cdef int *start = NULL
    cdef uint64_t visited
    if not 1 <= n <= 63:
        raise ValueError("the compiled search handles 1 to 63 vertices")
    try:
        w = <int64_t *> zeroed(n * n * sizeof(int64_t))
        for i in range(n * n):
            w[i] = -1
        for e in edges:
            i, j = e[0], e[1]
            if i != j and e[2] > w[i * n + j]:
                if e[2] < 0:
                    raise ValueError("arc weights must be non-negative")
                w[i * n + j] = e[2]
                if e[2] > top:
                    top = e[2]
        if top * m >= BIG >> 4:  # costs this large would reach the forbidden mark
            return heaviest_simple_path(n, edges, deadline)
        cost = <int64_t *> zeroed(m * m * sizeof(int64_t))
        for i in range(m):
            for j in range(m):
                if i == j == n:
                    cost[i * m + j] = BIG  # the path has a first vertex (an empty one weighs as much)
                elif i == j or i == n or j == n:
                    cost[i * m + j] = top
                elif w[i * n + j] >= 0:
                    cost[i * m + j] = top - w[i * n + j]
                else:
                    cost[i * m + j] = BIG
        # a first path: from the best start, always the heaviest arc to a new vertex
        start = <int *> zeroed(m * sizeof(int))
        best_gain, best_first = -1, 0
        for v in range(n):
            visited, x, gain = (<uint64_t> 1) << v, v, 0
            while True:
                j = -1
                for i in range(n):
                    if not (visited >> i & 1) and w[x * n + i] >= 0 and (j < 0 or w[x * n + i] > w[x * n + j]):
                        j = i
                if j < 0:
                    break
                gain += w[x * n + j]
                visited |= (<uint64_t> 1) << j
                x = j
            if gain > best_gain:
                best_gain, best_first = gain, v
        for i in range(m):
            start[i] = i
        visited, x = (<uint64_t> 1) << best_first, best_first
        start[n] = x
        while True:
            j = -1
            for i in range(n):
                if not (visited >> i & 1) and w[x * n + i] >= 0 and (j < 0 or w[x * n + i] > w[x * n + j]):
                    j = i
            if j < 0:
                break
            start[x] = j
            visited |= (<uint64_t> 1) << j
            x = j
        start[x] = n
        total = m * top - best_gain
        found = assignment_search(m, cost, start, total, deadline)
        if found is None:
            return None
        value, succ = found
        x = succ[n]
        path = []
        while x != n:
            path.append(x)
            x = succ[x]
        return m * top - value, path or [0]  # an empty path: any one vertex
    finally:
        PyMem_Free(w)
        PyMem_Free(cost)
        PyMem_Free(start)


def covering_walk_by_assignment(int n, edges, double deadline):
    """As ``cheapest_covering_walk``: a Hamiltonian path on the shortest-path distances
    (the dummy's arcs cost 0, the diagonal is forbidden), by the assignment-bound search."""
    cdef bytes d_bytes, nxt_bytes
    cdef const int64_t *d
    cdef const int32_t *nxt
    cdef int m = n + 1, i, j, s, u, v, x
    cdef int64_t *cost = NULL
    cdef int *start = NULL
    cdef int *order = NULL
    cdef uint64_t mask
    cdef int64_t walk_cost, best_cost = BIG
    if not 1 <= n <= 63:
        raise ValueError("the compiled search handles 1 to 63 vertices")
    d_bytes, nxt_bytes = _distances(n, edges)
    d = <const int64_t *> (<const char *> d_bytes)
    nxt = <const int32_t *> (<const char *> nxt_bytes)
    for i in range(n * n):
        if d[i] < FAR and d[i] * m >= BIG >> 4:  # distances this long would reach the forbidden mark
            return cheapest_covering_walk(n, edges, deadline)
    try:
        cost = <int64_t *> zeroed(m * m * sizeof(int64_t))
        start = <int *> zeroed(m * sizeof(int))
        order = <int *> zeroed(n * sizeof(int))
        for i in range(m):
            for j in range(m):
                if i == j:
                    cost[i * m + j] = BIG
                elif i == n or j == n:
                    cost[i * m + j] = 0
                else:
                    cost[i * m + j] = d[i * n + j] if d[i * n + j] < FAR else BIG
        # a first walk: nearest unvisited vertex from every start (keeping the rest reachable)
        for s in range(n):
            mask, v, walk_cost = (<uint64_t> 1) << s, s, 0
            order[0] = s
            for x in range(1, n):
                u = -1
                for j in range(n):
                    if not (mask >> j & 1) and d[v * n + j] < FAR and (u < 0 or d[v * n + j] < d[v * n + u]):
                        for i in range(n):
                            if not (mask >> i & 1) and i != j and d[j * n + i] >= FAR:
                                break
                        else:
                            u = j
                if u < 0:
                    walk_cost = BIG
                    break
                walk_cost += d[v * n + u]
                mask |= (<uint64_t> 1) << u
                order[x] = v = u
            if walk_cost < best_cost:
                best_cost = walk_cost
                start[n] = order[0]
                for x in range(n - 1):
                    start[order[x]] = order[x + 1]
                start[order[n - 1]] = n
        found = assignment_search(m, cost, start if best_cost < BIG else NULL, best_cost, deadline)
        if found is None:
            return None
        value, succ = found
        if value >= BIG:
            raise ValueError("no walk visits every vertex")
        x = succ[n]
        visit = []
        while x != n:
            visit.append(x)
            x = succ[x]
        return value, _expand(n, nxt, visit)
    finally:
        PyMem_Free(cost)
        PyMem_Free(start)
        PyMem_Free(order)
