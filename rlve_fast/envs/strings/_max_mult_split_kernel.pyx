# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""MaxMultSplit, compiled: the scorer for strings of at most 18 digits (twin:
``MaxMultSplit.score``) and the log10 table of the splitting programme (twin:
``split_logs_py``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.math cimport log10, INFINITY
from libc.stdint cimport int64_t

from rlve_fast._core.clock cimport past
from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow

cdef int DIRECT_DIGITS = 15  # numbers this long are exact doubles


cdef class MaxMultSplitKernel(Kernel):
    cdef Py_ssize_t parts, length
    cdef char digits[20]
    cdef int64_t gold
    cdef double beta, weight, invalid

    def __init__(self, str text, Py_ssize_t parts, gold, double beta, double weight,
                 double wrong_format, double invalid):
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.parts, self.gold = parts, gold
        self.beta, self.weight, self.invalid = beta, weight, invalid
        if len(text) > 18:
            raise ValueError("the compiled scorer takes strings of at most 18 characters")
        self.length = len(text)
        for i, ch in enumerate(text):
            self.digits[i] = <char> (ord(ch) if ord(ch) < 128 else 0)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, pos = 0, width
        cdef int64_t v, product = 1
        cdef char buffer[24]
        if self.n_values != self.parts:
            return self.invalid
        for i in range(self.n_values):  # str(v) for each part, matched against the string
            v = self.values[i]
            width = 0
            if v < 0:
                if pos >= self.length or self.digits[pos] != 45:  # '-'
                    return self.invalid
                pos += 1
                v = -v
            while True:
                buffer[width] = <char> (48 + v % 10)
                width += 1
                v //= 10
                if v == 0:
                    break
            if pos + width > self.length:
                return self.invalid
            while width:
                width -= 1
                if self.digits[pos] != buffer[width]:
                    return self.invalid
                pos += 1
        if pos != self.length:
            return self.invalid
        for i in range(self.n_values):  # a match means all parts are digits of the string
            product *= self.values[i]
        if product > self.gold:
            return -1.0  # upstream asserts product <= optimum
        return ratio_pow(product, self.gold, self.beta, self.weight)


def split_candidates(str text, Py_ssize_t parts_minus_one, double deadline, double tolerance):
    """The states of the splitting programme that the optimum of text (digits 1-9 only)
    into parts_minus_one + 1 parts can come from, found with log10 values: a list of
    (k, i, [j, ...]) meaning "the best split of text[:i + 1] into k + 1 parts ends with the
    part text[j:i + 1], for one of these j" (k = 0: the single part text[:i + 1]), every j
    whose log10 product is within tolerance of the best; or None past the deadline."""
    cdef Py_ssize_t n = len(text), K = parts_minus_one, i, j, k, length, top
    cdef double *lv = <double *> PyMem_Malloc(n * n * sizeof(double))
    cdef double *table = <double *> PyMem_Malloc((K + 1) * n * sizeof(double))
    cdef char *needed = <char *> PyMem_Malloc((K + 1) * n)
    cdef Py_ssize_t *stack = <Py_ssize_t *> PyMem_Malloc(((K + 1) * n + 1) * sizeof(Py_ssize_t))
    cdef double head, best, cand
    cdef long long step = 0
    cdef list out = []
    cdef list choices
    if lv == NULL or table == NULL or needed == NULL or stack == NULL:
        PyMem_Free(lv); PyMem_Free(table); PyMem_Free(needed); PyMem_Free(stack)
        raise MemoryError()
    try:
        for j in range(n):
            head = 0.0
            for i in range(j, n):
                length = i - j + 1
                if length <= DIRECT_DIGITS:
                    head = head * 10.0 + (ord(text[i]) - 48)
                    lv[j * n + i] = log10(head)
                else:  # the first 15 digits, shifted: off by less than 1e-14 relative
                    lv[j * n + i] = log10(head) + (length - DIRECT_DIGITS)
        for i in range(n):
            table[i] = lv[i]
        for k in range(1, K + 1):
            for i in range(n):
                best = -INFINITY
                for j in range(k, i + 1):
                    cand = lv[j * n + i] + table[(k - 1) * n + j - 1]
                    if cand > best:
                        best = cand
                table[k * n + i] = best
                step += 1
                if past(deadline, step):
                    return None
        for i in range((K + 1) * n):
            needed[i] = 0
        top = 0
        stack[top] = K * n + n - 1
        top += 1
        needed[K * n + n - 1] = 1
        while top:
            top -= 1
            k, i = stack[top] // n, stack[top] % n
            choices = []
            if k:
                for j in range(k, i + 1):
                    if lv[j * n + i] + table[(k - 1) * n + j - 1] >= table[k * n + i] - tolerance:
                        choices.append(j)
                        if not needed[(k - 1) * n + j - 1]:
                            needed[(k - 1) * n + j - 1] = 1
                            stack[top] = (k - 1) * n + j - 1
                            top += 1
            out.append((k, i, choices))
        return out
    finally:
        PyMem_Free(lv)
        PyMem_Free(table)
        PyMem_Free(needed)
        PyMem_Free(stack)
