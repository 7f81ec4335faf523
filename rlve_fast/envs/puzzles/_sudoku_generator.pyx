# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Sudoku generation, compiled: the planted grid, its blanked copy and their texts.

Grids reach 1024 x 1024 cells, so everything per cell happens here, from one splitmix64
stream seeded by the caller's generator: the digit relabelling and the row and column orders
(uniform shuffles within and across bands and stacks), the blanks (a uniform set of cells:
Floyd's sampling of the blanks or of the kept cells, whichever are fewer), then one pass
over the cells that reads each off the standard pattern, writes the reference text straight
into str storage and fills the rows, lists sharing one int object per digit (its reference
count raised once).  ``grid_text`` writes the prompt's grid, reading small ints directly."""
cimport cython
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from cpython.list cimport PyList_New, PyList_SET_ITEM, PyList_GET_ITEM
from cpython.object cimport PyObject
from cpython.ref cimport Py_INCREF
from libc.stdint cimport uint64_t, uint32_t, int32_t, uint8_t
from libc.string cimport memcpy, memset

cdef extern from "Python.h":
    object PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    void *PyUnicode_DATA(object o)
    bint PyList_CheckExact(object o)
    bint PyLong_CheckExact(PyObject *o)
    Py_ssize_t PyList_GET_SIZE(object o)

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


cdef extern from *:
    """
    /* Reading a small non-negative int: the value of a compact int straight from its
       object (each cell of a large grid would otherwise go through PyLong_AsLong). */
    static inline int rlve_small_int(PyObject *o, long *value) {
    #if PY_VERSION_HEX >= 0x030C0000
        if (!_PyLong_IsCompact((PyLongObject *) o)) return 0;
        *value = (long) _PyLong_CompactValue((PyLongObject *) o);
        return 1;
    #else
        /* size 0 (zero: its one digit slot is allocated but may hold anything) or 1; the
           digit masked rather than branched on, as blanks and digits alternate at random */
        Py_ssize_t size = Py_SIZE(o);
        if ((size_t) size > 1) return 0;   /* negative, or at least 2^30 */
        *value = (long) ((PyLongObject *) o)->ob_digit[0] & -(long) size;
        return 1;
    #endif
    }
    /* Adding `count` references to one object at once (every cell of a digit shares it);
       from 3.12 on small ints are immortal and their count must not be touched directly. */
    static inline void rlve_add_refs(PyObject *o, Py_ssize_t count) {
    #if PY_VERSION_HEX >= 0x030C0000
        for (Py_ssize_t i = 0; i < count; i++) Py_INCREF(o);
    #else
        Py_SET_REFCNT(o, Py_REFCNT(o) + count);
    #endif
    }
    """
    int rlve_small_int(PyObject *o, long *value)
    void rlve_add_refs(PyObject *o, Py_ssize_t count)


@cython.final
cdef class Digits:
    """The decimal spellings of 0..n (n <= 9999), each in a 4-byte slot, for writing grids."""
    cdef char *chars
    cdef unsigned char *length
    cdef int n

    def __cinit__(self, int n):
        cdef int v, x, k
        if not 0 <= n <= 9999:
            raise ValueError("digits up to 9999")
        self.n = n
        self.chars = <char *> PyMem_Malloc((n + 1) * 4)
        self.length = <unsigned char *> PyMem_Malloc(n + 1)
        if not (self.chars and self.length):
            raise MemoryError()
        for v in range(n + 1):
            k = 1 if v < 10 else 2 if v < 100 else 3 if v < 1000 else 4
            self.length[v] = k
            memset(self.chars + 4 * v, 32, 4)
            x = v
            while k:
                k -= 1
                self.chars[4 * v + k] = 48 + x % 10
                x //= 10

    def __dealloc__(self):
        PyMem_Free(self.chars)
        PyMem_Free(self.length)

    cdef inline Py_ssize_t put(self, char *out, Py_ssize_t at, int v) noexcept nogil:
        """Writes v's whole 4-byte slot at ``at`` (the caller leaves room), returns the
        position after its digits."""
        memcpy(out + at, self.chars + 4 * v, 4)
        return at + self.length[v]


cdef inline uint32_t _shuffle(uint64_t *state, int *items, int count) noexcept nogil:
    """Fisher-Yates: a uniform permutation of ``items`` in place."""
    cdef int i, j, held
    for i in range(count - 1, 0, -1):
        j = below(state, <uint32_t> (i + 1))
        held = items[i]
        items[i] = items[j]
        items[j] = held
    return 0


cdef void _grouped_order(uint64_t *state, int *order, int *blocks, int n, int size) noexcept nogil:
    """An order of 0..n-1 keeping blocks of ``size`` together: the blocks in a uniform random
    order, each block's members in a uniform random order (as shuffling each group and then
    the groups)."""
    cdef int b, i, count = n // size
    for b in range(count):
        blocks[b] = b
    _shuffle(state, blocks, count)
    for b in range(count):
        for i in range(size):
            order[b * size + i] = blocks[b] * size + i
        _shuffle(state, order + b * size, size)


cdef inline bint marked(const uint8_t *mark, Py_ssize_t cell) noexcept nogil:
    return (mark[cell >> 3] >> (cell & 7)) & 1


cdef inline Py_ssize_t fill_row(PyObject **items, const int32_t *row_pattern, const int32_t *across,
                                const uint8_t *mark, Py_ssize_t first, bint keep_marked, PyObject **table,
                                Py_ssize_t *uses,
                                Digits spell, char *out, Py_ssize_t at, int n, bint final) noexcept:
    """One row, cells ``first``.. of the grid (their marks: bits of ``mark``): the cells'
    ints (0 where blanked, references to digits counted in ``uses``) into
    ``items`` and its digits with their separators into ``out`` from ``at``; returns where
    the next row starts.  Values go in as whole 4-byte slots, which fit before the text's
    end except the final row's last one, copied byte by byte."""
    cdef int c, v, kept
    for c in range(n):
        v = row_pattern[across[c]]
        kept = marked(mark, first + c) == keep_marked
        items[c] = table[v * kept]  # no branch: blanks fall at random
        # a row holds each digit once: no chain of updates to one count (the blanks' count,
        # the zeros', is known and set by the caller)
        uses[v] += kept
        if final and c == n - 1:
            memcpy(out + at, spell.chars + 4 * v, spell.length[v])
            return at + spell.length[v]
        at = spell.put(out, at, v)
        out[at] = 32
        at += 1
    out[at - 1] = 10
    return at


def planted(int box_rows, int box_cols, bint transpose, Py_ssize_t blanks, uint64_t seed):
    """(the blanked grid as lists of ints, the full grid's text): the standard pattern (row r
    starts its cycle at box_cols * (r mod box_rows) + r div box_rows) with its digits
    relabelled, its rows and columns reordered within and across bands and stacks (all
    uniform, from a splitmix64 stream seeded by ``seed``), transposed if asked, and
    ``blanks`` uniformly chosen cells set to 0."""
    cdef int n = box_rows * box_cols, r, a, v
    cdef Py_ssize_t cells = <Py_ssize_t> n * n, j, t, chosen, at = 0, size, line_length = 0
    cdef int *buffer
    cdef int *digit
    cdef int *row_order
    cdef int *col_order
    cdef int *blocks
    cdef int32_t *across      # cell (r, c) holds pattern[shift[r] + across[c]]
    cdef int32_t *shift
    cdef int32_t *pattern     # the relabelled digits twice over: no wrap-around test
    cdef Py_ssize_t *uses
    cdef uint8_t *mark        # a bit per cell (a byte each would be fresh pages on large grids)
    cdef char *out
    cdef PyObject **table
    cdef uint64_t state = seed
    cdef bint keep_marked
    cdef Digits spell
    cdef list ints, rows
    if box_rows < 2 or box_cols < 2 or box_rows * <Py_ssize_t> box_cols > MAX_SIDE:
        raise ValueError("box sides of at least 2 and a grid side up to 4096 only")
    if not 0 <= blanks <= cells:
        raise ValueError("the blanks must lie in 0..side^2")
    # the counts and the int objects first (8-byte entries), then the int arrays
    uses = <Py_ssize_t *> PyMem_Malloc((n + 1) * sizeof(Py_ssize_t) + (n + 1) * sizeof(PyObject *)
                                       + 8 * n * sizeof(int))
    mark = <uint8_t *> PyMem_Malloc(cells // 8 + 1)
    if not (uses and mark):
        PyMem_Free(uses)
        PyMem_Free(mark)
        raise MemoryError()
    table = <PyObject **> (uses + n + 1)
    buffer = <int *> (table + n + 1)
    digit, row_order, col_order, blocks = buffer, buffer + n, buffer + 2 * n, buffer + 3 * n
    across, shift, pattern = <int32_t *> (buffer + 4 * n), <int32_t *> (buffer + 5 * n), <int32_t *> (buffer + 6 * n)
    try:
        spell = Digits(n)
        ints = list(range(n + 1))
        for v in range(n + 1):
            table[v] = <PyObject *> ints[v]
            uses[v] = 0
        with nogil:
            for v in range(n):
                digit[v] = v + 1
            _shuffle(&state, digit, n)
            _grouped_order(&state, row_order, blocks, n, box_rows)
            _grouped_order(&state, col_order, blocks, n, box_cols)
            for v in range(2 * n):
                pattern[v] = digit[v - n if v >= n else v]
            # before transposing, cell (r, c) holds pattern[start(row_order[r]) + col_order[c]];
            # transposed, cell (r, c) holds what (c, r) held
            for r in range(n):
                a = row_order[r]
                if transpose:
                    shift[r], across[r] = col_order[r], box_cols * (a % box_rows) + a // box_rows
                else:
                    shift[r], across[r] = box_cols * (a % box_rows) + a // box_rows, col_order[r]
            # Floyd's sampling of min(blanks, cells - blanks) distinct cells: the blanks, or
            # the cells that keep their digit
            keep_marked = blanks > cells - blanks
            chosen = cells - blanks if keep_marked else blanks
            memset(mark, 0, cells // 8 + 1)
            for j in range(cells - chosen, cells):
                t = <Py_ssize_t> below(&state, <uint32_t> (j + 1))
                if marked(mark, t):
                    mark[j >> 3] |= 1 << (j & 7)
                else:
                    mark[t >> 3] |= 1 << (t & 7)
            for v in range(1, n + 1):
                line_length += spell.length[v] + 1
        # every row holds each digit once: the reference's length is known before writing it
        size = n * line_length - 1
        reference = PyUnicode_New(size, 127)
        out = <char *> PyUnicode_DATA(reference)
        rows = PyList_New(n)
        for r in range(n):
            row = PyList_New(n)
            Py_INCREF(row)
            PyList_SET_ITEM(rows, r, row)
        # one pass writes the reference text and fills the rows
        for r in range(n):
            at = fill_row(list_items(<object> PyList_GET_ITEM(rows, r)), pattern + shift[r], across,
                          mark, <Py_ssize_t> r * n, keep_marked, table, uses, spell, out, at, n, r == n - 1)
        out[size] = 0
        uses[0] = blanks
        for v in range(n + 1):
            rlve_add_refs(table[v], uses[v])
        return rows, reference
    finally:
        PyMem_Free(uses)
        PyMem_Free(mark)


cdef extern from *:
    """
    static inline PyObject **rlve_list_items(PyObject *list) { return ((PyListObject *) list)->ob_item; }
    """
    PyObject **rlve_list_items(PyObject *list)


cdef inline PyObject **list_items(object row):
    return rlve_list_items(<PyObject *> row)


cdef Py_ssize_t _grid_size(rows, int largest, Py_ssize_t *cols, const unsigned char *length) except -2:
    """The text length of ``rows`` (a list of equally long lists of ints in 0..largest),
    its row length in ``cols``; -1 when it is anything else."""
    cdef Py_ssize_t n, m, i, j, size = 0
    cdef PyObject *item
    cdef long v
    if not PyList_CheckExact(rows):
        return -1
    n = PyList_GET_SIZE(rows)
    if n == 0:
        return -1
    first = <object> PyList_GET_ITEM(rows, 0)
    if not PyList_CheckExact(first):
        return -1
    m = PyList_GET_SIZE(first)
    if m == 0:
        return -1
    for i in range(n):
        row = <object> PyList_GET_ITEM(rows, i)
        if not PyList_CheckExact(row) or PyList_GET_SIZE(row) != m:
            return -1
        for j in range(m):
            item = PyList_GET_ITEM(row, j)
            # a negative int or one past 2^30 is not read as small
            if not PyLong_CheckExact(item) or not rlve_small_int(item, &v) or not 0 <= v <= largest:
                return -1
            size += length[v] + 1
    cols[0] = m
    return size - 1


cdef Py_ssize_t _write_grid(rows, Py_ssize_t m, Digits spell, char *out, Py_ssize_t at):
    """Writes checked ``rows`` from ``at`` (whole 4-byte slots but the last value, copied
    byte by byte), returns the position after them."""
    cdef Py_ssize_t n = PyList_GET_SIZE(rows), i, j
    cdef PyObject **items
    cdef long v = 0
    for i in range(n):
        items = list_items(<object> PyList_GET_ITEM(rows, i))
        for j in range(m):
            rlve_small_int(items[j], &v)
            if i == n - 1 and j == m - 1:
                memcpy(out + at, spell.chars + 4 * v, spell.length[v])
                return at + spell.length[v]
            at = spell.put(out, at, <int> v)
            out[at] = 32
            at += 1
        out[at - 1] = 10
    return at


def grid_text(rows, int largest):
    """The rows' text (as ``rows_text``) when ``rows`` is a list of equally long lists of
    ints in 0..largest (at most 9999); None otherwise (the caller's general writer handles those)."""
    return framed_grid_text(rows, largest, "", "", 0)


def framed_grid_text(rows, int largest, str before, str after, int example_side):
    """``before`` + the rows' text (as ``grid_text``) + ``after`` + ``example_side`` lines
    of 1..example_side (spaces between, newlines between lines), written once into one
    string; None where ``grid_text`` gives None or a frame is not ASCII."""
    cdef Py_ssize_t cols = 0, grid, line = 0, example = 0, at, size
    cdef Py_ssize_t head = len(before), tail = len(after)
    cdef int v
    cdef char *out
    cdef Digits spell
    if not 0 <= largest <= 9999 or not 0 <= example_side <= 9999 or not (before.isascii() and after.isascii()):
        return None
    spell = Digits(largest if largest > example_side else example_side)
    grid = _grid_size(rows, largest, &cols, spell.length)
    if grid < 0:
        return None
    if example_side:
        for v in range(1, example_side + 1):
            line += spell.length[v] + 1
        example = example_side * line - 1
    size = head + grid + tail + example
    text = PyUnicode_New(size, 127)
    out = <char *> PyUnicode_DATA(text)
    memcpy(out, PyUnicode_DATA(before), head)
    at = _write_grid(rows, cols, spell, out, head)
    memcpy(out + at, PyUnicode_DATA(after), tail)
    at += tail
    if example_side:
        # the first line digit by digit, the others copies of it (a newline ends each but the last)
        for v in range(1, example_side + 1):
            memcpy(out + at, spell.chars + 4 * v, spell.length[v])
            at += spell.length[v]
            out[at] = 32 if v < example_side else 10
            at += 1
        for v in range(1, example_side):
            memcpy(out + at, out + at - line, line)
            at += line
    out[size] = 0
    return text
