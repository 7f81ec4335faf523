# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled answer extraction and integer parsing (twin: ``rlve_fast/textparse.py``).

Each function here states the same contract as its pure-Python twin; the property tests
in ``tests/test_textparse.py`` run both on generated and hostile inputs and compare
results and exceptions.
"""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from cpython.unicode cimport PyUnicode_GET_LENGTH
from libc.stdint cimport int64_t

from rlve_fast._core.pyunicode cimport PyUnicode_KIND, PyUnicode_DATA

DEFAULT_MARKERS = ("<answer>", "</answer>")

# Texts at least this long are scanned with the GIL released, so threads can scale.
cdef Py_ssize_t NOGIL_THRESHOLD = 1 << 14


cdef Py_UCS4 *_code_points(str s) except NULL:
    cdef Py_ssize_t i, n = len(s)
    cdef Py_UCS4 *out = <Py_UCS4 *> PyMem_Malloc((n + 1) * sizeof(Py_UCS4))
    if out == NULL:
        raise MemoryError()
    for i in range(n):
        out[i] = s[i]
    return out


cdef class Markers:
    def __cinit__(self, str start, str end):
        self.start = start
        self.end = end
        self.start_cp = _code_points(start)
        self.end_cp = _code_points(end)
        self.ls = len(start)
        self.le = len(end)

    def __dealloc__(self):
        PyMem_Free(self.start_cp)
        PyMem_Free(self.end_cp)

    def __reduce__(self):
        return (Markers, (self.start, self.end))

    def __repr__(self):
        return "Markers(%r, %r)" % (self.start, self.end)

    cdef bint span(self, str text, Py_ssize_t *a, Py_ssize_t *b):
        cdef int kind = PyUnicode_KIND(text)
        cdef const void *data = PyUnicode_DATA(text)
        cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text)
        cdef int found
        if n >= NOGIL_THRESHOLD:
            with nogil:
                found = rlve_extract(data, kind, n, self.start_cp, self.ls, self.end_cp, self.le, a, b)
        else:
            found = rlve_extract(data, kind, n, self.start_cp, self.ls, self.end_cp, self.le, a, b)
        return found


cdef dict _markers_cache = {}

cpdef Markers markers_for(object answer_markers):
    """The compiled form of an (start, end) pair, cached (there are only ever a few)."""
    if answer_markers is None:
        answer_markers = DEFAULT_MARKERS
    cdef Markers m = _markers_cache.get(answer_markers)
    if m is None:
        start, end = answer_markers
        m = Markers(start, end)
        if len(_markers_cache) < 256:
            _markers_cache[tuple(answer_markers)] = m
    return m


def extract_span(str text, object answer_markers=None):
    """(start, end) of the answer inside ``text`` under upstream's rules, or None."""
    cdef Py_ssize_t a = 0, b = 0
    if markers_for(answer_markers).span(text, &a, &b):
        return (a, b)
    return None


def extract_answer(str text, object answer_markers=None):
    """The answer text under upstream's rules, or None when there is no complete match."""
    cdef Py_ssize_t a = 0, b = 0
    if markers_for(answer_markers).span(text, &a, &b):
        return text[a:b]
    return None


cdef object _token_int(str text, int kind, const void *data, Py_ssize_t ta, Py_ssize_t tb):
    cdef int64_t v = 0
    cdef int status = rlve_token_int64(data, kind, ta, tb, &v)
    if status == RLVE_INT_OK:
        return v
    if status == RLVE_INT_INVALID:
        raise ValueError("invalid literal for int() with base 10: %r" % text[ta:tb][:64])
    return int(text[ta:tb])  # int() judges Unicode digits, '_' and long numbers itself


def parse_int(str text):
    """``int(text.strip())``."""
    cdef int kind = PyUnicode_KIND(text)
    cdef const void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), pos = 0, ta = 0, tb = 0, xa = 0, xb = 0
    cdef int brk = 0
    if not rlve_next_token(data, kind, &pos, n, &ta, &tb, &brk):
        raise ValueError("invalid literal for int() with base 10: ''")
    if rlve_next_token(data, kind, &pos, n, &xa, &xb, &brk):
        raise ValueError("invalid literal for int() with base 10: %r" % text.strip()[:64])
    return _token_int(text, kind, data, ta, tb)


def parse_int_list(str text):
    """``list(map(int, text.split()))``."""
    cdef int kind = PyUnicode_KIND(text)
    cdef const void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), pos = 0, ta = 0, tb = 0
    cdef int brk = 0
    cdef list out = []
    while rlve_next_token(data, kind, &pos, n, &ta, &tb, &brk):
        out.append(_token_int(text, kind, data, ta, tb))
    return out


def parse_int_rows(str text):
    """The non-blank lines of ``text``, each parsed as ``list(map(int, line.split()))``."""
    cdef int kind = PyUnicode_KIND(text)
    cdef const void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = PyUnicode_GET_LENGTH(text), pos = 0, ta = 0, tb = 0
    cdef int brk = 0
    cdef list rows = []
    cdef list row = None
    while rlve_next_token(data, kind, &pos, n, &ta, &tb, &brk):
        if row is None or brk:
            row = []
            rows.append(row)
            brk = 0
        row.append(_token_int(text, kind, data, ta, tb))
    return rows
