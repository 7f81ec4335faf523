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

cdef int embeddings(int n, const uint64_t *adj, const int *inner, int n_inner, const int *parent,
                    const int *leaves, u128 *g, double deadline, u128 *out) noexcept nogil:
    """Signed sum of hom(X) over all X, modulo 2^128; 1 on timeout.  ``inner`` lists the tree
    vertices that have children, children first, root last; a leaf child always contributes
    the degree of its parent's image, so ``leaves[u]`` of them make a power of that degree."""
    cdef uint64_t X, rest, nb
    cdef u128 total = 0, value, acc, power
    cdef int i, j, u, x, y, p, size, k
    cdef int xs[64]
    cdef u128 deg[64]
    cdef uint64_t full = (1ULL << n) - 1
    for X in range(1, full + 1):
        if past(deadline, <long long> X):
            return 1
        size = 0
        rest = X
        while rest:
            x = __builtin_ctzll(rest)
            rest &= rest - 1
            xs[size] = x
            deg[x] = <u128> __builtin_popcountll(adj[x] & X)
            size += 1
        for i in range(n_inner):  # start from the leaf children's share
            u = inner[i]
            for j in range(size):
                x = xs[j]
                power = 1
                for k in range(leaves[u]):
                    power *= deg[x]
                g[u * n + x] = power
        for i in range(n_inner - 1):  # inner children before parents; the root is last
            u = inner[i]
            p = parent[u]
            for j in range(size):
                x = xs[j]
                acc = 0
                nb = adj[x] & X
                while nb:
                    y = __builtin_ctzll(nb)
                    nb &= nb - 1
                    acc += g[u * n + y]
                g[p * n + x] *= acc
        value = 0
        u = inner[n_inner - 1]
        for j in range(size):
            value += g[u * n + xs[j]]
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
    cdef int c_inner[64]
    cdef int c_parent[64]
    cdef int c_leaves[64]
    cdef int n_inner = 0
    cdef u128 total = 0
    cdef u128 *g = NULL
    cdef int i, timed_out
    if not 1 <= n <= 34:
        raise ValueError("the subset sum needs 1 <= N <= 34, got %d" % n)
    if n == 1:
        return 1
    for i in range(n):
        adj[i] = neighbours[i]
        c_parent[i] = parent[i]
        c_leaves[i] = 0
    for u in order:
        if child_count[u] > 0:
            c_inner[n_inner] = u
            n_inner += 1
        elif parent[u] >= 0:
            c_leaves[parent[u]] += 1
    g = <u128 *> PyMem_Malloc(n * n * 16)
    try:
        if g == NULL:
            raise MemoryError()
        with nogil:
            timed_out = embeddings(n, adj, c_inner, n_inner, c_parent, c_leaves, g, deadline, &total)
        if timed_out:
            return None
        return (int(<uint64_t> (total >> 64)) << 64) | int(<uint64_t> total)
    finally:
        PyMem_Free(g)
