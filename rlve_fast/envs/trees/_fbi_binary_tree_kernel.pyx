# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled generator, solver and scorer of FBI_BinaryTree (twins: ``random_bit_string``,
``postorder_types``, ``FBIBinaryTree.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.math cimport log, isnan
from libc.stdint cimport uint64_t
from libc.string cimport memset

from rlve_fast import deadline
from rlve_fast._core.clock cimport past
from rlve_fast._core.kernel cimport Kernel, ratio_pow
from rlve_fast._core.text cimport Markers
from rlve_fast.envs.trees._sampling_core cimport Words
from rlve_fast.envs.trees._text_span cimport (stripped_span, PyUnicode_KIND, PyUnicode_DATA,
                                             PyUnicode_READ)

cdef extern from "Python.h":
    object PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    unsigned char *PyUnicode_1BYTE_DATA(object o)


def random_bit_string(Words source, Py_ssize_t length, double log_same):
    cdef double stop = deadline.deadline_at(), u
    cdef uint64_t high, low
    cdef Py_ssize_t run, left = length, step = 0
    cdef unsigned char bit = <unsigned char> source.draw_below(2)
    cdef object out = PyUnicode_New(length, 127)
    cdef unsigned char *data = PyUnicode_1BYTE_DATA(out)
    while left > 0:
        high = source.next_word() >> 5
        low = source.next_word() >> 6
        u = <double> (high * 67108864 + low + 1) / 9007199254740992.0
        run = 1 + <Py_ssize_t> (log(u) / log_same)
        if run > left:
            run = left
        memset(data + (length - left), 48 + bit, run)
        left -= run
        bit ^= 1
        step += 1
        if past(stop, step):
            deadline.check()
    return out


def postorder_types(str string):
    cdef Py_ssize_t n = len(string), i, j, m = 0, depth = 0
    cdef int kind = PyUnicode_KIND(string)
    cdef void *source = PyUnicode_DATA(string)
    cdef double stop = deadline.deadline_at()
    cdef unsigned char stack[72]
    cdef unsigned char t, left, right
    cdef object out = PyUnicode_New(max(2 * n - 1, 0), 127)
    cdef unsigned char *data = PyUnicode_1BYTE_DATA(out)
    if n >= (1LL << 62):
        raise ValueError("string too long")
    for i in range(n):
        t = 66 if PyUnicode_READ(kind, source, i) == 48 else 73  # B for "0", else I
        data[m] = t
        m += 1
        stack[depth] = t
        depth += 1
        j = i
        while j & 1:
            depth -= 1
            right = stack[depth]
            left = stack[depth - 1]
            t = left if left == right and left != 70 else 70  # F
            stack[depth - 1] = t
            data[m] = t
            m += 1
            j >>= 1
        if past(stop, i):
            deadline.check()
    if m != 2 * n - 1:
        raise ValueError("the string's length is not a power of two")
    return out


cdef class PostorderKernel(Kernel):
    """Scores the F/B/I string directly on the answer's code points."""
    cdef bytes reference
    cdef Py_ssize_t n
    cdef double beta, invalid

    def __init__(self, str reference, double beta, double invalid):
        self.reference = reference.encode("utf-8", "surrogatepass")
        self.n = len(reference)
        if len(self.reference) != self.n:
            raise ValueError("reference is not ASCII")  # cannot happen for generated configs
        self.beta, self.invalid = beta, invalid
        self.no_answer = -1.0

    cpdef object score(self, str response, Markers markers):
        cdef Py_ssize_t a = 0, b = 0, i, same = 0
        cdef int kind = PyUnicode_KIND(response)
        cdef void *data = PyUnicode_DATA(response)
        cdef const unsigned char *gold = self.reference
        cdef Py_UCS4 ch
        cdef double reward
        if not stripped_span(response, markers, &a, &b):
            return self.no_answer
        if b - a != self.n:
            return self.invalid
        for i in range(self.n):
            ch = PyUnicode_READ(kind, data, a + i)
            if ch != 70 and ch != 66 and ch != 73:  # F, B, I
                return self.invalid
            same += ch == gold[i]
        reward = ratio_pow(same, self.n, self.beta, 1.0)
        return None if isnan(reward) else reward
