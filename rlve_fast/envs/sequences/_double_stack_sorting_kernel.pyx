# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""DoubleStackSorting, compiled: the scorer (twin: ``DoubleStackSorting.score``) and the
generator's random walk over the four operations (twin: ``random_operations``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport Kernel, ratio_pow
from rlve_fast._core.text cimport Markers, rlve_is_space

from rlve_fast._core.pyunicode cimport PyUnicode_KIND, PyUnicode_DATA, PyUnicode_READ


cdef class DoubleStackKernel(Kernel):
    """Replays the operation letters on the queue 0..N-1 and two stacks."""
    cdef Py_ssize_t n, n_gold
    cdef int64_t *gold
    cdef int64_t *first
    cdef int64_t *second
    cdef double beta, weight, wrong_format, invalid

    def __init__(self, Py_ssize_t n, gold, double beta, double weight, double wrong_format, double invalid):
        self.n, self.n_gold = n, len(gold)
        self.beta, self.weight = beta, weight
        self.wrong_format, self.invalid = wrong_format, invalid
        self.no_answer = wrong_format
        self.gold = <int64_t *> PyMem_Malloc(max(1, self.n_gold) * sizeof(int64_t))
        self.first = <int64_t *> PyMem_Malloc(max(1, n) * sizeof(int64_t))
        self.second = <int64_t *> PyMem_Malloc(max(1, n) * sizeof(int64_t))
        if not (self.gold and self.first and self.second):
            raise MemoryError()
        for i in range(self.n_gold):
            self.gold[i] = gold[i]

    def __dealloc__(self):
        PyMem_Free(self.gold)
        PyMem_Free(self.first)
        PyMem_Free(self.second)

    cpdef object score(self, str response, Markers markers):
        cdef Py_ssize_t a = 0, b = 0, i, front = 0, top1 = 0, top2 = 0, produced = 0, same = 0
        cdef int64_t value
        cdef Py_UCS4 op
        cdef int kind
        cdef const void *data
        if not markers.span(response, &a, &b):
            return self.no_answer
        kind = PyUnicode_KIND(response)
        data = PyUnicode_DATA(response)
        while a < b and rlve_is_space(PyUnicode_READ(kind, data, a)):
            a += 1
        while b > a and rlve_is_space(PyUnicode_READ(kind, data, b - 1)):
            b -= 1
        for i in range(a, b):
            op = PyUnicode_READ(kind, data, i)
            if op == u'a' or op == u'c':
                if front >= self.n:
                    return self.invalid
                if op == u'a':
                    self.first[top1] = front
                    top1 += 1
                else:
                    self.second[top2] = front
                    top2 += 1
                front += 1
            elif op == u'b' or op == u'd':
                if op == u'b':
                    if top1 == 0:
                        return self.invalid
                    top1 -= 1
                    value = self.first[top1]
                else:
                    if top2 == 0:
                        return self.invalid
                    top2 -= 1
                    value = self.second[top2]
                if produced < self.n_gold and self.gold[produced] == value:
                    same += 1
                produced += 1
            else:
                return self.wrong_format
        if produced != self.n:
            return self.invalid
        return ratio_pow(same, self.n, self.beta, self.weight)


def random_operations(Py_ssize_t n, weights, uniforms):
    """(operation string, output sequence) of a random walk: at each of the 2n steps one of
    the currently possible operations is drawn with probability proportional to its weight
    (``uniforms`` holds the 2n draws from [0, 1))."""
    cdef double w[4]
    cdef double total, r
    cdef Py_ssize_t step, front = 0, depth1 = 0, depth2 = 0, k
    cdef bint possible[4]
    cdef bytearray out = bytearray(2 * n)
    cdef list output = []
    cdef list stack1 = [], stack2 = []
    for k in range(4):
        w[k] = weights[k]
    for step in range(2 * n):
        possible[0] = possible[2] = front < n
        possible[1] = depth1 > 0
        possible[3] = depth2 > 0
        total = 0.0
        for k in range(4):
            if possible[k]:
                total += w[k]
        r = <double> uniforms[step] * total
        for k in range(4):
            if possible[k]:
                if r < w[k]:
                    break
                r -= w[k]
        else:  # rounding left r just above the last weight: take the last possible operation
            k = 3
            while not possible[k]:
                k -= 1
        out[step] = 97 + k  # 'a' + k
        if k == 0:
            stack1.append(front)
            depth1 += 1
            front += 1
        elif k == 1:
            output.append(stack1.pop())
            depth1 -= 1
        elif k == 2:
            stack2.append(front)
            depth2 += 1
            front += 1
        else:
            output.append(stack2.pop())
            depth2 -= 1
    return out.decode("ascii"), output
