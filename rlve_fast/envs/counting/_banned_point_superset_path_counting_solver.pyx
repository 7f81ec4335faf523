# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled solver of BannedPointSupersetPathCounting (twin: ``superset_paths`` in
banned_point_superset_path_counting.py)."""
from libc.stdint cimport int64_t, uint64_t
from libc.stdlib cimport malloc, free

from rlve_fast._core.clock cimport past

cdef extern from *:
    int popcount64 "__builtin_popcountll"(unsigned long long) nogil


def superset_paths(points, int64_t mod, double deadline):
    """Paths from points[0] to points[-1] avoiding points[1:-1] (points sorted so that a
    subset comes before its supersets, mod < 2**31); None when the deadline passed."""
    cdef Py_ssize_t count = len(points), i, j, n_f
    cdef uint64_t *coords = <uint64_t *> malloc(3 * count * sizeof(uint64_t))
    cdef int64_t *signed_paths = <int64_t *> malloc(count * sizeof(int64_t))
    cdef int64_t *binom = NULL
    cdef int64_t *free_paths = NULL
    cdef int dx, dy, dz, x, y, z, a, width
    cdef int64_t acc
    cdef long long step = 0
    cdef bint timed_out = False
    cdef uint64_t xi, yi, zi, xj, yj, zj
    if coords == NULL or signed_paths == NULL:
        free(coords); free(signed_paths)
        raise MemoryError()
    try:
        for i in range(count):
            coords[3 * i], coords[3 * i + 1], coords[3 * i + 2] = points[i]
        dx = popcount64(coords[3 * count - 3] ^ coords[0])
        dy = popcount64(coords[3 * count - 2] ^ coords[1])
        dz = popcount64(coords[3 * count - 1] ^ coords[2])
        width = max(dx, dy, dz) + 1
        binom = <int64_t *> malloc(width * width * sizeof(int64_t))
        n_f = (dx + 1) * (dy + 1) * (dz + 1)
        free_paths = <int64_t *> malloc(n_f * sizeof(int64_t))
        if binom == NULL or free_paths == NULL:
            raise MemoryError()
        for i in range(width):
            binom[i * width] = 1 % mod
            for j in range(1, width):
                binom[i * width + j] = 0 if i == 0 else (binom[(i - 1) * width + j - 1] + binom[(i - 1) * width + j]) % mod
        # free_paths[x, y, z]: unobstructed paths that flip x, y, z bits of the three coordinates
        for x in range(dx + 1):
            for y in range(dy + 1):
                for z in range(dz + 1):
                    if x == 0 and y == 0 and z == 0:
                        free_paths[0] = 1 % mod
                        continue
                    acc = 0
                    for a in range(x):
                        acc = (acc + free_paths[(a * (dy + 1) + y) * (dz + 1) + z] * binom[x * width + a]) % mod
                    for a in range(y):
                        acc = (acc + free_paths[(x * (dy + 1) + a) * (dz + 1) + z] * binom[y * width + a]) % mod
                    for a in range(z):
                        acc = (acc + free_paths[(x * (dy + 1) + y) * (dz + 1) + a] * binom[z * width + a]) % mod
                    free_paths[(x * (dy + 1) + y) * (dz + 1) + z] = acc
        # signed_paths[i] = -(sum over earlier subsets j of signed_paths[j] * free paths j -> i)
        signed_paths[0] = 1 % mod
        with nogil:
            for i in range(1, count):
                xi, yi, zi = coords[3 * i], coords[3 * i + 1], coords[3 * i + 2]
                acc = 0
                for j in range(i):
                    xj, yj, zj = coords[3 * j], coords[3 * j + 1], coords[3 * j + 2]
                    if not ((xj & ~xi) | (yj & ~yi) | (zj & ~zi)):  # point j below point i
                        x, y, z = popcount64(xi ^ xj), popcount64(yi ^ yj), popcount64(zi ^ zj)
                        if x <= dx and y <= dy and z <= dz:
                            acc = (acc + signed_paths[j] * free_paths[(x * (dy + 1) + y) * (dz + 1) + z]) % mod
                signed_paths[i] = (mod - acc) % mod
                step += i
                if step >= 4096:
                    step = 0
                    if past(deadline, 0):
                        timed_out = True
                        break
        if timed_out:
            return None
        return (mod - signed_paths[count - 1]) % mod
    finally:
        free(coords); free(signed_paths); free(binom); free(free_paths)
