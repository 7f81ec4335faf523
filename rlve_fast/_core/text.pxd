from libc.stdint cimport int64_t

cdef extern from "rlve_text.h":
    Py_ssize_t rlve_find(const void *data, int kind, Py_ssize_t n, Py_ssize_t start,
                         const Py_UCS4 *needle, Py_ssize_t m) nogil
    int rlve_extract(const void *data, int kind, Py_ssize_t n,
                     const Py_UCS4 *start, Py_ssize_t ls, const Py_UCS4 *end, Py_ssize_t le,
                     Py_ssize_t *a, Py_ssize_t *b) nogil
    bint rlve_is_space(Py_UCS4 c) nogil
    bint rlve_is_linebreak(Py_UCS4 c) nogil

cdef extern from "rlve_numbers.h":
    enum:
        RLVE_INT_OK
        RLVE_INT_INVALID
        RLVE_INT_SLOW
    int rlve_token_int64(const void *data, int kind, Py_ssize_t a, Py_ssize_t b, int64_t *out) nogil
    int rlve_next_token(const void *data, int kind, Py_ssize_t *pos, Py_ssize_t end,
                        Py_ssize_t *ta, Py_ssize_t *tb, int *line_break) nogil
    int rlve_py_pow(double x, double y, double *out) nogil


cdef class Markers:
    """An answer-marker pair, decoded once to code points for the C scanner."""
    cdef readonly str start
    cdef readonly str end
    cdef Py_UCS4 *start_cp
    cdef Py_UCS4 *end_cp
    cdef Py_ssize_t ls, le

    cdef bint span(self, str text, Py_ssize_t *a, Py_ssize_t *b)


cpdef Markers markers_for(object answer_markers)
