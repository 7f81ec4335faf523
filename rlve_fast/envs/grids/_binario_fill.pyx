# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled twin of ``binario.random_fill`` (same stream, same grid; see its docstring)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport uint64_t

from rlve_fast._core.clock cimport past
from rlve_fast.envs.grids._stream cimport Stream, next64, seed_stream


cdef struct Grid:
    int rows, cols
    unsigned char *allowed  # bit 0: the cell may be 0, bit 1: it may be 1
    int *trail_cell         # undo log of (cell, previous allowed set)
    unsigned char *trail_old
    int trail_len
    int *queue


cdef inline void restrict(Grid *g, int cell, unsigned char allowed) noexcept nogil:
    g.trail_cell[g.trail_len] = cell
    g.trail_old[g.trail_len] = g.allowed[cell]
    g.trail_len += 1
    g.allowed[cell] = allowed


cdef inline void undo(Grid *g, int mark) noexcept nogil:
    while g.trail_len > mark:
        g.trail_len -= 1
        g.allowed[g.trail_cell[g.trail_len]] = g.trail_old[g.trail_len]


cdef bint propagate(Grid *g, int start) noexcept nogil:
    """Settled cells forbid the third cell of a run of three; False on an empty cell."""
    cdef int head = 0, tail = 1, x, i, j, t, s, u, di, dj, ia, ja, ib, jb, a, b, third
    cdef unsigned char w, da, db
    cdef int run[3][2]
    run[0][0], run[0][1] = -2, -1
    run[1][0], run[1][1] = -1, 1
    run[2][0], run[2][1] = 1, 2
    g.queue[0] = start
    while head < tail:
        x = g.queue[head]
        head += 1
        w = g.allowed[x]  # settled: a single bit
        i, j = x // g.cols, x % g.cols
        for t in range(6):
            di, dj = (0, 1) if t < 3 else (1, 0)
            s, u = run[t % 3][0], run[t % 3][1]
            ia, ja, ib, jb = i + di * s, j + dj * s, i + di * u, j + dj * u
            if not (0 <= ia < g.rows and 0 <= ja < g.cols and 0 <= ib < g.rows and 0 <= jb < g.cols):
                continue
            a, b = ia * g.cols + ja, ib * g.cols + jb
            da, db = g.allowed[a], g.allowed[b]
            if da == w and db == w:
                return False
            if da == w and db & w:
                third = b
            elif db == w and da & w:
                third = a
            else:
                continue
            restrict(g, third, g.allowed[third] & ~w)
            if g.allowed[third] == 0:
                return False
            g.queue[tail] = third
            tail += 1
    return True


def random_fill(int rows, int cols, order, uint64_t seed, double deadline):
    """(status, grid): 1 and the grid, 0 when no grid exists, -1 past the deadline."""
    cdef int k = rows * cols, d = 0, x, v, status = 1
    cdef long long steps = 0
    cdef bint advanced
    cdef Grid g
    cdef Stream st
    cdef int *cells = <int *> PyMem_Malloc(max(1, k) * sizeof(int))
    cdef unsigned char *tried = <unsigned char *> PyMem_Malloc(max(1, k))
    cdef unsigned char *first = <unsigned char *> PyMem_Malloc(max(1, k))
    cdef int *mark = <int *> PyMem_Malloc(max(1, k) * sizeof(int))
    g.rows, g.cols, g.trail_len = rows, cols, 0
    g.allowed = <unsigned char *> PyMem_Malloc(max(1, k))
    # each cell is restricted at most twice between settling and undoing
    g.trail_cell = <int *> PyMem_Malloc(max(1, 2 * k) * sizeof(int))
    g.trail_old = <unsigned char *> PyMem_Malloc(max(1, 2 * k))
    g.queue = <int *> PyMem_Malloc(max(1, 2 * k) * sizeof(int))
    try:
        if not (cells and tried and first and mark and g.allowed and g.trail_cell and g.trail_old and g.queue):
            raise MemoryError()
        for x in range(k):
            cells[x] = order[x]
            g.allowed[x] = 3
        seed_stream(&st, seed)
        with nogil:
            if k:
                tried[0], first[0], mark[0] = 0, next64(&st) & 1, 0
            while d < k:
                steps += 1
                if past(deadline, steps):
                    status = -1
                    break
                x = cells[d]
                advanced = False
                while tried[d] < 2:
                    v = first[d] ^ tried[d]
                    tried[d] += 1
                    undo(&g, mark[d])
                    if not (g.allowed[x] >> v) & 1:
                        continue
                    if g.allowed[x] == (1 << v):
                        advanced = True
                        break
                    restrict(&g, x, 1 << v)
                    if propagate(&g, x):
                        advanced = True
                        break
                if advanced:
                    d += 1
                    if d < k:
                        tried[d], first[d], mark[d] = 0, next64(&st) & 1, g.trail_len
                    continue
                undo(&g, mark[d])
                d -= 1
                if d < 0:
                    status = 0
                    break
        if status != 1:
            return status, None
        return 1, [[g.allowed[r * cols + c] >> 1 for c in range(cols)] for r in range(rows)]
    finally:
        PyMem_Free(cells)
        PyMem_Free(tried)
        PyMem_Free(first)
        PyMem_Free(mark)
        PyMem_Free(g.allowed)
        PyMem_Free(g.trail_cell)
        PyMem_Free(g.trail_old)
        PyMem_Free(g.queue)
