# cython: language_level=3, boundscheck=False, wraparound=False
"""The n x n weight table of a weighted edge list (s, t, w), for the compiled scorers of
MinimumWeightedSpanningTree and MinimumDirectedSpanningTree (cimported through the .pxd)."""
from libc.stdint cimport int64_t

from rlve_fast.envs._config_arrays cimport read_int

cdef int64_t NO_EDGE = -(1LL << 62)
cdef int64_t SUM_LIMIT = 1LL << 53


cdef int fill_weight_table(int64_t *table, Py_ssize_t n, object edges) except -1:
    """table[s * n + t] = w for each listed edge (s, t, w) inside 0..n-1, NO_EDGE elsewhere;
    a later duplicate wins, as in a dict.  Returns 0 (the config is unusual: the Python
    scorer takes it) where an edge is not three ints or a stored weight is beyond +-2^53
    (sums must stay exact in a double); edges with an end outside 0..n-1 are not stored."""
    cdef Py_ssize_t i
    cdef int64_t ends[2]
    cdef int64_t w
    for i in range(n * n):
        table[i] = NO_EDGE
    for edge in edges:
        if len(edge) != 3:
            return 0
        s, t, weight = edge
        if type(s) is not int or type(t) is not int or type(weight) is not int:
            return 0
        # an end beyond int64 is outside 0..n-1 too
        if not (read_int(s, 0, n - 1, ends) and read_int(t, 0, n - 1, ends + 1)):
            continue
        if not read_int(weight, -SUM_LIMIT, SUM_LIMIT, &w):
            return 0
        table[ends[0] * n + ends[1]] = w
    return 1
