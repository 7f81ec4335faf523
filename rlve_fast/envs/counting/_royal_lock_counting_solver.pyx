# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled count of non-attacking king placements modulo a prime below 2**62 (twin:
``count_kings`` in royal_lock_counting.py).

Broken-profile DP, one cell at a time in row-major order. The profile is a string of n + 1
cells: the current row's cells left of the cursor, the cell diagonally up-left of it, then the
previous row's cells from the cursor on. It never holds two kings side by side, so it is
indexed by its Zeckendorf rank (the sum of F(i + 2) over occupied positions i, which orders
profiles as their bit masks do); placing the cursor's cell rewrites position c only. Each
state keeps its counts by number of kings, for the degrees that can still end at exactly k,
and every new state is gathered from at most two old ones.

The board is symmetric top to bottom: with h = n // 2, only rows 0..h are run. F_j[R], the
fillings of j rows ending in row R, serves both halves: the answer is the coefficient of z^k
in sum_R F_(h+1)[R] F_(n-h)[R] / z^|R| (row h belongs to both; F_(h+1) already pairs it with
every compatible row above)."""
from libc.stdint cimport uint64_t, int64_t
from libc.stdlib cimport malloc, calloc, free
from libc.math cimport frexp, ldexp, log2, pow

from rlve_fast._core.clock cimport monotonic_now, past

cdef Py_ssize_t MAX_ENTRIES = 1 << 27  # counts per buffer (1 GiB): larger boards are refused
MAX_COUNTS = MAX_ENTRIES

cdef extern from *:
    ctypedef unsigned long long u128 "unsigned __int128"


cdef inline void _add_rows(uint64_t *dst, const uint64_t *a, const uint64_t *b, Py_ssize_t count,
                           uint64_t prime) noexcept nogil:
    """dst = a + b mod prime, elementwise.  With prime < 2**62 the sum minus prime is negative
    (as a signed word) exactly when no reduction is due; the sign mask adds prime back,
    which vectorizes on baseline SSE2 (an unsigned compare would not)."""
    cdef Py_ssize_t i
    cdef uint64_t w
    for i in range(count):
        w = a[i] + b[i] - prime
        dst[i] = w + (prime & <uint64_t> ((<int64_t> w) >> 63))


cdef inline void _copy_rows(uint64_t *dst, const uint64_t *a, Py_ssize_t count) noexcept nogil:
    cdef Py_ssize_t i
    for i in range(count):
        dst[i] = a[i]


cdef inline void _zero_rows(uint64_t *dst, Py_ssize_t count) noexcept nogil:
    cdef Py_ssize_t i
    for i in range(count):
        dst[i] = 0


cdef Py_ssize_t _rank(uint64_t mask, const int64_t *fib) noexcept nogil:
    cdef Py_ssize_t rank = 0
    cdef int i = 0
    while mask:
        if mask & 1:
            rank += fib[i + 2]
        mask >>= 1
        i += 1
    return rank


cdef bint _profile_tables(int n, Py_ssize_t states, const int64_t *fib, uint64_t *masks,
                          Py_ssize_t *from_plain, Py_ssize_t *from_marked,
                          double deadline=0.0) noexcept nogil:
    """The profile of each rank (greedy Zeckendorf decoding) and, for moving to the next row,
    the old ranks each new one gathers from: position 0 empties, the finished row shifts up by
    one and the last position (a cell two rows up) is dropped.  False once ``deadline`` (when
    non-zero) has passed."""
    cdef Py_ssize_t t, step
    cdef int i
    cdef uint64_t m
    for t in range(states):
        if deadline != 0.0 and past(deadline, t):
            return False
        m = 0
        step = t
        for i in range(n, -1, -1):
            if step >= fib[i + 2]:
                m |= (<uint64_t> 1) << i
                step -= fib[i + 2]
        masks[t] = m
    for t in range(states):
        m = masks[t]
        from_plain[t] = -1
        from_marked[t] = -1
        if m & 1:
            continue
        from_plain[t] = _rank(m >> 1, fib)
        if not (m >> n) & 1:
            from_marked[t] = _rank((m >> 1) | ((<uint64_t> 1) << n), fib)
    return True


def count_kings_mod(int n, int k, uint64_t prime, double deadline):
    """Placements of k non-attacking kings on an n x n board mod ``prime``; None once the
    deadline has passed."""
    cdef int length = n + 1, i, r, c, lo, hi, new_lo, new_hi, half = (n + 1) // 2
    cdef Py_ssize_t states, t, step, w_old, w_new, off, count, first
    cdef int64_t *fib = <int64_t *> malloc((length + 3) * sizeof(int64_t))
    cdef uint64_t *masks = NULL
    cdef Py_ssize_t *from_plain = NULL
    cdef Py_ssize_t *from_marked = NULL
    cdef uint64_t *cur = NULL
    cdef uint64_t *nxt = NULL
    cdef uint64_t *swap
    cdef uint64_t *dst
    cdef uint64_t m, v, w, total = 0
    cdef bint timed_out = False, own_saved = True
    cdef uint64_t *saved = NULL
    cdef int saved_lo = 0, saved_hi = 0, half_rows, kings, d, e
    if fib == NULL:
        raise MemoryError()
    try:
        if k < 0 or n < 0 or k > half * half:  # at most one king per 2 x 2 block
            return 0
        fib[0] = 0
        fib[1] = 1
        for i in range(2, length + 3):
            fib[i] = fib[i - 1] + fib[i - 2]
        states = fib[length + 2]
        if states * (k + 1) > MAX_ENTRIES:
            raise MemoryError("%d profiles x %d degrees is beyond this solver" % (states, k + 1))
        masks = <uint64_t *> malloc(states * sizeof(uint64_t))
        from_plain = <Py_ssize_t *> malloc(states * sizeof(Py_ssize_t))
        from_marked = <Py_ssize_t *> malloc(states * sizeof(Py_ssize_t))
        cur = <uint64_t *> malloc(states * (k + 1) * sizeof(uint64_t))
        nxt = <uint64_t *> malloc(states * (k + 1) * sizeof(uint64_t))
        if masks == NULL or from_plain == NULL or from_marked == NULL or cur == NULL or nxt == NULL:
            raise MemoryError()
        _profile_tables(n, states, fib, masks, from_plain, from_marked)
        _zero_rows(cur, states)
        cur[0] = 1  # empty board, no kings, degrees 0..0
        lo, hi = 0, 0
        half_rows = n // 2 if n >= 4 else n  # small boards: run every row and sum at the end
        with nogil:
            for r in range(min(n, half_rows + 2)):
                w_old = hi - lo + 1
                if r > 0:
                    for t in range(states):
                        dst = nxt + t * w_old
                        if from_plain[t] < 0:
                            _zero_rows(dst, w_old)
                        elif from_marked[t] < 0:
                            _copy_rows(dst, cur + from_plain[t] * w_old, w_old)
                        else:
                            _add_rows(dst, cur + from_plain[t] * w_old, cur + from_marked[t] * w_old, w_old, prime)
                    swap = cur; cur = nxt; nxt = swap
                    if half_rows < n and r == n - half_rows and r < half_rows + 1:
                        # F_(n-h) for an even board: keep a copy (F_(h+1) comes one row later)
                        saved = <uint64_t *> malloc(states * w_old * sizeof(uint64_t))
                        if saved == NULL:
                            timed_out = True
                            break
                        _copy_rows(saved, cur, states * w_old)
                        saved_lo, saved_hi = lo, hi
                    if half_rows < n and r == half_rows + 1:
                        break  # cur holds F_(h+1)
                for c in range(n):
                    # degrees still useful: at most k and what fits in the cells done, at least k
                    # minus what fits in the cells to come (a row of j cells holds (j + 1) // 2
                    # kings, j full rows ((j + 1) // 2) * half)
                    new_hi = min(k, min((r // 2 + 1) * half, ((r + 1) // 2) * half + (c + 2) // 2))
                    new_lo = max(lo, k - min(((n - r + 1) // 2) * half, ((n - r) // 2) * half + (n - c) // 2))
                    w_old = hi - lo + 1
                    w_new = new_hi - new_lo + 1
                    step = fib[c + 2]
                    for t in range(states):
                        if past(deadline, t):
                            timed_out = True
                            break
                        m = masks[t]
                        dst = nxt + t * w_new
                        if (m >> c) & 1:
                            # a king at the cursor: the old state had position c empty and no king
                            # up-right of the cursor (left and up are empty by the profile rule)
                            if c + 2 <= n and (m >> (c + 2)) & 1:
                                _zero_rows(dst, w_new)
                                continue
                            # dst[d - new_lo] = old[d - 1 - lo], zero where no old degree fits
                            off = new_lo - 1 - lo  # old index of new degree new_lo
                            first = 0
                            if off < 0:
                                first = -off
                                off = 0
                            count = min(w_new - first, w_old - off)
                            if count < 0:
                                count = 0
                            _zero_rows(dst, first)
                            _copy_rows(dst + first, cur + (t - step) * w_old + off, count)
                            _zero_rows(dst + first + count, w_new - first - count)
                        else:
                            # the cursor's cell stays empty: old position c was empty (same state)
                            # or held the up-left cell (state t + step, if that profile is valid)
                            off = new_lo - lo
                            count = min(w_new, w_old - off)
                            if count < 0:
                                count = 0
                            if (c == 0 or not (m >> (c - 1)) & 1) and not (m >> (c + 1)) & 1:
                                _add_rows(dst, cur + t * w_old + off, cur + (t + step) * w_old + off, count, prime)
                            else:
                                _copy_rows(dst, cur + t * w_old + off, count)
                            _zero_rows(dst + count, w_new - count)
                    if timed_out:
                        break
                    swap = cur; cur = nxt; nxt = swap
                    lo, hi = new_lo, new_hi
                if timed_out:
                    break
                if monotonic_now() > deadline:
                    timed_out = True
                    break
        if timed_out:
            if saved == NULL and monotonic_now() <= deadline:
                raise MemoryError()
            return None
        if half_rows == n:
            if k < lo or k > hi:
                return 0
            for t in range(states):
                v = total + cur[t * (hi - lo + 1) + k - lo]
                w = v - prime
                total = w if w < v else v
            return total
        if saved == NULL:  # odd board: n - h = h + 1, both halves are F_(h+1)
            saved, saved_lo, saved_hi, own_saved = cur, lo, hi, False
        for t in range(states):
            m = masks[t]
            if m & 1:
                continue
            kings = 0
            while m:
                kings += <int> (m & 1)
                m >>= 1
            for d in range(lo, hi + 1):
                e = k + kings - d  # kings of the bottom part, row h counted in both
                if e < saved_lo or e > saved_hi:
                    continue
                total = <uint64_t> ((<u128> total + <u128> cur[t * (hi - lo + 1) + d - lo]
                                     * saved[t * (saved_hi - saved_lo + 1) + e - saved_lo]) % prime)
        return total
    finally:
        free(fib); free(masks); free(from_plain); free(from_marked); free(cur); free(nxt)
        if own_saved:
            free(saved)


def weighted_total_log2(int n, double z, double deadline):
    """log2 of P(z), the sum over all placements of non-attacking kings of z^(number of kings),
    in floating point (relative error far below 1e-9): P(z) / z^k bounds the count of
    placements of k kings from above for every z > 0, which sizes the residues needed.
    The same cell-by-cell DP and top-bottom symmetry as count_kings_mod, one weight per
    profile, rescaled by a power of two after every row.  None once the deadline has passed."""
    cdef int length = n + 1, i, r, c, half_rows, e
    cdef Py_ssize_t states, t, step
    cdef int64_t *fib = NULL
    cdef uint64_t *masks = NULL
    cdef Py_ssize_t *from_plain = NULL
    cdef Py_ssize_t *from_marked = NULL
    cdef double *cur = NULL
    cdef double *nxt = NULL
    cdef double *saved = NULL
    cdef double *swap
    cdef double scale = 0.0, saved_scale = 0.0, top, total = 0.0, inverse = 1.0 / z
    cdef uint64_t m
    cdef int kings
    cdef bint timed_out = False
    if n < 1 or not z > 0:
        raise ValueError("needs n >= 1 and z > 0")
    fib = <int64_t *> malloc((length + 3) * sizeof(int64_t))
    if fib == NULL:
        raise MemoryError()
    try:
        fib[0] = 0
        fib[1] = 1
        for i in range(2, length + 3):
            fib[i] = fib[i - 1] + fib[i - 2]
        states = fib[length + 2]
        masks = <uint64_t *> malloc(states * sizeof(uint64_t))
        from_plain = <Py_ssize_t *> malloc(states * sizeof(Py_ssize_t))
        from_marked = <Py_ssize_t *> malloc(states * sizeof(Py_ssize_t))
        cur = <double *> calloc(states, sizeof(double))
        nxt = <double *> calloc(states, sizeof(double))
        saved = <double *> malloc(states * sizeof(double))
        if masks == NULL or from_plain == NULL or from_marked == NULL or cur == NULL or nxt == NULL or saved == NULL:
            raise MemoryError()
        if not _profile_tables(n, states, fib, masks, from_plain, from_marked, deadline):
            return None
        cur[0] = 1.0
        half_rows = n // 2 if n >= 4 else n
        with nogil:
            for r in range(min(n, half_rows + 2)):
                if r > 0:
                    for t in range(states):
                        if from_plain[t] < 0:
                            nxt[t] = 0.0
                        elif from_marked[t] < 0:
                            nxt[t] = cur[from_plain[t]]
                        else:
                            nxt[t] = cur[from_plain[t]] + cur[from_marked[t]]
                    swap = cur; cur = nxt; nxt = swap
                    if half_rows < n and r == n - half_rows and r < half_rows + 1:
                        for t in range(states):
                            saved[t] = cur[t]
                        saved_scale = scale
                    if half_rows < n and r == half_rows + 1:
                        break
                for c in range(n):
                    if monotonic_now() > deadline:
                        break
                    step = fib[c + 2]
                    for t in range(states):
                        m = masks[t]
                        if (m >> c) & 1:
                            nxt[t] = 0.0 if (c + 2 <= n and (m >> (c + 2)) & 1) else z * cur[t - step]
                        elif (c == 0 or not (m >> (c - 1)) & 1) and not (m >> (c + 1)) & 1:
                            nxt[t] = cur[t] + cur[t + step]
                        else:
                            nxt[t] = cur[t]
                    swap = cur; cur = nxt; nxt = swap
                top = 0.0
                for t in range(states):
                    if cur[t] > top:
                        top = cur[t]
                frexp(top, &e)
                for t in range(states):
                    cur[t] = ldexp(cur[t], -e)
                scale += e
                if monotonic_now() > deadline:
                    timed_out = True
                    break
        if timed_out:
            return None
        if half_rows == n:
            for t in range(states):
                total += cur[t]
            return log2(total) + scale
        if half_rows * 2 + 1 == n:  # odd board: both halves are F_(h+1)
            for t in range(states):
                saved[t] = cur[t]
            saved_scale = scale
        for t in range(states):
            m = masks[t]
            if m & 1:
                continue
            kings = 0
            while m:
                kings += <int> (m & 1)
                m >>= 1
            total += cur[t] * saved[t] * pow(inverse, kings)
        return log2(total) + scale + saved_scale
    finally:
        free(fib); free(masks); free(from_plain); free(from_marked); free(cur); free(nxt); free(saved)
