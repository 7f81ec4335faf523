from libc.stdint cimport uint64_t


cdef class Words:
    """64-bit words of a xoshiro256** stream seeded with 256 bits of a random.Random, and
    exact uniform draws from them; the pure-Python twin is ``Words`` in _draws_py.py (same
    words, same draws).  Every 4096th word checks the generation deadline (GenerationTimeout
    once it has passed), and so does ``tick`` for loops that draw nothing."""
    cdef uint64_t s0, s1, s2, s3
    cdef double deadline      # the generation budget's, read once (rlve_fast.deadline)
    cdef long long drawn

    cdef uint64_t word(self) except? 0xFFFFFFFFFFFFFFFF
    cdef uint64_t below(self, uint64_t r) except? 0xFFFFFFFFFFFFFFFF
    cdef int tick(self, long long step) except -1
    cdef int permute(self, int *items, Py_ssize_t n) except -1
