# cython: language_level=3, boundscheck=False, wraparound=False
"""BAJBytecomputer's dynamic programme, compiled (twin: ``fewest_operations_py``)."""
from libc.stdint cimport int64_t

# STEP[9 * (x + 1) + 3 * (p + 1) + (q + 1)]: operations that turn x into q after a previous
# value p (q >= p, all values in -1..1), or -1 when no count of operations does.
cdef int STEP[27]
for _i, _s in enumerate((0, -1, -1,  -1, -1, -1,  -1, -1, 2,
                         1, 0, -1,   -1, 0, -1,   -1, -1, 1,
                         2, 1, 0,    -1, -1, 0,   -1, -1, 0)):
    STEP[_i] = _s


def fewest_operations(values):
    """Fewest operations X[i+1] += X[i] making X (entries -1, 0, 1) non-decreasing while every
    entry stays in -1..1, or -1 when that is impossible."""
    cdef Py_ssize_t n = len(values), i
    cdef int64_t INF = 1 << 60
    cdef int64_t best[3]
    cdef int64_t nxt[3]
    cdef int64_t c
    cdef int x, p, q, s
    if n == 0:
        return -1
    best[0] = best[1] = best[2] = INF
    x = values[0]
    if not -1 <= x <= 1:
        raise ValueError("entries must be -1, 0 or 1")
    best[x + 1] = 0
    for i in range(1, n):
        x = values[i]
        if not -1 <= x <= 1:
            raise ValueError("entries must be -1, 0 or 1")
        nxt[0] = nxt[1] = nxt[2] = INF
        for p in range(3):
            if best[p] == INF:
                continue
            for q in range(3):
                s = STEP[9 * (x + 1) + 3 * p + q]
                if s >= 0:
                    c = best[p] + s
                    if c < nxt[q]:
                        nxt[q] = c
        best[0], best[1], best[2] = nxt[0], nxt[1], nxt[2]
    c = min(best[0], best[1], best[2])
    return -1 if c == INF else c
