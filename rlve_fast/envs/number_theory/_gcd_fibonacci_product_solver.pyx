# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled solver of GCDFibonacciProduct: prod over 1 <= i <= n, 1 <= j <= m of F(gcd(i, j))
modulo ``mod`` (3 <= mod < 2**32), with F(1) = F(2) = 1.

f(t) = prod over d | t of F(d)^mu(t/d), so that F(g) = prod over t | g of f(t), and the product
is prod over t <= min(n, m) of f(t)^(floor(n/t) floor(m/t)), taken over blocks of equal
quotients with prefix products of f.  Only t <= min(n, m) is ever read, so the sieve stops
there.  The reference takes a power -1 as the power mod - 2 and keeps the "inverse" prefix
products apart; when mod is prime and no F(d) up to min(n, m) is 0 modulo mod, those are true
inverses, so:

* the fast path inverts all F(d) at once (Montgomery's batch trick: prefix products, one
  power, a backward pass), sieves f alone, and divides prefix products at the block starts
  (inverted at once as well);
* otherwise (a composite modulus, or some F(d) = 0) the general path keeps both products,
  each F(d)^(mod - 2) taken by its own power, exactly as the reference.

Residues are multiplied with Barrett's reduction (a 128-bit product by 2^64 / mod) instead of
a 64-bit division."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int8_t, uint32_t, uint64_t
from libc.string cimport memset

from rlve_fast._core.clock cimport monotonic_now

cdef extern from *:
    """
    typedef struct { uint64_t mod, inv; } rlve_barrett;
    static inline rlve_barrett rlve_barrett_make(uint64_t mod) {
        rlve_barrett b; b.mod = mod; b.inv = (~(uint64_t)0) / mod; return b;
    }
    /* x mod b.mod for any x < 2^64: the quotient estimate is at most 2 short */
    static inline uint64_t rlve_reduce(rlve_barrett b, uint64_t x) {
        uint64_t q = (uint64_t)(((unsigned __int128)x * b.inv) >> 64);
        uint64_t r = x - q * b.mod;
        while (r >= b.mod) r -= b.mod;
        return r;
    }
    """
    ctypedef struct rlve_barrett:
        uint64_t mod
        uint64_t inv
    rlve_barrett rlve_barrett_make(uint64_t mod) nogil
    uint64_t rlve_reduce(rlve_barrett b, uint64_t x) nogil

cdef uint64_t WORD_MOD = 1ULL << 32


cdef inline uint64_t mulmod(rlve_barrett b, uint64_t x, uint64_t y) noexcept nogil:
    return rlve_reduce(b, x * y)


cdef uint64_t powmod(rlve_barrett b, uint64_t a, uint64_t e) noexcept nogil:
    cdef uint64_t out = 1 % b.mod
    a = rlve_reduce(b, a)
    while e:
        if e & 1:
            out = mulmod(b, out, a)
        a = mulmod(b, a, a)
        e >>= 1
    return out


cdef bint is_prime32(uint64_t n) noexcept nogil:
    """Deterministic Miller-Rabin for n < 2^32 (bases 2, 7 and 61 suffice)."""
    cdef uint64_t d, x
    cdef uint64_t bases[3]
    cdef uint64_t small[5]
    cdef int s, i, k
    cdef rlve_barrett b
    if n < 2:
        return False
    small[0], small[1], small[2], small[3], small[4] = 2, 3, 5, 7, 61
    for i in range(5):
        if n % small[i] == 0:
            return n == small[i]
    b = rlve_barrett_make(n)
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    bases[0], bases[1], bases[2] = 2, 7, 61
    for i in range(3):
        x = powmod(b, bases[i], d)
        if x == 1 or x == n - 1:
            continue
        for k in range(s - 1):
            x = mulmod(b, x, x)
            if x == n - 1:
                break
        if x != n - 1:
            return False
    return True


cdef void moebius(int8_t *mu, char *composite, uint32_t *primes, Py_ssize_t size) noexcept nogil:
    """mu[1..size] by a linear sieve."""
    cdef Py_ssize_t i, j, count = 0
    cdef uint64_t p
    memset(composite, 0, size + 1)
    mu[1] = 1
    for i in range(2, size + 1):
        if not composite[i]:
            primes[count] = <uint32_t> i
            count += 1
            mu[i] = -1
        for j in range(count):
            p = primes[j]
            if p * i > <uint64_t> size:
                break
            composite[p * i] = 1
            if i % p == 0:
                mu[p * i] = 0
                break
            mu[p * i] = -mu[i]


cdef uint64_t blocks(rlve_barrett b, const uint32_t *prefix, const uint32_t *inverse_prefix,
                     Py_ssize_t n, Py_ssize_t m, bint fermat) noexcept nogil:
    """prod over blocks [low, j] of equal (n / t, m / t) of
    (prefix[j] * inverse_prefix[low - 1])^((n / low) (m / low))."""
    cdef Py_ssize_t low = 1, j, top = n if n < m else m
    cdef uint64_t answer = 1 % b.mod, base, power
    while low <= top:
        j = n // (n // low)
        if m // (m // low) < j:
            j = m // (m // low)
        base = mulmod(b, prefix[j], inverse_prefix[low - 1])
        power = <uint64_t> (n // low) * <uint64_t> (m // low)
        if fermat:  # base is not 0 and mod is prime: base^(mod - 1) = 1
            power %= b.mod - 1
        answer = mulmod(b, answer, powmod(b, base, power))
        low = j + 1
    return answer


def gcd_fibonacci_product(Py_ssize_t n, Py_ssize_t m, uint64_t mod, double deadline):
    """The reference's residue; None once ``deadline`` (time.monotonic()) has passed."""
    if not (n >= 1 and m >= 1 and 3 <= mod < WORD_MOD):
        raise ValueError("need n, m >= 1 and 3 <= mod < 2**32")
    cdef Py_ssize_t size = n if n < m else m
    cdef Py_ssize_t i, j, q, low, count
    cdef long long step = 0, next_check = 65536
    cdef rlve_barrett b = rlve_barrett_make(mod)
    cdef uint64_t prev = 1, fib = 0, nxt, acc, answer = 0
    cdef uint32_t *up
    cdef uint32_t *down
    cdef bint timed_out = False, fast = is_prime32(mod)
    cdef int8_t *mu = <int8_t *> PyMem_Malloc((size + 1) * sizeof(int8_t))
    cdef char *composite = <char *> PyMem_Malloc(size + 1)
    cdef uint32_t *primes = <uint32_t *> PyMem_Malloc((size + 1) * sizeof(uint32_t))
    # residues fit in 32 bits: half the memory the sieve's strided passes walk through
    cdef uint32_t *fibs = <uint32_t *> PyMem_Malloc((size + 1) * sizeof(uint32_t))
    cdef uint32_t *inverses = <uint32_t *> PyMem_Malloc((size + 1) * sizeof(uint32_t))
    cdef uint32_t *f = <uint32_t *> PyMem_Malloc((size + 1) * sizeof(uint32_t))
    cdef uint32_t *g = <uint32_t *> PyMem_Malloc((size + 1) * sizeof(uint32_t))
    if not (mu and composite and primes and fibs and inverses and f and g):
        PyMem_Free(mu); PyMem_Free(composite); PyMem_Free(primes); PyMem_Free(fibs)
        PyMem_Free(inverses); PyMem_Free(f); PyMem_Free(g)
        raise MemoryError()
    try:
        with nogil:
            moebius(mu, composite, primes, size)
            fibs[0] = 0
            for i in range(1, size + 1):  # fibs[i] = F(i) mod mod
                nxt = prev + fib
                if nxt >= mod:
                    nxt -= mod
                prev, fib = fib, nxt
                fibs[i] = fib
                if fib == 0:
                    fast = False  # a power mod - 2 of 0 is 0, no inverse: the general path
            if fast:
                # inverses[i] = 1 / F(i): prefix products, one power, then back to front
                inverses[0] = 1
                for i in range(1, size + 1):
                    inverses[i] = mulmod(b, inverses[i - 1], fibs[i])
                acc = powmod(b, inverses[size], mod - 2)
                for i in range(size, 0, -1):
                    inverses[i] = mulmod(b, acc, inverses[i - 1])
                    acc = mulmod(b, acc, fibs[i])
            else:
                for i in range(1, size + 1):
                    inverses[i] = powmod(b, fibs[i], mod - 2)
            for i in range(size + 1):
                f[i] = 1
                g[i] = 1
            # f(q i) takes F(i)^mu(q): q in the outer loop, so the sign is one branch per q and
            # the inner loop reads F(i) (or its inverse) in order
            for q in range(1, size + 1):
                if mu[q] == 0:
                    continue
                up, down = (fibs, inverses) if mu[q] == 1 else (inverses, fibs)
                i = 1
                j = q
                while j <= size:
                    f[j] = mulmod(b, f[j], up[i])
                    if not fast:
                        g[j] = mulmod(b, g[j], down[i])
                    i += 1
                    j += q
                step += size // q + 1
                if step >= next_check:  # the clock every 2^16 products or so
                    next_check = step + 65536
                    if monotonic_now() > deadline:
                        timed_out = True
                        break
            if not timed_out:
                for i in range(2, size + 1):
                    f[i] = mulmod(b, f[i - 1], f[i])
                if fast:
                    # g[t] = 1 / f(1..t), needed only at the block starts t = low - 1: gather
                    # those prefixes (fibs is free now), invert them at once, scatter back
                    count = 0
                    low = 1
                    while low <= size:
                        fibs[count] = f[low - 1]
                        count += 1
                        j = n // (n // low)
                        if m // (m // low) < j:
                            j = m // (m // low)
                        low = j + 1
                    inverses[0] = 1
                    for i in range(count):
                        inverses[i + 1] = mulmod(b, inverses[i], fibs[i])
                    acc = powmod(b, inverses[count], mod - 2)
                    for i in range(count - 1, -1, -1):
                        nxt = mulmod(b, acc, inverses[i])  # 1 / fibs[i]
                        acc = mulmod(b, acc, fibs[i])
                        inverses[i] = nxt
                    count = 0
                    low = 1
                    while low <= size:
                        g[low - 1] = inverses[count]
                        count += 1
                        j = n // (n // low)
                        if m // (m // low) < j:
                            j = m // (m // low)
                        low = j + 1
                else:
                    for i in range(2, size + 1):
                        g[i] = mulmod(b, g[i - 1], g[i])
                answer = blocks(b, f, g, n, m, fast)
    finally:
        PyMem_Free(mu); PyMem_Free(composite); PyMem_Free(primes); PyMem_Free(fibs)
        PyMem_Free(inverses); PyMem_Free(f); PyMem_Free(g)
    return None if timed_out else answer
