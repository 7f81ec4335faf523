# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Sudoku generation, compiled: the planted grid, its blanked copy and their texts.

Grids reach 1024 x 1024 cells, so everything per cell happens here: the grid is read off
the standard pattern through the drawn row, column and digit orders, the blanks are a
uniform random set of cells (Floyd's sampling of the blanks or of the kept cells, whichever
are fewer, from a splitmix64 stream seeded by the caller's generator), the rows become lists that share one int object per digit, and the
texts are written straight into str storage."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from cpython.list cimport PyList_New, PyList_SET_ITEM, PyList_GET_ITEM
from cpython.object cimport PyObject
from cpython.ref cimport Py_INCREF
from libc.stdint cimport uint64_t, uint32_t, int32_t
from libc.string cimport memcpy, memset

cdef extern from "Python.h":
    object PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    void *PyUnicode_DATA(object o)
    bint PyList_CheckExact(object o)
    bint PyLong_CheckExact(PyObject *o)
    Py_ssize_t PyList_GET_SIZE(object o)
    long PyLong_AsLongAndOverflow(PyObject *o, int *overflow) except? -1
    void incref "Py_INCREF"(PyObject *o)
    void set_item "PyList_SET_ITEM"(object list, Py_ssize_t i, PyObject *o)  # steals the reference

DEF MAX_SIDE = 4096  # at most 4 decimal digits a value


cdef inline uint64_t splitmix(uint64_t *state) noexcept nogil:
    cdef uint64_t z
    state[0] += 0x9E3779B97F4A7C15ULL
    z = state[0]
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL
    return z ^ (z >> 31)


cdef inline uint32_t below(uint64_t *state, uint32_t bound) noexcept nogil:
    """Uniform in 0..bound-1 (Lemire's multiply-and-shift, rejecting the uneven part)."""
    cdef uint64_t product = (splitmix(state) >> 32) * bound
    cdef uint32_t low = <uint32_t> product, threshold
    if low < bound:
        threshold = (<uint32_t> 0 - bound) % bound
        while low < threshold:
            product = (splitmix(state) >> 32) * bound
            low = <uint32_t> product
    return <uint32_t> (product >> 32)


cdef class Digits:
    """The decimal spellings of 0..n (n <= 9999), each in a 4-byte slot, for writing grids."""
    cdef char *chars
    cdef unsigned char *length
    cdef int n

    def __cinit__(self, int n):
        cdef int v
        cdef bytes spelled
        if not 0 <= n <= 9999:
            raise ValueError("digits up to 9999")
        self.n = n
        self.chars = <char *> PyMem_Malloc((n + 1) * 4)
        self.length = <unsigned char *> PyMem_Malloc(n + 1)
        if not (self.chars and self.length):
            raise MemoryError()
        for v in range(n + 1):
            spelled = str(v).encode()
            self.length[v] = len(spelled)
            memset(self.chars + 4 * v, 32, 4)
            memcpy(self.chars + 4 * v, <char *> spelled, len(spelled))

    def __dealloc__(self):
        PyMem_Free(self.chars)
        PyMem_Free(self.length)

    cdef str text(self, const int32_t *values, Py_ssize_t rows, Py_ssize_t cols):
        """Rows of values, spaces between them and newlines between rows."""
        cdef Py_ssize_t size = 0, i, j, at = 0, last = rows * cols - 1
        cdef int v
        cdef char *out
        cdef char *scratch
        for i in range(rows * cols):
            size += self.length[values[i]] + 1
        size -= 1  # no separator after the last value
        # every value is written as its whole 4-byte slot, then the cursor moves past the
        # digits and one separator: a fixed-size copy, with 4 bytes of slack at the end
        scratch = <char *> PyMem_Malloc(size + 8)
        if scratch == NULL:
            raise MemoryError()
        with nogil:
            for i in range(rows):
                for j in range(cols):
                    v = values[i * cols + j]
                    memcpy(scratch + at, self.chars + 4 * v, 4)
                    at += self.length[v]
                    scratch[at] = 32
                    at += 1
                scratch[at - 1] = 10
        text = PyUnicode_New(size, 127)
        out = <char *> PyUnicode_DATA(text)
        memcpy(out, scratch, size)
        PyMem_Free(scratch)
        return text


def planted(int box_rows, int box_cols, row_order, col_order, digits, bint transpose, Py_ssize_t blanks,
            uint64_t seed):
    """(the blanked grid as lists of ints, the full grid's text) for the standard pattern
    (row r starts its cycle at box_cols * (r mod box_rows) + r div box_rows) with rows,
    columns and digits reordered, transposed if asked, ``blanks`` random cells set to 0."""
    cdef int n = box_rows * box_cols, r, c, a, start, v
    cdef Py_ssize_t cells = <Py_ssize_t> n * n, i, j, t, chosen
    cdef int32_t *grid
    cdef int32_t *work
    cdef int *rows_at
    cdef int *cols_at
    cdef int *digit
    cdef char *mark
    cdef uint64_t state = seed
    cdef bint keep_marked
    if not 1 <= n <= MAX_SIDE or not 0 <= blanks <= cells:
        raise ValueError("the grid side must lie in 1..4096 and the blanks in 0..side^2")
    if len(row_order) != n or len(col_order) != n or len(digits) != n:
        raise ValueError("orders and digits must have one entry per row, column and digit")
    grid = <int32_t *> PyMem_Malloc(cells * sizeof(int32_t))
    work = <int32_t *> PyMem_Malloc(cells * sizeof(int32_t))
    mark = <char *> PyMem_Malloc(cells)
    rows_at = <int *> PyMem_Malloc(3 * n * sizeof(int))
    if not (grid and work and mark and rows_at):
        PyMem_Free(grid)
        PyMem_Free(work)
        PyMem_Free(mark)
        PyMem_Free(rows_at)
        raise MemoryError()
    cols_at = rows_at + n
    digit = cols_at + n
    try:
        for r in range(n):
            rows_at[r], cols_at[r], digit[r] = row_order[r], col_order[r], digits[r]
            if not (0 <= rows_at[r] < n and 0 <= cols_at[r] < n and 1 <= digit[r] <= n):
                raise ValueError("orders must hold 0..side-1 and digits 1..side")
        for r in range(n):
            a = rows_at[r]
            start = box_cols * (a % box_rows) + a // box_rows
            for c in range(n):
                v = start + cols_at[c]
                grid[r * n + c] = digit[v - n if v >= n else v]
        if transpose:
            for r in range(n):
                for c in range(n):
                    work[c * n + r] = grid[r * n + c]
            grid, work = work, grid
        reference = Digits(n).text(grid, n, n)
        # Floyd's sampling of min(blanks, cells - blanks) distinct cells: the blanks, or the
        # cells that keep their digit
        keep_marked = blanks > cells - blanks
        chosen = cells - blanks if keep_marked else blanks
        memset(mark, 0, cells)
        with nogil:
            for j in range(cells - chosen, cells):
                t = <Py_ssize_t> below(&state, <uint32_t> (j + 1))
                if mark[t]:
                    mark[j] = 1
                else:
                    mark[t] = 1
            for i in range(cells):
                if mark[i] != keep_marked:
                    grid[i] = 0
        return lists(grid, n), reference
    finally:
        PyMem_Free(grid)
        PyMem_Free(work)
        PyMem_Free(mark)
        PyMem_Free(rows_at)


cdef list lists(const int32_t *grid, int n):
    """The rows as lists; every cell of one digit refers to one int object."""
    cdef list ints = list(range(n + 1))
    cdef PyObject **table = <PyObject **> PyMem_Malloc((n + 1) * sizeof(PyObject *))
    cdef list rows = PyList_New(n)
    cdef PyObject *item
    cdef int r, c
    if table == NULL:
        raise MemoryError()
    for r in range(n + 1):
        table[r] = <PyObject *> ints[r]
    for r in range(n):
        row = PyList_New(n)
        for c in range(n):
            item = table[grid[r * n + c]]
            incref(item)
            set_item(row, c, item)
        Py_INCREF(row)
        PyList_SET_ITEM(rows, r, row)
    PyMem_Free(table)
    return rows


def grid_text(rows, int largest):
    """The rows' text (as ``rows_text``) when ``rows`` is a list of equally long lists of
    ints in 0..largest (at most 9999); None otherwise (the caller's general writer handles those)."""
    cdef Py_ssize_t n, m, i, j
    cdef int32_t *values
    cdef PyObject *item
    cdef int overflow
    cdef long v
    if not PyList_CheckExact(rows) or not 0 <= largest <= 9999:
        return None
    n = PyList_GET_SIZE(rows)
    if n == 0:
        return None
    first = <object> PyList_GET_ITEM(rows, 0)
    if not PyList_CheckExact(first):
        return None
    m = PyList_GET_SIZE(first)
    if m == 0:
        return None
    values = <int32_t *> PyMem_Malloc(n * m * sizeof(int32_t))
    if values == NULL:
        raise MemoryError()
    try:
        for i in range(n):
            row = <object> PyList_GET_ITEM(rows, i)
            if not PyList_CheckExact(row) or PyList_GET_SIZE(row) != m:
                return None
            for j in range(m):
                item = PyList_GET_ITEM(row, j)
                if not PyLong_CheckExact(item):
                    return None
                v = PyLong_AsLongAndOverflow(item, &overflow)
                if overflow or not 0 <= v <= largest:
                    return None
                values[i * m + j] = <int32_t> v
        return Digits(largest).text(values, n, m)
    finally:
        PyMem_Free(values)
