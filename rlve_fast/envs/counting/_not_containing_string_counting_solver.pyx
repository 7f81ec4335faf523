# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled n-th term of a linear recurrence modulo a number < 2**31 (twin: ``recurrence_term``
in not_containing_string_counting.py)."""
from libc.stdint cimport uint64_t
from libc.stdlib cimport malloc, free


cdef void _mul_mod(const uint64_t *a, const uint64_t *b, const uint64_t *rec, Py_ssize_t order,
                   uint64_t mod, bint lazy, uint64_t *scratch, uint64_t *out) noexcept nogil:
    """out = a * b modulo x^order - sum_k rec[k] x^(order-1-k), coefficients mod ``mod``
    (``lazy``: sums of 2 * order products fit in 64 bits, reduce once per coefficient)."""
    cdef Py_ssize_t i, j
    cdef uint64_t c
    for i in range(2 * order - 1):
        scratch[i] = 0
    for i in range(order):
        if a[i] == 0:
            continue
        if lazy:
            for j in range(order):
                scratch[i + j] += a[i] * b[j]
        else:
            for j in range(order):
                scratch[i + j] = (scratch[i + j] + a[i] * b[j]) % mod
    for i in range(2 * order - 2, order - 1, -1):
        c = scratch[i] % mod
        if c == 0:
            continue
        # x^i = sum_k rec[k] x^(i-1-k)
        if lazy:
            for j in range(order):
                scratch[i - 1 - j] += c * rec[j]
        else:
            for j in range(order):
                scratch[i - 1 - j] = (scratch[i - 1 - j] + c * rec[j]) % mod
    for i in range(order):
        out[i] = scratch[i] % mod


def recurrence_term(recurrence, initial, n, uint64_t mod):
    """a_n for a_t = sum_k recurrence[k] * a_(t-1-k) (t >= len(recurrence)), a_t = initial[t]
    below that; all mod ``mod``."""
    cdef Py_ssize_t order = len(recurrence), i
    cdef uint64_t *rec = <uint64_t *> malloc(order * sizeof(uint64_t))
    cdef uint64_t *result = <uint64_t *> malloc(order * sizeof(uint64_t))
    cdef uint64_t *base = <uint64_t *> malloc(order * sizeof(uint64_t))
    cdef uint64_t *scratch = <uint64_t *> malloc(2 * order * sizeof(uint64_t))
    cdef uint64_t total = 0
    cdef bint lazy = (<double> mod) * mod * 2 * order < 1.8e19
    if rec == NULL or result == NULL or base == NULL or scratch == NULL:
        free(rec); free(result); free(base); free(scratch)
        raise MemoryError()
    try:
        if n < order:
            return initial[n] % mod
        for i in range(order):
            rec[i] = recurrence[i] % mod
            result[i] = 0
            base[i] = 0
        result[0] = 1 % mod  # the polynomial 1
        if order == 1:
            base[0] = rec[0]  # x = rec[0] modulo (x - rec[0])
        else:
            base[1] = 1 % mod  # the polynomial x
        while n > 0:
            if n & 1:
                _mul_mod(result, base, rec, order, mod, lazy, scratch, result)
            n >>= 1
            if n:
                _mul_mod(base, base, rec, order, mod, lazy, scratch, base)
        for i in range(order):
            total = (total + result[i] * (initial[i] % mod)) % mod
        return total
    finally:
        free(rec); free(result); free(base); free(scratch)
