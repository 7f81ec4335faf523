# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled leaves of DecreasingDigitCounting's binary splitting (twin: the leaf loop of
``decreasing_digit_counting._ratio_sum``).

``ratio_sum_leaf(v, lo, hi)`` returns (P, Q, T) with P = prod (v - t), Q = prod (t + 1) over
t in [lo, hi) and T/Q = sum_{m=lo}^{hi-1} prod_{t=lo}^{m} (v - t) / (t + 1), as Python ints.
The run is walked two terms at a time on little-endian 64-bit limbs (schoolbook products of
a long number by one word), with the two steps' factors multiplied in one word:
T' = T (m+1)(m+2) + P (v-m)(v+1), P' = P (v-m)(v-m-1), Q' = Q (m+1)(m+2); every factor is
below 2^32 when v < 2^32, so each pair fits in 64 bits.  This replaces the Python loop, whose
interpreter cost per term (not the arithmetic) dominated runs of a few hundred terms."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport uint64_t
from libc.string cimport memset

cdef extern from *:
    """
    /* x[0..n) *= w in place; returns the new length (the carry appended) */
    static Py_ssize_t rlve_mul_word(uint64_t *x, Py_ssize_t n, uint64_t w) {
        unsigned __int128 acc;
        uint64_t carry = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            acc = (unsigned __int128)x[i] * w + carry;
            x[i] = (uint64_t)acc;
            carry = (uint64_t)(acc >> 64);
        }
        if (carry) x[n++] = carry;
        return n;
    }
    /* x[0..nx) += y[0..ny) * w; x has room for max(nx, ny + 1) + 1 limbs; returns x's length */
    static Py_ssize_t rlve_addmul_word(uint64_t *x, Py_ssize_t nx, const uint64_t *y, Py_ssize_t ny, uint64_t w) {
        unsigned __int128 acc;
        uint64_t carry = 0;
        Py_ssize_t i;
        for (i = nx; i < ny; i++) x[i] = 0;
        if (nx < ny) nx = ny;
        for (i = 0; i < ny; i++) {
            acc = (unsigned __int128)y[i] * w + x[i] + carry;
            x[i] = (uint64_t)acc;
            carry = (uint64_t)(acc >> 64);
        }
        for (; carry && i < nx; i++) {
            acc = (unsigned __int128)x[i] + carry;
            x[i] = (uint64_t)acc;
            carry = (uint64_t)(acc >> 64);
        }
        if (carry) x[nx++] = carry;
        return nx;
    }
    /* a * b / c with a 128-bit product */
    static inline uint64_t rlve_mul_div(uint64_t a, uint64_t b, uint64_t c) {
        return (uint64_t)(((unsigned __int128)a * b) / c);
    }
    """
    Py_ssize_t rlve_mul_word(uint64_t *x, Py_ssize_t n, uint64_t w) nogil
    Py_ssize_t rlve_addmul_word(uint64_t *x, Py_ssize_t nx, const uint64_t *y, Py_ssize_t ny, uint64_t w) nogil
    uint64_t rlve_mul_div(uint64_t a, uint64_t b, uint64_t c) nogil

# factors (v - t), (t + 1) and v + 1 must stay below 2^32 so that two of them fit in a word
LARGEST_V = (1 << 32) - 1


cdef object to_int(const uint64_t *x, Py_ssize_t n):
    return int.from_bytes((<char *> x)[:n * 8], "little")


def ratio_sum_leaf(uint64_t v, Py_ssize_t lo, Py_ssize_t hi):
    """(P, Q, T) of the run [lo, hi) (0 <= lo <= hi <= v < 2^32)."""
    if not (v <= LARGEST_V and 0 <= lo <= hi and <uint64_t> hi <= v + 1):
        raise ValueError("need 0 <= lo <= hi <= v + 1 and v < 2**32")
    # each term multiplies by less than 2^32 (T by less than 2^33 with its addend): one
    # limb per term is room enough
    cdef Py_ssize_t room = (hi - lo) + 3, np = 1, nq = 1, nt = 1, m
    cdef uint64_t *buf = <uint64_t *> PyMem_Malloc(3 * room * sizeof(uint64_t))
    if buf == NULL:
        raise MemoryError()
    cdef uint64_t *p = buf
    cdef uint64_t *q = buf + room
    cdef uint64_t *t = buf + 2 * room
    cdef uint64_t a, b
    try:
        with nogil:
            memset(buf, 0, 3 * room * sizeof(uint64_t))
            p[0], q[0], t[0] = 1, 1, 0
            m = lo
            while m + 1 < hi:  # two terms: m and m + 1
                a = <uint64_t> (m + 1) * <uint64_t> (m + 2)
                b = (v - <uint64_t> m) * (v + 1)
                nt = rlve_mul_word(t, nt, a)
                nt = rlve_addmul_word(t, nt, p, np, b)
                np = rlve_mul_word(p, np, (v - <uint64_t> m) * (v - <uint64_t> m - 1))
                nq = rlve_mul_word(q, nq, a)
                m += 2
            if m < hi:  # the last term of an odd run
                nt = rlve_mul_word(t, nt, <uint64_t> (m + 1))
                nt = rlve_addmul_word(t, nt, p, np, v - <uint64_t> m)
                np = rlve_mul_word(p, np, v - <uint64_t> m)
                nq = rlve_mul_word(q, nq, <uint64_t> (m + 1))
            while np > 1 and p[np - 1] == 0:
                np -= 1
        return to_int(p, np), to_int(q, nq), to_int(t, nt)
    finally:
        PyMem_Free(buf)


# ------------------------------------------------------------------ binomial coefficients
# C(n, k) as the product of its prime powers (Legendre: the exponent of p is the number of
# carries when adding k and n - k in base p), multiplied word by word into chunks of at most
# CHUNK_LIMBS limbs, the chunks then joined pairwise by Python's (Karatsuba) products.
# CPython 3.11's math.comb takes 0.08 ms for C(2047, 763) and 34 ms for C(32767, 16000).

LARGEST_N = 1 << 24  # the sieve of primes up to n is kept: 16 MiB at most
cdef enum:
    CHUNK_LIMBS = 64

cdef char *composite = NULL  # composite[i] for i <= sieved (a sieve of Eratosthenes)
cdef Py_ssize_t sieved = -1


cdef int sieve_up_to(Py_ssize_t n) except -1:
    global composite, sieved
    cdef Py_ssize_t size = 1024, i, j
    cdef char *table
    if n <= sieved:
        return 0
    while size < n:
        size *= 2
    table = <char *> PyMem_Malloc(size + 1)
    if table == NULL:
        raise MemoryError()
    memset(table, 0, size + 1)
    table[0] = table[1] = 1
    i = 2
    while i * i <= size:
        if not table[i]:
            j = i * i
            while j <= size:
                table[j] = 1
                j += i
        i += 1
    PyMem_Free(composite)
    composite, sieved = table, size
    return 0


cdef uint64_t legendre(uint64_t n, uint64_t k, uint64_t p) noexcept nogil:
    """The exponent of p in C(n, k)."""
    cdef uint64_t e = 0, power = p
    while power <= n:
        e += n // power - k // power - (n - k) // power
        if power > n // p:
            break
        power *= p
    return e


def binomial(uint64_t n, uint64_t k):
    """C(n, k) for 0 <= n <= LARGEST_N (0 when k > n)."""
    if n > LARGEST_N:
        raise ValueError("n above LARGEST_N")
    if k > n:
        return 0
    if k > n - k:
        k = n - k
    if k == 0:
        return 1
    sieve_up_to(n)
    cdef uint64_t limbs[CHUNK_LIMBS + 1]
    cdef Py_ssize_t size = 1
    cdef uint64_t word = 1, p, e
    chunks = []
    limbs[0] = 1
    for p in range(2, n + 1):
        if composite[p]:
            continue
        if p > n - k:  # n - k < p <= n: once in the numerator, never in the denominator
            e = 1
        elif 2 * p > n:
            e = 0  # p divides n! and (n - k)! once each (and k! not at all: k <= n - k)
        else:
            e = legendre(n, k, p)
        while e:
            e -= 1
            if word > (<uint64_t> -1) // p:
                size = rlve_mul_word(limbs, size, word)
                word = 1
                if size >= CHUNK_LIMBS:
                    chunks.append(to_int(limbs, size))
                    limbs[0], size = 1, 1
            word *= p
    size = rlve_mul_word(limbs, size, word)
    chunks.append(to_int(limbs, size))
    while len(chunks) > 1:  # balanced products: Karatsuba works on halves of like size
        chunks = [chunks[i] * chunks[i + 1] if i + 1 < len(chunks) else chunks[i]
                  for i in range(0, len(chunks), 2)]
    return chunks[0]


# ------------------------------------------------------------------ small digits
cdef uint64_t small_binomial(uint64_t n, uint64_t m) noexcept nogil:
    """C(n, m) for n <= 63 (below 2^63), 0 when m > n."""
    cdef uint64_t c = 1, i
    if m > n:
        return 0
    for i in range(m):
        c = rlve_mul_div(c, n - i, i + 1)  # C(n, i + 1) = C(n, i) (n - i) / (i + 1), exactly
    return c


def count_small(int k, w):
    """The count for K <= 6 (V = 2^K - 1 <= 63: every sum fits in 64 bits), in one call;
    None outside that range (0 <= W < 2^62), where the general solver answers."""
    if not (2 <= k <= 6) or not (0 <= w < (1 << 62)):
        return None
    cdef uint64_t width = w, v = (1ULL << k) - 1, top = width // k, rest = width % k
    cdef uint64_t longest = top + (rest != 0), full, m, total = 0
    if longest < 2:
        return 0
    full = longest - 1 if rest else longest
    if full > v:
        full = v
    for m in range(2, full + 1):
        total += small_binomial(v, m)
    if rest and longest <= v:
        total += small_binomial(v, longest) - small_binomial(v - (1ULL << rest) + 1, longest)
    return total
