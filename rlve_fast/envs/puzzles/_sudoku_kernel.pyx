# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled scorer of Sudoku (twin: ``Sudoku.score``).

Grids of at most 64 digits a side (every corpus size) are checked in one pass: the range
and given checks cell by cell, and repeats through one 64-bit digit set per row, column and
box.  A digit out of range or a changed given (-0.5) wins over a repeat (0) wherever it
lies, so a repeat only sets a flag while the pass goes on.  Larger grids take a unit-by-unit
check with a stamped mark per digit.

Answers are long (up to 64 x 64 numbers), so parsing is most of the time: an answer of
one-byte text made only of digits, spaces, tabs and line breaks is read in one pass over
its characters; any other answer goes to the general parser (signs, other whitespace, long
numbers, other characters), which gives the same rows and values on the common case."""
from cpython.mem cimport PyMem_Malloc, PyMem_Realloc, PyMem_Free
from libc.stdint cimport int32_t, int64_t, uint64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_ROWS, ParseOutcome, PARSED
from rlve_fast._core.pyunicode cimport PyUnicode_KIND, PyUnicode_DATA
from rlve_fast.envs._config_arrays cimport INT64_MAX, INT64_MIN, read_rows


# The characters of the answers parsed here; any other character sends the answer to the
# general parser.
cdef enum CharKind:
    OTHER = 0
    DIGIT = 1
    SPACE = 2        # space, tab
    LINE_BREAK = 3   # \n, \r

cdef unsigned char CHAR_KIND[256]
memset(CHAR_KIND, OTHER, 256)
for _c in range(48, 58):
    CHAR_KIND[_c] = DIGIT
CHAR_KIND[32] = CHAR_KIND[9] = SPACE
CHAR_KIND[10] = CHAR_KIND[13] = LINE_BREAK


cdef class SudokuKernel(Kernel):
    cdef Py_ssize_t box_rows, box_cols, n
    cdef int64_t *given
    cdef Py_ssize_t *mark  # mark[v] == stamp: digit v seen in the current unit (large grids)
    cdef Py_ssize_t stamp
    cdef uint64_t *column_digits  # n each: digit sets of the columns, then of the boxes
    cdef int32_t *box_of_column   # c -> c // box_cols (the box's index within its band)
    cdef double wrong_format, invalid, wrong, correct

    def __dealloc__(self):
        PyMem_Free(self.given)
        PyMem_Free(self.mark)
        PyMem_Free(self.column_digits)
        PyMem_Free(self.box_of_column)

    cdef ParseOutcome parse(self, str text, Py_ssize_t a, Py_ssize_t b) except *:
        cdef const unsigned char *s
        cdef Py_ssize_t i
        cdef unsigned char kind
        cdef int digits = 0
        cdef int64_t v = 0
        cdef bint line_break = False
        if PyUnicode_KIND(text) != 1:
            return Kernel.parse(self, text, a, b)
        s = <const unsigned char *> PyUnicode_DATA(text)
        self.n_values = 0
        self.n_rows = 0
        for i in range(a, b):
            kind = CHAR_KIND[s[i]]
            if kind == DIGIT:
                if digits == 18:
                    return Kernel.parse(self, text, a, b)  # may not fit int64
                v = v * 10 + (s[i] - 48)
                digits += 1
                continue
            if kind == OTHER:
                return Kernel.parse(self, text, a, b)
            if digits:
                self.push(v, line_break)
                line_break = False
                v, digits = 0, 0
            if kind == LINE_BREAK:
                line_break = True
        if digits:
            self.push(v, line_break)
        if self.n_values > 0:
            self._end_row()
        return PARSED

    cdef inline int push(self, int64_t v, bint after_line_break) except -1:
        """Append a token's value; a line break before it ends the row before (if any)."""
        cdef void *grown
        if self.n_values == self.cap_values:
            grown = PyMem_Realloc(self.values, 2 * self.cap_values * sizeof(int64_t))
            if grown == NULL:
                raise MemoryError()
            self.values = <int64_t *> grown
            self.cap_values *= 2
        if after_line_break and self.n_values > 0:
            self._end_row()
        self.values[self.n_values] = v
        self.n_values += 1
        return 0

    cdef inline bint repeats(self, int64_t v):
        """Record digit v (1..n) in the current unit; True if it was there already."""
        if self.mark[v] == self.stamp:
            return True
        self.mark[v] = self.stamp
        return False

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t n = self.n, r, start = 0
        if self.n_rows != n:
            return self.wrong_format
        for r in range(n):
            if self.row_ends[r] - start != n:
                return self.wrong_format
            start = self.row_ends[r]
        if n <= 64:
            return self.score_small()
        return self.score_large()

    cdef double score_small(self) noexcept:
        """One pass over the cells (n <= 64: a digit set fits a word)."""
        cdef Py_ssize_t n = self.n, r, c, band_start
        cdef const int64_t *cells = self.values
        cdef const int64_t *given = self.given
        cdef uint64_t *columns = self.column_digits
        cdef uint64_t *boxes = self.column_digits + n
        cdef uint64_t row, bit
        cdef int64_t v, g
        cdef bint repeated = False
        memset(columns, 0, 2 * n * sizeof(uint64_t))
        for r in range(n):
            row = 0
            band_start = (r // self.box_rows) * self.box_rows  # boxes of this band: band_start + stack
            for c in range(n):
                v, g = cells[c], given[c]
                if v < 1 or v > n or (g != 0 and v != g):
                    return self.invalid
                bit = (<uint64_t> 1) << (v - 1)
                if (row | columns[c] | boxes[band_start + self.box_of_column[c]]) & bit:
                    repeated = True
                row |= bit
                columns[c] |= bit
                boxes[band_start + self.box_of_column[c]] |= bit
            cells += n
            given += n
        return self.wrong if repeated else self.correct

    cdef double score_large(self) noexcept:
        cdef Py_ssize_t n = self.n, r, c, i, band, stack
        cdef int64_t v, g
        for i in range(n * n):  # cell (r, c) is values[r * n + c]
            v, g = self.values[i], self.given[i]
            if v < 1 or v > n or (g != 0 and v != g):
                return self.invalid
        for r in range(n):
            self.stamp += 1
            for c in range(n):
                if self.repeats(self.values[r * n + c]):
                    return self.wrong
        for c in range(n):
            self.stamp += 1
            for r in range(n):
                if self.repeats(self.values[r * n + c]):
                    return self.wrong
        for band in range(self.box_cols):
            for stack in range(self.box_rows):
                self.stamp += 1
                for r in range(band * self.box_rows, (band + 1) * self.box_rows):
                    for c in range(stack * self.box_cols, (stack + 1) * self.box_cols):
                        if self.repeats(self.values[r * n + c]):
                            return self.wrong
        return self.correct


def sudoku_kernel(box_rows, box_cols, given, double wrong_format, double invalid, double wrong,
                  double correct):
    """The scorer for boxes of N x M cells with N * M <= 4096 and an (N*M) x (N*M) grid of
    int64 givens; None for any other config (the Python scorer reproduces upstream exactly
    there)."""
    cdef SudokuKernel kernel
    cdef Py_ssize_t n, c
    if not (1 <= box_rows and 1 <= box_cols and box_rows * box_cols <= 4096):
        return None
    n = box_rows * box_cols
    kernel = SudokuKernel.__new__(SudokuKernel)
    kernel.shape = SHAPE_ROWS
    kernel.no_answer = wrong_format
    kernel.box_rows, kernel.box_cols, kernel.n = box_rows, box_cols, n
    kernel.wrong_format, kernel.invalid, kernel.wrong, kernel.correct = wrong_format, invalid, wrong, correct
    kernel.given = <int64_t *> PyMem_Malloc(n * n * sizeof(int64_t))
    kernel.mark = <Py_ssize_t *> PyMem_Malloc((n + 1) * sizeof(Py_ssize_t))
    kernel.column_digits = <uint64_t *> PyMem_Malloc(2 * n * sizeof(uint64_t))
    kernel.box_of_column = <int32_t *> PyMem_Malloc(n * sizeof(int32_t))
    if not (kernel.given and kernel.mark and kernel.column_digits and kernel.box_of_column):
        raise MemoryError()
    if not read_rows(given, n, n, INT64_MIN, INT64_MAX, kernel.given):
        return None
    memset(kernel.mark, 0, (n + 1) * sizeof(Py_ssize_t))
    kernel.stamp = 0
    for c in range(n):
        kernel.box_of_column[c] = <int32_t> (c // kernel.box_cols)
    return kernel
