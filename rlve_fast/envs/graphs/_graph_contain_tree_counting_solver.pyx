# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled solver of GraphContainTreeCounting: embeddings of a spanning tree by
inclusion-exclusion over the vertex sets X of the graph.

hom(X) counts the maps of the tree into G[X] that send tree edges to graph edges (a tree DP:
f[u][x] = product over children c of the sum of f[c][y] over graph neighbours y of x in X);
the bijections are sum over X of (-1)^(N - |X|) hom(X).  The arithmetic runs modulo 2^128
(unsigned overflow), which is exact while N! < 2^128 (N <= 34)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport uint64_t

from rlve_fast._core.clock cimport past

cdef extern from *:
    int __builtin_popcountll(unsigned long long) nogil
    int __builtin_ctzll(unsigned long long) nogil
    ctypedef unsigned long long u128 "unsigned __int128"

cdef int embeddings(int n, const uint64_t *adj, const int *order, const int *parent,
                    const int *child_count, u128 *f, u128 *g, double deadline, u128 *out) noexcept nogil:
    """Signed sum of hom(X) over all X, modulo 2^128; 1 on timeout."""
    cdef uint64_t X, rest, nb
    cdef u128 total = 0, value, acc
    cdef int i, u, x, y, p, size
    cdef uint64_t full = (1ULL << n) - 1
    for X in range(1, full + 1):
        if past(deadline, <long long> X):
            return 1
        size = __builtin_popcountll(X)
        # g[u][x] accumulates the product over u's children; leaves keep 1
        rest = X
        while rest:
            x = __builtin_ctzll(rest)
            rest &= rest - 1
            for u in range(n):
                g[u * n + x] = 1
        for i in range(n):  # children before parents
            u = order[i]
            p = parent[u]
            if p < 0:
                continue
            rest = X
            while rest:
                x = __builtin_ctzll(rest)
                rest &= rest - 1
                nb = adj[x] & X
                if child_count[u] == 0:
                    acc = <u128> __builtin_popcountll(nb)
                else:
                    acc = 0
                    while nb:
                        y = __builtin_ctzll(nb)
                        nb &= nb - 1
                        acc += g[u * n + y]
                f[x] = acc
            rest = X
            while rest:
                x = __builtin_ctzll(rest)
                rest &= rest - 1
                g[p * n + x] *= f[x]
        value = 0
        u = order[n - 1]  # the root comes last
        rest = X
        while rest:
            x = __builtin_ctzll(rest)
            rest &= rest - 1
            value += g[u * n + x]
        if (n - size) & 1:
            total -= value
        else:
            total += value
    out[0] = total
    return 0


def count_embeddings(int n, list neighbours, list order, list parent, list child_count, double deadline):
    """The number of bijections from the tree's vertices to the graph's that map tree edges to
    graph edges (1 <= n <= 34), or None when the deadline passed.  ``order`` lists the tree's
    vertices children first, root last; ``parent[root]`` is -1."""
    cdef uint64_t adj[64]
    cdef int c_order[64]
    cdef int c_parent[64]
    cdef int c_children[64]
    cdef u128 total = 0
    cdef u128 *f = NULL
    cdef u128 *g = NULL
    cdef int i, timed_out
    if not 1 <= n <= 34:
        raise ValueError("the subset sum needs 1 <= N <= 34, got %d" % n)
    for i in range(n):
        adj[i] = neighbours[i]
        c_order[i] = order[i]
        c_parent[i] = parent[i]
        c_children[i] = child_count[i]
    f = <u128 *> PyMem_Malloc(n * 16)
    g = <u128 *> PyMem_Malloc(n * n * 16)
    try:
        if f == NULL or g == NULL:
            raise MemoryError()
        with nogil:
            timed_out = embeddings(n, adj, c_order, c_parent, c_children, f, g, deadline, &total)
        if timed_out:
            return None
        return (int(<uint64_t> (total >> 64)) << 64) | int(<uint64_t> total)
    finally:
        PyMem_Free(f)
        PyMem_Free(g)
