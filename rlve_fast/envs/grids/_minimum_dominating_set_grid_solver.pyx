# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled twin of ``minimum_dominating_set_grid.least_dominating_cost`` (same dynamic
programme over the cells, same frontier states; see its docstring)."""
from libc.stdint cimport int64_t
from libc.stdlib cimport malloc, free

from rlve_fast._core.clock cimport past

DEF SELECTED = 0
DEF COVERED = 1
DEF OPEN = 2

cdef int64_t UNSET = 1LL << 62


def least_dominating_cost(costs, double deadline):
    """(status, cost): status 1, or -1 when the deadline passed first."""
    cdef int n = len(costs), w = len(costs[0]), i, j, k, up, left
    cdef long long size = 1, s, t, steps = 0, p_up, p_left
    cdef int64_t c, best
    for k in range(w):
        size *= 3
    cdef long long *power = <long long *> malloc((w + 1) * sizeof(long long))
    cdef int64_t *cur = <int64_t *> malloc(size * sizeof(int64_t))
    cdef int64_t *nxt = <int64_t *> malloc(size * sizeof(int64_t))
    cdef int64_t *cell_cost = <int64_t *> malloc(max(1, n * w) * sizeof(int64_t))
    cdef int64_t *swap
    cdef bint timed_out = False
    try:
        if not (power and cur and nxt and cell_cost):
            raise MemoryError()
        for i in range(n):
            for j in range(w):
                cell_cost[i * w + j] = costs[i][j]
        power[0] = 1
        for k in range(w):
            power[k + 1] = power[k] * 3
        with nogil:
            for s in range(size):
                cur[s] = UNSET
            s = 0
            for k in range(w):  # the row above the grid: covered, not selected
                s += COVERED * power[k]
            cur[s] = 0
            for i in range(n):
                for j in range(w):
                    c = cell_cost[i * w + j]
                    p_up = power[j]
                    p_left = power[j - 1] if j > 0 else 0
                    for s in range(size):
                        nxt[s] = UNSET
                    for s in range(size):
                        if cur[s] == UNSET:
                            continue
                        steps += 1
                        if past(deadline, steps):
                            timed_out = True
                            break
                        up = (s // p_up) % 3
                        left = (s // p_left) % 3 if j > 0 else COVERED
                        # select the cell: it covers the cell above and the one to the left
                        t = s - up * p_up + SELECTED * p_up
                        if left == OPEN:
                            t -= (OPEN - COVERED) * p_left
                        if cur[s] + c < nxt[t]:
                            nxt[t] = cur[s] + c
                        # leave it: the cell above leaves the frontier, so it must be covered
                        if up != OPEN:
                            t = s - up * p_up + (COVERED if up == SELECTED or left == SELECTED else OPEN) * p_up
                            if cur[s] < nxt[t]:
                                nxt[t] = cur[s]
                    if timed_out:
                        break
                    swap = cur
                    cur = nxt
                    nxt = swap
                if timed_out:
                    break
            best = UNSET
            if not timed_out:
                for s in range(size):
                    if cur[s] < best:
                        t = s
                        for k in range(w):
                            if t % 3 == OPEN:
                                break
                            t //= 3
                        else:
                            best = cur[s]
        if timed_out:
            return -1, None
        return 1, best
    finally:
        free(power)
        free(cur)
        free(nxt)
        free(cell_cost)
