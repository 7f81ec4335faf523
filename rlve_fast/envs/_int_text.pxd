# cython: language_level=3
"""Writing integers as decimal text into a byte buffer (the generators' compiled text writers)."""
from libc.stdint cimport int64_t, uint64_t


cdef inline Py_ssize_t write_int(char *buf, Py_ssize_t at, int64_t v) noexcept nogil:
    """Write v in decimal at buf[at] (a leading '-' when negative); the position after it.
    The buffer must have room: at most 20 bytes."""
    cdef char digits[24]
    cdef int k = 0
    cdef uint64_t u
    if v < 0:
        buf[at] = 45  # '-'
        at += 1
        u = (<uint64_t> 0) - <uint64_t> v
    else:
        u = <uint64_t> v
    while True:
        digits[k] = 48 + <char> (u % 10)
        k += 1
        u //= 10
        if u == 0:
            break
    while k:
        k -= 1
        buf[at] = digits[k]
        at += 1
    return at
