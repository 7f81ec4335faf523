# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled parts of MatrixRMQCounting: the inclusion-exclusion over one value's rectangles
(twin: ``hitting_sum`` in matrix_rmq_counting.py), for a few rectangles the whole count in
one call (twin: ``count_grouped``, which gives the same residue), and the instance draw
(twin: the environment's ``sample``, the same numbers from the same random state)."""
from libc.stdint cimport int64_t
from libc.stdlib cimport malloc, calloc, free

from rlve_fast._core.clock cimport monotonic_now
from rlve_fast._core.rng cimport below
from rlve_fast.envs._modular cimport pow_mod

cdef extern from *:
    int __builtin_parityll(unsigned long long) nogil

cdef enum:
    MAX_FEW = 12  # count_few's rectangles index a bit mask of 2^MAX_FEW subsets per value


cdef int _hitting_sum(int k, int64_t *free_area, int64_t total_area, int64_t value, int64_t mod,
                      double deadline, int64_t *out) except -1:
    """sum over subsets S of the k rectangles of (-1)^|S| prod_blocks base^area, where a block
    (mask of the rectangles covering it) has base value-1 if it meets S, else value; mod ``mod``
    (< 2**31). ``free_area[mask]`` holds the area of the blocks of each mask on entry and is
    overwritten. Returns 1, or 0 once the deadline has passed."""
    cdef Py_ssize_t size = (<Py_ssize_t> 1) << k, s, i, bit
    cdef int64_t w, sign_sum = 0, term
    cdef int64_t *up = <int64_t *> malloc((total_area + 1) * sizeof(int64_t))
    cdef int64_t *down = <int64_t *> malloc((total_area + 1) * sizeof(int64_t))
    cdef bint late = False
    try:
        if up == NULL or down == NULL:
            raise MemoryError()
        up[0] = 1 % mod
        down[0] = 1 % mod
        for i in range(1, total_area + 1):
            up[i] = up[i - 1] * (value % mod) % mod
            down[i] = down[i - 1] * ((value - 1) % mod) % mod
        with nogil:
            # free_area[T] = area of the blocks whose mask lies inside T (subset sums)
            for bit in range(k):
                for s in range(size):
                    if s >> bit & 1:
                        free_area[s] += free_area[s ^ (1 << bit)]
                if size > 0xFFFF and monotonic_now() > deadline:
                    late = True
                    break
            if not late:
                for s in range(size):
                    w = free_area[(size - 1) ^ s]  # blocks avoiding S keep the value as their bound
                    term = up[w] * down[total_area - w] % mod
                    if __builtin_parityll(s):
                        sign_sum -= term
                    else:
                        sign_sum += term
                    sign_sum %= mod
                    if (s & 0xFFFFF) == 0 and s and monotonic_now() > deadline:
                        late = True
                        break
            if monotonic_now() > deadline:
                late = True
        if late:
            return 0
        out[0] = (sign_sum % mod + mod) % mod
        return 1
    finally:
        free(up); free(down)


def hitting_sum(int k, masks, areas, int64_t value, int64_t mod, double deadline):
    """``_hitting_sum`` for blocks given as lists of masks and areas; None once the deadline
    has passed."""
    cdef Py_ssize_t size = (<Py_ssize_t> 1) << k, i
    cdef int64_t total_area = 0, got = 0
    cdef int64_t *free_area = <int64_t *> calloc(size, sizeof(int64_t))
    if free_area == NULL:
        raise MemoryError()
    try:
        for i in range(len(masks)):
            free_area[<Py_ssize_t> masks[i]] += areas[i]
            total_area += areas[i]
        if not _hitting_sum(k, free_area, total_area, value, mod, deadline, &got):
            return None
        return got
    finally:
        free(free_area)


cdef Py_ssize_t _distinct_sorted(int64_t *a, Py_ssize_t n) noexcept nogil:
    """Sort a[:n] (insertion sort: a few dozen values) and drop repeats; the new length."""
    cdef Py_ssize_t i, j, kept = 0
    cdef int64_t x
    for i in range(1, n):
        x = a[i]
        j = i - 1
        while j >= 0 and a[j] > x:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = x
    for i in range(n):
        if kept == 0 or a[i] != a[kept - 1]:
            a[kept] = a[i]
            kept += 1
    return kept


cdef Py_ssize_t _index(const int64_t *a, Py_ssize_t n, int64_t x) noexcept nogil:
    """Position of x in the sorted a[:n] (x is there)."""
    cdef Py_ssize_t lo = 0, hi = n, mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if a[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def count_few(int64_t h, int64_t w, int64_t m, constraints, int64_t mod, double deadline):
    """The count modulo ``mod`` (2 <= mod < 2**31) for at most MAX_FEW rectangles: cut the
    matrix into blocks along the rectangle edges; a block is bounded by the smallest maximum
    over its rectangles; per value v, one inclusion-exclusion over the rectangles of maximum
    v, on the blocks bounded by v. None once the deadline has passed."""
    cdef Py_ssize_t k = len(constraints), i, j, bx, by, nxs, nys, block, blocks, b, members, v_at
    cdef int64_t x1[MAX_FEW]
    cdef int64_t y1[MAX_FEW]
    cdef int64_t x2[MAX_FEW]
    cdef int64_t y2[MAX_FEW]
    cdef int64_t value[MAX_FEW]
    cdef int64_t xs[2 * MAX_FEW + 2]
    cdef int64_t ys[2 * MAX_FEW + 2]
    cdef int bit_of[MAX_FEW]
    cdef int64_t uncovered, area, v, total_area, got = 0, answer
    cdef int64_t *least = NULL
    cdef int64_t *free_area = NULL
    cdef int *having = NULL
    cdef int mask, reached, local
    if k > MAX_FEW:
        raise ValueError("count_few takes at most %d rectangles" % MAX_FEW)
    if not 2 <= mod < (1 << 31):
        raise ValueError("the modulus must lie in [2, 2**31)")
    for i in range(k):
        c = constraints[i]
        x1[i], y1[i], x2[i], y2[i], value[i] = c[0], c[1], c[2], c[3], c[4]
        xs[2 * i], xs[2 * i + 1] = x1[i], x2[i] + 1
        ys[2 * i], ys[2 * i + 1] = y1[i], y2[i] + 1
    xs[2 * k], xs[2 * k + 1] = 1, h + 1
    ys[2 * k], ys[2 * k + 1] = 1, w + 1
    nxs = _distinct_sorted(xs, 2 * k + 2)
    nys = _distinct_sorted(ys, 2 * k + 2)
    blocks = (nxs - 1) * (nys - 1)
    least = <int64_t *> calloc(blocks + 1, sizeof(int64_t))  # per block: the smallest maximum covering it (0: none)
    having = <int *> calloc(blocks + 1, sizeof(int))           # and the rectangles (bits) that have it
    free_area = <int64_t *> malloc(((<Py_ssize_t> 1) << MAX_FEW) * sizeof(int64_t))
    try:
        if least == NULL or having == NULL or free_area == NULL:
            raise MemoryError()
        for i in range(k):
            for bx in range(_index(xs, nxs, x1[i]), _index(xs, nxs, x2[i] + 1)):
                for by in range(_index(ys, nys, y1[i]), _index(ys, nys, y2[i] + 1)):
                    block = bx * (nys - 1) + by
                    if least[block] == 0 or value[i] < least[block]:
                        least[block], having[block] = value[i], 1 << i
                    elif value[i] == least[block]:
                        having[block] |= 1 << i
        uncovered = h * w
        for block in range(blocks):
            if least[block]:
                bx, by = block // (nys - 1), block % (nys - 1)
                uncovered -= (xs[bx + 1] - xs[bx]) * (ys[by + 1] - ys[by])
        answer = pow_mod(m, uncovered, mod)
        for v_at in range(k):
            v = value[v_at]
            for i in range(v_at):
                if value[i] == v:
                    break
            else:  # the first rectangle of maximum v: one inclusion-exclusion over all of them
                members = 0
                for i in range(k):
                    if value[i] == v:
                        bit_of[i] = members
                        members += 1
                for mask in range(1 << members):
                    free_area[mask] = 0
                total_area = 0
                reached = 0
                for block in range(blocks):
                    if least[block] != v:
                        continue
                    bx, by = block // (nys - 1), block % (nys - 1)
                    area = (xs[bx + 1] - xs[bx]) * (ys[by + 1] - ys[by])
                    local = 0
                    for i in range(k):
                        if having[block] >> i & 1:
                            local |= 1 << bit_of[i]
                    free_area[local] += area
                    total_area += area
                    reached |= local
                if reached != (1 << members) - 1:
                    return 0  # a rectangle whose blocks are all bounded below its maximum
                if not _hitting_sum(<int> members, free_area, total_area, v, mod, deadline, &got):
                    return None
                answer = answer * got % mod
        return answer
    finally:
        free(least); free(having); free(free_area)


def draw_instance(rng, long long n, long long side, long long max_mod):
    """(H, W, M, constraints, MOD) as MatrixRMQCounting.sample draws them with ``rng`` (the
    same randint calls in the same order: the matrix row by row, then per rectangle its
    height, width, top row and left column, then MOD); each constraint is the rectangle and
    the largest entry of the drawn matrix inside it."""
    cdef long long h, w, m, i, j, t, rows, cols, x1, y1, best
    cdef long long *cells = NULL
    cdef list constraints = []
    if n < 1 or side < 1 or max_mod < 2 or side > 1 << 20:
        raise ValueError("need n >= 1, 1 <= side <= 2**20 and max_mod >= 2")
    h = 1 + below(rng, side)
    w = 1 + below(rng, side)
    m = 1 + below(rng, side * side)
    cells = <long long *> malloc(h * w * sizeof(long long))
    if cells == NULL:
        raise MemoryError()
    try:
        for i in range(h * w):
            cells[i] = 1 + below(rng, m)
        for t in range(n):
            rows = 1 + below(rng, h)
            cols = 1 + below(rng, w)
            x1 = 1 + below(rng, h - rows + 1)
            y1 = 1 + below(rng, w - cols + 1)
            best = cells[(x1 - 1) * w + y1 - 1]
            for i in range(x1 - 1, x1 - 1 + rows):
                for j in range(y1 - 1, y1 - 1 + cols):
                    if cells[i * w + j] > best:
                        best = cells[i * w + j]
            constraints.append([x1, y1, x1 + rows - 1, y1 + cols - 1, best])
        return h, w, m, constraints, 2 + below(rng, max_mod - 1)
    finally:
        free(cells)
