# The answer between the markers with surrounding whitespace trimmed (``answer.strip()``),
# for compiled scorers of text answers.
from rlve_fast._core.text cimport Markers, rlve_is_space

from rlve_fast._core.pyunicode cimport PyUnicode_KIND, PyUnicode_DATA, PyUnicode_READ


cdef inline bint stripped_span(str response, Markers markers, Py_ssize_t *a, Py_ssize_t *b):
    """False when no answer is found; else [a, b) is the trimmed answer."""
    cdef int kind
    cdef void *data
    if not markers.span(response, a, b):
        return False
    kind = PyUnicode_KIND(response)
    data = PyUnicode_DATA(response)
    while a[0] < b[0] and rlve_is_space(PyUnicode_READ(kind, data, a[0])):
        a[0] += 1
    while b[0] > a[0] and rlve_is_space(PyUnicode_READ(kind, data, b[0] - 1)):
        b[0] -= 1
    return True
