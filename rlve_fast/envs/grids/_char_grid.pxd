from rlve_fast._core.kernel cimport Kernel
from rlve_fast._core.text cimport Markers


cdef class CharGridKernel(Kernel):
    """Scorer base for answers written as rows of symbols (a 0/1 selection, arrows, ...).

    Upstream's parsers keep every non-blank line of the answer, stripped, as a string; an
    answer is well formed when it has exactly ``n_rows`` such lines of exactly ``n_cols``
    symbols each, every one from the alphabet.  ``score`` reads that into ``cells`` (one
    code per symbol, row-major) and calls ``score_cells``; anything else is the
    wrong-format reward."""
    cdef Py_ssize_t n_rows_expected, n_cols_expected
    cdef unsigned char code[128]  # symbol -> code; 255: not in the alphabet
    cdef unsigned char *cells
    cdef double wrong_format

    cdef int setup(self, Py_ssize_t rows, Py_ssize_t cols, str alphabet, double wrong_format) except -1
    cdef bint read(self, str text, Py_ssize_t a, Py_ssize_t b)
    cdef double score_cells(self) except? -2.0
