# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled solvers of three number-theory environments (twins in pure Python next to each
caller; GCDFibonacciProduct has its own module, ``_gcd_fibonacci_product_solver``):

* ``cyclic_binomial``: coefficient R of (1 + x)^E modulo (x^K - 1), coefficients mod MOD
  (FixedModK_Selection_Counting);
* ``concatenation_mod``: the decimal concatenation 123...n modulo m (PrefixConcatenation);
* ``lcm_weight_prefix``: prefix sums of n * prod over primes p | n of (1 - p), by a linear
  sieve (SumLCM).

The first takes the generation deadline (``rlve_fast.deadline.deadline_at()``) and returns
None once it has passed; the caller then calls ``deadline.check()``.  Moduli must be below
2**32 so that a product of two residues fits in 64 bits."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int8_t, uint64_t
from libc.string cimport memset

from rlve_fast._core.clock cimport past

cdef uint64_t WORD_MOD = 1ULL << 32


cdef void cyclic_product(const uint64_t *a, const uint64_t *b, uint64_t *out, Py_ssize_t k,
                         uint64_t mod, bint lazy) noexcept nogil:
    """out = a * b modulo (x^k - 1), coefficients mod ``mod``; with ``lazy`` the k products
    of a column are summed before one reduction (they fit in 64 bits)."""
    cdef Py_ssize_t i, j, t
    cdef uint64_t acc
    for t in range(k):
        acc = 0
        if lazy:
            for i in range(t + 1):
                acc += a[i] * b[t - i]
            for i in range(t + 1, k):
                acc += a[i] * b[t + k - i]
            out[t] = acc % mod
        else:
            for i in range(t + 1):
                acc = (acc + a[i] * b[t - i]) % mod
            for i in range(t + 1, k):
                acc = (acc + a[i] * b[t + k - i]) % mod
            out[t] = acc


def cyclic_binomial(uint64_t exponent, Py_ssize_t k, Py_ssize_t r, uint64_t mod, double deadline):
    """Coefficient r of (1 + x)^exponent mod (x^k - 1), mod ``mod`` (k >= 1, 2 <= mod < 2**32)."""
    if not (k >= 1 and 0 <= r < k and 2 <= mod < WORD_MOD):
        raise ValueError("need k >= 1, 0 <= r < k and 2 <= mod < 2**32")
    cdef uint64_t *buf = <uint64_t *> PyMem_Malloc(4 * k * sizeof(uint64_t))
    if buf == NULL:
        raise MemoryError()
    cdef uint64_t *base = buf
    cdef uint64_t *acc = buf + k
    cdef uint64_t *tmp = buf + 2 * k
    cdef uint64_t *swap
    cdef Py_ssize_t i
    cdef long long step = 0
    cdef bint lazy = (mod - 1) * (mod - 1) <= (<uint64_t> -1) // <uint64_t> k
    cdef bint timed_out = False
    cdef uint64_t result
    memset(buf, 0, 4 * k * sizeof(uint64_t))
    try:
        with nogil:
            if k == 1:
                base[0] = 2 % mod
            else:
                base[0] = 1
                base[1] = 1
            acc[0] = 1
            while exponent:
                if exponent & 1:
                    cyclic_product(acc, base, tmp, k, mod, lazy)
                    swap = acc; acc = tmp; tmp = swap
                cyclic_product(base, base, tmp, k, mod, lazy)
                swap = base; base = tmp; tmp = swap
                exponent >>= 1
                step += 1
                if past(deadline, step << 12):
                    timed_out = True
                    break
        result = acc[r]
    finally:
        PyMem_Free(buf)
    return None if timed_out else result


def concatenation_mod(uint64_t n, uint64_t m):
    """The decimal concatenation 123...n modulo m (1 <= m < 2**32, n < 2**63).

    The numbers of one length d, lo .. hi, append as x -> x * P + k with P = 10^d; c such
    steps send x to x * P^c + lo * G(c) + H(c), where G(c) = sum of P^i (i < c) and
    H(c) = sum of j * P^(c-1-j) (j < c).  Doubling: G(2c) = G(c) (P^c + 1),
    H(2c) = H(c) (P^c + 1) + c G(c); one more step: G(c+1) = G(c) P + 1, H(c+1) = H(c) P + c."""
    if not (1 <= m < WORD_MOD and n < (1ULL << 63)):
        raise ValueError("need 1 <= m < 2**32 and n < 2**63")
    cdef uint64_t x = 0, lo = 1, power = 10, hi, count, p, pc, g, h, done
    cdef int bit
    while lo <= n:
        hi = n if n < power - 1 else power - 1
        count = hi - lo + 1
        p = power % m
        pc = 1 % m
        g = 0
        h = 0
        done = 0
        for bit in range(63, -1, -1):
            if done:
                h = (h * ((pc + 1) % m) % m + (done % m) * g % m) % m
                g = g * ((pc + 1) % m) % m
                pc = pc * pc % m
                done *= 2
            if (count >> bit) & 1:
                h = (h * p % m + done % m) % m
                g = (g * p % m + 1) % m
                pc = pc * p % m
                done += 1
        x = (x * pc % m + (lo % m) * g % m + h) % m
        lo = power
        if power > (<uint64_t> -1) // 10:
            break
        power *= 10
    return x


def lcm_weight_prefix(long long[:] out):
    """out[x] = h(1) + ... + h(x) for h(n) = n * prod over primes p | n of (1 - p) (SumLCM), by a
    linear sieve: h(p^e m) = h(m) p^e (1 - p).  |out[x]| <= x^3 / 3: at most 3 * 10**6 entries."""
    cdef Py_ssize_t limit = out.shape[0] - 1, i, j, n_primes = 0
    cdef long long p, ip
    if limit > 3000000:
        raise ValueError("prefix sums beyond 3 * 10**6 overflow 64 bits")
    cdef char *composite = <char *> PyMem_Malloc(limit + 1)
    cdef long long *primes = <long long *> PyMem_Malloc((limit + 1) * sizeof(long long))
    if composite == NULL or primes == NULL:
        PyMem_Free(composite); PyMem_Free(primes)
        raise MemoryError()
    try:
        with nogil:
            memset(composite, 0, limit + 1)
            out[0] = 0
            if limit >= 1:
                out[1] = 1
            for i in range(2, limit + 1):
                if not composite[i]:
                    primes[n_primes] = i
                    n_primes += 1
                    out[i] = i * (1 - i)
                for j in range(n_primes):
                    p = primes[j]
                    ip = i * p
                    if ip > limit:
                        break
                    composite[ip] = 1
                    if i % p == 0:
                        out[ip] = out[i] * p
                        break
                    out[ip] = out[i] * p * (1 - p)
            for i in range(1, limit + 1):
                out[i] += out[i - 1]
    finally:
        PyMem_Free(composite); PyMem_Free(primes)
