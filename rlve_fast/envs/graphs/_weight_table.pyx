# cython: language_level=3, boundscheck=False, wraparound=False
"""The n x n weight table of a weighted edge list (s, t, w), for the compiled scorers of
MinimumWeightedSpanningTree and MinimumDirectedSpanningTree (cimported through the .pxd)."""
from libc.stdint cimport int64_t

cdef int64_t NO_EDGE = -(1LL << 62)
cdef int64_t SUM_LIMIT = 1LL << 53


cdef int fill_weight_table(int64_t *table, Py_ssize_t n, object edges) except -1:
    """table[s * n + t] = w for each listed edge (s, t, w) inside 0..n-1, NO_EDGE elsewhere;
    a later duplicate wins, as in a dict.  Weights must keep sums exact in a double."""
    cdef Py_ssize_t i
    for i in range(n * n):
        table[i] = NO_EDGE
    for s, t, w in edges:
        if 0 <= s < n and 0 <= t < n:
            if not (-SUM_LIMIT <= w <= SUM_LIMIT):
                raise OverflowError("edge weight beyond exact double range")
            table[s * n + t] = w
    return 0
