# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""MinimumSteinerTree, compiled: the least weight of a tree joining the terminals, and the
scorer (twin: ``MinimumSteinerTree.score``).

Both exact searches below work on the key vertices (``key_vertices``): the terminals and the
non-terminals with at least three shortest-path edges, the only places where some lightest
tree branches; it runs along shortest paths between them, so the searches use the
shortest-path weights (Floyd-Warshall once) between key vertices only.  The cheaper of the
two for the instance runs:
* Dreyfus-Wagner over subsets of the terminals but one (the root, where the last table is
  read: about 3^(K-1) M / 2 merge steps and 2^(K-1) M^2 growing steps for M key vertices);
  growing a table along shortest paths is a min-plus product with the distance table
  rather than a Dijkstra pass.  Where every tree weight (twice over) stays below 16000,
  the tables hold 16-bit entries in rows padded to 16, 32, 48 or 64 and one set's row is
  computed in C with that width fixed (vector registers, AVX-512 or AVX2 copies picked at
  load time where available), in a table kept between calls up to 8 MiB (fresh pages cost
  more than small instances' merges); otherwise branch-free loops over 32-bit distances
  where the weights allow, 64-bit beyond, over every vertex;
* with few non-terminal key vertices, every set S of them: the minimum spanning tree of the
  terminals and S under shortest-path weights, the best tree spans some set.  The sets are
  visited depth first, each tree grown from its parent's by one vertex (Kruskal over the
  parent's tree edges and the new vertex's distances, both already sorted), about
  2^(M-K) (M + degree) steps.

The instance itself (graph, K, terminals) is drawn here too (``draw_instance``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t, int32_t, int16_t, uint64_t
from libc.string cimport memset

from rlve_fast._core.clock cimport past, monotonic_now
from rlve_fast.envs.graphs._bits cimport zeroed, popcount64
from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow, FALLBACK
from rlve_fast.envs._config_arrays cimport INT64_MIN, INT64_MAX, read_ints
from rlve_fast.envs._draws cimport Words

# ----------------------------------------------------------------------------- the draw
def draw_instance(rng, int n, Py_ssize_t wanted, int max_weight, int max_terminals):
    """(edges, K, terminals) of a problem drawn from ``Words(rng)`` (twin:
    ``minimum_steiner_tree._draw_instance_py``, the same values from the same words): a
    spanning tree joining each vertex of a uniform order to a uniform earlier one, further
    pairs a uniform subset of the absent ones up to ``wanted`` edges, every weight uniform in
    1..max_weight, the edges [u, v, w] (u < v) in uniform order; K uniform in
    3..min(max_terminals, n - 1), the terminals a uniform ordered sample of K vertices."""
    cdef Words words
    cdef int *order
    cdef int *pair_u
    cdef int *pair_v
    cdef int *weight
    cdef int *shuffled
    cdef char *present
    cdef int i, j, a, b, u, v, count, absent, extra, k, held
    cdef Py_ssize_t pairs = <Py_ssize_t> n * (n - 1) // 2
    if not 4 <= n <= 4096 or max_weight < 1 or max_terminals < 3:
        raise ValueError("need 4 <= n <= 4096, max_weight >= 1 and max_terminals >= 3")
    words = Words(rng)
    order = <int *> zeroed((n + 4 * pairs) * sizeof(int) + n * n)
    pair_u, pair_v, weight, shuffled = order + n, order + n + pairs, order + n + 2 * pairs, order + n + 3 * pairs
    present = <char *> (order + n + 4 * pairs)
    try:
        for i in range(n):
            order[i] = i
        words.permute(order, n)
        count = 0
        for i in range(1, n):
            a, b = order[i], order[words.below(i)]
            u, v = (a, b) if a < b else (b, a)
            pair_u[count], pair_v[count] = u, v
            weight[count] = 1 + <int> words.below(max_weight)
            present[u * n + v] = 1
            count += 1
        if wanted > count:
            # the absent pairs in order (u, v), u < v, after the tree's edges; a uniform
            # subset of them by a partial Fisher-Yates from the front
            absent = 0
            for u in range(n):
                for v in range(u + 1, n):
                    if not present[u * n + v]:
                        pair_u[count + absent], pair_v[count + absent] = u, v
                        absent += 1
            extra = <int> (wanted - count) if wanted - count < absent else absent
            for i in range(extra):
                j = i + <int> words.below(absent - i)
                held = pair_u[count + i]
                pair_u[count + i] = pair_u[count + j]
                pair_u[count + j] = held
                held = pair_v[count + i]
                pair_v[count + i] = pair_v[count + j]
                pair_v[count + j] = held
            for i in range(extra):
                weight[count + i] = 1 + <int> words.below(max_weight)
            count += extra
        # the edges in a uniform order
        for i in range(count):
            shuffled[i] = i
        words.permute(shuffled, count)
        edges = [[pair_u[shuffled[i]], pair_v[shuffled[i]], weight[shuffled[i]]] for i in range(count)]
        k = 3 + <int> words.below((max_terminals if max_terminals < n - 1 else n - 1) - 2)
        for i in range(n):
            order[i] = i
        for i in range(k):
            j = i + <int> words.below(n - i)
            held = order[i]
            order[i] = order[j]
            order[j] = held
        return edges, k, [order[i] for i in range(k)]
    finally:
        PyMem_Free(order)


cdef int64_t NONE = 1LL << 60
cdef int32_t NONE32 = 1 << 29   # two of them still add up below 2^31

ctypedef fused dist_t:
    int32_t
    int64_t


cdef extern from *:
    """
    #include <stdint.h>
    #include <stdlib.h>
    #include <string.h>
    /* Dreyfus-Wagner on 16-bit tables, one terminal set at a time.  Rows hold `width`
       entries (a multiple of 16, the padding `none`), so the loops below are whole vectors;
       where the compiler and loader allow, a copy for AVX-512 and one for AVX2 are built
       and the best the processor runs is picked at load time. */
    #if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
    #define RLVE_STEINER_CLONES __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
    #else
    #define RLVE_STEINER_CLONES
    #endif
    #define RLVE_STEINER_WIDTH_MAX 64

    /* Row `mask` of the table: the least merge of two subtrees over each split of the set
       (the part holding its lowest terminal on one side, each split once), or for a single
       terminal 0 at its vertex; then grown along shortest paths (a min-plus product with the
       distance rows).  Values stay at most `none` and every sum of two fits 16 bits.
       Returns the number of splits. */
    static inline __attribute__((always_inline)) long long rlve_steiner_row16_at(
            int16_t *dp, long long mask, int n, const int width, const int16_t *dist, const int *terminal,
            int16_t none) {
        int16_t merged[RLVE_STEINER_WIDTH_MAX], grown[RLVE_STEINER_WIDTH_MAX];
        long long low = mask & -mask, rest = mask ^ low, part, splits = 0;
        int v, u;
        for (v = 0; v < width; v++) merged[v] = none;
        if (rest == 0) {
            merged[terminal[__builtin_ctzll((unsigned long long) low)]] = 0;
        } else {
            part = (rest - 1) & rest;
            for (;;) {
                const int16_t *restrict a = dp + (low | part) * width;
                const int16_t *restrict b = dp + (rest ^ part) * width;
                for (v = 0; v < width; v++) {
                    int16_t sum = (int16_t) (a[v] + b[v]);
                    merged[v] = sum < merged[v] ? sum : merged[v];
                }
                splits++;
                if (part == 0) break;
                part = (part - 1) & rest;
            }
        }
        for (v = 0; v < width; v++) grown[v] = merged[v];
        for (u = 0; u < n; u++) {
            int16_t base = merged[u];
            if (base >= none) continue;
            const int16_t *restrict d = dist + u * width;
            for (v = 0; v < width; v++) {
                int16_t sum = (int16_t) (base + d[v]);
                grown[v] = sum < grown[v] ? sum : grown[v];
            }
        }
        for (v = 0; v < width; v++) {
            int16_t value = grown[v];
            dp[mask * width + v] = value < none ? value : none;
        }
        return splits;
    }

    /* Row `mask` of the table: the least merge of two subtrees over each split of the set
       (the part holding its lowest terminal on one side, each split once), or for a single
       terminal 0 at its vertex; then grown along shortest paths (a min-plus product with the
       distance rows).  Values stay at most `none` and every sum of two fits 16 bits.  The
       width is a constant in each case, so the rows stay in vector registers.  Returns the
       number of splits. */
    RLVE_STEINER_CLONES
    static long long rlve_steiner_row16(int16_t *dp, long long mask, int n, int width, const int16_t *dist,
                                        const int *terminal, int16_t none) {
        switch (width) {
            case 16: return rlve_steiner_row16_at(dp, mask, n, 16, dist, terminal, none);
            case 32: return rlve_steiner_row16_at(dp, mask, n, 32, dist, terminal, none);
            case 48: return rlve_steiner_row16_at(dp, mask, n, 48, dist, terminal, none);
            default: return rlve_steiner_row16_at(dp, mask, n, 64, dist, terminal, none);
        }
    }

    /* One table kept between calls (grown as needed, up to a cap): fresh pages cost more than
       the merges on small instances.  Callers hold the GIL throughout, which serialises them. */
    static int16_t *rlve_steiner_scratch = NULL;
    static size_t rlve_steiner_scratch_size = 0;
    #define RLVE_STEINER_SCRATCH_CAP ((size_t) 8 << 20)

    static int16_t *rlve_steiner_table(size_t bytes, int *owned) {
        *owned = 0;
        if (bytes <= rlve_steiner_scratch_size) return rlve_steiner_scratch;
        if (bytes > RLVE_STEINER_SCRATCH_CAP) { *owned = 1; return (int16_t *) malloc(bytes); }
        free(rlve_steiner_scratch);
        rlve_steiner_scratch = (int16_t *) malloc(bytes);
        rlve_steiner_scratch_size = rlve_steiner_scratch ? bytes : 0;
        return rlve_steiner_scratch;
    }
    """
    long long steiner_row16 "rlve_steiner_row16"(int16_t *dp, long long mask, int n, int width, const int16_t *dist,
                                                 const int *terminal, int16_t none) noexcept nogil
    int16_t *steiner_table "rlve_steiner_table"(size_t size, int *owned) noexcept nogil
    void c_free "free"(void *p) noexcept nogil


cdef int16_t NONE16 = 16000   # two of them still add up below 2^15


cdef void shortest_paths(int n, const int64_t *w, int64_t *paths) noexcept:
    """All-pairs shortest path weights (Floyd-Warshall), NONE between vertices apart."""
    cdef int i, u, v
    for u in range(n * n):
        paths[u] = w[u]
    for u in range(n):
        paths[u * n + u] = 0
    for i in range(n):
        for u in range(n):
            if paths[u * n + i] >= NONE:
                continue
            for v in range(n):
                if paths[u * n + i] + paths[i * n + v] < paths[u * n + v]:
                    paths[u * n + v] = paths[u * n + i] + paths[i * n + v]


cdef int key_vertices(int n, const int64_t *w, const int64_t *paths, int k, const int *terminal,
                      int *key) noexcept:
    """The vertices a lightest tree may need as its own, into ``key`` (their count returned):
    the terminals first, in order, then each non-terminal with at least three edges that are
    shortest paths between their ends.  Some lightest tree uses only such edges (a longer
    one can give way to the path), so it branches at no other non-terminal, and between its
    terminals and branch points it runs along shortest paths: both searches below work on
    the key vertices with shortest-path weights between them."""
    cdef int m = k, v, u, degree
    cdef uint64_t terminals = 0
    for v in range(k):
        key[v] = terminal[v]
        terminals |= (<uint64_t> 1) << terminal[v]
    for v in range(n):
        if terminals >> v & 1:
            continue
        degree = 0
        for u in range(n):
            if u != v and w[v * n + u] < NONE and w[v * n + u] <= paths[v * n + u]:
                degree += 1
        if degree >= 3:
            key[m] = v
            m += 1
    return m


cdef int dreyfus_wagner16(int m, const int *key, int n, const int64_t *paths, int k, double deadline,
                          int64_t *out) noexcept:
    """Dreyfus-Wagner (see ``dreyfus_wagner``) on 16-bit tables over the ``m`` key vertices
    (terminals first: key[0] is the root) with shortest-path weights, for at most 64 of them
    and tree weights (twice over) below 16000; returns as that."""
    cdef int kk = k - 1, width = (m + 15) // 16 * 16, u, v, owned = 0
    cdef long long masks = (<long long> 1) << kk, mask, steps = 0, next_check = 4096
    cdef int16_t *dp
    cdef int16_t *dist
    cdef int index[64]      # the terminals of the sets (key indices 1..k-1)
    if kk == 0:
        out[0] = 0
        return 0
    dist = <int16_t *> PyMem_Malloc(m * width * sizeof(int16_t))
    if dist == NULL:
        return -1
    for v in range(kk):
        index[v] = v + 1
    # the key vertices' distances as 16-bit rows padded with none
    for u in range(m):
        for v in range(width):
            dist[u * width + v] = (<int16_t> paths[key[u] * n + key[v]]
                                   if v < m and paths[key[u] * n + key[v]] < NONE16 else NONE16)
    dp = steiner_table(<size_t> masks * width * sizeof(int16_t), &owned)
    if dp == NULL:
        PyMem_Free(dist)
        return -1
    for mask in range(1, masks):
        steps += steiner_row16(dp, mask, m, width, dist, index, NONE16) + 1
        if steps >= next_check:
            next_check = steps + 4096
            if monotonic_now() > deadline:
                PyMem_Free(dist)
                if owned:
                    c_free(dp)
                return 1
    out[0] = dp[(masks - 1) * width]
    if out[0] >= NONE16:
        out[0] = NONE
    PyMem_Free(dist)
    if owned:
        c_free(dp)
    return 0


cdef int dreyfus_wagner(int n, const dist_t *w, dist_t none, int k, const int *terminal, double deadline,
                        int64_t *out) noexcept:
    """out[0] = least Steiner tree weight; returns 1 on timeout, -1 out of memory.
    dp[I][v]: the lightest tree joining v and the terminals I (terminal[1..k-1]); the
    answer is dp[all][terminal[0]]."""
    cdef int kk = k - 1
    cdef Py_ssize_t masks = (<Py_ssize_t> 1) << kk, mask, low, rest, part
    cdef dist_t *dp
    cdef dist_t *dist
    cdef dist_t *merged
    cdef dist_t *row
    cdef const dist_t *a
    cdef const dist_t *b
    cdef dist_t cand, base
    cdef int v, u, i, pick
    cdef long long steps = 0
    if kk == 0:
        out[0] = 0
        return 0
    dp = <dist_t *> PyMem_Malloc((masks + 1) * n * sizeof(dist_t) + n * n * sizeof(dist_t))
    if dp == NULL:
        return -1
    merged = dp + masks * n
    dist = merged + n
    # all-pairs shortest paths (Floyd-Warshall; none + none stays below the type's limit)
    for u in range(n * n):
        dist[u] = w[u]
    for u in range(n):
        dist[u * n + u] = 0
    for i in range(n):
        for u in range(n):
            base = dist[u * n + i]
            if base >= none:
                continue
            for v in range(n):
                cand = base + dist[i * n + v]
                dist[u * n + v] = cand if cand < dist[u * n + v] else dist[u * n + v]
    for mask in range(masks * n):
        dp[mask] = none
    for i in range(kk):
        dp[((<Py_ssize_t> 1) << i) * n + terminal[i + 1]] = 0
    for mask in range(1, masks):
        row = dp + mask * n
        # merge two subtrees at the same vertex: each split once, the part holding the lowest
        # terminal of the set on one side (rows are never all none: the graph is connected)
        low = mask & -mask
        rest = mask ^ low
        part = (rest - 1) & rest
        while rest:
            a = dp + (low | part) * n
            b = dp + (rest ^ part) * n
            for v in range(n):
                cand = a[v] + b[v]
                row[v] = cand if cand < row[v] else row[v]
            steps += 1
            if past(deadline, steps):
                PyMem_Free(dp)
                return 1
            if part == 0:
                break
            part = (part - 1) & rest
        # then grow along shortest paths: row[v] = min over u of row[u] + dist(u, v), from a
        # copy of the merged row (a min-plus product with the distance table: branch-free
        # inner loops, unlike Dijkstra's scans)
        for v in range(n):
            merged[v] = row[v]
        for u in range(n):
            base = merged[u]
            if base >= none:
                continue
            a = dist + u * n
            for v in range(n):
                cand = base + a[v]
                row[v] = cand if cand < row[v] else row[v]
    out[0] = dp[(masks - 1) * n + terminal[0]]
    if out[0] >= none:
        out[0] = NONE
    PyMem_Free(dp)
    return 0


cdef struct Forest:
    int count          # edges, sorted by weight
    int64_t weight
    int64_t ew[64]
    signed char eu[64]
    signed char ev[64]


cdef struct Subsets:
    int n, m
    const int64_t *w
    int others[64]         # the non-terminal key vertices, in visiting order
    int degree[64]         # how many other key vertices each reaches (listed in near, nearest first)
    signed char near[64 * 64]
    int64_t nearw[64 * 64]
    int64_t best
    long long steps
    double deadline
    bint timed_out


cdef inline int find(signed char *parent, int v) noexcept:
    while parent[v] != v:
        parent[v] = parent[parent[v]]
        v = parent[v]
    return v


cdef void grow(Subsets *g, const Forest *old, int x, uint64_t inside, int size, Forest *new) noexcept:
    """new = minimum spanning forest of old's edges and x's edges into ``inside`` (``size``
    vertices, x included): Kruskal over two sorted lists, stopped once it spans."""
    cdef signed char parent[64]
    cdef int i = 0, j = 0, u, v, ru, rv, deg = g.degree[x]
    cdef int64_t wt
    cdef const signed char *near = g.near + x * 64
    cdef const int64_t *nearw = g.nearw + x * 64
    for u in range(g.n):
        parent[u] = <signed char> u
    new.count = 0
    new.weight = 0
    while new.count < size - 1:
        while j < deg and not (inside >> near[j] & 1):
            j += 1
        if i < old.count and (j >= deg or old.ew[i] <= nearw[j]):
            u, v, wt = old.eu[i], old.ev[i], old.ew[i]
            i += 1
        elif j < deg:
            u, v, wt = x, near[j], nearw[j]
            j += 1
        else:
            break
        ru, rv = find(parent, u), find(parent, v)
        if ru != rv:
            parent[ru] = <signed char> rv
            new.eu[new.count], new.ev[new.count], new.ew[new.count] = <signed char> u, <signed char> v, wt
            new.weight += wt
            new.count += 1


cdef void explore(Subsets *g, const Forest *forest, uint64_t inside, int size, int first) noexcept:
    """Every set of others[first:] added to ``inside``, depth first."""
    cdef Forest grown
    cdef int i
    if forest.count == size - 1 and forest.weight < g.best:
        g.best = forest.weight
    for i in range(first, g.m):
        g.steps += 1
        if g.timed_out or past(g.deadline, g.steps):
            g.timed_out = True
            return
        grow(g, forest, g.others[i], inside | (<uint64_t> 1) << g.others[i], size + 1, &grown)
        explore(g, &grown, inside | (<uint64_t> 1) << g.others[i], size + 1, i + 1)


cdef int spanning_subsets(int n, const int64_t *paths, int k, const int *terminal, int m, const int *key,
                          double deadline, int64_t *out) noexcept:
    """out[0] = least Steiner tree weight, as the least spanning tree weight over the
    terminals and any set of the other key vertices (see ``key_vertices``), joined by
    shortest paths; returns 1 on timeout."""
    cdef Subsets g
    cdef Forest base
    cdef uint64_t inside = 0
    cdef int v, u, i, j, a, b, deg, size = 0
    cdef Forest base_next
    g.n, g.m, g.w, g.best, g.steps, g.deadline, g.timed_out = n, 0, paths, NONE, 0, deadline, False
    for i in range(k, m):
        g.others[g.m] = key[i]
        g.m += 1
    for a in range(m):
        v = key[a]
        deg = 0  # the other key vertices by distance (insertion sort: at most 63)
        for b in range(m):
            u = key[b]
            if u != v and paths[v * n + u] < NONE:
                j = deg
                while j > 0 and g.nearw[v * 64 + j - 1] > paths[v * n + u]:
                    g.near[v * 64 + j] = g.near[v * 64 + j - 1]
                    g.nearw[v * 64 + j] = g.nearw[v * 64 + j - 1]
                    j -= 1
                g.near[v * 64 + j] = <signed char> u
                g.nearw[v * 64 + j] = paths[v * n + u]
                deg += 1
        g.degree[v] = deg
    # the forest of the terminals alone: each terminal grown in turn
    base.count, base.weight = 0, 0
    inside = 0
    for i in range(k):
        inside |= (<uint64_t> 1) << terminal[i]
        size += 1
        grow(&g, &base, terminal[i], inside, size, &base_next)
        base = base_next
    explore(&g, &base, inside, size, 0)
    if g.timed_out:
        return 1
    out[0] = g.best
    return 0


def steiner_tree_weight(int n, edges, terminals, double deadline, method=None):
    """The least total weight of edges connecting all terminals; None on timeout.
    ``method`` ("terminal subsets" or "spanning subsets") overrides the cheaper choice;
    "32-bit tables" is Dreyfus-Wagner without its 16-bit tables (for tests)."""
    cdef int k = len(terminals), i, status, m
    cdef int key[64]
    cdef bint narrow
    cdef int64_t result = NONE, dw_cost, mst_cost, heaviest = 0
    cdef int64_t *w
    cdef int64_t *paths
    cdef int32_t *w32
    cdef int *term
    if not 1 <= n <= 64:
        raise ValueError("the compiled search handles 1 to 64 vertices")
    if len(set(terminals)) != k or k < 1 or not all(0 <= t < n for t in terminals):
        raise ValueError("terminals must be distinct vertices")
    w = <int64_t *> zeroed(n * n * sizeof(int64_t))
    paths = <int64_t *> zeroed(n * n * sizeof(int64_t))
    w32 = <int32_t *> zeroed(n * n * sizeof(int32_t))
    term = <int *> zeroed(k * sizeof(int))
    try:
        for i in range(n * n):
            w[i] = NONE
        for e in edges:
            if e[0] != e[1] and e[2] < w[e[0] * n + e[1]]:
                w[e[0] * n + e[1]] = w[e[1] * n + e[0]] = e[2]
        for i in range(n * n):
            if w[i] < NONE and w[i] > heaviest:
                heaviest = w[i]
            if w[i] < 0:
                raise ValueError("negative weights are not supported")
        for i in range(k):
            term[i] = terminals[i]
        shortest_paths(n, w, paths)
        m = key_vertices(n, w, paths, k, term, key)
        # costs in about nanoseconds (measured): 16-bit Dreyfus-Wagner about 1 per split or
        # grown vertex and 16 table entries, the wider tables about 0.3 per entry, a grown
        # forest about 7 per vertex; Dreyfus-Wagner also needs 2^(K-1) N entries of memory
        narrow = 2 * heaviest * n < NONE16
        if k > 23:
            dw_cost = NONE
        elif narrow:
            dw_cost = ((<int64_t> 3 ** (k - 1)) // 2 + ((<int64_t> 1) << (k - 1)) * m) * ((m + 15) // 16)
        else:
            dw_cost = (((<int64_t> 3 ** (k - 1)) * n) // 2 + ((<int64_t> 1) << (k - 1)) * n * n) * 3 // 10
        mst_cost = ((<int64_t> 1) << (m - k)) * 7 * m if m - k <= 40 else NONE
        if dw_cost == NONE and mst_cost == NONE:
            raise ValueError("too many terminals and non-terminals for an exact search")
        if method is not None:
            dw_cost = 0 if method in ("terminal subsets", "32-bit tables") else NONE
        if dw_cost <= mst_cost:
            if narrow and method != "32-bit tables":
                status = dreyfus_wagner16(m, key, n, paths, k, deadline, &result)
            elif heaviest * n < NONE32 // 2:  # every path and tree weight fits 32 bits
                for i in range(n * n):
                    w32[i] = <int32_t> w[i] if w[i] < NONE else NONE32
                status = dreyfus_wagner(n, w32, NONE32, k, term, deadline, &result)
            else:
                status = dreyfus_wagner(n, w, NONE, k, term, deadline, &result)
            if status < 0:
                raise MemoryError()
        else:
            status = spanning_subsets(n, paths, k, term, m, key, deadline, &result)
            if status < 0:
                raise MemoryError()
        if status:
            return None
        if result >= NONE:
            raise ValueError("the terminals are not connected")
        return result
    finally:
        PyMem_Free(w)
        PyMem_Free(paths)
        PyMem_Free(w32)
        PyMem_Free(term)


cdef class SteinerKernel(Kernel):
    cdef Py_ssize_t n, k
    cdef int64_t *weight       # n x n for the stored (u, v); NONE if absent
    cdef int32_t *terminal
    cdef int32_t *parent
    cdef char *touched
    cdef int64_t gold
    cdef double beta, wrong_format, invalid

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


def steiner_kernel(n, edges, terminals, gold, double beta, double wrong_format, double invalid):
    """The scorer of a graph on 1 <= N <= 4096 vertices with edges (u, v, w), u and v in
    0..N-1 and |w| <= 2^40, and terminals in 0..N-1; None for any other config (the Python
    scorer reproduces upstream exactly there).  A gold answer beyond int64 raises
    OverflowError (None too)."""
    cdef SteinerKernel kernel
    cdef Py_ssize_t size, i
    cdef int64_t edge[3]
    cdef int64_t *read_terminals
    if not 1 <= n <= 4096:
        return None
    size = n
    kernel = SteinerKernel.__new__(SteinerKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.n, kernel.k, kernel.gold = size, len(terminals), gold
    kernel.beta, kernel.wrong_format, kernel.invalid = beta, wrong_format, invalid
    kernel.weight = <int64_t *> zeroed(size * size * sizeof(int64_t))
    kernel.terminal = <int32_t *> zeroed(kernel.k * sizeof(int32_t))
    kernel.parent = <int32_t *> zeroed(size * sizeof(int32_t))
    kernel.touched = <char *> zeroed(size)
    for i in range(size * size):
        kernel.weight[i] = NONE
    for e in edges:  # later duplicates win, as in a dict
        if not read_ints(e, 3, INT64_MIN, INT64_MAX, edge):
            return None
        if not (0 <= edge[0] < size and 0 <= edge[1] < size and -(1LL << 40) <= edge[2] <= 1LL << 40):
            return None
        kernel.weight[edge[0] * size + edge[1]] = edge[2]
    read_terminals = <int64_t *> zeroed(kernel.k * sizeof(int64_t))
    try:
        if not read_ints(terminals, kernel.k, 0, size - 1, read_terminals):
            return None
        for i in range(kernel.k):
            kernel.terminal[i] = <int32_t> read_terminals[i]
    finally:
        PyMem_Free(read_terminals)
    return kernel
