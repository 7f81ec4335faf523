# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Fast random grids for generators whose instance is an N x M table of independent draws.

Filling a large table one ``random.random()`` call at a time costs more than everything else
a generator does; these fill it from a xoshiro256** stream seeded with 64 bits drawn from
the problem's own ``random.Random``, so the result still depends only on (environment,
seed).  The distributions are the ones the generators specify: Bernoulli(p) cells
(``u < p`` with u uniform on [0, 1) in steps of 2^-53, as ``random.random()``) and
integers uniform on [low, high]."""
from libc.stdint cimport uint64_t, int64_t


cdef struct Stream:
    uint64_t s[4]


cdef inline uint64_t rotl(uint64_t x, int k) noexcept nogil:
    return (x << k) | (x >> (64 - k))


cdef inline uint64_t next64(Stream *st) noexcept nogil:
    cdef uint64_t result = rotl(st.s[1] * 5, 7) * 9
    cdef uint64_t t = st.s[1] << 17
    st.s[2] ^= st.s[0]
    st.s[3] ^= st.s[1]
    st.s[1] ^= st.s[2]
    st.s[0] ^= st.s[3]
    st.s[2] ^= t
    st.s[3] = rotl(st.s[3], 45)
    return result


cdef void seed_stream(Stream *st, uint64_t seed) noexcept nogil:
    """splitmix64 expands the seed into the four state words."""
    cdef uint64_t z
    cdef int i
    for i in range(4):
        seed += 0x9E3779B97F4A7C15ULL
        z = seed
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL
        st.s[i] = z ^ (z >> 31)


cdef inline int64_t uniform(Stream *st, int64_t low, uint64_t span) noexcept nogil:
    """low + a uniform draw from [0, span) (span >= 1), by rejection of the short tail."""
    cdef uint64_t limit, x = next64(st)
    if span == 0:  # the whole 64-bit range
        return low + <int64_t> x
    limit = (<uint64_t> 0) - ((<uint64_t> 0) - span) % span  # a multiple of span (0: 2^64)
    if limit != 0:
        while x >= limit:
            x = next64(st)
    return low + <int64_t> (x % span)


def bernoulli_rows(rng, Py_ssize_t rows, Py_ssize_t cols, double p):
    """rows x cols list of lists: 1 with probability p, else 0."""
    cdef Stream st
    cdef Py_ssize_t i, j
    seed_stream(&st, rng.getrandbits(64))
    out = []
    for i in range(rows):
        out.append([1 if (next64(&st) >> 11) * (1.0 / 9007199254740992.0) < p else 0 for j in range(cols)])
    return out


def integer_rows(rng, Py_ssize_t rows, Py_ssize_t cols, int64_t low, int64_t high):
    """rows x cols list of lists of integers uniform on [low, high]."""
    cdef Stream st
    cdef Py_ssize_t i, j
    cdef uint64_t span = <uint64_t> (high - low) + 1
    if high < low:
        raise ValueError("empty range")
    seed_stream(&st, rng.getrandbits(64))
    out = []
    for i in range(rows):
        out.append([uniform(&st, low, span) for j in range(cols)])
    return out


def integer_cells(rng, Py_ssize_t rows, Py_ssize_t cols, Py_ssize_t depth, int64_t low, int64_t high):
    """rows x cols x depth nested lists of integers uniform on [low, high]."""
    cdef Stream st
    cdef Py_ssize_t i, j, k
    cdef uint64_t span = <uint64_t> (high - low) + 1
    if high < low:
        raise ValueError("empty range")
    seed_stream(&st, rng.getrandbits(64))
    out = []
    for i in range(rows):
        out.append([[uniform(&st, low, span) for k in range(depth)] for j in range(cols)])
    return out


cdef Py_ssize_t write_int(char *buf, Py_ssize_t at, int64_t v) noexcept:
    cdef char digits[24]
    cdef int k = 0
    cdef uint64_t u
    if v < 0:
        buf[at] = 45
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


def rows_text(list rows, bint spaced=True):
    """``matrix_text`` for a list of lists of ints (each within int64)."""
    cdef Py_ssize_t size = len(rows) + 1, at = 0, i, j
    cdef list row
    for row in rows:
        size += 21 * len(row)
    cdef bytearray out = bytearray(size)
    cdef char *buf = out
    for i in range(len(rows)):
        if i:
            buf[at] = 10
            at += 1
        row = rows[i]
        for j in range(len(row)):
            if j and spaced:
                buf[at] = 32
                at += 1
            at = write_int(buf, at, row[j])
    return out[:at].decode("ascii")


def matrix_text(const int64_t[:, :] table, bint spaced=True):
    """The rows of an int64 table as text: one line per row, numbers separated by a space
    (or not at all when ``spaced`` is false), as ``"\\n".join(" ".join(map(str, row)))``."""
    cdef Py_ssize_t rows = table.shape[0], cols = table.shape[1], i, j, at = 0
    cdef bytearray out = bytearray(rows * cols * 21 + rows + 1)
    cdef char *buf = out
    for i in range(rows):
        if i:
            buf[at] = 10
            at += 1
        for j in range(cols):
            if j and spaced:
                buf[at] = 32
                at += 1
            at = write_int(buf, at, table[i, j])
    return out[:at].decode("ascii")
