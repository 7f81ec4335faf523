# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled count of pairs (x, y), 1 <= x <= n, 1 <= y <= m, with gcd(x, y) = 1 and
gcd(y, k) = 1 (twin: ``count_pure_repeating`` in circulating_decimal_counting.py).

With c(i) = [gcd(i, k) = 1] and C(t) = c(1) + ... + c(t) (periodic in k), the count is
sum over g of mu(g) c(g) floor(n/g) C(floor(m/g)).  Runs of g sharing floor(n/g) and
floor(m/g) need F(t) = sum_{i <= t} mu(i) c(i) at their ends: from a sieve up to about
max(n, m)^(2/3), and above it from sum_{d <= t} c(d) F(t / d) = 1 (c is completely
multiplicative), evaluated for the values floor(n/j), floor(m/j) from the smallest up."""
from libc.math cimport pow
from libc.stdint cimport int64_t, uint64_t
from libc.stdlib cimport calloc, free

from rlve_fast._core.clock cimport past
from rlve_fast.envs._floor_blocks cimport block_end

cdef extern from *:
    ctypedef long long i128 "__int128"

LIMIT = 1 << 32
cdef int64_t MAX_TABLE = 1 << 22


cdef class _Moebius:
    """F at 0..limit and at the values x // j above limit (for x = n and x = m)."""
    cdef int64_t *small
    cdef int64_t *big_n
    cdef int64_t *big_m
    cdef int64_t *period      # period[r] = C(r) for 0 <= r <= k
    cdef int64_t n, m, k, limit

    def __dealloc__(self):
        free(self.small)
        free(self.big_n)
        free(self.big_m)
        free(self.period)

    cdef inline int64_t coprime_up_to(self, int64_t t) noexcept nogil:
        return (t // self.k) * self.period[self.k] + self.period[t % self.k]

    cdef inline int64_t at(self, int64_t v, int64_t x, int64_t *big) noexcept nogil:
        return self.small[v] if v <= self.limit else big[x // v]

    cdef bint sieve(self, signed char *mu, unsigned char *composite, int *primes,
                    double deadline) noexcept nogil:
        """Linear sieve of mu into the scratch arrays (zeroed, limit + 1 long), then the
        prefix sums F; False once the deadline has passed."""
        cdef int64_t limit = self.limit, i, p, ip, t, count = 0
        if limit >= 1:
            mu[1] = 1
        for i in range(2, limit + 1):
            if not composite[i]:
                primes[count] = <int> i
                count += 1
                mu[i] = -1
            for t in range(count):
                p = primes[t]
                ip = i * p
                if ip > limit:
                    break
                composite[ip] = 1
                if i % p == 0:
                    break  # mu(ip) = 0
                mu[ip] = -mu[i]
            if past(deadline, i):
                return False
        self.small[0] = 0
        for i in range(1, limit + 1):
            # c(i) = C(i) - C(i - 1), read off the period table
            t = i % self.k
            self.small[i] = self.small[i - 1] + (
                mu[i] * (self.period[t] - self.period[t - 1]) if t else 0)
        return True

    cdef bint fill(self, int64_t x, int64_t *big, int64_t top, double deadline) noexcept nogil:
        """big[j] = F(x // j) for the values x // j in (limit, top], smallest first."""
        cdef int64_t j, v, l, r
        cdef i128 acc
        cdef long long step = 0
        j = x // (self.limit + 1)
        while j >= 1:
            v = x // j
            if v > top:
                break
            acc = 1
            l = 2
            while l <= v:
                r = v // (v // l)
                acc -= <i128> (self.coprime_up_to(r) - self.coprime_up_to(l - 1)) * self.at(v // l, x, big)
                l = r + 1
                step += 1
                if past(deadline, step):
                    return False
            big[j] = <int64_t> acc
            j -= 1
        return True


def count_coprime_pairs(int64_t n, int64_t m, int64_t k, double deadline):
    """The count (a Python int), or None once the deadline has passed.
    Needs 1 <= n, m < 2**32 and 2 <= k < 2**31."""
    if not (1 <= n < LIMIT and 1 <= m < LIMIT and 2 <= k < (1 << 31)):
        raise ValueError("need 1 <= n, m < 2**32 and 2 <= k < 2**31")
    cdef int64_t s = n if n < m else m
    cdef int64_t t = n if n > m else m
    cdef int64_t limit = <int64_t> (pow(<double> t, 2.0 / 3.0)) + 1, r, i, a, b
    if limit > MAX_TABLE:
        limit = MAX_TABLE
    if limit > s:
        limit = s
    cdef _Moebius table = _Moebius()
    table.n, table.m, table.k, table.limit = n, m, k, limit
    table.small = <int64_t *> calloc(limit + 1, sizeof(int64_t))
    table.big_n = <int64_t *> calloc(n // (limit + 1) + 1, sizeof(int64_t))
    table.big_m = <int64_t *> calloc(m // (limit + 1) + 1, sizeof(int64_t))
    table.period = <int64_t *> calloc(k + 1, sizeof(int64_t))
    cdef signed char *mu = <signed char *> calloc(limit + 1, sizeof(signed char))
    cdef unsigned char *composite = <unsigned char *> calloc(limit + 1, sizeof(unsigned char))
    cdef int *primes = <int *> calloc(limit + 1, sizeof(int))
    if not (table.small and table.big_n and table.big_m and table.period and mu and composite and primes):
        free(mu)
        free(composite)
        free(primes)
        raise MemoryError()
    cdef i128 total = 0
    cdef int64_t l, qn, qm, here, before = 0
    cdef long long step = 0
    cdef bint ok = True, from_n
    with nogil:
        for i in range(1, k + 1):
            a, b = i, k
            while b:  # gcd(i, k)
                a, b = b, a % b
            table.period[i] = table.period[i - 1] + (a == 1)
        ok = table.sieve(mu, composite, primes, deadline)
        free(mu)
        free(composite)
        free(primes)
        ok = ok and table.fill(n, table.big_n, s, deadline) and table.fill(m, table.big_m, s, deadline)
        l = 1
        while ok and l <= s:
            qn = n // l
            qm = m // l
            r = <int64_t> block_end(n, m, l, &from_n)
            here = table.at(r, n, table.big_n) if from_n else table.at(r, m, table.big_m)
            total += <i128> qn * table.coprime_up_to(qm) * (here - before)
            before = here
            l = r + 1
            step += 1
            if past(deadline, step):
                ok = False
    if not ok:
        return None
    if not 0 <= total <= <i128> n * m:
        raise AssertionError("the count left its bounds")
    return <uint64_t> total
