# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Random integer points in general position for ConvexHull (twin: ``points_in_general_position``).

Points are drawn one at a time, uniformly over the (n+1) x (n+1) grid, a draw being redrawn
while it repeats a point or lies on a line through two earlier points.  Instead of testing a
draw against every line, each new point blocks, once, every grid cell on its lines to the
earlier points; a draw is then accepted iff its cell is free, which is the same uniform
choice among the cells that are still allowed."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.string cimport memset

from rlve_fast._core.clock cimport past


cdef long gcd(long a, long b) noexcept nogil:
    if a < 0:
        a = -a
    if b < 0:
        b = -b
    while b:
        a, b = b, a % b
    return a


cdef long block_line(char *blocked, long side, long x, long y, long dx, long dy) noexcept nogil:
    """Block every free cell of the grid on the line through (x, y) with direction (dx, dy)
    (already reduced); returns how many cells became blocked."""
    cdef long count = 0, cx, cy, sign = 1
    for _ in range(2):
        cx, cy = x, y
        while 0 <= cx < side and 0 <= cy < side:
            if not blocked[cx * side + cy]:
                blocked[cx * side + cy] = 1
                count += 1
            cx += sign * dx
            cy += sign * dy
        sign = -1
    return count


def sample_points(long n, rng, double deadline):
    """n points as [[x, y], ...] in the order drawn; raises ValueError when the grid runs out
    of allowed cells (the draw would never succeed) and returns None once ``deadline`` has
    passed (the caller then raises GenerationTimeout)."""
    cdef long side = n + 1, free = side * side, x, y, g, i, k
    cdef long long step = 0
    cdef char *blocked = <char *> PyMem_Malloc(side * side)
    cdef long *xs = <long *> PyMem_Malloc(max(n, 1) * sizeof(long))
    cdef long *ys = <long *> PyMem_Malloc(max(n, 1) * sizeof(long))
    if blocked == NULL or xs == NULL or ys == NULL:
        PyMem_Free(blocked)
        PyMem_Free(xs)
        PyMem_Free(ys)
        raise MemoryError()
    randint = rng.randint
    try:
        memset(blocked, 0, side * side)
        for i in range(n):
            while True:
                step += 1
                if past(deadline, step):
                    return None
                if free == 0:
                    raise ValueError("no grid cell is left off the lines through the points so far")
                x = randint(0, n)
                y = randint(0, n)
                if not blocked[x * side + y]:
                    break
            blocked[x * side + y] = 1
            free -= 1
            for k in range(i):
                g = gcd(xs[k] - x, ys[k] - y)
                free -= block_line(blocked, side, x, y, (xs[k] - x) // g, (ys[k] - y) // g)
                step += 1
                if past(deadline, step):
                    return None
            xs[i] = x
            ys[i] = y
        return [[xs[i], ys[i]] for i in range(n)]
    finally:
        PyMem_Free(blocked)
        PyMem_Free(xs)
        PyMem_Free(ys)
