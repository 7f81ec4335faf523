# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled solvers for the skyscraper puzzles (SkyscraperPuzzle, SkyscraperSumPuzzle).

A line's *view* from one end is the number (``sums`` false) or the total height (``sums``
true) of the buildings taller than everything in front of them.  Both solvers fill a Latin
square of heights 0..n-1 whose four views match the clues.

``cyclic_search`` looks only at squares ``h[i][j] = (p[i] + q[j]) mod n`` (the family the
generators plant their puzzles in).  Row i is the sequence q shifted by p[i]; column j is p
shifted by q[j].  It fixes q[0] = 0 (shifting p up and q down by the same amount gives the
same square) and extends both prefixes q[0..k] and p[0..k] together.  After each step,

* every row i <= k (whose shift p[i] is known) must keep its clues within the bounds its
  known prefix allows, likewise every column j <= k;
* the rows not yet given a shift must be matched, each to a distinct unused shift whose
  bounds admit its clues (a bipartite matching), likewise the columns.

``cell_search`` is the general fallback: cells in row-major order, each line's prefix
checked against the same bounds.  Both stop (returning a flag) once ``deadline``
(``time.monotonic()`` seconds) has passed."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport uint64_t, int64_t

from rlve_fast._core.clock cimport past
from rlve_fast.envs._int_text cimport write_int

DEF MAXN = 64


cdef extern from *:
    int __builtin_clzll(unsigned long long) nogil
    int __builtin_ctzll(unsigned long long) nogil
    int __builtin_popcountll(unsigned long long) nogil


cdef inline int top_bit(uint64_t m) noexcept nogil:
    return 63 - __builtin_clzll(m)


cdef inline uint64_t rotate(uint64_t mask, int s, int n) noexcept nogil:
    """The set {(u + s) mod n : u in mask}."""
    cdef uint64_t full = (<uint64_t> -1) if n == 64 else ((<uint64_t> 1 << n) - 1)
    if s == 0:
        return mask
    return ((mask << s) | (mask >> (n - s))) & full


cdef inline int64_t weight_sum(uint64_t mask, bint sums) noexcept nogil:
    cdef int64_t total = 0
    if not sums:
        return __builtin_popcountll(mask)
    while mask:
        total += __builtin_ctzll(mask)
        mask &= mask - 1
    return total


cdef inline uint64_t above(uint64_t mask, int height) noexcept nogil:
    """The members of ``mask`` greater than ``height``."""
    if height < 0:
        return mask
    if height >= 63:
        return 0
    return mask >> (height + 1) << (height + 1)


cdef inline int64_t weigh(int height, bint sums) noexcept nogil:
    return height if sums else 1


cdef void line_bounds(const int *seq, int n, int a, int b, uint64_t unused, int s, bint sums,
                      int64_t *out) noexcept nogil:
    """Bounds [out[0], out[1]] on the view from the start and [out[2], out[3]] on the view
    from the end of a line of length n whose heights at positions [0, a) and [n - b, n) are
    ``(seq[t] + s) mod n`` and whose middle holds the set ``unused`` shifted by ``s``, in
    an order still open.

    The known ends count exactly: a building there is seen when it beats everything in
    front of it, and the tallest of the middle, ``mu``, is known whatever the order.  The
    middle shows at least ``mu`` (when it beats the near end) and at most every height
    above the near end's maximum (placed in increasing order)."""
    cdef int t, y, near, far, mu
    cdef int64_t exact
    cdef uint64_t rest = rotate(unused, s, n)
    mu = top_bit(rest) if rest else -1
    # from the start
    near, exact = -1, 0
    for t in range(a):
        y = (seq[t] + s) % n
        if y > near:
            near = y
            exact += weigh(y, sums)
    far = near if near > mu else mu
    for t in range(n - b, n):
        y = (seq[t] + s) % n
        if y > far:
            far = y
            exact += weigh(y, sums)
    out[0] = exact + (weigh(mu, sums) if mu > near else 0)
    out[1] = exact + weight_sum(above(rest, near), sums)
    # from the end
    near, exact = -1, 0
    for t in range(n - 1, n - b - 1, -1):
        y = (seq[t] + s) % n
        if y > near:
            near = y
            exact += weigh(y, sums)
    far = near if near > mu else mu
    for t in range(a - 1, -1, -1):
        y = (seq[t] + s) % n
        if y > far:
            far = y
            exact += weigh(y, sums)
    out[2] = exact + (weigh(mu, sums) if mu > near else 0)
    out[3] = exact + weight_sum(above(rest, near), sums)


cdef inline bint admits(const int64_t *b, int64_t first, int64_t last) noexcept nogil:
    return b[0] <= first <= b[1] and b[2] <= last <= b[3]


cdef bint augment(int line, const uint64_t *compat, uint64_t *visited, int *owner) noexcept nogil:
    cdef uint64_t options = compat[line] & ~visited[0]
    cdef int s
    while options:
        s = __builtin_ctzll(options)
        options &= options - 1
        visited[0] |= (<uint64_t> 1) << s
        if owner[s] < 0 or augment(owner[s], compat, visited, owner):
            owner[s] = line
            return True
    return False


cdef bint matchable(const uint64_t *compat, int first, int n) noexcept nogil:
    """Can lines first..n-1 each take a distinct shift among their options?"""
    cdef int owner[MAXN]
    cdef int line
    cdef uint64_t visited
    for line in range(n):
        owner[line] = -1
    for line in range(first, n):
        visited = 0
        if not augment(line, compat, &visited, owner):
            return False
    return True


cdef class _Cyclic:
    """State of ``cyclic_search``.  Positions are filled from both ends inwards (0, n-1,
    1, n-2, ...), so both views of every line tighten as the search goes; lines (rows
    and columns) are numbered in that order too, so the lines still waiting for a shift
    are always the last ones."""
    cdef int n
    cdef bint sums
    cdef int order[MAXN]
    cdef int64_t row_first[MAXN]
    cdef int64_t row_last[MAXN]
    cdef int64_t col_first[MAXN]
    cdef int64_t col_last[MAXN]
    cdef int q[MAXN]        # q by position (the row sequence)
    cdef int p[MAXN]        # p by position (the column sequence)
    cdef int q_shift[MAXN]  # shift of the t-th column = q[order[t]]
    cdef int p_shift[MAXN]  # shift of the t-th row = p[order[t]]
    cdef double deadline
    cdef long long steps
    cdef bint timed_out

    cdef bint known_lines_fit(self, const int *seq, int known, uint64_t unused, const int *shift,
                              int count, const int64_t *first, const int64_t *last) noexcept nogil:
        cdef int t
        cdef int64_t b[4]
        for t in range(count):
            line_bounds(seq, self.n, (known + 1) // 2, known // 2, unused, shift[t], self.sums, b)
            if not admits(b, first[t], last[t]):
                return False
        return True

    cdef void compat_of(self, const int *seq, int known, uint64_t unused, uint64_t shifts,
                        const int64_t *first, const int64_t *last, int from_line,
                        uint64_t *compat) noexcept nogil:
        """compat[t] (t >= from_line): the shifts in ``shifts`` line t's clues allow."""
        cdef int s, t
        cdef int64_t b[4]
        for t in range(from_line, self.n):
            compat[t] = 0
        while shifts:
            s = __builtin_ctzll(shifts)
            shifts &= shifts - 1
            line_bounds(seq, self.n, (known + 1) // 2, known // 2, unused, s, self.sums, b)
            for t in range(from_line, self.n):
                if admits(b, first[t], last[t]):
                    compat[t] |= (<uint64_t> 1) << s

    cdef bint search(self, int k, uint64_t free_q, uint64_t free_p) noexcept nogil:
        cdef int n = self.n, pos = self.order[k], qv, pv, t
        cdef uint64_t q_options, p_options, free_q2, free_p2
        cdef uint64_t row_compat[MAXN]
        cdef uint64_t rows_left[MAXN]
        cdef uint64_t col_compat[MAXN]
        if k == n:
            return True
        q_options = 1 if k == 0 else free_q
        while q_options:
            qv = __builtin_ctzll(q_options)
            q_options &= q_options - 1
            self.steps += 1
            if past(self.deadline, self.steps):
                self.timed_out = True
                return False
            self.q[pos] = qv
            self.q_shift[k] = qv
            free_q2 = free_q & ~((<uint64_t> 1) << qv)
            # rows 0..k-1 have their shifts; rows k.. need distinct unused ones
            if not self.known_lines_fit(self.q, k + 1, free_q2, self.p_shift, k,
                                        self.row_first, self.row_last):
                continue
            self.compat_of(self.q, k + 1, free_q2, free_p, self.row_first, self.row_last, k, row_compat)
            if not matchable(row_compat, k, n):
                continue
            p_options = row_compat[k]
            while p_options:
                pv = __builtin_ctzll(p_options)
                p_options &= p_options - 1
                self.p[pos] = pv
                self.p_shift[k] = pv
                free_p2 = free_p & ~((<uint64_t> 1) << pv)
                if not self.known_lines_fit(self.p, k + 1, free_p2, self.q_shift, k + 1,
                                            self.col_first, self.col_last):
                    continue
                self.compat_of(self.p, k + 1, free_p2, free_q2, self.col_first, self.col_last,
                               k + 1, col_compat)
                if not matchable(col_compat, k + 1, n):
                    continue
                for t in range(k + 1, n):  # the rows still waiting lose shift pv
                    rows_left[t] = row_compat[t] & free_p2
                if not matchable(rows_left, k + 1, n):
                    continue
                if self.search(k + 1, free_q2, free_p2):
                    return True
                if self.timed_out:
                    return False
        return False


cdef int load_clues(int n, clues, int64_t *out) except -1:
    if len(clues) != n:
        raise ValueError("a clue list must have N entries")
    for i in range(n):
        out[i] = clues[i]
    return 0


def cyclic_search(int n, left, right, top, bottom, bint sums, double deadline):
    """(status, square): status 1 with a cyclic square meeting the clues, 0 when none
    exists, -1 when the deadline passed first."""
    cdef _Cyclic state = _Cyclic()
    cdef int64_t clues[4][MAXN]
    cdef int t, lo = 0, hi
    if not 1 <= n <= MAXN:
        raise ValueError("N must be between 1 and %d" % MAXN)
    state.n, state.sums, state.deadline = n, sums, deadline
    hi = n - 1
    for t in range(n):
        if t % 2 == 0:
            state.order[t] = lo
            lo += 1
        else:
            state.order[t] = hi
            hi -= 1
    load_clues(n, left, clues[0])
    load_clues(n, right, clues[1])
    load_clues(n, top, clues[2])
    load_clues(n, bottom, clues[3])
    for t in range(n):
        state.row_first[t] = clues[0][state.order[t]]
        state.row_last[t] = clues[1][state.order[t]]
        state.col_first[t] = clues[2][state.order[t]]
        state.col_last[t] = clues[3][state.order[t]]
    cdef uint64_t full = (<uint64_t> -1) if n == 64 else ((<uint64_t> 1 << n) - 1)
    cdef bint found
    with nogil:
        found = state.search(0, full, full)
    if state.timed_out:
        return -1, None
    if not found:
        return 0, None
    return 1, [[(state.p[i] + state.q[j]) % n for j in range(n)] for i in range(n)]


cdef class _Cells:
    cdef int n
    cdef bint sums
    cdef int64_t *clue  # left, right, top, bottom: n each
    cdef int *rows      # row-major heights
    cdef int *cols      # column-major copy
    cdef uint64_t *row_free
    cdef uint64_t *col_free
    cdef double deadline
    cdef long long steps
    cdef bint timed_out

    def __cinit__(self, int n):
        self.n = n
        self.clue = <int64_t *> PyMem_Malloc(4 * n * sizeof(int64_t))
        self.rows = <int *> PyMem_Malloc(n * n * sizeof(int))
        self.cols = <int *> PyMem_Malloc(n * n * sizeof(int))
        self.row_free = <uint64_t *> PyMem_Malloc(n * sizeof(uint64_t))
        self.col_free = <uint64_t *> PyMem_Malloc(n * sizeof(uint64_t))
        if not (self.clue and self.rows and self.cols and self.row_free and self.col_free):
            raise MemoryError()

    def __dealloc__(self):
        PyMem_Free(self.clue)
        PyMem_Free(self.rows)
        PyMem_Free(self.cols)
        PyMem_Free(self.row_free)
        PyMem_Free(self.col_free)

    cdef bint search(self, int cell) noexcept nogil:
        cdef int n = self.n, i, j, v
        cdef uint64_t options, bit
        cdef int64_t b[4]
        if cell == n * n:
            return True
        i, j = cell // n, cell % n
        options = self.row_free[i] & self.col_free[j]
        while options:
            v = __builtin_ctzll(options)
            options &= options - 1
            self.steps += 1
            if past(self.deadline, self.steps):
                self.timed_out = True
                return False
            bit = (<uint64_t> 1) << v
            self.rows[i * n + j] = v
            self.cols[j * n + i] = v
            self.row_free[i] ^= bit
            self.col_free[j] ^= bit
            line_bounds(self.rows + i * n, n, j + 1, 0, self.row_free[i], 0, self.sums, b)
            if admits(b, self.clue[i], self.clue[n + i]):
                line_bounds(self.cols + j * n, n, i + 1, 0, self.col_free[j], 0, self.sums, b)
                if admits(b, self.clue[2 * n + j], self.clue[3 * n + j]):
                    if self.search(cell + 1):
                        return True
                    if self.timed_out:
                        return False
            self.row_free[i] ^= bit
            self.col_free[j] ^= bit
        return False


def cell_search(int n, left, right, top, bottom, bint sums, double deadline):
    """(status, square) as ``cyclic_search``, over every Latin square."""
    if not 1 <= n <= MAXN:
        raise ValueError("N must be between 1 and %d" % MAXN)
    cdef _Cells state = _Cells(n)
    cdef uint64_t full = (<uint64_t> -1) if n == 64 else ((<uint64_t> 1 << n) - 1)
    cdef bint found
    state.sums, state.deadline = sums, deadline
    load_clues(n, left, state.clue)
    load_clues(n, right, state.clue + n)
    load_clues(n, top, state.clue + 2 * n)
    load_clues(n, bottom, state.clue + 3 * n)
    for i in range(n):
        state.row_free[i] = full
        state.col_free[i] = full
    with nogil:
        found = state.search(0)
    if state.timed_out:
        return -1, None
    if not found:
        return 0, None
    return 1, [[state.rows[i * n + j] for j in range(n)] for i in range(n)]


def planted(row_shift, col_shift, bint sums):
    """The square h[i][j] = (row_shift[i] + col_shift[j]) mod n that the generators plant:
    (left, right, top, bottom, text), the four clue lists as ``_skyscraper.clues`` gives them
    and the square as rows of space-separated heights (``grid_text``), in one C pass."""
    cdef Py_ssize_t n = len(row_shift), i, j, k, at = 0
    cdef int64_t tallest, seen
    cdef int h
    if len(col_shift) != n or not 1 <= n <= 1 << 20:
        raise ValueError("the shifts must be two lists of the same length N >= 1")
    cdef int *p = <int *> PyMem_Malloc(2 * n * sizeof(int))
    cdef char *out = NULL
    if p == NULL:
        raise MemoryError()
    cdef int *q = p + n
    try:
        for i in range(n):
            p[i] = <int> (row_shift[i] % n)
            q[i] = <int> (col_shift[i] % n)
        views = []
        for k in range(4):  # left, right, top, bottom
            clue = []
            for i in range(n):
                tallest, seen = -1, 0
                for j in range(n):
                    if k == 0:
                        h = (p[i] + q[j]) % n
                    elif k == 1:
                        h = (p[i] + q[n - 1 - j]) % n
                    elif k == 2:
                        h = (p[j] + q[i]) % n
                    else:
                        h = (p[n - 1 - j] + q[i]) % n
                    if h > tallest:
                        tallest = h
                        seen += h if sums else 1
                clue.append(seen)
            views.append(clue)
        out = <char *> PyMem_Malloc(n * n * 8 + 1)
        if out == NULL:
            raise MemoryError()
        for i in range(n):
            for j in range(n):
                at = write_int(out, at, (p[i] + q[j]) % n)
                out[at] = 32 if j + 1 < n else 10
                at += 1
        text = out[:at - 1].decode("ascii")  # no newline after the last row
        return views[0], views[1], views[2], views[3], text
    finally:
        PyMem_Free(p)
        PyMem_Free(out)
