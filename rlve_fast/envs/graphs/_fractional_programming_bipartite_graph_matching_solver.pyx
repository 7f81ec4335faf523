# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled assignment solver (Hungarian algorithm with potentials, O(N^3), int64)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t

from rlve_fast._core.clock cimport past

cdef int64_t INF = 1LL << 62


cdef int hungarian(int n, const int64_t *cost, int64_t *u, int64_t *v, int *match_row,
                   int *way, int64_t *low, char *used, double deadline) noexcept nogil:
    """Least-cost perfect matching of rows to columns; match_row[j] (1-based) is the row
    given column j.  Returns 1 when the deadline passed."""
    cdef int i, j, i0, j0, j1
    cdef int64_t delta, cur
    cdef long long step = 0
    for j in range(n + 1):
        u[j] = 0
        v[j] = 0
        match_row[j] = 0
        way[j] = 0
    for i in range(1, n + 1):
        match_row[0] = i
        j0 = 0
        for j in range(n + 1):
            low[j] = INF
            used[j] = 0
        while True:
            step += 1
            if past(deadline, step):
                return 1
            used[j0] = 1
            i0 = match_row[j0]
            delta = INF
            j1 = 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[(i0 - 1) * n + (j - 1)] - u[i0] - v[j]
                    if cur < low[j]:
                        low[j] = cur
                        way[j] = j0
                    if low[j] < delta:
                        delta = low[j]
                        j1 = j
            for j in range(n + 1):
                if used[j]:
                    u[match_row[j]] += delta
                    v[j] -= delta
                else:
                    low[j] -= delta
            j0 = j1
            if match_row[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match_row[j0] = match_row[j1]
            j0 = j1
    return 0


def best_assignment(list weights, double deadline):
    """A permutation p maximising sum(weights[i][p[i]]) (int64 weights), or None when the
    deadline passed."""
    cdef int n = len(weights), i, j, timed_out
    cdef int64_t *cost = <int64_t *> PyMem_Malloc(max(1, n * n) * sizeof(int64_t))
    cdef int64_t *u = <int64_t *> PyMem_Malloc((n + 1) * sizeof(int64_t))
    cdef int64_t *v = <int64_t *> PyMem_Malloc((n + 1) * sizeof(int64_t))
    cdef int64_t *low = <int64_t *> PyMem_Malloc((n + 1) * sizeof(int64_t))
    cdef int *match_row = <int *> PyMem_Malloc((n + 1) * sizeof(int))
    cdef int *way = <int *> PyMem_Malloc((n + 1) * sizeof(int))
    cdef char *used = <char *> PyMem_Malloc(n + 1)
    try:
        if not (cost and u and v and low and match_row and way and used):
            raise MemoryError()
        for i in range(n):
            row = weights[i]
            for j in range(n):
                cost[i * n + j] = -<int64_t> row[j]
        with nogil:
            timed_out = hungarian(n, cost, u, v, match_row, way, low, used, deadline)
        if timed_out:
            return None
        p = [0] * n
        for j in range(1, n + 1):
            p[match_row[j] - 1] = j - 1
        return p
    finally:
        PyMem_Free(cost)
        PyMem_Free(u)
        PyMem_Free(v)
        PyMem_Free(low)
        PyMem_Free(match_row)
        PyMem_Free(way)
        PyMem_Free(used)
