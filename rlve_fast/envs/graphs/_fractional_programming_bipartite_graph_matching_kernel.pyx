# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of FractionalProgramming_BipartiteGraphMatching (twin: its ``score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow, FALLBACK

cdef int64_t LIMIT = 1LL << 53
cdef int64_t ENTRY_LIMIT = 1LL << 31


cdef class RatioKernel(Kernel):
    cdef Py_ssize_t n
    cdef int64_t *a
    cdef int64_t *b
    cdef char *seen
    cdef int64_t gold_top, gold_bottom
    cdef double beta, invalid

    def __init__(self, n, a, b, gold_top, gold_bottom, double beta, double wrong_format, double invalid):
        cdef Py_ssize_t i, j
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.n, self.beta, self.invalid = n, beta, invalid
        if not (abs(gold_top) < LIMIT and abs(gold_bottom) < LIMIT):
            raise OverflowError("stored sums too large for exact int64 products")
        self.gold_top, self.gold_bottom = gold_top, gold_bottom
        self.a = <int64_t *> PyMem_Malloc(n * n * sizeof(int64_t))
        self.b = <int64_t *> PyMem_Malloc(n * n * sizeof(int64_t))
        self.seen = <char *> PyMem_Malloc(n)
        if not (self.a and self.b and self.seen):
            raise MemoryError()
        for i in range(n):
            for j in range(n):
                if not (abs(a[i][j]) < ENTRY_LIMIT and abs(b[i][j]) < ENTRY_LIMIT):
                    raise OverflowError("matrix entry too large for the compiled scorer")
                self.a[i * n + j] = a[i][j]
                self.b[i * n + j] = b[i][j]

    def __dealloc__(self):
        PyMem_Free(self.a)
        PyMem_Free(self.b)
        PyMem_Free(self.seen)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, n = self.n
        cdef int64_t p, top = 0, bottom = 0
        if self.n_values != n:
            return self.invalid
        memset(self.seen, 0, n)
        for i in range(n):
            p = self.values[i]
            if p < 0 or p >= n or self.seen[p]:
                return self.invalid
            self.seen[p] = 1
        for i in range(n):
            top += self.a[i * n + self.values[i]]
            bottom += self.b[i * n + self.values[i]]
        # |sums| < n * 2^31 and the stored sums < 2^53: the products fit when n is modest
        if n > (1 << 20) or abs(top) >= (1LL << 52) // max(1, abs(self.gold_bottom) + 1) \
                or abs(bottom) >= (1LL << 52) // max(1, abs(self.gold_top) + 1):
            return FALLBACK
        if self.gold_top * bottom < top * self.gold_bottom:
            return -1.0  # upstream asserts the stored ratio is the best
        return ratio_pow(top * self.gold_bottom, bottom * self.gold_top, self.beta, 1.0)
