# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled formatting of integer lists for prompts and reference answers (twin:
``sep.join(map(str, values))``, which gives the same text)."""
from cpython.mem cimport PyMem_Free, PyMem_Malloc
from libc.string cimport memcpy


def join_ints(values, str sep=" "):
    """``sep.join(map(str, values))`` for a sequence of ints."""
    cdef Py_ssize_t n = len(values), i, length = 0, k, digits
    if n == 0:
        return ""
    cdef bytes sep_bytes
    try:
        sep_bytes = sep.encode("ascii")
    except UnicodeEncodeError:
        return sep.join(map(str, values))
    cdef Py_ssize_t sep_len = len(sep_bytes)
    cdef const char *sep_data = sep_bytes
    # 20 characters hold any int64 with its sign
    cdef char *buffer = <char *> PyMem_Malloc(n * (20 + sep_len))
    cdef char scratch[24]
    cdef long long v
    cdef unsigned long long u
    if buffer == NULL:
        raise MemoryError()
    try:
        for i in range(n):
            item = values[i]
            if type(item) is not int or not (-(1 << 62) <= item < (1 << 62)):
                return sep.join(map(str, values))
            v = item
            if i:
                memcpy(buffer + length, sep_data, sep_len)
                length += sep_len
            if v < 0:
                buffer[length] = b'-'
                length += 1
                u = <unsigned long long> (-v)
            else:
                u = <unsigned long long> v
            digits = 0
            while True:
                scratch[digits] = <char> (48 + u % 10)
                digits += 1
                u //= 10
                if u == 0:
                    break
            for k in range(digits):
                buffer[length + k] = scratch[digits - 1 - k]
            length += digits
        return buffer[:length].decode("ascii")
    finally:
        PyMem_Free(buffer)
