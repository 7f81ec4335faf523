# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled sum of d(i XOR j XOR x) over 0 <= i <= n, 0 <= j <= m (twin: ``sum_xor_divisors``
in sum_xor_divisor_num.py).

[0, n] and [0, m] split into aligned power-of-two blocks; a pair of blocks of sizes 2^s >= 2^t
maps onto one aligned block [low, low + 2^s) of values, each hit 2^t times, so the pair adds
(D(low + 2^s - 1) - D(low - 1)) << t with D(v) = d(1) + ... + d(v) (hyperbola method).  The
pairs share few distinct ends v: each D(v) is evaluated once."""
from libc.math cimport sqrt
from libc.stdint cimport int64_t, uint64_t
from libc.stdlib cimport free, malloc, qsort

from rlve_fast._core.clock cimport past

cdef extern from *:
    ctypedef unsigned long long u128 "unsigned __int128"

# n, m, x below 2**60: every block end stays below 2**61 and the total below 2**127
LIMIT = 1 << 60


cdef inline uint64_t _isqrt(uint64_t n) noexcept nogil:
    cdef uint64_t r = <uint64_t> sqrt(<double> n)
    while r * r > n:
        r -= 1
    while (r + 1) * (r + 1) <= n:
        r += 1
    return r


cdef int _compare(const void *a, const void *b) noexcept nogil:
    cdef int64_t x = (<int64_t *> a)[0], y = (<int64_t *> b)[0]
    return (x > y) - (x < y)


cdef int _blocks(uint64_t n, uint64_t *start, int *size) noexcept nogil:
    """Disjoint aligned blocks covering 0..n: their starts and log2 sizes; returns the count."""
    cdef uint64_t end = n + 1, at = 0
    cdef int bit, count = 0
    for bit in range(62, -1, -1):
        if (end >> bit) & 1:
            start[count] = at
            size[count] = bit
            count += 1
            at += (<uint64_t> 1) << bit
    return count


cdef int64_t _find(int64_t *values, int count, int64_t v) noexcept nogil:
    cdef int lo = 0, hi = count - 1, mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if values[mid] < v:
            lo = mid + 1
        else:
            hi = mid
    return lo


def sum_xor_divisors(uint64_t n, uint64_t m, uint64_t x, double deadline):
    """The sum (a Python int), or None once the deadline has passed; n, m, x < 2**60."""
    if not (n < LIMIT and m < LIMIT and x < LIMIT):
        raise ValueError("n, m and x must lie below 2**60")
    cdef uint64_t start_n[64]
    cdef uint64_t start_m[64]
    cdef int size_n[64]
    cdef int size_m[64]
    cdef int count_n = _blocks(n, start_n, size_n), count_m = _blocks(m, start_m, size_m)
    cdef int pairs = count_n * count_m, i, j, p, big, distinct
    cdef int64_t *ends = <int64_t *> malloc(2 * pairs * sizeof(int64_t))
    cdef int64_t *sorted_ends = <int64_t *> malloc(2 * pairs * sizeof(int64_t))
    cdef u128 *sums = <u128 *> malloc(2 * pairs * sizeof(u128))
    cdef int *small = <int *> malloc(pairs * sizeof(int))
    if ends == NULL or sorted_ends == NULL or sums == NULL or small == NULL:
        free(ends)
        free(sorted_ends)
        free(sums)
        free(small)
        raise MemoryError()
    cdef uint64_t low, v, k, root
    cdef u128 acc, total = 0
    cdef long long step = 0
    cdef bint ok = True
    with nogil:
        p = 0
        for i in range(count_n):
            for j in range(count_m):
                big = size_n[i] if size_n[i] > size_m[j] else size_m[j]
                small[p] = size_n[i] + size_m[j] - big
                low = ((start_n[i] ^ start_m[j] ^ x) >> big) << big
                ends[2 * p] = <int64_t> low - 1
                ends[2 * p + 1] = <int64_t> (low + ((<uint64_t> 1) << big) - 1)
                p += 1
        for i in range(2 * pairs):
            sorted_ends[i] = ends[i]
        qsort(sorted_ends, 2 * pairs, sizeof(int64_t), _compare)
        distinct = 0
        for i in range(2 * pairs):
            if distinct == 0 or sorted_ends[i] != sorted_ends[distinct - 1]:
                sorted_ends[distinct] = sorted_ends[i]
                distinct += 1
        for i in range(distinct):
            acc = 0
            if sorted_ends[i] > 0:
                v = <uint64_t> sorted_ends[i]
                root = _isqrt(v)
                k = 1
                while k <= root:
                    acc += v // k
                    k += 1
                    step += 1
                    if past(deadline, step):
                        ok = False
                        break
                acc = 2 * acc - <u128> root * root
            sums[i] = acc
            if not ok:
                break
        if ok:
            for p in range(pairs):
                total += (sums[_find(sorted_ends, distinct, ends[2 * p + 1])]
                          - sums[_find(sorted_ends, distinct, ends[2 * p])]) << small[p]
    free(ends)
    free(sorted_ends)
    free(sums)
    free(small)
    if not ok:
        return None
    return (<object> <uint64_t> (total >> 64)) << 64 | <uint64_t> total
