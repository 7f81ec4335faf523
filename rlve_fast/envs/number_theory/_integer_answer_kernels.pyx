# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled scorers of number-theory environments whose answer is one integer (twins: their
``score`` methods).

* ZeroOneMultipleKernel: SmallestBinaryMultiple (A * answer written with 0s and 1s);
* NextPalindromeKernel: NextPalindromic (a palindrome above N);
* ZeroOneBaseKernel: SubsetSumSequence (base-K digits 0 and 1, then (min/max)^beta);
* DivisorCountKernel: MinKDivisorNumber (exactly K divisors, found by a factorisation that
  gives up where a trial division to 10**7 would)."""
from libc.stdint cimport int64_t, uint64_t

from rlve_fast._core.kernel cimport Kernel, SHAPE_INT, ratio_pow, FALLBACK

cdef extern from *:
    """
    typedef unsigned __int128 rlve_u128;
    static inline uint64_t rlve_mulmod(uint64_t a, uint64_t b, uint64_t m) {
        return (uint64_t)(((rlve_u128)a * b) % m);
    }
    static inline int rlve_mul_overflows(int64_t a, int64_t b, int64_t *out) {
        return __builtin_mul_overflow(a, b, out);
    }
    """
    uint64_t mulmod "rlve_mulmod" (uint64_t a, uint64_t b, uint64_t m) nogil
    int mul_overflows "rlve_mul_overflows" (int64_t a, int64_t b, int64_t *out) nogil

cdef enum:
    N_SMALL = 172  # primes below 1024
cdef uint64_t TRIAL_LIMIT = 10000000ULL
cdef uint64_t BEYOND_LIMIT = 100000000000000ULL  # TRIAL_LIMIT ** 2
cdef uint64_t[N_SMALL] SMALL
cdef uint64_t[12] MR_BASES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]


def _fill_small():
    cdef int i = 0, p, q
    cdef bint prime
    for p in range(2, 1024):
        prime = True
        q = 2
        while q * q <= p:
            if p % q == 0:
                prime = False
                break
            q += 1
        if prime:
            SMALL[i] = p
            i += 1
    assert i == N_SMALL, i


_fill_small()


# ----------------------------------------------------------------------------- factoring
cdef uint64_t powmod(uint64_t a, uint64_t e, uint64_t m) noexcept nogil:
    cdef uint64_t r = 1 % m
    a %= m
    while e:
        if e & 1:
            r = mulmod(r, a, m)
        a = mulmod(a, a, m)
        e >>= 1
    return r


cdef bint is_prime(uint64_t n) noexcept nogil:
    """Miller-Rabin on the first 12 prime bases: exact for every 64-bit n."""
    cdef uint64_t d, x
    cdef int s, i, r
    cdef bint composite
    if n < 2:
        return False
    for i in range(12):
        if n % MR_BASES[i] == 0:
            return n == MR_BASES[i]
    d = n - 1
    s = 0
    while (d & 1) == 0:
        d >>= 1
        s += 1
    for i in range(12):
        x = powmod(MR_BASES[i], d, n)
        if x == 1 or x == n - 1:
            continue
        composite = True
        for r in range(s - 1):
            x = mulmod(x, x, n)
            if x == n - 1:
                composite = False
                break
        if composite:
            return False
    return True


cdef inline uint64_t gcd64(uint64_t a, uint64_t b) noexcept nogil:
    cdef uint64_t t
    while b:
        t = a % b
        a = b
        b = t
    return a


cdef inline uint64_t absdiff(uint64_t a, uint64_t b) noexcept nogil:
    return a - b if a > b else b - a


cdef uint64_t rho_divisor(uint64_t n) noexcept nogil:
    """A proper divisor of the odd composite n (Brent's variant of Pollard's rho)."""
    cdef uint64_t c, y, x, g, q, saved, r, k, i, m
    c = 1
    while True:
        y = 2
        x = 2
        g = 1
        r = 1
        q = 1
        saved = 2
        while g == 1:
            x = y
            for i in range(r):
                y = (mulmod(y, y, n) + c) % n
            k = 0
            while k < r and g == 1:
                saved = y
                m = r - k if r - k < 128 else 128
                for i in range(m):
                    y = (mulmod(y, y, n) + c) % n
                    q = mulmod(q, absdiff(x, y), n)
                g = gcd64(q, n)
                k += 128
            r *= 2
        if g == n:
            g = 1
            while g == 1:
                saved = (mulmod(saved, saved, n) + c) % n
                g = gcd64(absdiff(x, saved), n)
        if g != n:
            return g
        c += 1


cdef uint64_t isqrt64(uint64_t n) noexcept nogil:
    cdef uint64_t lo = 0, hi = 4294967296ULL, mid
    while hi - lo > 1:  # largest r with r * r <= n
        mid = (lo + hi) >> 1
        if mid * mid <= n:
            lo = mid
        else:
            hi = mid
    return lo


cdef int64_t divisor_count_bounded(uint64_t n) noexcept nogil:
    """Twin of ``_factorization.divisor_count_bounded`` for 1 <= n < 2**64: d(n), or -1 where
    a trial division up to 10**7 gives up (the primes above 10**7 make up >= 10**14)."""
    cdef int64_t count = 1
    cdef int i, e, top = 0, j
    cdef uint64_t p, m, d, root, beyond = 1
    cdef uint64_t stack[128]
    cdef uint64_t found[64]
    cdef int n_found = 0
    for i in range(N_SMALL):
        p = SMALL[i]
        if p * p > n:
            return count * (2 if n > 1 else 1)
        if n % p == 0:
            e = 0
            while n % p == 0:
                n //= p
                e += 1
            count *= e + 1
    if n == 1:
        return count
    stack[0] = n
    top = 1
    while top:
        top -= 1
        m = stack[top]
        if m == 1:
            continue
        if is_prime(m):
            found[n_found] = m
            n_found += 1
            continue
        root = isqrt64(m)
        if root * root == m:
            d = root
        else:
            d = rho_divisor(m)
        stack[top] = d
        stack[top + 1] = m // d
        top += 2
    # found holds every prime factor with multiplicity
    for i in range(n_found):
        if found[i] == 0:
            continue
        p = found[i]
        e = 0
        for j in range(i, n_found):
            if found[j] == p:
                e += 1
                found[j] = 0
                if p >= TRIAL_LIMIT:
                    beyond *= p
        count *= e + 1
    if beyond >= BEYOND_LIMIT:
        return -1
    return count


def divisor_count(n):
    """d(n) for 1 <= n < 2**64, or None where upstream's bounded trial division gives up."""
    cdef int64_t c = divisor_count_bounded(<uint64_t> n)
    return None if c < 0 else c


# ----------------------------------------------------------------------------- digits
cdef bint zero_one_digits(uint64_t v, uint64_t base) noexcept nogil:
    while v:
        if v % base > 1:
            return False
        v //= base
    return True


cdef bint is_palindrome(int64_t v) noexcept nogil:
    cdef uint64_t forward, backward = 0
    if v < 0:
        return False  # str(v) starts with '-'
    forward = <uint64_t> v
    while forward:
        backward = backward * 10 + forward % 10
        forward //= 10
    return backward == <uint64_t> v


# ----------------------------------------------------------------------------- kernels
cdef class ZeroOneMultipleKernel(Kernel):
    """B > 0 with A * B written in 0s and 1s: (reference/B)^beta; other B > 0: invalid."""
    cdef int64_t a, reference
    cdef double beta, weight, invalid

    def __init__(self, a, reference, double beta, double weight, double invalid, double wrong_format):
        self.shape = SHAPE_INT
        self.no_answer = wrong_format
        self.a, self.reference = a, reference
        self.beta, self.weight, self.invalid = beta, weight, invalid

    cdef double score_values(self) except? -2.0:
        cdef int64_t x = self.values[0], product
        if x <= 0:
            return self.no_answer
        if mul_overflows(self.a, x, &product):
            return FALLBACK
        if product < 0 or not zero_one_digits(<uint64_t> product, 10):
            return self.invalid
        if self.reference > x:
            return -1.0  # upstream asserts the reference is the least
        return ratio_pow(self.reference, x, self.beta, self.weight)


cdef class NextPalindromeKernel(Kernel):
    """A palindrome above N: (gold/answer)^beta; anything else: invalid."""
    cdef int64_t n, gold
    cdef double beta, weight, invalid

    def __init__(self, n, gold, double beta, double weight, double invalid, double wrong_format):
        self.shape = SHAPE_INT
        self.no_answer = wrong_format
        self.n, self.gold = n, gold
        self.beta, self.weight, self.invalid = beta, weight, invalid

    cdef double score_values(self) except? -2.0:
        cdef int64_t x = self.values[0]
        if not x > self.n or not is_palindrome(x):
            return self.invalid
        if self.gold > x:
            return -1.0  # upstream asserts the reference is the least
        return ratio_pow(self.gold, x, self.beta, self.weight)


cdef class ZeroOneBaseKernel(Kernel):
    """A positive answer whose base-K digits are 0 and 1: (min/max)^beta; others: invalid."""
    cdef int64_t base, reference
    cdef double beta, weight, invalid

    def __init__(self, base, reference, double beta, double weight, double invalid, double wrong_format):
        if base < 2:
            raise OverflowError("base below 2: left to the Python scorer")
        self.shape = SHAPE_INT
        self.no_answer = wrong_format
        self.base, self.reference = base, reference
        self.beta, self.weight, self.invalid = beta, weight, invalid

    cdef double score_values(self) except? -2.0:
        cdef int64_t x = self.values[0]
        if x <= 0:
            return self.no_answer
        if not zero_one_digits(<uint64_t> x, <uint64_t> self.base):
            return self.invalid
        if x < self.reference:
            return ratio_pow(x, self.reference, self.beta, self.weight)
        return ratio_pow(self.reference, x, self.beta, self.weight)


cdef class DivisorCountKernel(Kernel):
    """An answer with exactly K divisors: (reference/answer)^beta; the reference itself:
    weight; others: invalid, or 0 where the bounded trial division gives up."""
    cdef int64_t k, reference
    cdef bint huge_reference
    cdef double beta, weight, invalid

    def __init__(self, k, reference, double beta, double weight, double invalid, double wrong_format):
        if reference < 0:
            raise OverflowError("negative reference: left to the Python scorer")
        self.shape = SHAPE_INT
        self.no_answer = wrong_format
        self.k = k
        self.huge_reference = reference >= (1 << 63)
        self.reference = 0 if self.huge_reference else reference
        self.beta, self.weight, self.invalid = beta, weight, invalid

    cdef double score_values(self) except? -2.0:
        cdef int64_t x = self.values[0], count
        if x <= 0:
            return self.no_answer
        if not self.huge_reference and x == self.reference:
            return self.weight
        count = divisor_count_bounded(<uint64_t> x)
        if count < 0:
            return 0.0
        if count != self.k:
            return self.invalid
        if self.huge_reference or x < self.reference:
            return -1.0  # upstream asserts the reference is the least
        return ratio_pow(self.reference, x, self.beta, self.weight)
