# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled scorer of JugPuzzle (twin: ``JugPuzzle.parse`` and ``JugPuzzle.score``).

The answer is read as the twin reads it (``splitlines``, then ``split``, then ``int``) for
ASCII text; a non-ASCII character, an underscore in a number or a number of more than 18
digits sends the row to the Python twin (``None``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Realloc, PyMem_Free
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport Kernel
from rlve_fast._core.text cimport Markers

from rlve_fast._core.pyunicode cimport PyUnicode_KIND, PyUnicode_DATA, PyUnicode_READ

cdef enum:
    FILL = 0
    EMPTY = 1
    POUR = 2
    BAD = -1       # the twin's parse returns None
    TO_PYTHON = -2 # only the twin can tell

cdef int64_t MAX_CAPACITY = 1LL << 40


cdef inline bint is_line_break(unsigned int c) noexcept nogil:
    # str.splitlines() on ASCII: \n \r (\r\n) \v \f \x1c \x1d \x1e
    return c == 10 or c == 13 or c == 11 or c == 12 or c == 28 or c == 29 or c == 30


cdef inline bint is_space(unsigned int c) noexcept nogil:
    # str.split() on ASCII: \t \n \v \f \r \x1c-\x1f and the space
    return c == 32 or (9 <= c <= 13) or (28 <= c <= 31)


cdef class JugKernel(Kernel):
    cdef Py_ssize_t n
    cdef int64_t *capacities
    cdef int64_t *volumes
    cdef int64_t target
    cdef double invalid
    cdef int64_t *acts   # 3 per action: kind, i, j
    cdef Py_ssize_t n_acts, cap_acts

    def __init__(self, Py_ssize_t n, capacities, int64_t target, double wrong_format, double invalid):
        if n < 0 or n > len(capacities):
            raise OverflowError("an unusual config: the Python scorer reproduces upstream on it")
        self.n = n
        self.target = target
        self.invalid = invalid
        self.no_answer = wrong_format
        self.capacities = <int64_t *> PyMem_Malloc(max(n, 1) * sizeof(int64_t))
        self.volumes = <int64_t *> PyMem_Malloc(max(n, 1) * sizeof(int64_t))
        self.cap_acts = 16
        self.acts = <int64_t *> PyMem_Malloc(3 * self.cap_acts * sizeof(int64_t))
        if not (self.capacities and self.volumes and self.acts):
            raise MemoryError()
        for i in range(n):
            c = capacities[i]
            if not (0 <= c <= MAX_CAPACITY):
                raise OverflowError("capacities out of the exact range: the Python scorer decides")
            self.capacities[i] = c

    def __dealloc__(self):
        PyMem_Free(self.capacities)
        PyMem_Free(self.volumes)
        PyMem_Free(self.acts)

    cdef int _push(self, int64_t kind, int64_t i, int64_t j) except -1:
        cdef void *grown
        if self.n_acts == self.cap_acts:
            grown = PyMem_Realloc(self.acts, 6 * self.cap_acts * sizeof(int64_t))
            if grown == NULL:
                raise MemoryError()
            self.acts = <int64_t *> grown
            self.cap_acts *= 2
        self.acts[3 * self.n_acts] = kind
        self.acts[3 * self.n_acts + 1] = i
        self.acts[3 * self.n_acts + 2] = j
        self.n_acts += 1
        return 0

    cdef int _read(self, int kind, void *data, Py_ssize_t a, Py_ssize_t b) except -3:
        """Parse the answer text[a:b] into ``acts``: 0, BAD or TO_PYTHON."""
        cdef Py_ssize_t pos = a, ws, we, k, nw
        cdef unsigned int c  # a code point, as a plain number
        cdef int64_t nums[2]
        cdef int64_t v
        cdef int action, digits, sign
        cdef bint end_line
        self.n_acts = 0
        for k in range(a, b):
            if PyUnicode_READ(kind, data, k) > 127:
                return TO_PYTHON
        while pos < b:
            # one line: its words
            nw = 0
            action = BAD
            end_line = False
            while pos < b and not end_line:
                c = PyUnicode_READ(kind, data, pos)
                if is_line_break(c):
                    end_line = True
                    pos += 1
                    if c == 13 and pos < b and PyUnicode_READ(kind, data, pos) == 10:
                        pos += 1
                    break
                if is_space(c):
                    pos += 1
                    continue
                ws = pos
                while pos < b:
                    c = PyUnicode_READ(kind, data, pos)
                    if is_space(c):  # line breaks are spaces too
                        break
                    pos += 1
                we = pos
                if nw == 0:
                    action = _action_name(kind, data, ws, we)
                    if action == BAD:
                        return BAD
                elif nw <= 2:
                    v = 0
                    sign = 1
                    k = ws
                    c = PyUnicode_READ(kind, data, k)
                    if c == 43 or c == 45:  # + -
                        sign = -1 if c == 45 else 1
                        k += 1
                    digits = 0
                    while k < we:
                        c = PyUnicode_READ(kind, data, k)
                        if c == 95:  # _ : int() has rules of its own for it
                            return TO_PYTHON
                        if not (48 <= c <= 57):
                            return BAD  # stays BAD unless arity fails first: both give None
                        digits += 1
                        if digits > 18:
                            return TO_PYTHON
                        v = v * 10 + (c - 48)
                        k += 1
                    if digits == 0:
                        return BAD
                    nums[nw - 1] = sign * v
                nw += 1
            if nw == 0:
                continue
            if nw - 1 != (2 if action == POUR else 1):
                return BAD
            self._push(action, nums[0], nums[1] if action == POUR else 0)
        return 0

    cpdef object score(self, str response, Markers markers):
        cdef Py_ssize_t a = 0, b = 0, t, n = self.n
        cdef int status
        cdef int64_t action, i, j, amount, room
        cdef int64_t *vol = self.volumes
        cdef int64_t *cap = self.capacities
        if not markers.span(response, &a, &b):
            return self.no_answer
        status = self._read(PyUnicode_KIND(response), PyUnicode_DATA(response), a, b)
        if status == BAD:
            return self.no_answer
        if status == TO_PYTHON:
            return None
        for t in range(n):
            vol[t] = 0
        for t in range(self.n_acts):
            action = self.acts[3 * t]
            i = self.acts[3 * t + 1]
            j = self.acts[3 * t + 2]
            if not (0 <= i < n):
                return self.invalid
            if action == FILL:
                vol[i] = cap[i]
            elif action == EMPTY:
                vol[i] = 0
            else:
                if not (0 <= j < n) or i == j:
                    return self.invalid
                room = cap[j] - vol[j]
                amount = vol[i] if vol[i] < room else room
                vol[i] -= amount
                vol[j] += amount
        for t in range(n):
            if vol[t] == self.target:
                return 1.0
        return 0.0


cdef int _action_name(int kind, void *data, Py_ssize_t a, Py_ssize_t b) noexcept:
    cdef Py_ssize_t n = b - a
    if n == 4 and _word(kind, data, a, b"Fill"):
        return FILL
    if n == 5 and _word(kind, data, a, b"Empty"):
        return EMPTY
    if n == 4 and _word(kind, data, a, b"Pour"):
        return POUR
    return BAD


cdef bint _word(int kind, void *data, Py_ssize_t a, const char *word) noexcept:
    cdef Py_ssize_t k = 0
    while word[k] != 0:
        if <unsigned int> PyUnicode_READ(kind, data, a + k) != <unsigned char> word[k]:
            return False
        k += 1
    return True
