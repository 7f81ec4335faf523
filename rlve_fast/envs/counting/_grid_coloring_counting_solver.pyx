# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled solver of GridColoringCounting (twins: ``columns_needed`` and ``count_colorings``
in grid_coloring_counting.py). Counts are residues modulo ``mod`` < 2**31."""
from libc.stdint cimport int64_t, uint64_t
from libc.stdlib cimport malloc, calloc, free

from rlve_fast._core.clock cimport monotonic_now
from rlve_fast.envs._modular cimport pow_mod

cdef int64_t UNREACHABLE = 1LL << 40


cdef class _Buffers:
    """Owns the C arrays of one call (freed however the call ends)."""
    cdef list blocks

    def __cinit__(self):
        self.blocks = []

    cdef void *get(self, size_t count, size_t size) except NULL:
        cdef void *p = calloc(count if count > 0 else 1, size)
        if p == NULL:
            raise MemoryError()
        self.blocks.append(<size_t> p)
        return p

    def __dealloc__(self):
        for p in self.blocks:
            free(<void *> <size_t> p)


cdef int64_t _inverse(int64_t value, int64_t mod) noexcept nogil:
    """value^-1 mod ``mod`` for value coprime to mod (extended Euclid)."""
    cdef int64_t r0 = mod, r1 = value % mod, t0 = 0, t1 = 1, q, tmp
    while r1 != 0:
        q = r0 // r1
        tmp = r0 - q * r1; r0 = r1; r1 = tmp
        tmp = t0 - q * t1; t0 = t1; t1 = tmp
    t0 %= mod
    return t0 + mod if t0 < 0 else t0


cdef void _choose_column(int64_t x, int64_t top, int64_t mod, int64_t *out) noexcept nogil:
    """out[n] = C(n, x) mod ``mod`` for 0 <= n <= top, stepping C(n, x) = C(n-1, x) * n / (n-x):
    the factors of primes dividing mod are kept as exponents, the rest is invertible."""
    cdef int64_t primes[16]
    cdef int64_t exps[16]
    cdef int count = 0, i
    cdef int64_t rest = mod, p = 2, unit, value, v, n
    while p * p <= rest:
        if rest % p == 0:
            primes[count] = p
            exps[count] = 0
            count += 1
            while rest % p == 0:
                rest //= p
        p += 1
    if rest > 1:
        primes[count] = rest
        exps[count] = 0
        count += 1
    for n in range(min(x, top + 1)):
        out[n] = 0
    if x > top:
        return
    unit = 1 % mod
    out[x] = unit
    for n in range(x + 1, top + 1):
        v = n
        for i in range(count):
            while v % primes[i] == 0:
                v //= primes[i]
                exps[i] += 1
        unit = unit * (v % mod) % mod
        v = n - x
        for i in range(count):
            while v % primes[i] == 0:
                v //= primes[i]
                exps[i] -= 1
        unit = unit * _inverse(v % mod, mod) % mod
        value = unit
        for i in range(count):
            if exps[i] > 0:
                value = value * pow_mod(primes[i], exps[i], mod) % mod
        out[n] = value


cdef void _columns_needed(int n, int m, int64_t *xs, int colors, int64_t *need) noexcept nogil:
    """need[k*(n+1) + p]: fewest columns colours k.. can use with p rows (UNREACHABLE if none):
    a colour of x cells on a rows needs ceil(x / a) columns, and a <= x, ceil(x / a) <= m."""
    cdef int k, p, a
    cdef int64_t x, best, b, rest
    for p in range(n + 1):
        need[colors * (n + 1) + p] = 0
    for k in range(colors - 1, -1, -1):
        x = xs[k]
        for p in range(n + 1):
            best = UNREACHABLE
            for a in range(max(1, (x + m - 1) // m), min(<int64_t> p, x) + 1):
                b = (x + a - 1) // a
                rest = need[(k + 1) * (n + 1) + p - a]
                if b + rest < best:
                    best = b + rest
            need[k * (n + 1) + p] = best


def columns_needed(int n, int m, xs):
    """Fewest columns all colours need with n rows available (> m: no colouring exists)."""
    cdef int colors = len(xs), k
    cdef _Buffers mem = _Buffers()
    cdef int64_t *xv = <int64_t *> mem.get(colors, sizeof(int64_t))
    cdef int64_t *need = <int64_t *> mem.get((colors + 1) * (n + 1), sizeof(int64_t))
    for k in range(colors):
        xv[k] = xs[k]
    _columns_needed(n, m, xv, colors, need)
    return need[n]


cdef int _cover_counts(int64_t x, int A, int B, int64_t mod, int64_t *small, int width,
                       int64_t *choose_x, int64_t *g, _Buffers mem) except -1:
    """g[a*(B+1)+b] = ways to put x cells in an a x b board touching every row and column
    (mod ``mod``), by inclusion-exclusion over empty columns, then over empty rows."""
    cdef int64_t *full = <int64_t *> mem.get((A + 1) * (B + 1), sizeof(int64_t))
    cdef int s, t, j, a, b
    cdef int64_t plus, minus, term
    # full[s, b] = x cells in s x b touching every column
    for s in range(A + 1):
        for b in range(B + 1):
            plus = 0
            minus = 0
            for j in range(b + 1):
                t = b - j
                if <int64_t> s * t < x:
                    break
                term = small[b * width + j] * choose_x[s * t] % mod
                if j & 1:
                    minus += term
                else:
                    plus += term
            full[s * (B + 1) + b] = (plus % mod + mod - minus % mod) % mod
    for a in range(A + 1):
        for b in range(B + 1):
            g[a * (B + 1) + b] = 0
            if a == 0 or b == 0 or <int64_t> a * b < x:
                continue
            plus = 0
            minus = 0
            for j in range(a + 1):
                s = a - j
                if <int64_t> s * b < x:
                    break
                term = small[a * width + j] * full[s * (B + 1) + b] % mod
                if j & 1:
                    minus += term
                else:
                    plus += term
            g[a * (B + 1) + b] = (plus % mod + mod - minus % mod) % mod
    return 0


def count_colorings(int n, int m, xs, int64_t mod, double deadline):
    """Colourings of an n x m board (colour k on exactly xs[k] cells, no row or column shared
    by two colours) mod ``mod`` (2 <= mod < 2**31); None once ``deadline`` has passed."""
    cdef int colors = len(xs), k, width = max(n, m) + 1, A, B, a, b, l, r, i, j
    cdef _Buffers mem = _Buffers()
    cdef int64_t *xv = <int64_t *> mem.get(colors, sizeof(int64_t))
    cdef int64_t *need = <int64_t *> mem.get((colors + 1) * (n + 1), sizeof(int64_t))
    cdef int64_t *small = <int64_t *> mem.get(width * width, sizeof(int64_t))
    cdef int64_t *choose_x
    cdef int64_t *g
    cdef int64_t *weighted
    cdef int64_t *through
    cdef uint64_t *state = <uint64_t *> mem.get((n + 1) * (m + 1), sizeof(uint64_t))
    cdef uint64_t *nxt
    cdef uint64_t w, wa, total
    cdef int64_t x, bmax, bmin, rows_left
    cdef bint lazy = (<double> (mod - 1)) * (mod - 1) * (n + 1) * (m + 1) < 1.8e19
    for k in range(colors):
        xv[k] = xs[k]
        if xv[k] < 1:
            raise ValueError("every colour needs at least one cell")
    for i in range(width):
        small[i * width] = 1 % mod
        for j in range(1, i + 1):
            small[i * width + j] = (small[(i - 1) * width + j - 1] + small[(i - 1) * width + j]) % mod
    _columns_needed(n, m, xv, colors, need)
    if need[n] > m:
        return 0
    state[0] = 1 % mod
    for k in range(colors):
        x = xv[k]
        A = <int> min(<int64_t> n, x)
        B = <int> min(<int64_t> m, x)
        choose_x = <int64_t *> mem.get(A * B + 1, sizeof(int64_t))
        _choose_column(x, A * B, mod, choose_x)
        g = <int64_t *> mem.get((A + 1) * (B + 1), sizeof(int64_t))
        _cover_counts(x, A, B, mod, small, width, choose_x, g, mem)
        if monotonic_now() > deadline:
            return None
        if k == colors - 1:
            # through[a, q] = sum_b g[a, b] C(q, b): the last colour placed in q free columns
            through = <int64_t *> mem.get((A + 1) * (m + 1), sizeof(int64_t))
            for a in range(1, A + 1):
                for j in range(m + 1):
                    total = 0
                    for b in range(1, min(B, j) + 1):
                        total = (total + <uint64_t> (g[a * (B + 1) + b] * small[j * width + b] % mod)) 
                    through[a * (m + 1) + j] = total % mod
            total = 0
            for l in range(n + 1):
                for r in range(m + 1):
                    w = state[l * (m + 1) + r]
                    if w == 0:
                        continue
                    wa = 0
                    for a in range(1, min(A, n - l) + 1):
                        wa = (wa + <uint64_t> (small[(n - l) * width + a] * through[a * (m + 1) + m - r] % mod)) % mod
                    total = (total + w * wa) % mod
            return total
        nxt = <uint64_t *> mem.get((n + 1) * (m + 1), sizeof(uint64_t))
        weighted = <int64_t *> mem.get((A + 1) * (B + 1), sizeof(int64_t))
        for r in range(m + 1):
            for a in range(1, A + 1):
                for b in range(1, min(B, m - r) + 1):
                    weighted[a * (B + 1) + b] = g[a * (B + 1) + b] * small[(m - r) * width + b] % mod
            with nogil:
                for l in range(n + 1):
                    w = state[l * (m + 1) + r]
                    if w == 0:
                        continue
                    for a in range(1, min(A, n - l) + 1):
                        rows_left = n - l - a
                        bmax = min(<int64_t> B, m - r - need[(k + 1) * (n + 1) + rows_left])
                        bmin = (x + a - 1) // a
                        if bmax < bmin:
                            continue
                        wa = w * <uint64_t> small[(n - l) * width + a] % mod
                        i = (l + a) * (m + 1) + r
                        if lazy:
                            for b in range(bmin, bmax + 1):
                                nxt[i + b] += wa * <uint64_t> weighted[a * (B + 1) + b]
                        else:
                            for b in range(bmin, bmax + 1):
                                nxt[i + b] = (nxt[i + b] + wa * <uint64_t> weighted[a * (B + 1) + b]) % mod
            if monotonic_now() > deadline:
                return None
        for i in range((n + 1) * (m + 1)):
            nxt[i] %= mod
        state = nxt
    return 0
