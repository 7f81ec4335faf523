# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Base class and shared compiled scorers (twins: the environments' ``score`` methods).

A kernel is built once per config (``Environment.kernel(parameter)``) and then scores every
completion of that config without creating Python objects beyond the returned float."""
from cpython.mem cimport PyMem_Malloc, PyMem_Realloc, PyMem_Free
from cpython.unicode cimport PyUnicode_GET_LENGTH
from libc.stdint cimport int64_t
from libc.math cimport NAN, isnan

from rlve_fast._core.text cimport (Markers, rlve_next_token, rlve_token_int64,
                                   rlve_py_pow, RLVE_INT_OK, RLVE_INT_INVALID, RLVE_INT_SLOW,
                                   rlve_is_space, rlve_is_linebreak)

from rlve_fast._core.pyunicode cimport PyUnicode_KIND, PyUnicode_DATA

cdef double FALLBACK = NAN
cdef int64_t MAX_EXACT = 1LL << 53


cdef bint exact_in_double(int64_t v) noexcept nogil:
    return -MAX_EXACT <= v <= MAX_EXACT


cdef double ratio_pow(int64_t num, int64_t den, double beta, double weight):
    """weight * ((num / den) ** beta) exactly as Python computes it, or FALLBACK."""
    cdef double out
    cdef int status
    if den == 0:
        return -1.0  # ZeroDivisionError inside the scorer: upstream gives -1.0
    if not (exact_in_double(num) and exact_in_double(den)):
        return FALLBACK  # Python's int / int rounds once; two conversions might not
    status = rlve_py_pow(<double> num / <double> den, beta, &out)
    if status < 0:
        return -1.0  # ZeroDivisionError inside the scorer
    if status > 0:
        return FALLBACK  # a complex number: let Python reproduce what upstream does with it
    return weight * out


cdef inline bint _next_token_1(const unsigned char *s, Py_ssize_t *pos, Py_ssize_t end,
                               Py_ssize_t *ta, Py_ssize_t *tb, int *line_break) noexcept nogil:
    """rlve_next_token for one-byte strings, inlined into the parse loop."""
    cdef Py_ssize_t i = pos[0]
    cdef Py_UCS4 c
    while i < end:
        c = s[i]
        if not rlve_is_space(c):
            break
        if rlve_is_linebreak(c):
            line_break[0] = 1
        i += 1
    if i >= end:
        pos[0] = end
        return False
    ta[0] = i
    while i < end and not rlve_is_space(s[i]):
        i += 1
    tb[0] = i
    pos[0] = i
    return True


cdef inline int _token_int64_1(const unsigned char *s, Py_ssize_t a, Py_ssize_t b,
                               int64_t *out) noexcept nogil:
    """rlve_token_int64 for one-byte strings, inlined into the parse loop."""
    cdef Py_ssize_t i = a
    cdef bint negative = False
    cdef int digits = 0
    cdef int64_t value = 0
    cdef unsigned char c
    if i < b and (s[i] == 43 or s[i] == 45):  # + -
        negative = s[i] == 45
        i += 1
    if i == b:
        return RLVE_INT_INVALID
    while i < b:
        c = s[i]
        if 48 <= c <= 57:
            if digits == 18:
                return RLVE_INT_SLOW  # may not fit: let int() decide
            value = value * 10 + (c - 48)
            digits += 1
        elif c == 95 or c >= 128:
            return RLVE_INT_SLOW  # digit separators, Unicode digits: int()'s call
        else:
            return RLVE_INT_INVALID
        i += 1
    out[0] = -value if negative else value
    return RLVE_INT_OK


cdef class Kernel:
    def __cinit__(self, *args, **kwargs):
        self.cap_values = 64
        self.values = <int64_t *> PyMem_Malloc(self.cap_values * sizeof(int64_t))
        self.cap_rows = 16
        self.row_ends = <Py_ssize_t *> PyMem_Malloc(self.cap_rows * sizeof(Py_ssize_t))
        if self.values == NULL or self.row_ends == NULL:
            raise MemoryError()
        self.shape = SHAPE_LIST
        self.no_answer = -1.0

    def __dealloc__(self):
        PyMem_Free(self.values)
        PyMem_Free(self.row_ends)

    cdef ParseOutcome parse(self, str text, Py_ssize_t a, Py_ssize_t b) except *:
        cdef int kind = PyUnicode_KIND(text)
        cdef const void *data = PyUnicode_DATA(text)
        cdef Py_ssize_t pos = a, ta = 0, tb = 0
        cdef int brk = 0, status
        cdef int64_t v = 0
        cdef void *grown
        self.n_values = 0
        self.n_rows = 0
        cdef bint one_byte = kind == 1
        cdef const unsigned char *s1 = <const unsigned char *> data
        while (_next_token_1(s1, &pos, b, &ta, &tb, &brk) if one_byte
               else rlve_next_token(data, kind, &pos, b, &ta, &tb, &brk)):
            if self.n_values == self.cap_values:
                grown = PyMem_Realloc(self.values, 2 * self.cap_values * sizeof(int64_t))
                if grown == NULL:
                    raise MemoryError()
                self.values = <int64_t *> grown
                self.cap_values *= 2
            if brk and self.n_values > 0:
                self._end_row()
            brk = 0
            status = (_token_int64_1(s1, ta, tb, &v) if one_byte
                      else rlve_token_int64(data, kind, ta, tb, &v))
            if status == RLVE_INT_INVALID:
                return UNPARSABLE
            if status != RLVE_INT_OK:
                try:
                    big = int(text[ta:tb])
                except ValueError:
                    return UNPARSABLE
                if not (-(1 << 62) <= big < (1 << 62)):
                    return OUT_OF_RANGE
                v = big
            self.values[self.n_values] = v
            self.n_values += 1
        if self.n_values > 0:
            self._end_row()
        if self.shape == SHAPE_INT and self.n_values != 1:
            return UNPARSABLE
        return PARSED

    cdef int _end_row(self) except -1:
        cdef void *grown
        if self.n_rows == self.cap_rows:
            grown = PyMem_Realloc(self.row_ends, 2 * self.cap_rows * sizeof(Py_ssize_t))
            if grown == NULL:
                raise MemoryError()
            self.row_ends = <Py_ssize_t *> grown
            self.cap_rows *= 2
        self.row_ends[self.n_rows] = self.n_values
        self.n_rows += 1
        return 0

    cdef double score_values(self) except? -2.0:
        raise NotImplementedError

    cpdef object score(self, str response, Markers markers):
        cdef Py_ssize_t a = 0, b = 0
        cdef ParseOutcome outcome
        cdef double reward
        if not markers.span(response, &a, &b):
            return self.no_answer
        outcome = self.parse(response, a, b)
        if outcome == UNPARSABLE:
            return self.no_answer
        if outcome == OUT_OF_RANGE:
            return None
        reward = self.score_values()
        if isnan(reward):
            return None
        return reward

    # Python-level access for tests and debugging.
    def parsed(self, str text):
        """Parse ``text`` as this kernel would: a list of rows, or None if unparsable."""
        cdef ParseOutcome outcome = self.parse(text, 0, PyUnicode_GET_LENGTH(text))
        if outcome == UNPARSABLE:
            return None
        if outcome == OUT_OF_RANGE:
            return "out of range"
        rows, start = [], 0
        for r in range(self.n_rows):
            rows.append([self.values[i] for i in range(start, self.row_ends[r])])
            start = self.row_ends[r]
        return rows


cdef class MinMaxRatio(Kernel):
    """One integer answer scored (min/max)^beta against the reference.

    Answers below ``lowest_valid`` get the wrong-format reward (upstream's environments
    reject either negatives or non-positives).  With ``zero_exact`` an answer of 0 earns
    the weight only when the reference is 0 too; without it 0 goes through the ratio (and
    0 against a reference of 0 divides by zero: -1.0, as in upstream)."""
    cdef int64_t reference, lowest_valid
    cdef double beta, weight, wrong_format
    cdef bint zero_exact

    def __init__(self, reference, double beta, double weight=1.0, double wrong_format=-1.0,
                 bint zero_exact=True, lowest_valid=0):
        self.shape = SHAPE_INT
        self.reference = reference
        self.beta = beta
        self.weight = weight
        self.wrong_format = wrong_format
        self.no_answer = wrong_format
        self.zero_exact = zero_exact
        self.lowest_valid = lowest_valid

    cdef double score_values(self) except? -2.0:
        cdef int64_t answer = self.values[0], gold = self.reference
        if answer < self.lowest_valid:
            return self.wrong_format
        if answer == 0 and self.zero_exact:
            return self.weight * (gold == 0)
        if gold < answer:
            return ratio_pow(gold, answer, self.beta, self.weight)
        return ratio_pow(answer, gold, self.beta, self.weight)


cdef class ExactInt(Kernel):
    """One integer answer: ``correct`` when equal to the reference, else ``wrong``."""
    cdef int64_t reference
    cdef double correct, wrong

    def __init__(self, reference, double correct=1.0, double wrong=0.0, double wrong_format=-1.0):
        self.shape = SHAPE_INT
        self.reference = reference
        self.correct = correct
        self.wrong = wrong
        self.no_answer = wrong_format

    cdef double score_values(self) except? -2.0:
        return self.correct if self.values[0] == self.reference else self.wrong


cdef class ListMatch(Kernel):
    """A list of exactly len(gold) integers scored mean([gold=answer])^beta."""
    cdef int64_t *gold
    cdef Py_ssize_t n_gold
    cdef double beta, weight, invalid

    def __init__(self, gold, double beta, double weight=1.0, double wrong_format=-1.0,
                 double invalid=-0.5):
        self.shape = SHAPE_LIST
        self.n_gold = len(gold)
        self.gold = <int64_t *> PyMem_Malloc(max(self.n_gold, 1) * sizeof(int64_t))
        if self.gold == NULL:
            raise MemoryError()
        for i in range(self.n_gold):
            self.gold[i] = gold[i]
        self.beta = beta
        self.weight = weight
        self.invalid = invalid
        self.no_answer = wrong_format

    def __dealloc__(self):
        PyMem_Free(self.gold)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, same = 0
        if self.n_values != self.n_gold:
            return self.invalid
        for i in range(self.n_gold):
            same += self.values[i] == self.gold[i]
        return ratio_pow(same, self.n_gold, self.beta, self.weight)


def ratio_power(int64_t numerator, int64_t denominator, double beta, double weight=1.0):
    """Python access to ``ratio_pow`` for tests: the reward, -1.0 where Python would raise,
    or None where only Python's exact arithmetic can decide."""
    cdef double out = ratio_pow(numerator, denominator, beta, weight)
    return None if isnan(out) else out
