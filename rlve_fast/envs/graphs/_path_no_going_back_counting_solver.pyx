# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Path_NoGoingBack_Counting, compiled: walks 0 -> N-1 with T edges and no immediate reversal,
modulo a small modulus, for graphs of up to 64 vertices (twin: ``non_backtracking_walks``).

With r_k the row of vertex 0 in A_k (the matrix of such walk counts of length k),
r_2 = r_1 A - e_0 D and r_(k+1) = r_k A - r_(k-1) (D - I).  Whichever is cheaper for the
instance: that recurrence step by step (about T (2M + N) operations), or the linear map on
(r_k, r_(k-1)) raised to the power T - 2 by squaring (about 8 N^3 log T operations)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport uint32_t, uint64_t
from libc.string cimport memcpy, memset

from rlve_fast._core.clock cimport past

DEF MAXN = 64


cdef int step_by_step(int n, int m, const int *ends, const uint64_t *down, uint64_t mod,
                      uint64_t *cur, uint64_t *prev, uint64_t remaining, double deadline) noexcept:
    """Advance (cur, prev) = (r_k, r_(k-1)) by ``remaining`` steps; 1 on timeout."""
    cdef uint64_t nxt[MAXN]
    cdef uint64_t s
    cdef int v, i
    while remaining:
        if past(deadline, <long long> remaining):
            return 1
        for v in range(n):  # - r_(k-1)[v] (deg v - 1), as a residue
            nxt[v] = (prev[v] * down[v]) % mod
        for i in range(m):
            nxt[ends[2 * i + 1]] += cur[ends[2 * i]]
            nxt[ends[2 * i]] += cur[ends[2 * i + 1]]
        for v in range(n):
            prev[v] = cur[v]
            cur[v] = nxt[v] % mod
        remaining -= 1
    return 0


cdef int by_squaring(int n, const uint64_t *adjacency, const uint64_t *down, uint64_t mod,
                     uint64_t *cur, uint64_t *prev, uint64_t power, double deadline) noexcept:
    """(cur, prev) times the step map to the power ``power``; 1 on timeout, -1 out of memory.
    The map's entries are residues below 2^32 (32-bit, so products vectorise), sums 64-bit."""
    cdef int size = 2 * n, i, j, l, status = 0
    cdef uint32_t *step = <uint32_t *> PyMem_Malloc(size * size * sizeof(uint32_t))
    cdef uint64_t *square = <uint64_t *> PyMem_Malloc(size * size * sizeof(uint64_t))
    cdef uint64_t state[2 * MAXN]
    cdef uint64_t out[2 * MAXN]
    cdef uint64_t s, a
    cdef long long work = 0
    if step == NULL or square == NULL:
        PyMem_Free(step)
        PyMem_Free(square)
        return -1
    memset(step, 0, size * size * sizeof(uint32_t))
    for i in range(n):
        for j in range(n):
            step[i * size + j] = <uint32_t> adjacency[i * n + j]
        step[i * size + n + i] = 1
        step[(n + i) * size + i] = <uint32_t> down[i]
    memcpy(state, cur, n * sizeof(uint64_t))
    memcpy(state + n, prev, n * sizeof(uint64_t))
    while power:
        work += 1
        if past(deadline, work * 4096):
            status = 1
            break
        if power & 1:
            for j in range(size):
                s = 0
                for i in range(size):
                    s += state[i] * step[i * size + j]
                out[j] = s % mod
            memcpy(state, out, size * sizeof(uint64_t))
        power >>= 1
        if power:
            memset(square, 0, size * size * sizeof(uint64_t))
            for i in range(size):
                for l in range(size):
                    a = step[i * size + l]
                    if a:
                        for j in range(size):
                            square[i * size + j] += a * step[l * size + j]
            for i in range(size * size):
                step[i] = <uint32_t> (square[i] % mod)
    PyMem_Free(step)
    PyMem_Free(square)
    memcpy(cur, state, n * sizeof(uint64_t))
    memcpy(prev, state + n, n * sizeof(uint64_t))
    return status


def walks(int n, edges, length, uint64_t mod, double deadline):
    """The count modulo ``mod``; None on timeout.  Needs 2 <= n <= 64, 1 <= length < 2^64,
    distinct edges, mod <= 2^32 and 2n (mod - 1)^2 below 2^64 (sums of products stay exact)."""
    cdef int m = len(edges), i, v, u
    cdef int ends[MAXN * MAXN]
    cdef uint64_t adjacency[MAXN * MAXN]
    cdef uint64_t degree[MAXN]
    cdef uint64_t down[MAXN]
    cdef uint64_t cur[MAXN]
    cdef uint64_t prev[MAXN]
    cdef uint64_t t = length, bits = 0, s
    cdef int status
    if not 2 <= n <= MAXN or m > n * (n - 1) // 2 or mod < 2 or length < 1:
        raise ValueError("the compiled count needs 2..64 vertices, distinct edges and T >= 1")
    if mod > 1LL << 32 or <double> (2 * n) * <double> (mod - 1) * <double> (mod - 1) >= 1.8e19:
        raise ValueError("the modulus is too large for exact sums")
    memset(adjacency, 0, n * n * sizeof(uint64_t))
    memset(degree, 0, n * sizeof(uint64_t))
    for i in range(m):
        u, v = edges[i][0], edges[i][1]
        if not (0 <= u < n and 0 <= v < n) or u == v or adjacency[u * n + v]:
            raise ValueError("edges must be distinct pairs of distinct vertices")
        ends[2 * i], ends[2 * i + 1] = u, v
        adjacency[u * n + v] = adjacency[v * n + u] = 1
        degree[u] += 1
        degree[v] += 1
    for v in range(n):  # -(deg v - 1) as a residue
        down[v] = (mod - (degree[v] + mod - 1) % mod) % mod
        prev[v] = adjacency[v] % mod  # r_1
    if t == 1:
        return int(prev[n - 1])
    for v in range(n):  # r_2 = r_1 A - e_0 D
        s = 0
        for u in range(n):
            s += prev[u] * adjacency[u * n + v]
        cur[v] = s % mod
    cur[0] = (cur[0] + mod - degree[0] % mod) % mod
    t -= 2
    s = t
    while s:
        bits += 1
        s >>= 1
    if <double> t * (2 * m + n) <= <double> bits * 8 * n * n * n:
        if step_by_step(n, m, ends, down, mod, cur, prev, t, deadline):
            return None
    else:
        status = by_squaring(n, adjacency, down, mod, cur, prev, t, deadline)
        if status < 0:
            raise MemoryError()
        if status:
            return None
    return int(cur[n - 1])
