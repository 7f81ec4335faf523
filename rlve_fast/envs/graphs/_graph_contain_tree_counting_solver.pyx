# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled solver of GraphContainTreeCounting: embeddings of a spanning tree by
inclusion-exclusion over the vertex sets X of the graph.

hom(X) counts the maps of the tree into G[X] that send tree edges to graph edges (a tree DP:
f[u][x] = product over children c of the sum of f[c][y] over graph neighbours y of x in X);
the bijections are sum over X of (-1)^(N - |X|) hom(X).  The arithmetic runs modulo 2^64
(unsigned overflow) and, when N! may exceed that, again modulo a 61-bit prime."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport uint64_t

from rlve_fast._core.clock cimport past

cdef extern from *:
    int __builtin_popcountll(unsigned long long) nogil
    int __builtin_ctzll(unsigned long long) nogil
    ctypedef unsigned long long u128 "unsigned __int128"

cdef uint64_t PRIME = (1ULL << 61) - 1


cdef inline uint64_t mulmod(uint64_t a, uint64_t b, uint64_t modulus) noexcept nogil:
    """a * b modulo 2^64 (modulus 0) or modulo the Mersenne prime 2^61 - 1 (a, b below it)."""
    cdef u128 x
    cdef uint64_t r
    if modulus == 0:
        return a * b
    x = <u128> a * b
    r = (<uint64_t> x & PRIME) + <uint64_t> (x >> 61)
    r = (r & PRIME) + (r >> 61)
    return r - PRIME if r >= PRIME else r


cdef inline uint64_t addmod(uint64_t a, uint64_t b, uint64_t modulus) noexcept nogil:
    cdef uint64_t s = a + b
    if modulus and s >= modulus:
        s -= modulus
    return s


cdef int embeddings(int n, const uint64_t *adj, const int *order, const int *parent,
                    const int *child_count, uint64_t modulus, uint64_t *f, uint64_t *g,
                    double deadline, uint64_t *out) noexcept nogil:
    """Signed sum of hom(X) over all X (mod ``modulus``; 0 means 2^64); 1 on timeout."""
    cdef uint64_t X, rest, nb, total = 0, value, acc
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
                    acc = <uint64_t> __builtin_popcountll(nb)
                else:
                    acc = 0
                    while nb:
                        y = __builtin_ctzll(nb)
                        nb &= nb - 1
                        acc = addmod(acc, g[u * n + y], modulus)
                f[x] = acc
            rest = X
            while rest:
                x = __builtin_ctzll(rest)
                rest &= rest - 1
                g[p * n + x] = mulmod(g[p * n + x], f[x], modulus)
        value = 0
        u = order[n - 1]  # the root comes last
        rest = X
        while rest:
            x = __builtin_ctzll(rest)
            rest &= rest - 1
            value = addmod(value, g[u * n + x], modulus)
        if (n - size) & 1:
            total = addmod(total, (modulus - value) if modulus else (0 - value), modulus) if value else total
        else:
            total = addmod(total, value, modulus)
    out[0] = total
    return 0


def count_embeddings(int n, list neighbours, list order, list parent, list child_count,
                     bint exact_in_64, double deadline):
    """The number of bijections from the tree's vertices to the graph's that map tree edges to
    graph edges (n <= 30), or None when the deadline passed.  ``order`` lists the tree's
    vertices children first, root last; ``parent[root]`` is -1."""
    cdef uint64_t adj[64]
    cdef int c_order[64]
    cdef int c_parent[64]
    cdef int c_children[64]
    cdef uint64_t r64 = 0, rp = 0
    cdef uint64_t *f = NULL
    cdef uint64_t *g = NULL
    cdef int i, timed_out
    if not 1 <= n <= 30:
        raise ValueError("the subset sum needs 1 <= N <= 30, got %d" % n)
    for i in range(n):
        adj[i] = neighbours[i]
        c_order[i] = order[i]
        c_parent[i] = parent[i]
        c_children[i] = child_count[i]
    f = <uint64_t *> PyMem_Malloc(n * sizeof(uint64_t))
    g = <uint64_t *> PyMem_Malloc(n * n * sizeof(uint64_t))
    try:
        if f == NULL or g == NULL:
            raise MemoryError()
        with nogil:
            timed_out = embeddings(n, adj, c_order, c_parent, c_children, 0, f, g, deadline, &r64)
        if timed_out:
            return None
        if exact_in_64:
            return int(r64)
        with nogil:
            timed_out = embeddings(n, adj, c_order, c_parent, c_children, PRIME, f, g, deadline, &rp)
        if timed_out:
            return None
        k = ((int(rp) - int(r64)) * pow(1 << 64, -1, int(PRIME))) % int(PRIME)
        return int(r64) + (k << 64)
    finally:
        PyMem_Free(f)
        PyMem_Free(g)
