from libc.stdint cimport uint64_t


cdef class Words:
    """64-bit words from a random.Random (getrandbits in chunks), and exact uniform draws
    from them; the pure-Python twin is ``Words`` in _draws_py.py (same words, same draws)."""
    cdef object rng
    cdef uint64_t *buffer
    cdef Py_ssize_t size, position, capacity

    cdef int load(self, Py_ssize_t count) except -1
    cdef int refill(self) except -1
    cdef uint64_t word(self) except? 0xFFFFFFFFFFFFFFFF
    cdef uint64_t below(self, uint64_t r) except? 0xFFFFFFFFFFFFFFFF
