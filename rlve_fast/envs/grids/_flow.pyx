# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled network flows for the grid solvers (twin: ``_flows.FlowGraph``).

``max_flow`` is Dinic's algorithm (breadth-first levels, then blocking flow by depth-first
search with per-node edge pointers).  ``min_cost_flow`` sends a maximum flow of least cost
by the primal-dual method: Dijkstra's algorithm on reduced costs (arcs start with costs
>= 0) updates the node potentials, then a blocking flow is pushed along the arcs whose
reduced cost is 0; repeated until the sink is out of reach.  Capacities and costs are
int64; the callers keep totals far below 2^62."""
from cpython.mem cimport PyMem_Malloc, PyMem_Realloc, PyMem_Free
from libc.stdlib cimport malloc, free
from libc.stdint cimport int64_t

from rlve_fast._core.clock cimport past

cdef int64_t UNREACHED = 1LL << 62


cdef class FlowGraph:
    def __cinit__(self, int n):
        self.n, self.m, self.cap_edges = n, 0, 0
        self.head = <int *> PyMem_Malloc(max(1, n) * sizeof(int))
        self.level = <int *> PyMem_Malloc(max(1, n) * sizeof(int))
        self.it = <int *> PyMem_Malloc(max(1, n) * sizeof(int))
        self.queue = <int *> PyMem_Malloc(max(1, n) * sizeof(int))
        self.dist = <int64_t *> PyMem_Malloc(max(1, n) * sizeof(int64_t))
        self.potential = <int64_t *> PyMem_Malloc(max(1, n) * sizeof(int64_t))
        if not (self.head and self.level and self.it and self.queue and self.dist and self.potential):
            raise MemoryError()
        for i in range(n):
            self.head[i] = -1
            self.potential[i] = 0
        self.nxt = self.to = NULL
        self.cap = self.cost = NULL

    def __dealloc__(self):
        PyMem_Free(self.head)
        PyMem_Free(self.level)
        PyMem_Free(self.it)
        PyMem_Free(self.queue)
        PyMem_Free(self.dist)
        PyMem_Free(self.potential)
        PyMem_Free(self.nxt)
        PyMem_Free(self.to)
        PyMem_Free(self.cap)
        PyMem_Free(self.cost)

    cdef int _grow(self) except -1:
        cdef int size = max(16, 2 * self.cap_edges)
        self.nxt = <int *> PyMem_Realloc(self.nxt, size * sizeof(int))
        self.to = <int *> PyMem_Realloc(self.to, size * sizeof(int))
        self.cap = <int64_t *> PyMem_Realloc(self.cap, size * sizeof(int64_t))
        self.cost = <int64_t *> PyMem_Realloc(self.cost, size * sizeof(int64_t))
        if not (self.nxt and self.to and self.cap and self.cost):
            raise MemoryError()
        self.cap_edges = size
        return 0

    cdef void _arc(self, int u, int v, int64_t c, int64_t w) noexcept:
        self.to[self.m], self.cap[self.m], self.cost[self.m] = v, c, w
        self.nxt[self.m] = self.head[u]
        self.head[u] = self.m
        self.m += 1

    cpdef add_edge(self, int u, int v, int64_t capacity, int64_t cost=0):
        """An arc u -> v (and its residual twin v -> u of capacity 0, cost -cost)."""
        if not (0 <= u < self.n and 0 <= v < self.n) or capacity < 0:
            raise ValueError("bad arc")
        if self.m + 2 > self.cap_edges:
            self._grow()
        self._arc(u, v, capacity, cost)
        self._arc(v, u, 0, -cost)

    def add_edges(self, const int64_t[:] u, const int64_t[:] v, const int64_t[:] capacity):
        """``add_edge(u[i], v[i], capacity[i])`` for every i (cost 0), from int64 arrays."""
        cdef Py_ssize_t i, k = u.shape[0]
        if v.shape[0] != k or capacity.shape[0] != k:
            raise ValueError("arrays of different lengths")
        for i in range(k):
            if not (0 <= u[i] < self.n and 0 <= v[i] < self.n) or capacity[i] < 0:
                raise ValueError("bad arc")
        while self.m + 2 * k > self.cap_edges:
            self._grow()
        for i in range(k):
            self._arc(<int> u[i], <int> v[i], capacity[i], 0)
            self._arc(<int> v[i], <int> u[i], 0, 0)

    cdef bint _levels(self, int s, int t, bint tight) noexcept nogil:
        """BFS levels over arcs with capacity (and, if ``tight``, reduced cost 0)."""
        cdef int head = 0, tail = 1, u, e, v
        for u in range(self.n):
            self.level[u] = -1
        self.level[s] = 0
        self.queue[0] = s
        while head < tail:
            u = self.queue[head]
            head += 1
            e = self.head[u]
            while e >= 0:
                v = self.to[e]
                if (self.cap[e] > 0 and self.level[v] < 0 and
                        (not tight or self.cost[e] + self.potential[u] - self.potential[v] == 0)):
                    self.level[v] = self.level[u] + 1
                    self.queue[tail] = v
                    tail += 1
                e = self.nxt[e]
        return self.level[t] >= 0

    cdef int64_t _push(self, int u, int t, int64_t limit, bint tight) noexcept nogil:
        cdef int64_t got
        cdef int e, v
        if u == t:
            return limit
        while self.it[u] >= 0:
            e = self.it[u]
            v = self.to[e]
            if (self.cap[e] > 0 and self.level[v] == self.level[u] + 1 and
                    (not tight or self.cost[e] + self.potential[u] - self.potential[v] == 0)):
                got = self._push(v, t, limit if limit < self.cap[e] else self.cap[e], tight)
                if got > 0:
                    self.cap[e] -= got
                    self.cap[e ^ 1] += got
                    return got
            self.it[u] = self.nxt[e]
        return 0

    cdef int64_t _blocking(self, int s, int t, bint tight) noexcept nogil:
        cdef int64_t total = 0, got
        cdef int u
        while self._levels(s, t, tight):
            for u in range(self.n):
                self.it[u] = self.head[u]
            while True:
                self.steps += 1
                if past(self.deadline, self.steps):
                    self.timed_out = True
                    return total
                got = self._push(s, t, UNREACHED, tight)
                if got == 0:
                    break
                total += got
        return total

    def max_flow(self, int s, int t, double deadline):
        """(status, flow): status 1, or -1 when the deadline passed first."""
        cdef int64_t total
        self.deadline, self.timed_out = deadline, False
        with nogil:
            total = self._blocking(s, t, False)
        return (-1, None) if self.timed_out else (1, total)

    cdef bint _dijkstra(self, int s, int t) noexcept nogil:
        """Shortest reduced-cost distances from s (a binary heap of (distance, node))."""
        cdef int size = 0, u, v, e, i, child
        cdef int64_t d, nd
        cdef int64_t *heap_d = <int64_t *> malloc((self.m + 1) * sizeof(int64_t))
        cdef int *heap_u = <int *> malloc((self.m + 1) * sizeof(int))
        if heap_d == NULL or heap_u == NULL:
            free(heap_d)
            free(heap_u)
            self.timed_out = True  # out of memory: stop as if out of time
            return False
        for u in range(self.n):
            self.dist[u] = UNREACHED
        self.dist[s] = 0
        heap_d[0], heap_u[0], size = 0, s, 1
        while size:
            d, u = heap_d[0], heap_u[0]
            size -= 1
            i = 0  # sift the last entry down from the root
            while True:
                child = 2 * i + 1
                if child >= size:
                    break
                if child + 1 < size and heap_d[child + 1] < heap_d[child]:
                    child += 1
                if heap_d[size] <= heap_d[child]:
                    break
                heap_d[i], heap_u[i] = heap_d[child], heap_u[child]
                i = child
            heap_d[i], heap_u[i] = heap_d[size], heap_u[size]
            if d > self.dist[u]:
                continue
            e = self.head[u]
            while e >= 0:
                v = self.to[e]
                if self.cap[e] > 0:
                    nd = d + self.cost[e] + self.potential[u] - self.potential[v]
                    if nd < self.dist[v]:
                        self.dist[v] = nd
                        i = size  # sift up
                        size += 1
                        while i > 0 and heap_d[(i - 1) // 2] > nd:
                            heap_d[i], heap_u[i] = heap_d[(i - 1) // 2], heap_u[(i - 1) // 2]
                            i = (i - 1) // 2
                        heap_d[i], heap_u[i] = nd, v
                e = self.nxt[e]
        free(heap_d)
        free(heap_u)
        return self.dist[t] < UNREACHED

    def min_cost_flow(self, int s, int t, double deadline):
        """(status, flow, cost) of a maximum flow of least cost (all arc costs >= 0)."""
        cdef int64_t flow = 0, total_cost = 0, got
        cdef int u, e
        self.deadline, self.timed_out = deadline, False
        with nogil:
            while not self.timed_out and self._dijkstra(s, t):
                for u in range(self.n):  # capped at the sink's distance: reduced costs stay >= 0
                    self.potential[u] += self.dist[u] if self.dist[u] < self.dist[t] else self.dist[t]
                got = self._blocking(s, t, True)
                flow += got
        if self.timed_out:
            return -1, None, None
        for e in range(0, self.m, 2):
            total_cost += self.cap[e ^ 1] * self.cost[e]
        return 1, flow, total_cost

    def flows(self):
        """The flow on each added arc, in the order they were added."""
        return [self.cap[e ^ 1] for e in range(0, self.m, 2)]
