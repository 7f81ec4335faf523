# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled solver of CycleCounting: simple cycles counted by paths over vertex subsets.

For every start s, dp[S][e] counts the simple paths that leave s, visit exactly the set S
of vertices above s and end at e; a path whose end is a neighbour of s and that has at least
two vertices besides s closes a cycle.  Every cycle is found twice (once each way round)
from its lowest vertex.  The table keeps a slot only for ends inside S (half the memory)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport uint64_t, uint32_t

from rlve_fast._core.clock cimport past

cdef extern from *:
    int __builtin_popcountll(unsigned long long) nogil
    int __builtin_ctzll(unsigned long long) nogil

cdef uint64_t PRIME = (1ULL << 61) - 1


cdef int paths_from(int m, const uint64_t *adj, uint64_t start_nbrs, uint64_t modulus,
                    uint64_t *dp, uint32_t *offset, double deadline, uint64_t *out) noexcept nogil:
    """Directed cycles through the start (counted modulo ``modulus``; 0 means 2^64).
    Returns 1 when the deadline passed."""
    cdef uint64_t full = (1ULL << m) - 1, S, T, rest, ext, val, acc = 0, bit
    cdef uint32_t total = 0
    cdef int e, f, rank
    cdef long long step = 0
    for S in range(full + 1):
        offset[S] = total
        total += __builtin_popcountll(S)
    for S in range(total):
        dp[S] = 0
    rest = start_nbrs
    while rest:
        e = __builtin_ctzll(rest)
        rest &= rest - 1
        dp[offset[1ULL << e]] = 1
    for S in range(1, full + 1):
        step += 1
        if past(deadline, step):
            return 1
        rest = S
        rank = 0
        while rest:
            e = __builtin_ctzll(rest)
            rest &= rest - 1
            val = dp[offset[S] + rank]
            rank += 1
            if val == 0:
                continue
            bit = 1ULL << e
            if (start_nbrs & bit) and (S & (S - 1)):
                acc += val
                if modulus and acc >= modulus:
                    acc -= modulus
            ext = adj[e] & ~S & full
            while ext:
                f = __builtin_ctzll(ext)
                ext &= ext - 1
                T = S | (1ULL << f)
                dp[offset[T] + __builtin_popcountll(T & ((1ULL << f) - 1))] += val
                if modulus and dp[offset[T] + __builtin_popcountll(T & ((1ULL << f) - 1))] >= modulus:
                    dp[offset[T] + __builtin_popcountll(T & ((1ULL << f) - 1))] -= modulus
    out[0] = acc
    return 0


def count_cycles(int n, list neighbours, double deadline):
    """The number of simple cycles (at least 3 vertices) of the graph with adjacency bit
    masks ``neighbours`` (n <= 23), or None when the deadline passed."""
    cdef uint64_t adj[64]
    cdef uint64_t start_nbrs, r64 = 0, rp = 0
    cdef int s, m, i
    cdef uint64_t *dp = NULL
    cdef uint32_t *offset = NULL
    if n > 23:  # the table of the first start would take 800 MB and more
        raise ValueError("too many vertices (%d) for the subset table" % n)
    directed = 0
    for s in range(n):
        m = n - 1 - s
        if m < 2:
            break
        for i in range(m):
            adj[i] = <uint64_t> (neighbours[s + 1 + i] >> (s + 1))
        start_nbrs = <uint64_t> (neighbours[s] >> (s + 1))
        if start_nbrs == 0:
            continue
        dp = <uint64_t *> PyMem_Malloc(max(1, m * (1ULL << (m - 1))) * sizeof(uint64_t))
        offset = <uint32_t *> PyMem_Malloc((1ULL << m) * sizeof(uint32_t))
        try:
            if dp == NULL or offset == NULL:
                raise MemoryError()
            with nogil:
                timed_out = paths_from(m, adj, start_nbrs, 0, dp, offset, deadline, &r64)
            if timed_out:
                return None
            if m <= 20:  # at most e * m! < 2^64 paths from s: the count mod 2^64 is exact
                directed += r64
                continue
            with nogil:
                timed_out = paths_from(m, adj, start_nbrs, PRIME, dp, offset, deadline, &rp)
            if timed_out:
                return None
            # the count is below 2^64 * PRIME: rebuild it from its two residues
            k = ((int(rp) - int(r64)) * pow(1 << 64, -1, int(PRIME))) % int(PRIME)
            directed += int(r64) + (k << 64)
        finally:
            PyMem_Free(dp)
            PyMem_Free(offset)
            dp, offset = NULL, NULL
    return directed // 2
