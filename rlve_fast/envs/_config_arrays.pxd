# Reading a checked config's integers into C arrays while checking that the kernel can take
# them, in one pass (cimport these; there is no module to build).  Each reader returns 1
# when every value was an int in range and was stored, 0 when the config is unusual (a row
# of the wrong length, a value out of range or not an int): the kernel factory then returns
# None and the Python scorer handles the config.  Configs come through load_config, so the
# values are plain ints; lists and tuples are both walked.
from cpython.long cimport PyLong_AsLongLongAndOverflow
from libc.stdint cimport int64_t

cdef extern from "<stdint.h>":
    const int64_t INT64_MIN
    const int64_t INT64_MAX


cdef inline int read_int(object value, int64_t lo, int64_t hi, int64_t *out) except -1:
    """Store ``value`` in ``out[0]`` if it is an int in lo..hi."""
    cdef int overflow = 0
    cdef long long x
    if type(value) is not int:
        return 0
    x = PyLong_AsLongLongAndOverflow(value, &overflow)
    if overflow or x < lo or x > hi:
        return 0
    out[0] = x
    return 1


cdef inline int read_ints(object values, Py_ssize_t count, int64_t lo, int64_t hi,
                          int64_t *out) except -1:
    """``count`` ints in lo..hi (``values`` of any other length is unusual)."""
    cdef Py_ssize_t i = 0
    if len(values) != count:
        return 0
    for value in values:
        if not read_int(value, lo, hi, out + i):
            return 0
        i += 1
    return 1


cdef inline int read_rows(object rows, Py_ssize_t n_rows, Py_ssize_t n_cols, int64_t lo, int64_t hi,
                          int64_t *out) except -1:
    """An n_rows x n_cols table of ints in lo..hi, row-major."""
    cdef Py_ssize_t r = 0
    if len(rows) != n_rows:
        return 0
    for row in rows:
        if not read_ints(row, n_cols, lo, hi, out + r * n_cols):
            return 0
        r += 1
    return 1


cdef inline Py_ssize_t symbol_index(str alphabet, Py_UCS4 symbol) noexcept:
    cdef Py_ssize_t k
    for k in range(len(alphabet)):
        if alphabet[k] == symbol:
            return k
    return -1


cdef inline int read_symbol_rows(object rows, Py_ssize_t n_rows, Py_ssize_t n_cols, str alphabet,
                                 unsigned char *out) except -1:
    """n_rows rows of n_cols symbols of ``alphabet`` (each row a str, or a list of
    one-character strs), stored row-major as their indices in the alphabet."""
    cdef Py_ssize_t r = 0, c, k
    cdef Py_UCS4 symbol
    if len(rows) != n_rows:
        return 0
    for row in rows:
        if len(row) != n_cols:
            return 0
        c = r * n_cols
        if type(row) is str:
            for symbol in <str> row:
                k = symbol_index(alphabet, symbol)
                if k < 0:
                    return 0
                out[c] = <unsigned char> k
                c += 1
        else:
            for item in row:
                if type(item) is not str or len(<str> item) != 1:
                    return 0
                k = symbol_index(alphabet, (<str> item)[0])
                if k < 0:
                    return 0
                out[c] = <unsigned char> k
                c += 1
        r += 1
    return 1


cdef inline int absolute_sum_below(const int64_t *values, Py_ssize_t count, int64_t limit) noexcept:
    """1 if the absolute values of values[0:count] (each above -2^63) add up to less than
    ``limit`` (at most 2^62, so the running total cannot overflow)."""
    cdef int64_t total = 0
    cdef Py_ssize_t i
    for i in range(count):
        total += values[i] if values[i] >= 0 else -values[i]
        if total >= limit:
            return 0
    return 1
