# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled core of GraphContainTreeCounting: the small instance draw and the whole count,
each one call from Python (twins: ``GraphContainTreeCounting._tree_and_graph_small`` and
``count_embeddings_python``).

The count: embeddings of a spanning tree by inclusion-exclusion over the vertex sets C of the
graph.  hom(C) counts the maps of the tree into G[C] that send tree edges to graph edges.  Only
connected dominating sets C contribute: the bijections are sum over them of (-1)^(N - |C|)
hom(C) (the terms of the plain sum over all sets cancel elsewhere), and every cut vertex of G
lies in each of them, so only the supersets of the cut vertices are visited.

hom(C) is a tree DP in which isomorphic rooted subtrees share one vector: class c has
g_c[x] = product over its child classes d of acc_d[x]^mult, acc_d[x] = sum of g_d[y] over the
neighbours y of x in C (a leaf's acc is the degree of x in C).  Each acc_d is summed over the
neighbours or, when they are the majority, as the class total minus the non-neighbours.  The
root is the one whose classes cost the least (as ``subtree_plan`` weighs them).  The
arithmetic runs modulo 2^128 (unsigned overflow), exact while N! < 2^128 (N <= 34).

The set-up (adjacency masks, connectivity, cut vertices, the classes) is done here too: on
the 4- to 6-vertex instances of the lowest levels it cost ten times the sum itself in Python."""
from libc.math cimport ceil, log
from libc.stdint cimport uint64_t
from libc.string cimport memcmp, memcpy

from rlve_fast._core.clock cimport past
from rlve_fast._core.rng cimport below

cdef extern from *:
    int __builtin_ctzll(unsigned long long) nogil
    ctypedef unsigned long long u128 "unsigned __int128"

DEF LIMIT = 34  # N! < 2^128
DEF STRIDE = 34  # per class: one slot per vertex, and per degree 0..N-1
DEF SMALL_DRAW = 16  # the compiled draw's largest N
DEF SMALL_PAIRS = 120  # its pairs: 16 * 15 / 2


cdef inline int popcount(uint64_t v) noexcept nogil:
    """Bit count without the popcnt instruction (the build targets baseline x86-64, where
    __builtin_popcountll is a library call)."""
    v = v - ((v >> 1) & 0x5555555555555555ULL)
    v = (v & 0x3333333333333333ULL) + ((v >> 2) & 0x3333333333333333ULL)
    v = (v + (v >> 4)) & 0x0F0F0F0F0F0F0F0FULL
    return <int> ((v * 0x0101010101010101ULL) >> 56)


# ----------------------------------------------------------------------------- the draw
# (uniform ints: rlve_fast._core.rng.below, random.py's _randbelow draw for draw)
cdef int shuffle_pairs(object rng, int *a, int *b, int count) except -1:
    """random.Random.shuffle's swaps on the pairs (a[i], b[i])."""
    cdef int i, j, t
    for i in range(count - 1, 0, -1):
        j = <int> below(rng, i + 1)
        t = a[i]; a[i] = a[j]; a[j] = t
        t = b[i]; b[i] = b[j]; b[j] = t
    return 0


cdef list pair_lists(const int *a, const int *b, int count):
    cdef list out = [None] * count
    cdef int i
    for i in range(count):
        out[i] = [a[i], b[i]]
    return out


def draw_small(rng, int n, int wanted):
    """(tree edges, graph edges) as lists of [u, v], u < v: exactly what
    ``GraphContainTreeCounting._tree_and_graph_small(rng, n, wanted)`` draws from ``rng`` (a
    random.Random whose getrandbits is the core one), the same calls in the same order:
    shuffle the labels, hang each vertex from a random earlier one, shuffle the tree edges,
    shuffle the labels again for the planted copy, rng.sample of the absent pairs in order
    (both of its branches), shuffle the graph edges.  3 <= n <= 16."""
    cdef int order[SMALL_DRAW]
    cdef int tree_u[SMALL_DRAW]
    cdef int tree_v[SMALL_DRAW]
    cdef int graph_u[SMALL_PAIRS]
    cdef int graph_v[SMALL_PAIRS]
    cdef int pool[SMALL_PAIRS]
    cdef bint chosen[SMALL_PAIRS]
    cdef int absent_u[SMALL_PAIRS]
    cdef int absent_v[SMALL_PAIRS]
    cdef uint64_t present[SMALL_DRAW]
    cdef int i, j, t, a, b, edges, absent, k, setsize
    if not 3 <= n <= SMALL_DRAW:
        raise ValueError("the compiled draw takes 3 <= N <= %d, got %d" % (SMALL_DRAW, n))
    for i in range(n):
        order[i] = i
    for i in range(n - 1, 0, -1):
        j = <int> below(rng, i + 1)
        t = order[i]; order[i] = order[j]; order[j] = t
    for i in range(1, n):
        a = order[i]
        b = order[<int> below(rng, i)]
        tree_u[i - 1] = a if a < b else b
        tree_v[i - 1] = b if a < b else a
    shuffle_pairs(rng, tree_u, tree_v, n - 1)
    for i in range(n - 1, 0, -1):
        j = <int> below(rng, i + 1)
        t = order[i]; order[i] = order[j]; order[j] = t
    for i in range(n):
        present[i] = 0
    edges = n - 1
    for i in range(edges):
        a = order[tree_u[i]]
        b = order[tree_v[i]]
        graph_u[i] = a if a < b else b
        graph_v[i] = b if a < b else a
        present[graph_u[i]] |= 1ULL << graph_v[i]
    if edges < wanted:
        absent = 0
        for a in range(n):
            for b in range(a + 1, n):
                if not present[a] >> b & 1:
                    absent_u[absent] = a
                    absent_v[absent] = b
                    absent += 1
        k = absent if absent < wanted - edges else wanted - edges
        # random.Random.sample: a pool when the population is small against the sample, else
        # redraws of repeated indices
        setsize = 21
        if k > 5:
            setsize += <int> (4.0 ** ceil(log(<double> (k * 3)) / log(4.0)))
        if absent <= setsize:
            for i in range(absent):
                pool[i] = i
            for i in range(k):
                j = <int> below(rng, absent - i)
                graph_u[edges + i] = absent_u[pool[j]]
                graph_v[edges + i] = absent_v[pool[j]]
                pool[j] = pool[absent - i - 1]
        else:
            for i in range(absent):
                chosen[i] = False
            for i in range(k):
                j = <int> below(rng, absent)
                while chosen[j]:
                    j = <int> below(rng, absent)
                chosen[j] = True
                graph_u[edges + i] = absent_u[j]
                graph_v[edges + i] = absent_v[j]
        edges += k
    shuffle_pairs(rng, graph_u, graph_v, edges)
    return pair_lists(tree_u, tree_v, n - 1), pair_lists(graph_u, graph_v, edges)


# ----------------------------------------------------------------------------- the classes
cdef struct Plan:
    int classes  # non-root classes; entry ``classes`` is the root
    int start[LIMIT + 2]  # factor[start[c]:start[c + 1]]: class c's inner children
    int factor[LIMIT]
    int leaves[LIMIT + 1]  # class c's leaf children
    double work


cdef void plan_from_root(int n, const int *degree, const int *links, int root, double sweep_cost,
                         Plan *plan) noexcept nogil:
    """``subtree_plan`` for one root: classes numbered in the order their first member comes
    up children first (reverse breadth-first order), each a sorted list of child classes (-1
    for a leaf); the root's entry last.  work: sweep_cost per non-root class plus the class
    value multiplications (one per factor beyond the first, the leaves making one factor)."""
    cdef int order[LIMIT]
    cdef int parent[LIMIT]
    cdef int klass[LIMIT]
    cdef int kids[LIMIT]
    cdef int shape_start[LIMIT + 2]
    cdef int shape[2 * LIMIT]  # every class's sorted children, one after another
    cdef int size = 1, head, i, j, k, u, v, count, key, c, shapes = 0, used = 0, products = 0
    order[0] = root
    parent[root] = -1
    for head in range(n):
        u = order[head]
        for i in range(degree[u]):
            v = links[u * LIMIT + i]
            if v != parent[u]:
                parent[v] = u
                order[size] = v
                size += 1
    shape_start[0] = 0
    for head in range(n - 1, -1, -1):
        u = order[head]
        count = 0
        for i in range(degree[u]):
            v = links[u * LIMIT + i]
            if v != parent[u]:
                key = klass[v]  # insertion sort: a handful of children
                j = count
                while j > 0 and kids[j - 1] > key:
                    kids[j] = kids[j - 1]
                    j -= 1
                kids[j] = key
                count += 1
        if head > 0:
            if count == 0:
                klass[u] = -1
                continue
            for c in range(shapes):
                if (shape_start[c + 1] - shape_start[c] == count
                        and memcmp(&shape[shape_start[c]], kids, count * sizeof(int)) == 0):
                    break
            else:
                c = shapes
                memcpy(&shape[used], kids, count * sizeof(int))
                used += count
                shapes += 1
                shape_start[shapes] = used
            klass[u] = c
        else:  # the root, its own entry
            memcpy(&shape[used], kids, count * sizeof(int))
            used += count
            shape_start[shapes + 1] = used
    plan.classes = shapes
    k = 0
    for c in range(shapes + 1):
        plan.start[c] = k
        plan.leaves[c] = 0
        for i in range(shape_start[c], shape_start[c + 1]):
            if shape[i] < 0:
                plan.leaves[c] += 1
            else:
                plan.factor[k] = shape[i]
                k += 1
        products += k - plan.start[c] + (1 if plan.leaves[c] else 0) - 1
    plan.start[shapes + 1] = k
    plan.work = shapes * sweep_cost + products


def tree_plan(int n, tree_edges, double sweep_cost):
    """The compiled choice of classes, in ``subtree_plan``'s format (for tests)."""
    cdef int degree[LIMIT]
    cdef int links[LIMIT * LIMIT]
    cdef Plan best, plan
    read_tree(n, tree_edges, degree, links)
    best_plan(n, degree, links, sweep_cost, &best, &plan)
    out = []
    for c in range(best.classes + 1):
        kids = sorted([-1] * best.leaves[c] + [best.factor[i] for i in range(best.start[c], best.start[c + 1])])
        out.append([(d, kids.count(d)) for d in sorted(set(kids))])
    return out


cdef int read_tree(int n, tree_edges, int *degree, int *links) except -1:
    """Adjacency lists of the tree (in edge order, as ``subtree_plan`` builds them); a
    ValueError unless the edges form a spanning tree of 0..n-1."""
    cdef int i, u, v, size = 1, head
    cdef int seen[LIMIT]
    cdef int order[LIMIT]
    if not 1 <= n <= LIMIT:
        raise ValueError("the count needs 1 <= N <= %d, got %d" % (LIMIT, n))
    if len(tree_edges) != n - 1:
        raise ValueError("a spanning tree has N - 1 = %d edges, got %d" % (n - 1, len(tree_edges)))
    for i in range(n):
        degree[i] = 0
        seen[i] = 0
    for edge in tree_edges:
        u = edge[0]
        v = edge[1]
        if not (0 <= u < n and 0 <= v < n) or u == v:
            raise ValueError("tree edge %r is not a pair of vertices 0..%d" % (edge, n - 1))
        links[u * LIMIT + degree[u]] = v
        degree[u] += 1
        links[v * LIMIT + degree[v]] = u
        degree[v] += 1
    order[0] = 0
    seen[0] = 1
    for head in range(n):
        if head >= size:
            raise ValueError("the tree edges do not connect all vertices")
        u = order[head]
        for i in range(degree[u]):
            v = links[u * LIMIT + i]
            if not seen[v]:
                seen[v] = 1
                order[size] = v
                size += 1
    return 0


cdef void best_plan(int n, const int *degree, const int *links, double sweep_cost, Plan *best,
                    Plan *scratch) noexcept nogil:
    """The least work over every root (the first root on ties, as ``subtree_plan``)."""
    cdef int root
    plan_from_root(n, degree, links, 0, sweep_cost, best)
    for root in range(1, n):
        plan_from_root(n, degree, links, root, sweep_cost, scratch)
        if scratch.work < best.work:
            memcpy(best, scratch, sizeof(Plan))


# ----------------------------------------------------------------------------- the sum
cdef inline u128 class_value(int x, int d, int first, int last, const int *factor,
                             const u128 *acc, const u128 *leaf_power) noexcept nogil:
    """g[x] of one class: its leaf children's share (a power of x's degree d, looked up; None
    when it has no leaf children) times its inner child classes' sums, one factor per child."""
    cdef u128 value
    cdef int i
    if leaf_power != NULL:
        value = leaf_power[d]
    else:
        value = acc[factor[first] * STRIDE + x]
        first += 1
    for i in range(first, last):
        value *= acc[factor[i] * STRIDE + x]
    return value


cdef int embeddings(int n, const uint64_t *adj, uint64_t forced, const Plan *plan,
                    const u128 *leaf_power, u128 *acc, double deadline, u128 *out) noexcept nogil:
    """Signed sum of hom(C) over the connected dominating supersets C of ``forced``, modulo
    2^128; 1 on timeout.  Classes 0..classes-1 come children first; class ``classes`` is the
    root, whose values are summed instead of spread to neighbours.  leaf_power[c * STRIDE + d]
    is d to the number of class c's leaf children, used where it has any."""
    cdef uint64_t full = (1ULL << n) - 1
    cdef uint64_t X = forced, rest, nb, cover, reach, frontier, grown
    cdef uint64_t sum_mask[LIMIT]
    cdef int xs[LIMIT]
    cdef int by_neighbours[LIMIT]
    cdef int by_others[LIMIT]
    cdef const u128 *powers
    cdef const int *start = plan.start
    cdef const int *factor = plan.factor
    cdef int classes = plan.classes
    cdef int deg[LIMIT]
    cdef u128 g[LIMIT]
    cdef u128 total = 0, value, s, part
    cdef int i, j, c, x, y, size, d, plain, dense
    cdef long long step = 0
    while True:
        step += 1
        if past(deadline, step):
            return 1
        # the members of X, their degrees in G[X], and whether X dominates G
        size = 0
        cover = X
        rest = X
        while rest:
            x = __builtin_ctzll(rest)
            rest &= rest - 1
            xs[size] = x
            size += 1
            cover |= adj[x]
        if cover == full:
            # connected: grow from one member through G[X]
            reach = X & (~X + 1)
            frontier = reach
            while frontier:
                grown = 0
                while frontier:
                    x = __builtin_ctzll(frontier)
                    frontier &= frontier - 1
                    grown |= adj[x]
                frontier = grown & X & ~reach
                reach |= frontier
            if reach == X:
                # x sums its neighbours' values, or (mostly neighbours) the class total less the rest
                plain = 0
                dense = 0
                for j in range(size):
                    x = xs[j]
                    nb = adj[x] & X
                    d = popcount(nb)
                    deg[x] = d
                    if 2 * d > size:
                        sum_mask[x] = X & ~nb & ~(1ULL << x)
                        by_others[dense] = x
                        dense += 1
                    else:
                        sum_mask[x] = nb
                        by_neighbours[plain] = x
                        plain += 1
                for c in range(classes):
                    powers = leaf_power + c * STRIDE if plan.leaves[c] else NULL
                    if start[c] == start[c + 1]:  # leaf children only
                        for j in range(size):
                            x = xs[j]
                            g[x] = powers[deg[x]]
                    else:
                        for j in range(size):
                            x = xs[j]
                            g[x] = class_value(x, deg[x], start[c], start[c + 1], factor, acc, powers)
                    for j in range(plain):
                        x = by_neighbours[j]
                        part = 0
                        nb = sum_mask[x]
                        while nb:
                            y = __builtin_ctzll(nb)
                            nb &= nb - 1
                            part += g[y]
                        acc[c * STRIDE + x] = part
                    if dense:
                        s = 0
                        for j in range(size):
                            s += g[xs[j]]
                        for j in range(dense):
                            x = by_others[j]
                            part = s - g[x]
                            nb = sum_mask[x]
                            while nb:
                                y = __builtin_ctzll(nb)
                                nb &= nb - 1
                                part -= g[y]
                            acc[c * STRIDE + x] = part
                value = 0
                powers = leaf_power + classes * STRIDE if plan.leaves[classes] else NULL
                for j in range(size):
                    x = xs[j]
                    value += class_value(x, deg[x], start[classes], start[classes + 1], factor, acc, powers)
                if (n - size) & 1:
                    total -= value
                else:
                    total += value
        if X == full:
            break
        X = ((X + 1) | forced) & full
    out[0] = total
    return 0


cdef inline uint64_t reach_within(const uint64_t *adj, uint64_t allowed, uint64_t start) noexcept nogil:
    """The vertices of ``allowed`` connected to those of ``start`` inside it (bit masks)."""
    cdef uint64_t reach = start, frontier = start, grown
    while frontier:
        grown = 0
        while frontier:
            grown |= adj[__builtin_ctzll(frontier)]
            frontier &= frontier - 1
        frontier = grown & allowed & ~reach
        reach |= frontier
    return reach


def count_embeddings(int n, graph_edges, tree_edges, double deadline):
    """The number of bijections from the tree onto the graph that keep every tree edge (see
    the module docstring), or None when the deadline passed.  Edges: pairs [u, v] of
    0..n-1 (a loop of the graph is ignored: no bijection uses one); a ValueError unless the
    tree edges span 0..n-1; 1 <= n <= 34."""
    cdef uint64_t adj[LIMIT]
    cdef int degree[LIMIT]
    cdef int links[LIMIT * LIMIT]
    cdef Plan plan, scratch
    cdef u128 leaf_power[(LIMIT + 1) * STRIDE]
    cdef u128 acc[(LIMIT + 1) * STRIDE]
    cdef uint64_t full, forced = 0, rest
    cdef u128 total = 0, power
    cdef int u, v, c, i, k, edge_ends = 0, timed_out
    cdef double density, sweep_cost
    read_tree(n, tree_edges, degree, links)
    if n == 1:
        return 1
    for i in range(n):
        adj[i] = 0
    for edge in graph_edges:
        u = edge[0]
        v = edge[1]
        if not (0 <= u < n and 0 <= v < n):
            raise ValueError("graph edge %r is not a pair of vertices 0..%d" % (edge, n - 1))
        if u != v:
            adj[u] |= 1ULL << v
            adj[v] |= 1ULL << u
    full = (1ULL << n) - 1
    with nogil:
        if reach_within(adj, full, 1) != full:
            total = 0  # a spanning tree cannot map onto a disconnected graph
            timed_out = 0
        else:
            for v in range(n):
                edge_ends += popcount(adj[v])
                rest = full & ~(1ULL << v)
                if reach_within(adj, rest, rest & (~rest + 1)) != rest:
                    forced |= 1ULL << v  # a cut vertex: in every connected dominating set
            # a sweep adds about min(d, 1 - d) * |X| values per vertex of X (|X| ~ n / 2), an
            # addition costing about 0.4 multiplication
            density = <double> edge_ends / <double> (n * (n - 1))
            sweep_cost = 0.4 * ((density if density <= 1.0 - density else 1.0 - density) * n / 2.0 + 2.0)
            best_plan(n, degree, links, sweep_cost, &plan, &scratch)
            for c in range(plan.classes + 1):
                if plan.leaves[c]:
                    for i in range(n):  # i (a degree) to the number of leaf children
                        power = 1
                        for k in range(plan.leaves[c]):
                            power *= <u128> i
                        leaf_power[c * STRIDE + i] = power
            timed_out = embeddings(n, adj, forced, &plan, leaf_power, acc, deadline, &total)
    if timed_out:
        return None
    if total >> 64 == 0:
        return <uint64_t> total
    return (int(<uint64_t> (total >> 64)) << 64) | int(<uint64_t> total)
