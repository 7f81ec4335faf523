# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of SetSplitting (twin: ``SetSplitting.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow


cdef class SetSplittingKernel(Kernel):
    cdef Py_ssize_t n, n_sets
    cdef int64_t m
    cdef int64_t *elements   # all subsets back to back
    cdef Py_ssize_t *ends    # subset k is elements[ends[k-1]:ends[k]]
    cdef char *in_first
    cdef double beta, invalid

    def __init__(self, n, m, subsets, double beta, double wrong_format, double invalid):
        cdef Py_ssize_t total = sum(len(s) for s in subsets), k = 0
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.n, self.m, self.n_sets = n, m, len(subsets)
        self.beta, self.invalid = beta, invalid
        self.elements = <int64_t *> PyMem_Malloc(max(1, total) * sizeof(int64_t))
        self.ends = <Py_ssize_t *> PyMem_Malloc(max(1, self.n_sets) * sizeof(Py_ssize_t))
        self.in_first = <char *> PyMem_Malloc(max(1, self.n))
        if not (self.elements and self.ends and self.in_first):
            raise MemoryError()
        for i, subset in enumerate(subsets):
            for element in subset:
                self.elements[k] = element
                k += 1
            self.ends[i] = k

    def __dealloc__(self):
        PyMem_Free(self.elements)
        PyMem_Free(self.ends)
        PyMem_Free(self.in_first)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, k, start = 0
        cdef int64_t x, split = 0
        cdef bint all_first, all_second, inside
        memset(self.in_first, 0, self.n)
        for i in range(self.n_values):
            x = self.values[i]
            if x < 0 or x >= self.n or self.in_first[x]:
                return self.invalid  # out of range or repeated
            self.in_first[x] = 1
        for k in range(self.n_sets):
            all_first = all_second = True
            for i in range(start, self.ends[k]):
                x = self.elements[i]
                inside = 0 <= x < self.n
                all_first = all_first and inside and self.in_first[x]
                all_second = all_second and inside and not self.in_first[x]
            split += not (all_first or all_second)
            start = self.ends[k]
        if split > self.m:
            return -1.0  # upstream asserts at most M subsets are split
        return ratio_pow(split, self.m, self.beta, 1.0)
