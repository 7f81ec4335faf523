# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled partition counts modulo a prime below 2**62 (twins: ``parts_at_most`` and
``partition_numbers`` in number_partition_counting.py)."""
from libc.stdint cimport uint64_t
from libc.stdlib cimport calloc, free

from rlve_fast._core.clock cimport monotonic_now

cdef extern from *:
    ctypedef unsigned long long u128 "unsigned __int128"


cdef inline uint64_t _add(uint64_t a, uint64_t b, uint64_t p) noexcept nogil:
    a += b
    return a - p if a >= p else a


cdef inline uint64_t _sub(uint64_t a, uint64_t b, uint64_t p) noexcept nogil:
    return a - b if a >= b else a + p - b


cdef bint _partitions(uint64_t *out, long m, uint64_t p, double deadline) noexcept nogil:
    """out[n] = p(n) mod p for n <= m (Euler's pentagonal recurrence); False if timed out."""
    cdef long n, k, g
    cdef uint64_t acc
    out[0] = 1
    for n in range(1, m + 1):
        acc = 0
        k = 1
        while True:
            g = k * (3 * k - 1) // 2
            if g > n:
                break
            acc = _add(acc, out[n - g], p) if k & 1 else _sub(acc, out[n - g], p)
            g += k  # k (3k + 1) / 2
            if g <= n:
                acc = _add(acc, out[n - g], p) if k & 1 else _sub(acc, out[n - g], p)
            k += 1
        out[n] = acc
        if (n & 1023) == 0 and monotonic_now() > deadline:
            return False
    return True


def parts_at_most_mod(long m, long k, uint64_t p, double deadline):
    """Partitions of m into parts of size at most k, mod the prime p < 2**62 (None once the
    deadline has passed)."""
    cdef uint64_t *table = NULL
    cdef uint64_t *signed_extra = NULL
    cdef uint64_t *prev = NULL
    cdef uint64_t *cur = NULL
    cdef uint64_t *swap
    cdef uint64_t total = 0
    cdef long i, n, j, top
    cdef bint ok = True
    if m < 0:
        return 0
    if k > m:
        k = m
    table = <uint64_t *> calloc(m + 1, sizeof(uint64_t))
    if table == NULL:
        raise MemoryError()
    try:
        with nogil:
            if k * k <= m:
                # parts 1..k one after the other
                table[0] = 1
                for i in range(1, k + 1):
                    for n in range(i, m + 1):
                        table[n] = _add(table[n], table[n - i], p)
                    if monotonic_now() > deadline:
                        ok = False
                        break
                total = table[m]
            else:
                # prod_{i<=k} 1/(1-x^i) = P(x) * prod_{i>k} (1 - x^i); the second factor counts
                # partitions into j distinct parts > k with sign (-1)^j: subtracting k from each
                # part leaves j distinct positive parts, D_j(s) = D_j(s - j) + D_(j-1)(s - j).
                ok = _partitions(table, m, p, deadline)
                if ok:
                    signed_extra = <uint64_t *> calloc(m + 1, sizeof(uint64_t))
                    prev = <uint64_t *> calloc(m + 1, sizeof(uint64_t))
                    cur = <uint64_t *> calloc(m + 1, sizeof(uint64_t))
                    if signed_extra == NULL or prev == NULL or cur == NULL:
                        ok = False
                if ok:
                    signed_extra[0] = 1
                    prev[0] = 1  # D_0
                    j = 1
                    while j * (k + 1) + j * (j - 1) // 2 <= m:
                        top = m - j * k
                        for n in range(top + 1):
                            cur[n] = 0
                            if n >= j:
                                cur[n] = _add(cur[n - j], prev[n - j], p)
                        for n in range(top + 1):
                            if cur[n]:
                                if j & 1:
                                    signed_extra[n + j * k] = _sub(signed_extra[n + j * k], cur[n], p)
                                else:
                                    signed_extra[n + j * k] = _add(signed_extra[n + j * k], cur[n], p)
                        swap = prev
                        prev = cur
                        cur = swap
                        j += 1
                        if monotonic_now() > deadline:
                            ok = False
                            break
                if ok:
                    for n in range(m + 1):
                        if signed_extra[n]:
                            total = <uint64_t> ((<u128> total + <u128> signed_extra[n] * table[m - n]) % p)
        if not ok:
            if signed_extra == NULL and k * k > m and monotonic_now() <= deadline:
                raise MemoryError()
            return None
        return total
    finally:
        free(table); free(signed_extra); free(prev); free(cur)


def partition_prefix_sum_mod(long top, uint64_t p, double deadline):
    """p(0) + p(1) + ... + p(top) mod the prime p < 2**62 (None once the deadline has passed)."""
    cdef uint64_t *table
    cdef uint64_t total = 0
    cdef long n
    cdef bint ok
    if top < 0:
        return 0
    table = <uint64_t *> calloc(top + 1, sizeof(uint64_t))
    if table == NULL:
        raise MemoryError()
    try:
        with nogil:
            ok = _partitions(table, top, p, deadline)
            if ok:
                for n in range(top + 1):
                    total = _add(total, table[n], p)
        return total if ok else None
    finally:
        free(table)
