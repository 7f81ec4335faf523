from libc.stdint cimport uint64_t


cdef class Words:
    """64-bit words of a xoshiro256** stream seeded with 256 bits of a random.Random, and
    exact uniform draws from them; the pure-Python twin is ``Words`` in _draws_py.py (same
    words, same draws)."""
    cdef uint64_t s0, s1, s2, s3

    cdef uint64_t word(self) noexcept nogil
    cdef uint64_t below(self, uint64_t r) noexcept nogil
