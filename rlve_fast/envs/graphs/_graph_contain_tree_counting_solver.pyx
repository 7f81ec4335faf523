# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled solver of GraphContainTreeCounting: embeddings of a spanning tree by
inclusion-exclusion over the vertex sets C of the graph (twin: ``count_embeddings_python``).

hom(C) counts the maps of the tree into G[C] that send tree edges to graph edges.  Only
connected dominating sets C contribute: the bijections are sum over them of (-1)^(N - |C|)
hom(C) (the terms of the plain sum over all sets cancel elsewhere), and every cut vertex of G
lies in each of them, so only the supersets of the cut vertices are visited.

hom(C) is a tree DP in which isomorphic rooted subtrees share one vector: class c has
g_c[x] = product over its child classes d of acc_d[x]^mult, acc_d[x] = sum of g_d[y] over the
neighbours y of x in C (a leaf's acc is the degree of x in C).  Each acc_d is summed over the
neighbours or, when they are the majority, as the class total minus the non-neighbours.  The
arithmetic runs modulo 2^128 (unsigned overflow), exact while N! < 2^128 (N <= 34)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport uint64_t

from rlve_fast._core.clock cimport past

cdef extern from *:
    int __builtin_ctzll(unsigned long long) nogil
    ctypedef unsigned long long u128 "unsigned __int128"

DEF MAXN = 64


cdef inline int popcount(uint64_t v) noexcept nogil:
    """Bit count without the popcnt instruction (the build targets baseline x86-64, where
    __builtin_popcountll is a library call)."""
    v = v - ((v >> 1) & 0x5555555555555555ULL)
    v = (v & 0x3333333333333333ULL) + ((v >> 2) & 0x3333333333333333ULL)
    v = (v + (v >> 4)) & 0x0F0F0F0F0F0F0F0FULL
    return <int> ((v * 0x0101010101010101ULL) >> 56)


cdef inline u128 class_value(int x, int d, int first, int last, const int *factor,
                             const u128 *acc, const u128 *leaf_power) noexcept nogil:
    """g[x] of one class: its leaf children's share (a power of x's degree d, looked up; None
    when it has no leaf children) times its inner child classes' sums, one factor per child."""
    cdef u128 value
    cdef int i
    if leaf_power != NULL:
        value = leaf_power[d]
    else:
        value = acc[factor[first] * MAXN + x]
        first += 1
    for i in range(first, last):
        value *= acc[factor[i] * MAXN + x]
    return value


cdef int embeddings(int n, const uint64_t *adj, uint64_t forced, int classes, const int *start,
                    const int *factor, const bint *has_leaves, const u128 *leaf_power, u128 *acc,
                    double deadline, u128 *out) noexcept nogil:
    """Signed sum of hom(C) over the connected dominating supersets C of ``forced``, modulo
    2^128; 1 on timeout.  Classes 0..classes-1 come children first; class ``classes`` is the
    root, whose values are summed instead of spread to neighbours.  factor[start[c]:start[c+1]]
    lists class c's inner children (a class once per child); leaf_power[c * MAXN + d] is d to
    the number of its leaf children, used where has_leaves[c]."""
    cdef uint64_t full = (1ULL << n) - 1
    cdef uint64_t X = forced, rest, nb, cover, reach, frontier, grown
    cdef uint64_t sum_mask[MAXN]
    cdef int xs[MAXN]
    cdef int by_neighbours[MAXN]
    cdef int by_others[MAXN]
    cdef const u128 *powers
    cdef int deg[MAXN]
    cdef u128 g[MAXN]
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
                    powers = leaf_power + c * MAXN if has_leaves[c] else NULL
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
                        acc[c * MAXN + x] = part
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
                            acc[c * MAXN + x] = part
                value = 0
                for j in range(size):
                    x = xs[j]
                    value += class_value(x, deg[x], start[classes], start[classes + 1], factor, acc,
                                         leaf_power + classes * MAXN if has_leaves[classes] else NULL)
                if (n - size) & 1:
                    total -= value
                else:
                    total += value
        if X == full:
            break
        X = ((X + 1) | forced) & full
    out[0] = total
    return 0


def count_embeddings(int n, list neighbours, uint64_t forced, list plan, double deadline):
    """The signed sum over the connected dominating supersets of ``forced`` (see the module
    docstring), or None when the deadline passed.  ``plan`` lists the classes children first
    and the root last, each as [(child class or -1 for a leaf, multiplicity), ...];
    2 <= n <= 34."""
    cdef uint64_t adj[MAXN]
    cdef int *start = NULL
    cdef int *factor = NULL
    cdef bint *has_leaves = NULL
    cdef u128 *acc = NULL
    cdef u128 *leaf_power = NULL
    cdef u128 total = 0, power
    cdef int classes = len(plan) - 1, links = 0, i, k, timed_out
    if not 2 <= n <= 34:
        raise ValueError("the subset sum needs 2 <= N <= 34, got %d" % n)
    if classes < 0:
        raise ValueError("the plan needs a root")
    for entry in plan:
        for d, m in entry:
            links += m
    for i in range(n):
        adj[i] = neighbours[i]
    start = <int *> PyMem_Malloc((classes + 2) * sizeof(int))
    factor = <int *> PyMem_Malloc((links + 1) * sizeof(int))
    has_leaves = <bint *> PyMem_Malloc((classes + 1) * sizeof(bint))
    acc = <u128 *> PyMem_Malloc((classes + 1) * MAXN * sizeof(u128))
    leaf_power = <u128 *> PyMem_Malloc((classes + 1) * MAXN * sizeof(u128))
    try:
        if start == NULL or factor == NULL or has_leaves == NULL or acc == NULL or leaf_power == NULL:
            raise MemoryError()
        links = 0
        for c, entry in enumerate(plan):
            if not entry:
                raise ValueError("every class has children")
            start[c] = links
            leaves = 0
            for d, m in entry:
                if not -1 <= d < c or m < 1:
                    raise ValueError("a class may only use earlier classes")
                if d < 0:
                    leaves += m
                for k in range(m):
                    factor[links] = d
                    links += 1 if d >= 0 else 0
            has_leaves[c] = leaves > 0
            for i in range(MAXN):  # i to the number of leaf children
                power = 1
                for k in range(leaves):
                    power *= <u128> i
                leaf_power[c * MAXN + i] = power
        start[classes + 1] = links
        with nogil:
            timed_out = embeddings(n, adj, forced, classes, start, factor, has_leaves, leaf_power, acc, deadline,
                                   &total)
        if timed_out:
            return None
        return (int(<uint64_t> (total >> 64)) << 64) | int(<uint64_t> total)
    finally:
        PyMem_Free(start)
        PyMem_Free(factor)
        PyMem_Free(has_leaves)
        PyMem_Free(acc)
        PyMem_Free(leaf_power)
