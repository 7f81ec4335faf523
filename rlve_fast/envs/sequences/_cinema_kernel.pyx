# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of Cinema (twin: ``Cinema.parse`` and ``Cinema.score``), and its reference
answer (twin: ``cinema.reference_answer``'s Python path; see the section below).

The answer must be exactly two integers (the base parser's list, then a length check: any
other count is upstream's failed unpacking, wrong format).  The pair, a tuple, is compared
with the stored value as Python compares them: equal only to a tuple of the same two ints,
never to a list, so a stored list scores every parsable answer ``wrong``."""
from libc.stdint cimport int64_t, uint32_t, uint64_t

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST
from rlve_fast.envs._config_arrays cimport read_int, INT64_MIN, INT64_MAX


cdef class PairKernel(Kernel):
    cdef int64_t first, second
    cdef bint comparable  # False: the stored value is a list, which no tuple equals
    cdef double correct, wrong

    cdef double score_values(self) except? -2.0:
        if self.n_values != 2:
            return self.no_answer  # "a, b = ..." fails: upstream's wrong format
        if self.comparable and self.values[0] == self.first and self.values[1] == self.second:
            return self.correct
        return self.wrong


def pair_kernel(gold, double correct, double wrong, double wrong_format):
    """The scorer of a stored tuple of two int64s or a stored list (whatever it holds: a
    tuple never equals it), None for any other stored value (the Python scorer compares it)."""
    cdef PairKernel kernel = PairKernel.__new__(PairKernel)
    cdef type kind = type(gold)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.correct, kernel.wrong = correct, wrong
    if kind is list:
        kernel.comparable = False
    elif (kind is tuple and len(<tuple> gold) == 2
          and read_int((<tuple> gold)[0], INT64_MIN, INT64_MAX, &kernel.first)
          and read_int((<tuple> gold)[1], INT64_MIN, INT64_MAX, &kernel.second)):
        kernel.comparable = True
    else:
        return None
    return kernel


# ---------------------------------------------------------------- the reference answer
# A = (K + 1)**(N - 1) * f and B = K**N / g (f, g from the gcd) have up to 4,300 digits.  CPython
# 3.11 writes an int in decimal in quadratic time with a carry chain at every step, and that
# conversion and the powers were most of a generation at the upper levels.  Here each power is
# computed twice by square-and-multiply: in decimal limbs of 10**8 (little-endian), which are
# written out in linear time, and in binary limbs of 2**28, which become the Python int in
# linear time.  A square in either base is a sum of products below 2**56 with no carry inside
# the loop (it vectorises; an AVX2 copy is picked at run time), and its carries are split per
# column so that no long dependency chain remains.
cdef extern from *:
    """
    #include <stdint.h>
    #include <string.h>
    #define CINEMA_BASE 100000000u  /* 10**8: a product of two limbs is below 10**16 */
    #define CINEMA_LIMB_DIGITS 8
    #define CINEMA_MAX_DIGITS 4300  /* Python's limit on int -> str: upstream writes no more */
    /* 540 limbs hold 4,320 digits (K**N before its division by g < 2**32 included).  A square
       is only taken of at most 271 limbs, whose columns sum at most 135 cross products below
       10**16: doubled, plus a square and carries, far below 2**64 */
    #define CINEMA_MAX_LIMBS 540
    #define CINEMA_BUFFER (2 * CINEMA_MAX_LIMBS + 8)

    #if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
    #define CINEMA_AVX2 1  /* a copy of the product loop for AVX2, chosen at run time */
    #else
    #define CINEMA_AVX2 0
    #endif
    static int cinema_use_avx2 = 0;

    /* acc[c] = the sum of x[i] * x[j] over i < j, i + j = c (acc: 2n words), four rows at a
       time so that each acc word is loaded and stored once per four products */
    #define CINEMA_CROSS_PRODUCTS_BODY                                                      \\
        size_t i, j, u, start;                                                            \\
        int r;                                                                            \\
        memset(acc, 0, 2 * n * sizeof(uint64_t));                                         \\
        for (start = 0; start + 4 <= n; start += 4) {                                     \\
            /* rows start + r; a[u] is column 2 start + u, row r meets x[start + u - r] */ \\
            const uint64_t x0 = x[start], x1 = x[start + 1], x2 = x[start + 2], x3 = x[start + 3]; \\
            const uint64_t row[4] = {x0, x1, x2, x3};                                     \\
            uint64_t *a = acc + 2 * start;                                                \\
            const uint32_t *y = x + start;                                                \\
            for (u = 1; u <= 6; u++)  /* the corner, where the later rows have not begun */ \\
                for (r = 0; r < 4; r++)                                                   \\
                    if (u > 2 * (size_t)r && start + u - r < n) a[u] += row[r] * y[u - r]; \\
            for (u = 7; start + u < n; u++)                                               \\
                a[u] += x0 * y[u] + x1 * y[u - 1] + x2 * y[u - 2] + x3 * y[u - 3];        \\
            for (u = n - start > 7 ? n - start : 7; u <= n - start + 2; u++)  /* the end */ \\
                for (r = 1; r < 4; r++)                                                   \\
                    if (u > 2 * (size_t)r && start + u - r < n) a[u] += row[r] * y[u - r]; \\
        }                                                                                 \\
        for (i = start; i + 1 < n; i++)                                                   \\
            for (j = i + 1; j < n; j++) acc[i + j] += (uint64_t)x[i] * x[j];

    static void cinema_cross_products(const uint32_t *x, size_t n, uint64_t *acc) {
        CINEMA_CROSS_PRODUCTS_BODY
    }
    #if CINEMA_AVX2
    __attribute__((target("avx2")))
    static void cinema_cross_products_avx2(const uint32_t *x, size_t n, uint64_t *acc) {
        CINEMA_CROSS_PRODUCTS_BODY
    }
    #endif

    static void cinema_init(void) {
    #if CINEMA_AVX2
        __builtin_cpu_init();
        cinema_use_avx2 = __builtin_cpu_supports("avx2") != 0;
    #endif
    }

    /* out = x * x (n limbs in, the limb count of out returned); acc: 2n words of scratch */
    static size_t cinema_square(const uint32_t *x, size_t n, uint32_t *out, uint64_t *acc) {
        /* column c is v = 2 acc[c] (+ x[c/2]**2) = q0 + q1 B + q2 B**2: q0 stays, q1 and q2
           wait for the next two columns, so the only chain left is a carry of 0 to 2 */
        uint64_t v, t, q0, q1, q2, sum, here = 0, next = 0, carry = 0;
        size_t c;
    #if CINEMA_AVX2
        if (cinema_use_avx2) cinema_cross_products_avx2(x, n, acc);
        else
    #endif
        cinema_cross_products(x, n, acc);
        for (c = 0; c < 2 * n; c++) {
            v = 2 * acc[c];
            if ((c & 1) == 0) v += (uint64_t)x[c / 2] * x[c / 2];
            q0 = v % CINEMA_BASE;
            t = v / CINEMA_BASE;
            q1 = t % CINEMA_BASE;
            q2 = t / CINEMA_BASE;
            sum = q0 + here + carry;  /* below 3 B */
            carry = (sum >= CINEMA_BASE) + (sum >= 2 * (uint64_t)CINEMA_BASE);
            out[c] = (uint32_t)(sum - carry * CINEMA_BASE);
            here = next + q1;
            next = q2;
        }
        c = 2 * n;  /* the square has 2n limbs: nothing is left over */
        while (c > 1 && out[c - 1] == 0) c--;
        return c;
    }

    /* x *= m in place (m < 2**32; x has room for two more limbs) */
    static size_t cinema_multiply_small(uint32_t *x, size_t n, uint64_t m) {
        uint64_t carry = 0, v, sum, high = 0;
        size_t i;
        if (m < CINEMA_BASE) {  /* x[i] m = low + high B with high < B: a carry of 0 or 1 */
            for (i = 0; i < n; i++) {
                v = x[i] * m;
                sum = v % CINEMA_BASE + high + carry;
                high = v / CINEMA_BASE;
                carry = sum >= CINEMA_BASE;
                x[i] = (uint32_t)(sum - carry * CINEMA_BASE);
            }
            carry += high;
        } else {
            for (i = 0; i < n; i++) {
                v = x[i] * m + carry;
                x[i] = (uint32_t)(v % CINEMA_BASE);
                carry = v / CINEMA_BASE;
            }
        }
        while (carry) {
            x[n++] = (uint32_t)(carry % CINEMA_BASE);
            carry /= CINEMA_BASE;
        }
        while (n > 1 && x[n - 1] == 0) n--;
        return n;
    }

    /* x /= d in place (0 < d < 2**32, the caller knows d divides x) */
    static size_t cinema_divide_small(uint32_t *x, size_t n, uint64_t d) {
        uint64_t rest = 0, v;
        size_t i = n;
        while (i-- > 0) {
            v = rest * CINEMA_BASE + x[i];
            x[i] = (uint32_t)(v / d);
            rest = v % d;
        }
        while (n > 1 && x[n - 1] == 0) n--;
        return n;
    }

    /* base**exponent * factor / divisor in decimal limbs into result; the limb count, or 0
       if a number would pass CINEMA_MAX_LIMBS.  base and factor below 2**32, divisor in
       1 .. 2**32 - 1 and dividing the product.  result and spare hold CINEMA_BUFFER limbs,
       acc CINEMA_BUFFER words. */
    static size_t cinema_power(uint64_t base, uint64_t exponent, uint64_t factor, uint64_t divisor,
                               uint32_t *result, uint32_t *spare, uint64_t *acc) {
        uint32_t *x = result, *y = spare, *t;
        size_t n = 1;
        int bit = 63;
        x[0] = 1;
        if (exponent) {
            while (!((exponent >> bit) & 1)) bit--;
            n = cinema_multiply_small(x, n, base);
            while (bit-- > 0) {
                if (n > CINEMA_MAX_LIMBS / 2 + 1) return 0;  /* the square would pass the cap */
                n = cinema_square(x, n, y, acc);
                t = x; x = y; y = t;
                if ((exponent >> bit) & 1) n = cinema_multiply_small(x, n, base);
            }
        }
        n = cinema_multiply_small(x, n, factor);
        if (divisor != 1) n = cinema_divide_small(x, n, divisor);
        if (n > CINEMA_MAX_LIMBS) return 0;
        if (x != result) memcpy(result, x, n * sizeof(uint32_t));
        return n;
    }

    static size_t cinema_digits(const uint32_t *x, size_t n) {
        size_t digits = (n - 1) * CINEMA_LIMB_DIGITS;
        uint32_t top = x[n - 1];
        do { digits++; top /= 10; } while (top);
        return digits;
    }

    /* writes the limbs as decimal digits (no leading zeros); the number of characters */
    static size_t cinema_write(const uint32_t *x, size_t n, char *out) {
        static const char pairs[] =
            "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
            "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
            "8081828384858687888990919293949596979899";
        size_t length = cinema_digits(x, n), i;
        char *p = out + length;  /* written from the last digit back */
        uint32_t v;
        int d;
        for (i = 0; i + 1 < n; i++) {
            v = x[i];
            for (d = 0; d < CINEMA_LIMB_DIGITS / 2; d++) {
                p -= 2;
                memcpy(p, pairs + 2 * (v % 100), 2);
                v /= 100;
            }
        }
        v = x[n - 1];
        do { *--p = (char)('0' + v % 10); v /= 10; } while (v);
        return length;
    }

    /* ------------------------------------------------ binary: limbs of 2**28 in uint32 */
    /* The same product loop as the decimal squares: a product is below 2**56, and a number
       of at most 256 limbs (all that is squared below 10**4320) has at most 128 cross
       products in a column: doubled, and with the column's square, below 2**64. */
    #define CINEMA_BITS 28
    #define CINEMA_MASK ((1u << CINEMA_BITS) - 1)
    #define CINEMA_BINARY_MAX_LIMBS 516  /* 14,448 bits: above 10**4320 */
    #define CINEMA_BINARY_MAX_SQUARED 256
    #if 2 * CINEMA_BINARY_MAX_SQUARED + 4 > CINEMA_BUFFER || 4 * CINEMA_BINARY_MAX_LIMBS > 8 * CINEMA_BUFFER
    #error "the binary limbs must fit the decimal buffers"
    #endif

    static size_t cinema_binary_square(const uint32_t *x, size_t n, uint32_t *out, uint64_t *acc) {
        /* column c is v = 2 acc[c] (+ x[c/2]**2): its three 28-bit pieces go to columns c,
           c + 1 and c + 2, so the only chain left is a carry of a few bits */
        uint64_t v, sum, here = 0, next = 0, carry = 0;
        size_t c;
    #if CINEMA_AVX2
        if (cinema_use_avx2) cinema_cross_products_avx2(x, n, acc);
        else
    #endif
        cinema_cross_products(x, n, acc);
        for (c = 0; c < 2 * n; c++) {
            v = 2 * acc[c];
            if ((c & 1) == 0) v += (uint64_t)x[c / 2] * x[c / 2];
            sum = (v & CINEMA_MASK) + here + carry;
            carry = sum >> CINEMA_BITS;
            out[c] = (uint32_t)(sum & CINEMA_MASK);
            here = next + ((v >> CINEMA_BITS) & CINEMA_MASK);
            next = v >> (2 * CINEMA_BITS);
        }
        c = 2 * n;
        while (c > 1 && out[c - 1] == 0) c--;
        return c;
    }

    /* x *= m in place (m < 2**32; x has room for two more limbs) */
    static size_t cinema_binary_multiply_small(uint32_t *x, size_t n, uint64_t m) {
        uint64_t v, sum, high = 0, carry = 0;
        size_t i;
        for (i = 0; i < n; i++) {
            v = x[i] * m;  /* below 2**60 */
            sum = (v & CINEMA_MASK) + high + carry;
            carry = sum >> CINEMA_BITS;
            x[i] = (uint32_t)(sum & CINEMA_MASK);
            high = v >> CINEMA_BITS;
        }
        carry += high;
        while (carry) {
            x[n++] = (uint32_t)(carry & CINEMA_MASK);
            carry >>= CINEMA_BITS;
        }
        while (n > 1 && x[n - 1] == 0) n--;
        return n;
    }

    /* x /= d in place (0 < d < 2**32, the caller knows d divides x) */
    static size_t cinema_binary_divide_small(uint32_t *x, size_t n, uint64_t d) {
        uint64_t rest = 0, v;
        size_t i = n;
        while (i-- > 0) {
            v = (rest << CINEMA_BITS) | x[i];
            x[i] = (uint32_t)(v / d);
            rest = v % d;
        }
        while (n > 1 && x[n - 1] == 0) n--;
        return n;
    }

    /* cinema_power in limbs of 2**28 (buffers as cinema_power's) */
    static size_t cinema_binary_power(uint64_t base, uint64_t exponent, uint64_t factor, uint64_t divisor,
                                      uint32_t *result, uint32_t *spare, uint64_t *acc) {
        uint32_t *x = result, *y = spare, *t;
        size_t n = 1;
        int bit = 63;
        x[0] = 1;
        if (exponent) {
            while (!((exponent >> bit) & 1)) bit--;
            n = cinema_binary_multiply_small(x, n, base);
            while (bit-- > 0) {
                if (n > CINEMA_BINARY_MAX_SQUARED) return 0;
                n = cinema_binary_square(x, n, y, acc);
                t = x; x = y; y = t;
                if ((exponent >> bit) & 1) n = cinema_binary_multiply_small(x, n, base);
            }
        }
        n = cinema_binary_multiply_small(x, n, factor);
        if (divisor != 1) n = cinema_binary_divide_small(x, n, divisor);
        if (n > CINEMA_BINARY_MAX_LIMBS) return 0;
        if (x != result) memcpy(result, x, n * sizeof(uint32_t));
        return n;
    }

    /* the int of n limbs of 2**28, through its little-endian bytes (linear time) */
    static PyObject *cinema_int_from_limbs(const uint32_t *x, size_t n, unsigned char *bytes) {
        uint64_t buffer = 0;
        int bits = 0;
        size_t length = 0, i;
        for (i = 0; i < n; i++) {
            buffer |= (uint64_t)x[i] << bits;
            bits += CINEMA_BITS;
            if (bits >= 32) {
                bytes[length] = (unsigned char)buffer;
                bytes[length + 1] = (unsigned char)(buffer >> 8);
                bytes[length + 2] = (unsigned char)(buffer >> 16);
                bytes[length + 3] = (unsigned char)(buffer >> 24);
                length += 4;
                buffer >>= 32;
                bits -= 32;
            }
        }
        for (; bits > 0; bits -= 8) {
            bytes[length++] = (unsigned char)buffer;
            buffer >>= 8;
        }
    #if PY_VERSION_HEX >= 0x030D0000
        return PyLong_FromUnsignedNativeBytes(bytes, length,
                                              Py_ASNATIVEBYTES_LITTLE_ENDIAN | Py_ASNATIVEBYTES_UNSIGNED_BUFFER);
    #else
        return _PyLong_FromByteArray(bytes, length, 1, 0);
    #endif
    }

    static uint64_t cinema_gcd(uint64_t a, uint64_t b) {
        uint64_t t;
        while (b) { t = a % b; a = b; b = t; }
        return a;
    }

    /* The reduced fraction's parts: g = gcd(k - n + 1, k**n) (the part of k - n + 1 made of
       k's primes, at most n factors of k) and f = (k - n + 1) / g; and, so that B = k**n / g
       needs no long division, the least t with g | k**t and q = k**t / g when k**t < 2**32
       (t = n + 1 otherwise). */
    typedef struct { uint64_t factor, common, shift, quotient; } cinema_parts;
    static cinema_parts cinema_reduce(uint64_t n, uint64_t k) {
        cinema_parts parts;
        uint64_t free = k - n + 1, rest, d, power = 1, i;
        parts.common = 1;
        rest = free;
        for (i = 0; i < n; i++) {
            d = cinema_gcd(rest, k);
            if (d == 1) break;
            parts.common *= d;
            rest /= d;
        }
        parts.factor = free / parts.common;
        parts.shift = n + 1;
        parts.quotient = 0;
        for (i = 0; i <= n && power < ((uint64_t)1 << 32); i++) {
            if (power % parts.common == 0) {
                parts.shift = i;
                parts.quotient = power / parts.common;
                break;
            }
            power *= k;  /* below 2**64: both factors are below 2**32 */
        }
        return parts;
    }

    /* the work buffers, shared by every call (the GIL is held throughout) and by both bases
       (the binary limbs are fewer than the decimal ones; acc also holds the int's bytes),
       touched once at import so that no generation pays their first page faults */
    static uint32_t cinema_first[CINEMA_BUFFER], cinema_second[CINEMA_BUFFER], cinema_spare[CINEMA_BUFFER];
    static uint32_t cinema_binary[CINEMA_BUFFER];
    static uint64_t cinema_acc[CINEMA_BUFFER];
    static void cinema_touch_buffers(void) {
        memset(cinema_first, 0, sizeof cinema_first);
        memset(cinema_second, 0, sizeof cinema_second);
        memset(cinema_spare, 0, sizeof cinema_spare);
        memset(cinema_binary, 0, sizeof cinema_binary);
        memset(cinema_acc, 0, sizeof cinema_acc);
    }
    """
    enum: CINEMA_MAX_DIGITS
    ctypedef struct cinema_parts:
        uint64_t factor, common, shift, quotient
    uint32_t *cinema_first
    uint32_t *cinema_second
    uint32_t *cinema_spare
    uint64_t *cinema_acc
    uint32_t *cinema_binary
    void cinema_init()
    void cinema_touch_buffers()
    int cinema_use_avx2
    cinema_parts cinema_reduce(uint64_t n, uint64_t k)
    size_t cinema_power(uint64_t base, uint64_t exponent, uint64_t factor, uint64_t divisor,
                        uint32_t *result, uint32_t *spare, uint64_t *acc)
    size_t cinema_binary_power(uint64_t base, uint64_t exponent, uint64_t factor, uint64_t divisor,
                               uint32_t *result, uint32_t *spare, uint64_t *acc)
    size_t cinema_digits(const uint32_t *x, size_t n)
    size_t cinema_write(const uint32_t *x, size_t n, char *out)
    object cinema_int_from_limbs(const uint32_t *x, size_t n, unsigned char *bytes)

from cpython.unicode cimport PyUnicode_New
from libc.math cimport log10
cdef extern from "Python.h":
    void *PyUnicode_DATA(object)

cinema_init()
cinema_touch_buffers()


def uses_avx2():
    """Whether the decimal squares run the AVX2 copy of their product loop (for tests)."""
    return bool(cinema_use_avx2)


def set_avx2(bint enabled):
    """Turn the AVX2 copy off or back on (tests compare both paths; on only where supported)."""
    global cinema_use_avx2
    cinema_init()
    if not enabled:
        cinema_use_avx2 = 0


cdef object binary_power(uint64_t base, uint64_t exponent, uint64_t factor, uint64_t divisor):
    """base**exponent * factor // divisor as a Python int (the caller checked its size)."""
    cdef size_t n = cinema_binary_power(base, exponent, factor, divisor, cinema_binary, cinema_spare, cinema_acc)
    if n == 0:
        raise AssertionError("the binary power passed its cap after the decimal one fitted")
    return cinema_int_from_limbs(cinema_binary, n, <unsigned char *> cinema_acc)


def reference_answer(n, k):
    """(A, B, "A B") as ``cinema.reference_answer``: ValueError when a number has more than
    4,300 digits, None when the inputs are out of this twin's range (not 1 <= n <= k, k + 1
    not below 2**32, or not ints): the Python twin answers those."""
    if type(n) is not int or type(k) is not int or not 1 <= n <= k < 2 ** 32 - 1:
        return None
    cdef uint64_t people = n, seats = k
    if (people - 1) * log10(<double> (seats + 1)) > CINEMA_MAX_DIGITS + 1:  # A alone is too long
        raise ValueError("the fraction has more than %d digits" % CINEMA_MAX_DIGITS)
    cdef cinema_parts parts = cinema_reduce(people, seats)
    # B = k**(n - t) * q where k**t < 2**32 (no division), else k**n / g
    cdef uint64_t exponent = people, factor = 1, divisor = parts.common
    if parts.shift <= people:
        exponent, factor, divisor = people - parts.shift, parts.quotient, 1
    cdef size_t first_limbs, second_limbs, first_length, second_length
    # decimal first: it also tells exactly whether the numbers fit (0: past the cap)
    first_limbs = cinema_power(seats + 1, people - 1, parts.factor, 1, cinema_first, cinema_spare, cinema_acc)
    second_limbs = cinema_power(seats, exponent, factor, divisor, cinema_second, cinema_spare, cinema_acc)
    if first_limbs == 0 or second_limbs == 0:
        raise ValueError("the fraction has more than %d digits" % CINEMA_MAX_DIGITS)
    first_length = cinema_digits(cinema_first, first_limbs)
    second_length = cinema_digits(cinema_second, second_limbs)
    if first_length > CINEMA_MAX_DIGITS or second_length > CINEMA_MAX_DIGITS:
        raise ValueError("the fraction has more than %d digits" % CINEMA_MAX_DIGITS)
    text = PyUnicode_New(first_length + 1 + second_length, 127)
    cdef char *out = <char *> PyUnicode_DATA(text)
    cinema_write(cinema_first, first_limbs, out)
    out[first_length] = b' '
    cinema_write(cinema_second, second_limbs, out + first_length + 1)
    return (binary_power(seats + 1, people - 1, parts.factor, 1),
            binary_power(seats, exponent, factor, divisor), text)
