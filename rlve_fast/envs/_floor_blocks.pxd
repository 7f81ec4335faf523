# Runs of g over which floor(n / g) and floor(m / g) both stay constant, for the grouped
# divisor sums of the number-theory solvers (a declaration-only module, like _core/clock.pxd).
from libc.stdint cimport uint64_t


cdef inline uint64_t block_end(uint64_t n, uint64_t m, uint64_t l, bint *from_n) noexcept nogil:
    """The last g >= l with floor(n/g) = floor(n/l) and floor(m/g) = floor(m/l) (1 <= l <= n, m).
    It is a value floor(n/j) when ``from_n`` comes back true, else a value floor(m/j)."""
    cdef uint64_t rn = n // (n // l), rm = m // (m // l)
    from_n[0] = rn <= rm
    return rn if rn <= rm else rm
