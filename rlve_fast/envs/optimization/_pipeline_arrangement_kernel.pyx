# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of PipelineArrangement (twin: ``PipelineArrangement.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow


cdef class PipelineKernel(Kernel):
    cdef Py_ssize_t n
    cdef int64_t *first
    cdef int64_t *second
    cdef char *seen
    cdef int64_t gold
    cdef double beta, invalid

    def __init__(self, n, first, second, gold, double beta, double wrong_format, double invalid):
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.n, self.gold, self.beta, self.invalid = n, gold, beta, invalid
        self.first = <int64_t *> PyMem_Malloc(n * sizeof(int64_t))
        self.second = <int64_t *> PyMem_Malloc(n * sizeof(int64_t))
        self.seen = <char *> PyMem_Malloc(n)
        if not (self.first and self.second and self.seen):
            raise MemoryError()
        for i in range(n):
            self.first[i] = first[i]
            self.second[i] = second[i]

    def __dealloc__(self):
        PyMem_Free(self.first)
        PyMem_Free(self.second)
        PyMem_Free(self.seen)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i
        cdef int64_t product, done_a = 0, done_b = 0
        if self.n_values != self.n:
            return self.invalid
        memset(self.seen, 0, self.n)
        for i in range(self.n):
            product = self.values[i]
            if product < 0 or product >= self.n or self.seen[product]:
                return self.invalid
            self.seen[product] = 1
        for i in range(self.n):
            product = self.values[i]
            done_a += self.first[product]
            if done_a > done_b:
                done_b = done_a
            done_b += self.second[product]
        if self.gold > done_b:
            return -1.0  # upstream asserts the optimum is no larger than the answer
        return ratio_pow(self.gold, done_b, self.beta, 1.0)
