# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled shape counts of NoDoubleTripleCounting modulo a prime below 2**62 (twin:
``shape_counts`` in no_double_triple_counting.py)."""
from libc.stdint cimport uint64_t
from libc.stdlib cimport calloc, free



cdef inline int _row_length(long long s) noexcept nogil:
    cdef int count = 0
    cdef long long p = 1
    while p <= s:
        count += 1
        p *= 3
    return count


def shape_counts_mod(smooth, uint64_t prime):
    """For the ascending 3-smooth numbers ``smooth`` (closed under s -> largest 3-smooth
    <= s // 2), the number of valid subsets of each shape {(i, j): 2^i 3^j <= s}, mod
    ``prime`` (< 2**62)."""
    cdef Py_ssize_t count = len(smooth), a, b, parent
    cdef list rows = [None] * count   # bottom-row tables, as addresses of uint64_t arrays
    cdef list out = []
    cdef uint64_t *table
    cdef uint64_t *sums = NULL
    cdef uint64_t *below
    cdef uint64_t total, v
    cdef long long s
    cdef int length, parent_length, bit
    cdef Py_ssize_t size, parent_size, m, u
    index = {value: i for i, value in enumerate(smooth)}
    try:
        for a in range(count):
            s = smooth[a]
            length = _row_length(s)
            size = (<Py_ssize_t> 1) << length
            table = <uint64_t *> calloc(size, sizeof(uint64_t))
            if table == NULL:
                raise MemoryError()
            rows[a] = <size_t> table
            # the rows above the bottom one form the shape of s // 2
            parent = -1
            b = a - 1
            while b >= 0 and smooth[b] > s // 2:
                b -= 1
            parent = b
            if parent < 0:
                for m in range(size):
                    if not (m & (m << 1)):
                        table[m] = 1
            else:
                below = <uint64_t *> <size_t> rows[parent]
                parent_length = _row_length(smooth[parent])
                parent_size = (<Py_ssize_t> 1) << parent_length
                sums = <uint64_t *> calloc(parent_size, sizeof(uint64_t))
                if sums == NULL:
                    raise MemoryError()
                for u in range(parent_size):
                    sums[u] = below[u]
                for bit in range(parent_length):  # sums[U] = total over masks inside U
                    for u in range(parent_size):
                        if u >> bit & 1:
                            v = sums[u] + sums[u ^ (1 << bit)]
                            sums[u] = v - prime if v >= prime else v
                for m in range(size):
                    if not (m & (m << 1)):
                        table[m] = sums[(parent_size - 1) & ~m]
                free(sums)
                sums = NULL
            total = 0
            for m in range(size):
                v = total + table[m]
                total = v - prime if v >= prime else v
            out.append(total)
        return out
    finally:
        free(sums)
        for p in rows:
            if p is not None:
                free(<void *> <size_t> p)
