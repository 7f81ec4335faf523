# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of MaxXorSet (twin: ``MaxXorSet.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow


cdef class MaxXorKernel(Kernel):
    cdef Py_ssize_t n
    cdef int64_t *array
    cdef int64_t gold
    cdef double beta, invalid

    def __init__(self, values, gold, double beta, double wrong_format, double invalid):
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.n, self.gold, self.beta, self.invalid = len(values), gold, beta, invalid
        self.array = <int64_t *> PyMem_Malloc(max(1, self.n) * sizeof(int64_t))
        if self.array == NULL:
            raise MemoryError()
        for i in range(self.n):
            self.array[i] = values[i]

    def __dealloc__(self):
        PyMem_Free(self.array)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i
        cdef int64_t index, total = 0
        for i in range(self.n_values):
            index = self.values[i]
            if index < 0 or index >= self.n:
                return self.invalid
            total ^= self.array[index]
        if total > self.gold:
            return -1.0  # upstream asserts the answer is no larger than the optimum
        return ratio_pow(total, self.gold, self.beta, 1.0)
