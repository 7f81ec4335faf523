# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of LandAcquisition (twin: ``LandAcquisition.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_ROWS, ratio_pow
from rlve_fast.envs._config_arrays cimport INT64_MAX, read_int

cdef int64_t EXACT = 1LL << 53  # costs must stay exact in a double


cdef class LandKernel(Kernel):
    cdef Py_ssize_t n
    cdef int64_t *widths
    cdef int64_t *lengths
    cdef char *seen
    cdef int64_t gold
    cdef double beta, invalid

    def __dealloc__(self):
        PyMem_Free(self.widths)
        PyMem_Free(self.lengths)
        PyMem_Free(self.seen)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, r, start = 0
        cdef int64_t item, top_w, top_l, cost = 0
        if self.n_values != self.n:
            return self.invalid
        memset(self.seen, 0, self.n + 1)
        for i in range(self.n):  # n numbers covering 1..n: each exactly once
            item = self.values[i]
            if item < 1 or item > self.n or self.seen[item]:
                return self.invalid
            self.seen[item] = 1
        for r in range(self.n_rows):
            top_w = top_l = 0
            for i in range(start, self.row_ends[r]):
                item = self.values[i] - 1
                if self.widths[item] > top_w:
                    top_w = self.widths[item]
                if self.lengths[item] > top_l:
                    top_l = self.lengths[item]
            cost += top_w * top_l
            start = self.row_ends[r]
        if self.gold > cost:
            return -1.0  # upstream asserts the optimum is no larger than the answer
        return ratio_pow(self.gold, cost, self.beta, 1.0)


cdef int read_prefix(object values, Py_ssize_t n, int64_t *out, int64_t *largest) except -1:
    """The first n values (ints >= 0, within int64) into out, their largest into largest[0]."""
    cdef Py_ssize_t i
    largest[0] = 0
    for i in range(n):
        if not read_int(values[i], 0, INT64_MAX, out + i):
            return 0
        if out[i] > largest[0]:
            largest[0] = out[i]
    return 1


def land_kernel(n, widths, lengths, gold, double beta, double wrong_format, double invalid):
    """The scorer of 1 <= N <= 2^20 plots whose first N widths and lengths are ints >= 0 with
    max(W) * max(L) * N < 2^53; None for any other config (the Python scorer reproduces
    upstream, or its error, there).  A gold answer beyond int64 raises OverflowError (None too)."""
    cdef LandKernel kernel
    cdef Py_ssize_t size
    cdef int64_t top_w, top_l
    if not 1 <= n <= 1 << 20 or len(widths) < n or len(lengths) < n:
        return None
    size = n
    kernel = LandKernel.__new__(LandKernel)
    kernel.shape = SHAPE_ROWS
    kernel.no_answer = wrong_format
    kernel.n, kernel.gold, kernel.beta, kernel.invalid = size, gold, beta, invalid
    kernel.widths = <int64_t *> PyMem_Malloc(size * sizeof(int64_t))
    kernel.lengths = <int64_t *> PyMem_Malloc(size * sizeof(int64_t))
    kernel.seen = <char *> PyMem_Malloc(size + 1)
    if not (kernel.widths and kernel.lengths and kernel.seen):
        raise MemoryError()
    # a value beyond int64 makes the product reach 2^53 unless the other side is all 0,
    # where the former copy into int64 raised OverflowError: None either way
    if not (read_prefix(widths, size, kernel.widths, &top_w) and read_prefix(lengths, size, kernel.lengths, &top_l)):
        return None
    # top_w * top_l * size < 2^53, in integers that cannot overflow
    if top_w and top_l and (top_l > (EXACT - 1) // size or top_w > (EXACT - 1) // (top_l * size)):
        return None
    return kernel
