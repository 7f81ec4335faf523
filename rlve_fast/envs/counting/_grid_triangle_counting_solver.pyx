# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled sum W(n, m) = sum over g <= min(n, m) of phi(g) * P(n, g) * P(m, g), where
P(n, g) = sum of (n - dx + 1) over the multiples dx of g up to n (twin: ``weighted_gcd_sum``
in grid_triangle_counting.py).

Over a run of g with the same floor(n/g) and floor(m/g), P(n, g) = A - g B, so the run needs
the sums of phi(g), g phi(g) and g^2 phi(g) at its two ends.  Those prefix sums come from a
sieve up to about max(n, m)^(2/3) and, above it, from the Dirichlet identities
sum_k k^e Phi_e(v / k) = 1^(e+1) + ... (v(v+1)/2, sum of squares, sum of cubes), evaluated
for the values floor(n/j) and floor(m/j) from the smallest up (O(max(n, m)^(2/3)) in all).

Everything is computed modulo 2**128 (unsigned wrap-around), and the sum once more in double
precision: the exact W is the residue plus the multiple of 2**128 the estimate points to."""
from libc.math cimport pow
from libc.stdint cimport uint64_t
from libc.stdlib cimport calloc, free

from rlve_fast._core.clock cimport past
from rlve_fast.envs._floor_blocks cimport block_end

cdef extern from *:
    ctypedef unsigned long long u128 "unsigned __int128"

# the compiled path holds n, m below 2**32 (then every prefix sum of phi fits 128 bits)
LIMIT = 1 << 32
cdef uint64_t MAX_TABLE = 1 << 21


cdef inline u128 _tri(u128 v) noexcept nogil:
    """1 + 2 + ... + v."""
    return (v * (v + 1)) >> 1


cdef inline u128 _squares(u128 v) noexcept nogil:
    """1^2 + ... + v^2 (the product stays below 2**98 for v < 2**32)."""
    return v * (v + 1) * (2 * v + 1) / 6


cdef struct Sums:
    u128 s0, s1, s2


cdef class _Tables:
    """Phi_0, Phi_1, Phi_2 at 0..limit (sieve) and at the values x // j above limit."""
    cdef u128 *small          # 3 * (limit + 1): Phi_0, Phi_1, Phi_2 interleaved
    cdef u128 *big_n          # 3 * (n // (limit + 1) + 1), at n // j
    cdef u128 *big_m
    cdef uint64_t n, m, limit

    def __dealloc__(self):
        free(self.small)
        free(self.big_n)
        free(self.big_m)

    cdef inline Sums at(self, uint64_t v, uint64_t x, u128 *big) noexcept nogil:
        """The three sums at v, where v <= limit or v == x // j."""
        cdef Sums out
        cdef u128 *p
        if v <= self.limit:
            p = self.small + 3 * v
        else:
            p = big + 3 * (x // v)
        out.s0, out.s1, out.s2 = p[0], p[1], p[2]
        return out

    cdef bint sieve(self, unsigned int *phi, unsigned int *primes, double deadline) noexcept nogil:
        """Linear sieve of phi into the scratch arrays (zeroed, limit + 1 long), then the
        prefix sums; False once the deadline has passed."""
        cdef uint64_t limit = self.limit, i, p, k, count = 0, ip
        cdef u128 g
        if limit >= 1:
            phi[1] = 1
        for i in range(2, limit + 1):
            if phi[i] == 0:
                phi[i] = <unsigned int> (i - 1)
                primes[count] = <unsigned int> i
                count += 1
            for k in range(count):
                p = primes[k]
                ip = i * p
                if ip > limit:
                    break
                if i % p == 0:
                    phi[ip] = <unsigned int> (phi[i] * p)
                    break
                phi[ip] = <unsigned int> (phi[i] * (p - 1))
            if past(deadline, i):
                return False
        self.small[0] = self.small[1] = self.small[2] = 0
        for i in range(1, limit + 1):
            g = phi[i]
            self.small[3 * i] = self.small[3 * i - 3] + g
            self.small[3 * i + 1] = self.small[3 * i - 2] + g * i
            self.small[3 * i + 2] = self.small[3 * i - 1] + g * i * i
        return True

    cdef bint fill(self, uint64_t x, u128 *big, uint64_t top, double deadline) noexcept nogil:
        """big[j] for the values x // j in (limit, top], smallest first."""
        cdef uint64_t j, v, l, r, q
        cdef long long step = 0
        cdef u128 a0, a1, a2, w1, w2
        cdef Sums inner
        j = x // (self.limit + 1)
        while j >= 1:
            v = x // j
            if v > top:
                break
            a0 = _tri(v)
            a1 = _squares(v)
            a2 = _tri(v) * _tri(v)
            l = 2
            while l <= v:
                q = v // l
                r = v // q
                inner = self.at(q, x, big)
                w1 = _tri(r) - _tri(l - 1)
                w2 = _squares(r) - _squares(l - 1)
                a0 -= (r - l + 1) * inner.s0
                a1 -= w1 * inner.s1
                a2 -= w2 * inner.s2
                l = r + 1
                step += 1
                if past(deadline, step):
                    return False
            big[3 * j], big[3 * j + 1], big[3 * j + 2] = a0, a1, a2
            j -= 1
        return True


def weighted_gcd_sum_mod(uint64_t n, uint64_t m, double deadline):
    """(W mod 2**64, W // 2**64 mod 2**64, W as a float estimate), or None once the
    deadline has passed.  Needs 1 <= n, m < 2**32."""
    if not (1 <= n < LIMIT and 1 <= m < LIMIT):
        raise ValueError("n and m must lie in [1, 2**32)")
    cdef uint64_t s = n if n < m else m
    cdef uint64_t t = n if n > m else m
    cdef uint64_t limit = <uint64_t> (pow(<double> t, 2.0 / 3.0)) + 1
    if limit > MAX_TABLE:
        limit = MAX_TABLE
    if limit > s:
        limit = s
    cdef _Tables tables = _Tables()
    tables.n, tables.m, tables.limit = n, m, limit
    tables.small = <u128 *> calloc(3 * (limit + 1), sizeof(u128))
    tables.big_n = <u128 *> calloc(3 * (n // (limit + 1) + 1), sizeof(u128))
    tables.big_m = <u128 *> calloc(3 * (m // (limit + 1) + 1), sizeof(u128))
    cdef unsigned int *phi = <unsigned int *> calloc(limit + 1, sizeof(unsigned int))
    cdef unsigned int *primes = <unsigned int *> calloc(limit + 1, sizeof(unsigned int))
    if tables.small == NULL or tables.big_n == NULL or tables.big_m == NULL or phi == NULL or primes == NULL:
        free(phi)
        free(primes)
        raise MemoryError()
    cdef u128 total = 0, an, bn, am, bm, d0, d1, d2
    cdef double estimate = 0.0
    cdef uint64_t l, r, qn, qm
    cdef long long step = 0
    cdef Sums here, before
    cdef bint ok, from_n
    with nogil:
        ok = tables.sieve(phi, primes, deadline)
        free(phi)
        free(primes)
        ok = (ok and tables.fill(n, tables.big_n, s, deadline)
              and tables.fill(m, tables.big_m, s, deadline))
        before.s0 = before.s1 = before.s2 = 0
        l = 1
        while ok and l <= s:
            qn = n // l
            qm = m // l
            r = block_end(n, m, l, &from_n)
            here = tables.at(r, n, tables.big_n) if from_n else tables.at(r, m, tables.big_m)
            # P(x, g) = q (x + 1) - g q (q + 1) / 2 with q = x // g
            an = <u128> qn * (n + 1)
            bn = _tri(qn)
            am = <u128> qm * (m + 1)
            bm = _tri(qm)
            d0 = here.s0 - before.s0
            d1 = here.s1 - before.s1
            d2 = here.s2 - before.s2
            total += an * am * d0 - (an * bm + am * bn) * d1 + bn * bm * d2
            estimate += (<double> an * <double> am * <double> d0
                         - (<double> an * <double> bm + <double> am * <double> bn) * <double> d1
                         + <double> bn * <double> bm * <double> d2)
            before = here
            l = r + 1
            step += 1
            if past(deadline, step):
                ok = False
    if not ok:
        return None
    return <uint64_t> total, <uint64_t> (total >> 64), estimate
