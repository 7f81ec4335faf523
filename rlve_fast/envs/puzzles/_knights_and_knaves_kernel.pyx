# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled scorer of KnightsAndKnaves (twin: ``KnightsAndKnaves.read_roles`` and ``.score``).

For ASCII answer text and names of ASCII letters the twin's regular expression
``name\\b\\s+is\\s+a\\s+\\b(knight|knave)`` (ignoring case, first match) reduces to a plain scan:
a name ending in a letter and followed by whitespace always has its word boundary, as has
whitespace followed by "k".  An answer with a non-ASCII character goes to the Python twin
(``None``); configs with other names never get this kernel."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free

from libc.math cimport isnan

from rlve_fast._core.kernel cimport Kernel, ratio_pow
from rlve_fast._core.text cimport Markers

from rlve_fast._core.pyunicode cimport PyUnicode_KIND, PyUnicode_DATA, PyUnicode_READ

cdef enum:
    KNIGHT = 1
    KNAVE = 2
    OTHER = 0  # a gold role that is neither word: never matched


cdef inline bint is_space(unsigned int c) noexcept nogil:
    # re's \s on ASCII (str patterns): \t \n \v \f \r \x1c-\x1f and the space
    return c == 32 or (9 <= c <= 13) or (28 <= c <= 31)


cdef inline unsigned int lower(unsigned int c) noexcept nogil:
    return c + 32 if 65 <= c <= 90 else c


cdef class KnightsAndKnavesKernel(Kernel):
    cdef Py_ssize_t n, n_names
    cdef list lowered  # each name in lower case, as bytes
    cdef int *gold
    cdef double wrong, beta

    def __dealloc__(self):
        PyMem_Free(self.gold)

    cdef bint word_at(self, int kind, void *data, Py_ssize_t p, Py_ssize_t b, const char *word,
                      Py_ssize_t length) noexcept:
        cdef Py_ssize_t j
        if p + length > b:
            return False
        for j in range(length):
            if lower(<unsigned int> PyUnicode_READ(kind, data, p + j)) != <unsigned int> <unsigned char> word[j]:
                return False
        return True

    cdef Py_ssize_t spaces(self, int kind, void *data, Py_ssize_t p, Py_ssize_t b) noexcept:
        """The end of the whitespace run at p, or -1 if there is none."""
        cdef Py_ssize_t q = p
        while q < b and is_space(<unsigned int> PyUnicode_READ(kind, data, q)):
            q += 1
        return q if q > p else -1

    cdef int role_of(self, int kind, void *data, Py_ssize_t a, Py_ssize_t b, bytes name) noexcept:
        """The role after the first "<name> is a knight/knave" in [a, b), or 0 if none."""
        cdef const char *w = name
        cdef Py_ssize_t length = len(name), p, q
        for p in range(a, b - length + 1):
            if not self.word_at(kind, data, p, b, w, length):
                continue
            q = self.spaces(kind, data, p + length, b)
            if q < 0 or not self.word_at(kind, data, q, b, b"is", 2):
                continue
            q = self.spaces(kind, data, q + 2, b)
            if q < 0 or not self.word_at(kind, data, q, b, b"a", 1):
                continue
            q = self.spaces(kind, data, q + 1, b)
            if q < 0:
                continue
            if self.word_at(kind, data, q, b, b"knight", 6):
                return KNIGHT
            if self.word_at(kind, data, q, b, b"knave", 5):
                return KNAVE
        return 0

    cpdef object score(self, str response, Markers markers):
        cdef Py_ssize_t a = 0, b = 0, p, words = 0, i, same = 0
        cdef int kind, role
        cdef double reward
        cdef void *data
        if not markers.span(response, &a, &b):
            return self.no_answer
        kind = PyUnicode_KIND(response)
        data = PyUnicode_DATA(response)
        if kind != 1:
            for p in range(a, b):
                if <unsigned int> PyUnicode_READ(kind, data, p) > 127:
                    return None  # Unicode case folding and word boundaries: the twin decides
        else:
            for p in range(a, b):
                if (<unsigned char *> data)[p] > 127:
                    return None
        for p in range(a, b):
            if self.word_at(kind, data, p, b, b"knight", 6) or self.word_at(kind, data, p, b, b"knave", 5):
                words += 1
        if words != self.n:
            return self.wrong
        for i in range(self.n_names):
            role = self.role_of(kind, data, a, b, <bytes> self.lowered[i])
            if role == 0:
                return self.wrong
            same += role == self.gold[i]
        reward = ratio_pow(same, self.n_names, self.beta, 1.0)  # Python's float ** float
        return None if isnan(reward) else reward


def knights_and_knaves_kernel(Py_ssize_t n, names, gold, double wrong_format, double beta):
    """The scorer of a non-empty list of names of ASCII letters, each with a gold role (a str);
    None for any other config (the Python scorer reproduces upstream on it).  N beyond
    Py_ssize_t raises OverflowError (None too)."""
    cdef KnightsAndKnavesKernel kernel
    cdef Py_ssize_t i = 0, count
    cdef list lowered
    if type(names) is not list or type(gold) is not dict or not names:
        return None
    count = len(<list> names)
    lowered = []
    for name in <list> names:
        if type(name) is not str or not name or not (<str> name).isascii() or not (<str> name).isalpha():
            return None
        lowered.append((<str> name).lower().encode("ascii"))
    kernel = KnightsAndKnavesKernel.__new__(KnightsAndKnavesKernel)
    kernel.n, kernel.n_names, kernel.beta = n, count, beta
    kernel.no_answer = kernel.wrong = wrong_format
    kernel.lowered = lowered
    kernel.gold = <int *> PyMem_Malloc(count * sizeof(int))
    if not kernel.gold:
        raise MemoryError()
    for name in <list> names:
        role = (<dict> gold).get(name, gold)
        if role is gold or type(role) is not str:
            return None
        kernel.gold[i] = KNIGHT if role == "knight" else KNAVE if role == "knave" else OTHER
        i += 1
    return kernel
