# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of DistinctArrayPermutation (twin: ``DistinctArrayPermutation.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.stdlib cimport qsort
from libc.string cimport memset, memcmp

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, FALLBACK

cdef int64_t VALUE_LIMIT = 1LL << 60
cdef int64_t SPAN_LIMIT = 1LL << 22  # reachable-sum table size for the compiled search


cdef int compare_int64(const void *a, const void *b) noexcept nogil:
    cdef int64_t x = (<const int64_t *> a)[0], y = (<const int64_t *> b)[0]
    return (x > y) - (x < y)


cdef class DistinctSumsKernel(Kernel):
    cdef Py_ssize_t n
    cdef int64_t *array
    cdef int64_t *sorted_array
    cdef int64_t *scratch
    cdef double invalid, incorrect, correct
    cdef bint big_values

    def __init__(self, array, double wrong_format, double invalid, double incorrect, double correct):
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.invalid, self.incorrect, self.correct = invalid, incorrect, correct
        self.n = len(array)
        self.array = <int64_t *> PyMem_Malloc(max(1, self.n) * sizeof(int64_t))
        self.sorted_array = <int64_t *> PyMem_Malloc(max(1, self.n) * sizeof(int64_t))
        self.scratch = <int64_t *> PyMem_Malloc(max(1, self.n) * sizeof(int64_t))
        if not (self.array and self.sorted_array and self.scratch):
            raise MemoryError()
        self.big_values = False
        for i in range(self.n):
            self.array[i] = array[i]
            self.sorted_array[i] = array[i]
            if not -VALUE_LIMIT < self.array[i] < VALUE_LIMIT:
                self.big_values = True
        qsort(self.sorted_array, self.n, sizeof(int64_t), compare_int64)

    def __dealloc__(self):
        PyMem_Free(self.array)
        PyMem_Free(self.sorted_array)
        PyMem_Free(self.scratch)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, n = self.n
        if self.n_values != n:
            return self.invalid
        for i in range(n):
            self.scratch[i] = self.values[i]
        qsort(self.scratch, n, sizeof(int64_t), compare_int64)
        if n and memcmp(self.scratch, self.sorted_array, n * sizeof(int64_t)) != 0:
            return self.invalid
        if self.big_values:
            return FALLBACK
        return self.clash_reward()

    cdef double clash_reward(self) except? -2.0:
        """A zero sum among the non-empty subsets of d[0..n-2], d = A - B."""
        cdef Py_ssize_t i, n = self.n
        cdef int64_t d, span = 0, s
        cdef char *reach
        for i in range(n - 1):
            d = self.array[i] - self.values[i]
            span += d if d >= 0 else -d
        if span > SPAN_LIMIT:
            return FALLBACK
        reach = <char *> PyMem_Malloc(2 * span + 1)
        if reach == NULL:
            raise MemoryError()
        memset(reach, 0, 2 * span + 1)
        try:
            for i in range(n - 1):
                d = self.array[i] - self.values[i]
                if d > 0:
                    for s in range(span - d, -span - 1, -1):
                        if reach[s + span]:
                            reach[s + d + span] = 1
                elif d < 0:
                    for s in range(-span - d, span + 1):
                        if reach[s + span]:
                            reach[s + d + span] = 1
                else:
                    return self.incorrect  # {i} alone sums to zero
                reach[d + span] = 1
                if reach[span]:
                    return self.incorrect
            return self.correct
        finally:
            PyMem_Free(reach)
