# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled count of submatrices whose sum is divisible by k (twin:
``plain_count_divisible_submatrices`` in submatrix_sum_divisible_counting.py): for every pair
of boundary rows, the column sums mod k and, along them, prefix sums mod k; equal prefix
residues pair up into divisible runs of columns.  The pairs run over the shorter side (the
count of the transpose is the same): O(min(rows, cols)^2 * max(rows, cols))."""
from cpython.long cimport PyLong_AsLongLongAndOverflow
from libc.stdint cimport int64_t
from libc.stdlib cimport calloc, free, malloc

from rlve_fast._core.clock cimport past


def count_divisible(matrix, int64_t k, double deadline):
    """The count; None once the deadline has passed; -1 when the matrix is not a non-empty
    list of equally long, non-empty lists of ints (the caller then counts in Python).  Needs
    1 <= k <= 2**24."""
    if not (1 <= k <= (1 << 24)):
        raise ValueError("k must lie in [1, 2**24]")
    if type(matrix) is not list or not matrix or type(matrix[0]) is not list or not matrix[0]:
        return -1
    cdef Py_ssize_t rows = len(matrix), cols = len(matrix[0]), top, bottom, c
    cdef int64_t *cells = <int64_t *> malloc(max(1, rows * cols) * sizeof(int64_t))
    cdef int64_t *flipped = <int64_t *> malloc(max(1, rows * cols) * sizeof(int64_t))
    cdef int64_t *column = <int64_t *> malloc((rows + cols) * sizeof(int64_t))
    cdef int64_t *prefix = <int64_t *> malloc((rows + cols + 1) * sizeof(int64_t))
    cdef int64_t *seen = <int64_t *> calloc(k, sizeof(int64_t))
    cdef int64_t total = 0, value, running
    cdef int overflow = 0
    cdef bint ok = True
    if cells == NULL or flipped == NULL or column == NULL or prefix == NULL or seen == NULL:
        free(cells)
        free(flipped)
        free(column)
        free(prefix)
        free(seen)
        raise MemoryError()
    try:
        for top in range(rows):
            row = matrix[top]
            if type(row) is not list or len(row) != cols:
                return -1
            for c in range(cols):
                item = row[c]
                if type(item) is not int:
                    return -1
                value = PyLong_AsLongLongAndOverflow(item, &overflow)
                if overflow:
                    value = item % k  # Python's modulo on a big int
                value %= k
                if value < 0:  # Python's modulo: in [0, k)
                    value += k
                cells[top * cols + c] = value
        if rows > cols:  # pairs of the shorter side's lines
            for top in range(rows):
                for c in range(cols):
                    flipped[c * rows + top] = cells[top * cols + c]
            cells, flipped = flipped, cells
            rows, cols = cols, rows
        with nogil:
            for top in range(rows):
                for c in range(cols):
                    column[c] = 0
                for bottom in range(top, rows):
                    running = 0
                    prefix[0] = 0
                    seen[0] = 1
                    for c in range(cols):
                        column[c] += cells[bottom * cols + c]
                        if column[c] >= k:
                            column[c] -= k
                        running += column[c]
                        if running >= k:
                            running -= k
                        prefix[c + 1] = running
                        total += seen[running]
                        seen[running] += 1
                    for c in range(cols + 1):
                        seen[prefix[c]] = 0
                if past(deadline, 0):
                    ok = False
                    break
        return total if ok else None
    finally:
        free(cells)
        free(flipped)
        free(column)
        free(prefix)
        free(seen)
