# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""MinimumSteinerTree, compiled: the least weight of a tree joining the terminals, and the
scorer (twin: ``MinimumSteinerTree.score``).

Two exact methods, whichever is cheaper for the instance:
* Dreyfus-Wagner over terminal subsets (about 3^K N steps), with Dijkstra passes on the
  dense graph;
* with few non-terminals, every set S of them: a minimum spanning tree of the subgraph
  induced by the terminals and S (about 2^(N-K) N^2 steps); the best tree spans some set."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t, int32_t, uint64_t
from libc.string cimport memset

from rlve_fast._core.clock cimport past
from rlve_fast.envs.graphs._bits cimport zeroed
from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow, FALLBACK

cdef int64_t NONE = 1LL << 60


cdef int dreyfus_wagner(int n, const int64_t *w, int k, const int *terminal, double deadline,
                        int64_t *out) noexcept:
    """out[0] = least Steiner tree weight; returns 1 on timeout, -1 out of memory."""
    cdef Py_ssize_t masks = (<Py_ssize_t> 1) << k, mask, sub
    cdef int64_t *dp = <int64_t *> PyMem_Malloc(masks * n * sizeof(int64_t))
    cdef char *done = <char *> PyMem_Malloc(n)
    cdef int64_t *row
    cdef int64_t a, cand
    cdef int v, u, i, pick
    cdef long long steps = 0
    if dp == NULL or done == NULL:
        PyMem_Free(dp)
        PyMem_Free(done)
        return -1
    for mask in range(masks * n):
        dp[mask] = NONE
    for i in range(k):
        dp[((<Py_ssize_t> 1) << i) * n + terminal[i]] = 0
    for mask in range(1, masks):
        row = dp + mask * n
        # merge two subtrees at the same vertex (each split once: sub holds the lowest bit)
        sub = (mask - 1) & mask
        while sub:
            if sub & (mask & -mask):
                for v in range(n):
                    a = dp[sub * n + v]
                    if a < NONE:
                        cand = a + dp[(mask ^ sub) * n + v]
                        if cand < row[v]:
                            row[v] = cand
            steps += 1
            if past(deadline, steps):
                PyMem_Free(dp)
                PyMem_Free(done)
                return 1
            sub = (sub - 1) & mask
        # then grow along shortest paths (Dijkstra, O(n^2) on the dense table)
        memset(done, 0, n)
        for i in range(n):
            pick = -1
            for v in range(n):
                if not done[v] and row[v] < NONE and (pick < 0 or row[v] < row[pick]):
                    pick = v
            if pick < 0:
                break
            done[pick] = 1
            for u in range(n):
                if w[pick * n + u] < NONE and not done[u]:
                    cand = row[pick] + w[pick * n + u]
                    if cand < row[u]:
                        row[u] = cand
    out[0] = dp[(masks - 1) * n + terminal[0]]
    PyMem_Free(dp)
    PyMem_Free(done)
    return 0


cdef int spanning_subsets(int n, const int64_t *w, int k, const int *terminal, double deadline,
                          int64_t *out) noexcept:
    """out[0] = least Steiner tree weight, as the least MST weight over the subgraphs induced
    by the terminals and any set of non-terminals; returns 1 on timeout."""
    cdef int others[64]
    cdef int members[64]
    cdef int64_t key[64]
    cdef char inside[64]
    cdef int m = 0, v, u, i, j, size, pick
    cdef uint64_t subset, limit
    cdef int64_t total, best = NONE
    cdef char is_terminal[64]
    memset(is_terminal, 0, 64)
    for i in range(k):
        is_terminal[terminal[i]] = 1
    for v in range(n):
        if not is_terminal[v]:
            others[m] = v
            m += 1
    limit = (<uint64_t> 1) << m
    subset = 0
    while subset < limit:
        if past(deadline, <long long> subset):
            return 1
        size = 0
        for i in range(k):
            members[size] = terminal[i]
            size += 1
        for i in range(m):
            if subset >> i & 1:
                members[size] = others[i]
                size += 1
        # Prim on the induced subgraph
        for i in range(size):
            key[i] = NONE
            inside[i] = 0
        key[0] = 0
        total = 0
        for j in range(size):
            pick = -1
            for i in range(size):
                if not inside[i] and key[i] < NONE and (pick < 0 or key[i] < key[pick]):
                    pick = i
            if pick < 0:
                total = NONE  # not connected
                break
            inside[pick] = 1
            total += key[pick]
            if total >= best:
                break
            for i in range(size):
                if not inside[i] and w[members[pick] * n + members[i]] < key[i]:
                    key[i] = w[members[pick] * n + members[i]]
        if total < best:
            best = total
        subset += 1
    out[0] = best
    return 0


def steiner_tree_weight(int n, edges, terminals, double deadline, method=None):
    """The least total weight of edges connecting all terminals; None on timeout.
    ``method`` ("terminal subsets" or "spanning subsets") overrides the cheaper choice."""
    cdef int k = len(terminals), i, status
    cdef int64_t result = NONE, dw_cost, mst_cost
    cdef int64_t *w
    cdef int *term
    if not 1 <= n <= 64:
        raise ValueError("the compiled search handles 1 to 64 vertices")
    if len(set(terminals)) != k or k < 1 or not all(0 <= t < n for t in terminals):
        raise ValueError("terminals must be distinct vertices")
    w = <int64_t *> zeroed(n * n * sizeof(int64_t))
    term = <int *> zeroed(k * sizeof(int))
    try:
        for i in range(n * n):
            w[i] = NONE
        for e in edges:
            if e[2] < w[e[0] * n + e[1]]:
                w[e[0] * n + e[1]] = w[e[1] * n + e[0]] = e[2]
        for i in range(k):
            term[i] = terminals[i]
        # rough step counts; Dreyfus-Wagner also needs 2^K N words of memory
        dw_cost = (<int64_t> 3 ** k) * n if k <= 22 else NONE
        mst_cost = (((<int64_t> 1) << (n - k)) * n * n) // 4 if n - k <= 40 else NONE
        if dw_cost == NONE and mst_cost == NONE:
            raise ValueError("too many terminals and non-terminals for an exact search")
        if method is not None:
            dw_cost = 0 if method == "terminal subsets" else NONE
        if dw_cost <= mst_cost:
            status = dreyfus_wagner(n, w, k, term, deadline, &result)
            if status < 0:
                raise MemoryError()
        else:
            status = spanning_subsets(n, w, k, term, deadline, &result)
        if status:
            return None
        if result >= NONE:
            raise ValueError("the terminals are not connected")
        return result
    finally:
        PyMem_Free(w)
        PyMem_Free(term)


cdef class SteinerKernel(Kernel):
    cdef Py_ssize_t n, k
    cdef int64_t *weight       # n x n for the stored (u, v); NONE if absent
    cdef int32_t *terminal
    cdef int32_t *parent
    cdef char *touched
    cdef int64_t gold
    cdef double beta, wrong_format, invalid

    def __init__(self, n, edges, terminals, gold, double beta, double wrong_format, double invalid):
        cdef Py_ssize_t i
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.n, self.k, self.gold = n, len(terminals), gold
        self.beta, self.wrong_format, self.invalid = beta, wrong_format, invalid
        self.weight = <int64_t *> zeroed(n * n * sizeof(int64_t))
        self.terminal = <int32_t *> zeroed(self.k * sizeof(int32_t))
        self.parent = <int32_t *> zeroed(n * sizeof(int32_t))
        self.touched = <char *> zeroed(n)
        for i in range(n * n):
            self.weight[i] = NONE
        for u, v, w in edges:  # later duplicates win, as in a dict
            self.weight[u * n + v] = w
        for i in range(self.k):
            self.terminal[i] = terminals[i]

    def __dealloc__(self):
        PyMem_Free(self.weight)
        PyMem_Free(self.terminal)
        PyMem_Free(self.parent)
        PyMem_Free(self.touched)

    cdef int32_t find(self, int32_t v) noexcept:
        while self.parent[v] != v:
            self.parent[v] = self.parent[self.parent[v]]
            v = self.parent[v]
        return v

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t n = self.n, i, pieces = 0
        cdef int64_t u, v, a, b, w, total = 0
        cdef int32_t ru, rv
        if self.n_values % 2:
            return self.wrong_format
        memset(self.touched, 0, n)
        for i in range(self.n_values):  # the endpoints lie in 0..N-1 and include every terminal
            u = self.values[i]
            if u < 0 or u >= n:
                return self.invalid
            self.touched[u] = 1
        for i in range(self.k):
            if not self.touched[self.terminal[i]]:
                return self.invalid
        for i in range(n):
            self.parent[i] = <int32_t> i
            pieces += self.touched[i]
        if pieces == 0:
            return -1.0  # networkx refuses to call an empty graph connected: upstream's -1
        for i in range(self.n_values // 2):
            u, v = self.values[2 * i], self.values[2 * i + 1]
            a, b = (u, v) if u < v else (v, u)
            w = self.weight[a * n + b]
            if w == NONE:
                return self.invalid
            total += w
            ru, rv = self.find(<int32_t> u), self.find(<int32_t> v)
            if ru != rv:
                self.parent[ru] = rv
                pieces -= 1
        if pieces != 1:
            return self.invalid
        if self.gold > total:
            return -1.0  # upstream asserts no tree is lighter than the stored optimum
        if total > (1LL << 53):
            return FALLBACK
        return ratio_pow(self.gold, total, self.beta, 1.0)
