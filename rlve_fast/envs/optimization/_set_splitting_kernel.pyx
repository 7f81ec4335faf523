# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of SetSplitting (twin: ``SetSplitting.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow
from rlve_fast.envs._config_arrays cimport read_int, read_ints, INT64_MIN, INT64_MAX


cdef class SetSplittingKernel(Kernel):
    cdef Py_ssize_t n, n_sets
    cdef int64_t m
    cdef int64_t *elements   # all subsets back to back
    cdef Py_ssize_t *ends    # subset k is elements[ends[k-1]:ends[k]]
    cdef char *in_first
    cdef double beta, invalid

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


def set_splitting_kernel(n, m, subsets, double beta, double wrong_format, double invalid):
    """The scorer of 0 <= N <= 2^24 elements and an int64 M and subset elements, None for any
    other config (the Python scorer decides there)."""
    cdef SetSplittingKernel kernel
    cdef Py_ssize_t total = 0, k = 0, i = 0, size
    if not 0 <= n <= 1 << 24:
        return None
    kernel = SetSplittingKernel.__new__(SetSplittingKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.n, kernel.n_sets = n, len(subsets)
    kernel.beta, kernel.invalid = beta, invalid
    if not read_int(m, INT64_MIN, INT64_MAX, &kernel.m):
        return None
    for subset in subsets:
        total += len(subset)
    kernel.elements = <int64_t *> PyMem_Malloc(max(1, total) * sizeof(int64_t))
    kernel.ends = <Py_ssize_t *> PyMem_Malloc(max(1, kernel.n_sets) * sizeof(Py_ssize_t))
    kernel.in_first = <char *> PyMem_Malloc(max(1, kernel.n))
    if not (kernel.elements and kernel.ends and kernel.in_first):
        raise MemoryError()
    for subset in subsets:
        size = len(subset)
        if not read_ints(subset, size, INT64_MIN, INT64_MAX, kernel.elements + k):
            return None
        k += size
        kernel.ends[i] = k
        i += 1
    return kernel
