# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Fast random grids for generators whose instance is an N x M table of independent draws.

Filling a large table one ``random.random()`` call at a time costs more than everything else
a generator does; these fill it from a xoshiro256** stream seeded with 64 bits drawn from
the problem's own ``random.Random``, so the result still depends only on (environment,
seed).  The distributions are the ones the generators specify: Bernoulli(p) cells
(``u < p`` with u uniform on [0, 1) in steps of 2^-53, as ``random.random()``) and
integers uniform on [low, high]."""
from libc.stdint cimport uint64_t, int64_t

from rlve_fast.envs.grids._stream cimport Stream, next64, seed_stream, uniform
from rlve_fast.envs._int_text cimport write_int


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
