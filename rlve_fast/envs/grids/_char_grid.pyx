# cython: language_level=3, boundscheck=False, wraparound=False
"""Base of the compiled scorers whose answers are rows of symbols (see _char_grid.pxd)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from cpython.unicode cimport PyUnicode_GET_LENGTH
from libc.math cimport isnan
from libc.string cimport memset

from rlve_fast._core.text cimport Markers

from rlve_fast._core.pyunicode cimport PyUnicode_KIND, PyUnicode_DATA, PyUnicode_READ

cdef extern from "rlve_text.h":
    bint rlve_is_space(Py_UCS4 c) nogil
    bint rlve_is_linebreak(Py_UCS4 c) nogil


cdef class CharGridKernel(Kernel):
    def __dealloc__(self):
        PyMem_Free(self.cells)

    cdef int setup(self, Py_ssize_t rows, Py_ssize_t cols, str alphabet, double wrong_format) except -1:
        cdef Py_ssize_t k
        self.n_rows_expected, self.n_cols_expected = rows, cols
        self.wrong_format = wrong_format
        self.no_answer = wrong_format
        memset(self.code, 255, 128)
        for k, symbol in enumerate(alphabet):
            self.code[ord(symbol)] = k
        self.cells = <unsigned char *> PyMem_Malloc(max(1, rows * cols))
        if self.cells == NULL:
            raise MemoryError()
        return 0

    cdef bint read(self, str text, Py_ssize_t a, Py_ssize_t b):
        """Fill ``cells`` from text[a:b]; False when it is not a well-formed grid."""
        cdef int kind = PyUnicode_KIND(text)
        cdef const void *data = PyUnicode_DATA(text)
        cdef Py_ssize_t pos = a, end, s, t, i, row = 0, cols = self.n_cols_expected
        cdef Py_UCS4 ch
        while pos < b:
            end = pos
            while end < b and not rlve_is_linebreak(PyUnicode_READ(kind, data, end)):
                end += 1
            s, t = pos, end
            while s < t and rlve_is_space(PyUnicode_READ(kind, data, s)):
                s += 1
            while t > s and rlve_is_space(PyUnicode_READ(kind, data, t - 1)):
                t -= 1
            if t > s:
                if row == self.n_rows_expected or t - s != cols:
                    return False
                for i in range(s, t):
                    ch = PyUnicode_READ(kind, data, i)
                    if ch >= 128 or self.code[ch] == 255:
                        return False
                    self.cells[row * cols + i - s] = self.code[ch]
                row += 1
            pos = end + 1
        return row == self.n_rows_expected

    cdef double score_cells(self) except? -2.0:
        raise NotImplementedError

    cdef double score_values(self) except? -2.0:
        raise NotImplementedError  # symbol grids do not go through the integer parser

    cpdef object score(self, str response, Markers markers):
        cdef Py_ssize_t a = 0, b = 0
        cdef double reward
        if not markers.span(response, &a, &b):
            return self.no_answer
        if not self.read(response, a, b):
            return self.wrong_format
        reward = self.score_cells()
        return None if isnan(reward) else reward

    def cells_of(self, str text):
        """The codes ``read`` finds in ``text`` (rows of lists), or None (for tests)."""
        if not self.read(text, 0, PyUnicode_GET_LENGTH(text)):
            return None
        return [[self.cells[r * self.n_cols_expected + c] for c in range(self.n_cols_expected)]
                for r in range(self.n_rows_expected)]
