# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled cluster sum of GridLocalMinimumCounting (twin: ``cluster_sum`` in
grid_local_minimum_counting.py) modulo a prime p with cells < p < 2**62.

States are pairs (independent set c of the extras, subset x of the minima), stored as
D[c * 2^nx + x]; the extras' sets are listed so that a subset precedes its supersets, and
the minima's subsets run in increasing order. ``prepare`` builds what does not depend on the
prime (the sets, one-element removals, |N[S]| per state) once for all primes."""
from libc.stdint cimport uint64_t, uint16_t
from libc.stdlib cimport malloc, calloc, realloc, free

from rlve_fast._core.clock cimport monotonic_now

cdef extern from *:
    ctypedef unsigned long long u128 "unsigned __int128"
    int popcount64 "__builtin_popcountll"(unsigned long long) nogil


cdef class Prepared:
    """Per-cluster data that does not depend on the prime."""
    cdef Py_ssize_t n_sets, nx, words
    cdef uint64_t *sets          # extras' independent sets (bit masks), subsets first
    cdef uint64_t *set_near      # their neighbourhood unions, ``words`` per set
    cdef Py_ssize_t *drop_start  # CSR: the sets with one element removed
    cdef Py_ssize_t *drop_index
    cdef uint16_t *sizes         # |N[S]| per state

    def __dealloc__(self):
        free(self.sets); free(self.set_near); free(self.drop_start); free(self.drop_index); free(self.sizes)


cdef uint64_t _mulmod(uint64_t a, uint64_t b, uint64_t p) noexcept nogil:
    return <uint64_t> ((<u128> a * b) % p)


cdef inline uint64_t _mul_shoup(uint64_t a, uint64_t w, uint64_t w_shoup, uint64_t p) noexcept nogil:
    """a * w mod p for a, w < p < 2**62, with w_shoup = floor(w * 2**64 / p): no division."""
    cdef uint64_t q = <uint64_t> ((<u128> a * w_shoup) >> 64)
    cdef uint64_t r = a * w - q * p
    return r - p if r >= p else r


cdef void *_grow(void *p, size_t size) except NULL:
    cdef void *q = realloc(p, size)
    if q == NULL:
        raise MemoryError()
    return q


def prepare(Py_ssize_t cells, list xnear, list cnear, list ctouch, Py_ssize_t max_states, double deadline):
    """The prime-independent tables of a cluster (ValueError beyond ``max_states`` states, None
    once the deadline has passed)."""
    cdef Prepared memo = Prepared()
    cdef Py_ssize_t nx = len(xnear), nc = len(cnear), words = (cells + 63) // 64
    cdef Py_ssize_t count, cap, q, s, k, w, h, hsize, total_drops, x, base
    cdef bint cached
    cdef uint64_t bit, mask, key
    cdef uint64_t *touch = <uint64_t *> malloc((nc + 1) * sizeof(uint64_t))
    cdef uint64_t *cw = <uint64_t *> calloc((nc + 1) * words, sizeof(uint64_t))
    cdef uint64_t *xw = <uint64_t *> calloc((nx + 1) * words, sizeof(uint64_t))
    cdef Py_ssize_t *table = NULL
    cdef uint64_t *union = NULL
    cdef int size
    memo.nx = nx
    memo.words = words
    try:
        if touch == NULL or cw == NULL or xw == NULL:
            raise MemoryError()
        for q in range(nc):
            touch[q] = ctouch[q]
            for w in range(words):
                cw[q * words + w] = (cnear[q] >> (64 * w)) & 0xFFFFFFFFFFFFFFFF
        for q in range(nx):
            for w in range(words):
                xw[q * words + w] = (xnear[q] >> (64 * w)) & 0xFFFFFFFFFFFFFFFF
        # independent sets of the extras: each new set is an old one plus the next extra
        cap = 1024
        memo.sets = <uint64_t *> malloc(cap * sizeof(uint64_t))
        memo.set_near = <uint64_t *> calloc(cap * words, sizeof(uint64_t))
        if memo.sets == NULL or memo.set_near == NULL:
            raise MemoryError()
        memo.sets[0] = 0
        count = 1
        for q in range(nc):
            k = count
            for s in range(k):
                if memo.sets[s] & touch[q]:
                    continue
                if count == cap:
                    cap *= 2
                    if cap << nx > 2 * max_states:
                        raise ValueError("cluster too large to count")
                    memo.sets = <uint64_t *> _grow(memo.sets, cap * sizeof(uint64_t))
                    memo.set_near = <uint64_t *> _grow(memo.set_near, cap * words * sizeof(uint64_t))
                memo.sets[count] = memo.sets[s] | ((<uint64_t> 1) << q)
                for w in range(words):
                    memo.set_near[count * words + w] = memo.set_near[s * words + w] | cw[q * words + w]
                count += 1
        if count << nx > max_states:
            raise ValueError("cluster too large to count")
        memo.n_sets = count
        # set -> index (open addressing), then the CSR of one-element removals
        hsize = 1
        while hsize < 2 * count:
            hsize *= 2
        table = <Py_ssize_t *> malloc(hsize * sizeof(Py_ssize_t))
        if table == NULL:
            raise MemoryError()
        for h in range(hsize):
            table[h] = -1
        for s in range(count):
            h = <Py_ssize_t> ((memo.sets[s] * 0x9E3779B97F4A7C15ULL) >> 20) & (hsize - 1)
            while table[h] >= 0:
                h = (h + 1) & (hsize - 1)
            table[h] = s
        total_drops = 0
        for s in range(count):
            total_drops += popcount64(memo.sets[s])
        memo.drop_start = <Py_ssize_t *> malloc((count + 1) * sizeof(Py_ssize_t))
        memo.drop_index = <Py_ssize_t *> malloc((total_drops + 1) * sizeof(Py_ssize_t))
        memo.sizes = <uint16_t *> malloc((count << nx) * sizeof(uint16_t))
        if memo.drop_start == NULL or memo.drop_index == NULL or memo.sizes == NULL:
            raise MemoryError()
        k = 0
        for s in range(count):
            memo.drop_start[s] = k
            mask = memo.sets[s]
            while mask:
                bit = mask & (~mask + 1)
                mask ^= bit
                key = memo.sets[s] ^ bit
                h = <Py_ssize_t> ((key * 0x9E3779B97F4A7C15ULL) >> 20) & (hsize - 1)
                while memo.sets[table[h]] != key:
                    h = (h + 1) & (hsize - 1)
                memo.drop_index[k] = table[h]
                k += 1
        memo.drop_start[count] = k
        # |N[S]| for every state: x's union is that of x without its lowest minimum, plus it
        # (with many minima, one word set per prefix would not fit: x's minima are or-ed in afresh)
        cached = nx <= 20
        union = <uint64_t *> malloc((((<Py_ssize_t> 1) << nx) if cached else 1) * words * sizeof(uint64_t))
        if union == NULL:
            raise MemoryError()
        for s in range(count):
            for x in range((<Py_ssize_t> 1) << nx):
                base = x * words if cached else 0
                if x == 0 or not cached:
                    for w in range(words):
                        union[base + w] = memo.set_near[s * words + w]
                    mask = x
                else:
                    mask = x & (~x + 1)  # the lowest minimum joins the union of x without it
                    for w in range(words):
                        union[base + w] = union[(x & (x - 1)) * words + w]
                while mask:
                    q = 0
                    while not (mask >> q) & 1:
                        q += 1
                    mask &= mask - 1
                    for w in range(words):
                        union[base + w] |= xw[q * words + w]
                size = 0
                for w in range(words):
                    size += popcount64(union[base + w])
                memo.sizes[(s << nx) + x] = size
            if (s & 63) == 0 and monotonic_now() > deadline:
                return None
        return memo
    finally:
        free(touch); free(cw); free(xw); free(table); free(union)


def cluster_sum_mod(Prepared memo, Py_ssize_t cells, uint64_t p, double deadline):
    """sum over the independent sets E of the extras of (-1)^|E| h(minima + E), mod p (cells <
    p < 2**62); None once the deadline has passed."""
    cdef Py_ssize_t nx = memo.nx, s, x, k, full = ((<Py_ssize_t> 1) << memo.nx) - 1, q
    cdef Py_ssize_t states = memo.n_sets << nx
    cdef uint64_t *value = <uint64_t *> malloc(states * sizeof(uint64_t))
    cdef uint64_t *inverse = <uint64_t *> malloc((cells + 1) * sizeof(uint64_t))
    cdef uint64_t *inverse_shoup = <uint64_t *> malloc((cells + 1) * sizeof(uint64_t))
    cdef uint64_t acc, neg, total = 0, v
    cdef Py_ssize_t mask
    cdef bint timed_out = False
    if value == NULL or inverse == NULL or inverse_shoup == NULL:
        free(value); free(inverse); free(inverse_shoup)
        raise MemoryError()
    try:
        inverse[1] = 1
        for k in range(2, cells + 1):  # inverse[k] = -(p // k) * inverse[p % k]
            inverse[k] = _mulmod(p - p // k, inverse[p % k], p)
        for k in range(1, cells + 1):
            inverse_shoup[k] = <uint64_t> ((<u128> inverse[k] << 64) // p)
        with nogil:
            for s in range(memo.n_sets):
                for x in range(full + 1):
                    if s == 0 and x == 0:
                        value[0] = 1
                        continue
                    acc = 0
                    mask = x
                    # the smallest value of N[S] sits on a minimum (plus) or on an extra (minus)
                    while mask:
                        q = mask & (-mask)
                        mask ^= q
                        v = acc + value[(s << nx) + (x ^ q)]
                        acc = v - p if v >= p else v
                    neg = 0
                    for k in range(memo.drop_start[s], memo.drop_start[s + 1]):
                        v = neg + value[(memo.drop_index[k] << nx) + x]
                        neg = v - p if v >= p else v
                    acc = acc - neg if acc >= neg else acc + p - neg
                    k = memo.sizes[(s << nx) + x]
                    value[(s << nx) + x] = _mul_shoup(acc, inverse[k], inverse_shoup[k], p)
                v = total + value[(s << nx) + full]
                total = v - p if v >= p else v
                if (s & 255) == 0 and monotonic_now() > deadline:
                    timed_out = True
                    break
        if timed_out:
            return None
        return total
    finally:
        free(value); free(inverse); free(inverse_shoup)
