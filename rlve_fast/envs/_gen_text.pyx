# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled formatting of integer lists for prompts and reference answers (twins in
_generation.py: ``sep.join(map(str, values))`` and the same per row, which give the same text)."""
from cpython.long cimport PyLong_AsLongLongAndOverflow
from cpython.mem cimport PyMem_Free, PyMem_Malloc, PyMem_Realloc
from libc.string cimport memcpy


cdef class _Text:
    """A growing ASCII buffer."""
    cdef char *data
    cdef Py_ssize_t length, capacity

    def __cinit__(self, Py_ssize_t capacity):
        self.capacity = max(capacity, 64)
        self.data = <char *> PyMem_Malloc(self.capacity)
        if self.data == NULL:
            raise MemoryError()
        self.length = 0

    def __dealloc__(self):
        PyMem_Free(self.data)

    cdef int reserve(self, Py_ssize_t extra) except -1:
        cdef char *grown
        if self.length + extra > self.capacity:
            self.capacity = 2 * (self.length + extra)
            grown = <char *> PyMem_Realloc(self.data, self.capacity)
            if grown == NULL:
                raise MemoryError()
            self.data = grown
        return 0

    cdef int put(self, const char *text, Py_ssize_t size) except -1:
        self.reserve(size)
        memcpy(self.data + self.length, text, size)
        self.length += size
        return 0

    cdef int put_int(self, long long v) except -1:
        """The decimal digits of v (|v| < 2**62), with a minus sign if negative."""
        cdef char scratch[24]
        cdef int digits = 0, k
        cdef unsigned long long u
        self.reserve(21)
        if v < 0:
            self.data[self.length] = b'-'
            self.length += 1
            u = <unsigned long long> (-v)
        else:
            u = <unsigned long long> v
        while True:
            scratch[digits] = <char> (48 + u % 10)
            digits += 1
            u //= 10
            if u == 0:
                break
        for k in range(digits):
            self.data[self.length + k] = scratch[digits - 1 - k]
        self.length += digits
        return 0

    cdef str text(self):
        return self.data[:self.length].decode("ascii")


cdef inline bint _small_int(object item, long long *out) except -1:
    """Whether ``item`` is an int with |item| < 2**62 (then stored in ``out``)."""
    cdef int overflow = 0
    cdef long long v
    if type(item) is not int:
        return False
    v = PyLong_AsLongLongAndOverflow(item, &overflow)
    if overflow or not (-(1LL << 62) <= v < (1LL << 62)):
        return False
    out[0] = v
    return True


def join_ints(values, str sep=" "):
    """``sep.join(map(str, values))`` for a sequence of ints."""
    cdef Py_ssize_t n = len(values), i
    if n == 0:
        return ""
    if not sep.isascii():
        return sep.join(map(str, values))
    cdef bytes sep_bytes = sep.encode("ascii")
    cdef _Text out = _Text(n * (8 + len(sep_bytes)))
    cdef long long v
    for i in range(n):
        if not _small_int(values[i], &v):
            return sep.join(map(str, values))
        if i:
            out.put(sep_bytes, len(sep_bytes))
        out.put_int(v)
    return out.text()


def join_rows(rows, str sep=", ", str start="(", str end=")", str line="\n"):
    """``line.join(start + sep.join(map(str, row)) + end for row in rows)`` for rows of ints."""
    cdef Py_ssize_t n = len(rows), i, j, width
    if n == 0:
        return ""
    if not (sep.isascii() and start.isascii() and end.isascii() and line.isascii()):
        return line.join([start + sep.join(map(str, row)) + end for row in rows])
    cdef bytes b_sep = sep.encode("ascii"), b_start = start.encode("ascii")
    cdef bytes b_end = end.encode("ascii"), b_line = line.encode("ascii")
    cdef _Text out = _Text(n * 24)
    cdef long long v
    for i in range(n):
        row = rows[i]
        if type(row) is not list and type(row) is not tuple:
            return line.join([start + sep.join(map(str, row)) + end for row in rows])
        if i:
            out.put(b_line, len(b_line))
        out.put(b_start, len(b_start))
        width = len(row)
        for j in range(width):
            if not _small_int(row[j], &v):
                return line.join([start + sep.join(map(str, row)) + end for row in rows])
            if j:
                out.put(b_sep, len(b_sep))
            out.put_int(v)
        out.put(b_end, len(b_end))
    return out.text()
