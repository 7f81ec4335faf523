# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled search of MinKDivisorNumber (twin: ``smallest_with_divisor_count`` in
_factorization.py, the same branch and bound step for step, on the same float costs).

The least number with exactly k divisors puts exponents f_1 - 1 >= f_2 - 1 >= ... on the
primes 2, 3, 5, ... for a factorisation k = f_1 f_2 ... (f_i > 1). The search walks those
factorisations largest factor first, costs them as sum (f_i - 1) log p_i, and keeps every one
within a relative hair (1e-9) of the cheapest; the caller settles those exactly."""
from libc.math cimport log
from libc.stdlib cimport malloc, calloc, free

from rlve_fast._core.clock cimport monotonic_now

cdef enum:
    MAX_PRIMES = 64  # k < 2**62 has fewer prime factors (with multiplicity)

cdef double SLACK = 1e-9
cdef double LOGS[MAX_PRIMES]  # log 2, log 3, log 5, ...: the primes that carry the exponents


cdef void _first_prime_logs() noexcept nogil:
    cdef long long q = 2, p
    cdef int found = 0
    while found < MAX_PRIMES:
        p = 2
        while p * p <= q and q % p:
            p += 1
        if p * p > q:
            LOGS[found] = log(<double> q)
            found += 1
        q += 1


_first_prime_logs()


cdef struct Search:
    Py_ssize_t count                # divisors of k, ascending
    long long *divisor
    long long *largest              # per divisor: its largest prime factor
    long long *split                # per divisor: sum of (q - 1) over its prime factors q
    Py_ssize_t **factors            # per divisor: its divisors above 1, ascending (built on use)
    Py_ssize_t *factor_count
    double best
    long long steps
    double deadline
    bint late
    int chosen[MAX_PRIMES]


cdef Py_ssize_t _find(Search *s, long long value) noexcept nogil:
    cdef Py_ssize_t lo = 0, hi = s.count, mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if s.divisor[mid] < value:
            lo = mid + 1
        else:
            hi = mid
    return lo


cdef int _factors(Search *s, Py_ssize_t at) except -1:
    """Fill s.factors[at]: the divisors f > 1 of divisor ``at``, ascending."""
    cdef Py_ssize_t j, n = 0
    cdef long long d = s.divisor[at]
    cdef Py_ssize_t *out = <Py_ssize_t *> malloc((at + 1) * sizeof(Py_ssize_t))
    if out == NULL:
        raise MemoryError()
    for j in range(1, at + 1):
        if d % s.divisor[j] == 0:
            out[n] = j
            n += 1
    s.factors[at] = out
    s.factor_count[at] = n
    return 0


cdef int _search(Search *s, Py_ssize_t rest, int index, long long cap, double cost, list found) except -1:
    cdef Py_ssize_t t, left
    cdef long long f
    cdef double step
    s.steps += 1
    if (s.steps & 1023) == 1 and monotonic_now() > s.deadline:  # at the first step, then every 1024
        s.late = True
    if s.late:
        return 0
    if s.factors[rest] == NULL:
        _factors(s, rest)
    for t in range(s.factor_count[rest]):
        f = s.divisor[s.factors[rest][t]]
        if f > cap:
            break
        step = cost + <double> (f - 1) * LOGS[index]
        if step > s.best * (1 + SLACK):
            break  # a larger f on this prime costs more still
        left = _find(s, s.divisor[rest] // f)
        if s.largest[left] > f:
            continue  # the later factors may not exceed f
        s.chosen[index] = <int> (f - 1)
        if left == 0:
            if step <= s.best * (1 + SLACK):
                if step < s.best:
                    s.best = step
                found.append((step, tuple([s.chosen[i] for i in range(index + 1)])))
            continue
        if step + LOGS[index + 1] * <double> s.split[left] > s.best * (1 + SLACK):
            continue
        _search(s, left, index + 1, f, step, found)
        if s.late:
            return 0
    return 0


def least_exponents(long long k, double deadline):
    """(the cheapest cost, [the exponent tuples whose cost is within 1e-9 of it]) for
    2 <= k < 2**62; None once the deadline has passed."""
    cdef Search s
    cdef long long rest = k, p, q
    cdef long long primes[MAX_PRIMES]
    cdef int exps[MAX_PRIMES]
    cdef int n_primes = 0, i, e
    cdef Py_ssize_t size, d, grown, j
    cdef long long *order_value = NULL
    cdef list found = [], out
    if not 2 <= k < (1LL << 62):
        raise ValueError("k must lie in [2, 2**62)")
    # k's prime factors, ascending (trial division: k's levels stay below 2**33)
    p = 2
    while p * p <= rest:
        if rest % p == 0:
            e = 0
            while rest % p == 0:
                rest //= p
                e += 1
            primes[n_primes], exps[n_primes] = p, e
            n_primes += 1
        p += 1 if p == 2 else 2
    if rest > 1:
        primes[n_primes], exps[n_primes] = rest, 1
        n_primes += 1
    size = 1
    for i in range(n_primes):
        size *= exps[i] + 1
    s.count = size
    s.divisor = <long long *> malloc(size * sizeof(long long))
    s.largest = <long long *> malloc(size * sizeof(long long))
    s.split = <long long *> malloc(size * sizeof(long long))
    s.factors = <Py_ssize_t **> calloc(size, sizeof(Py_ssize_t *))
    s.factor_count = <Py_ssize_t *> calloc(size, sizeof(Py_ssize_t))
    order_value = <long long *> malloc(3 * size * sizeof(long long))
    try:
        if (s.divisor == NULL or s.largest == NULL or s.split == NULL or s.factors == NULL
                or s.factor_count == NULL or order_value == NULL):
            raise MemoryError()
        # the divisors with their largest prime factor and split, then sorted by value
        s.divisor[0], s.largest[0], s.split[0] = 1, 1, 0
        d = 1
        for i in range(n_primes):
            grown = d
            for j in range(d):
                q = s.divisor[j]
                for e in range(1, exps[i] + 1):
                    q *= primes[i]
                    s.divisor[grown], s.largest[grown] = q, primes[i]
                    s.split[grown] = s.split[j] + e * (primes[i] - 1)
                    grown += 1
            d = grown
        for j in range(size):
            order_value[3 * j], order_value[3 * j + 1], order_value[3 * j + 2] = s.divisor[j], s.largest[j], s.split[j]
        _sort_triples(order_value, size)
        for j in range(size):
            s.divisor[j], s.largest[j], s.split[j] = order_value[3 * j], order_value[3 * j + 1], order_value[3 * j + 2]
        s.best = float("inf")
        s.steps = 0
        s.deadline = deadline
        s.late = False
        _search(&s, size - 1, 0, k, 0.0, found)
        if s.late:
            return None
        out = [exponents for cost, exponents in found if cost <= s.best * (1 + SLACK)]
        return s.best, out
    finally:
        if s.factors != NULL:
            for j in range(size):
                free(s.factors[j])
        free(s.divisor); free(s.largest); free(s.split); free(s.factors); free(s.factor_count); free(order_value)


cdef void _sort_triples(long long *a, Py_ssize_t n) noexcept nogil:
    """Sort n (value, largest, split) triples by value (shell sort: a few thousand at most)."""
    cdef Py_ssize_t gap = 1, i, j
    cdef long long v0, v1, v2
    while gap < n // 3:
        gap = 3 * gap + 1
    while gap >= 1:
        for i in range(gap, n):
            v0, v1, v2 = a[3 * i], a[3 * i + 1], a[3 * i + 2]
            j = i
            while j >= gap and a[3 * (j - gap)] > v0:
                a[3 * j], a[3 * j + 1], a[3 * j + 2] = a[3 * (j - gap)], a[3 * (j - gap) + 1], a[3 * (j - gap) + 2]
                j -= gap
            a[3 * j], a[3 * j + 1], a[3 * j + 2] = v0, v1, v2
        gap //= 3
