# cython: language_level=3
"""Modular arithmetic on machine words for the compiled counting solvers."""
from libc.stdint cimport int64_t


cdef inline int64_t pow_mod(int64_t base, int64_t exponent, int64_t mod) noexcept nogil:
    """base**exponent mod ``mod`` by squaring; ``mod`` below 2**31 (products fit 63 bits)."""
    cdef int64_t result = 1 % mod
    base %= mod
    while exponent > 0:
        if exponent & 1:
            result = result * base % mod
        base = base * base % mod
        exponent >>= 1
    return result
