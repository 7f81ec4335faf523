from libc.stdint cimport int64_t
from rlve_fast._core.text cimport Markers

cdef enum AnswerShape:
    SHAPE_INT = 0    # int(answer.strip())
    SHAPE_LIST = 1   # list(map(int, answer.split()))
    SHAPE_ROWS = 2   # one list of ints per non-blank line

cdef enum ParseOutcome:
    PARSED = 0
    UNPARSABLE = 1   # the twin's parse returns None: upstream's wrong-format branch
    OUT_OF_RANGE = 2 # a value beyond int64: the Python twin scores this row


cdef class Kernel:
    """Compiled scorer for one prepared config.

    ``score(response, markers)`` does upstream's extraction, parses the answer into int64
    values (``values[0:n_values]``, rows ending at ``row_ends``) and calls
    ``score_values``, which subclasses implement.  It returns the reward, or None when the
    row is outside what int64 arithmetic can decide exactly; the caller then runs the
    environment's Python scorer, so results never depend on which path ran."""
    cdef AnswerShape shape
    cdef double no_answer
    cdef int64_t *values
    cdef Py_ssize_t n_values, cap_values
    cdef Py_ssize_t *row_ends
    cdef Py_ssize_t n_rows, cap_rows

    cdef ParseOutcome parse(self, str text, Py_ssize_t a, Py_ssize_t b) except *
    cdef int _end_row(self) except -1
    cdef double score_values(self) except? -2.0
    cpdef object score(self, str response, Markers markers)


# Reward arithmetic with Python's float semantics; FALLBACK asks for the Python twin.
cdef double FALLBACK
cdef bint exact_in_double(int64_t v) noexcept nogil
cdef double ratio_pow(int64_t num, int64_t den, double beta, double weight)
