# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of FractionalProgramming_BipartiteGraphMatching (twin: its ``score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow, FALLBACK
from rlve_fast.envs._config_arrays cimport read_rows

cdef int64_t LIMIT = 1LL << 53
cdef int64_t ENTRY_LIMIT = 1LL << 31


cdef class RatioKernel(Kernel):
    cdef Py_ssize_t n
    cdef int64_t *a
    cdef int64_t *b
    cdef char *seen
    cdef int64_t gold_top, gold_bottom
    cdef double beta, invalid

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


def ratio_kernel(n, a, b, gold_top, gold_bottom, double beta, double wrong_format, double invalid):
    """The scorer for 1 <= N <= 4096, N x N matrices of entries below 2^31 and stored sums
    below 2^53 in absolute value (exact int64 products); None for any other config (the
    Python scorer reproduces upstream exactly there)."""
    cdef RatioKernel kernel
    cdef Py_ssize_t size
    if not 1 <= n <= 4096 or not (abs(gold_top) < LIMIT and abs(gold_bottom) < LIMIT):
        return None
    size = n
    kernel = RatioKernel.__new__(RatioKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.n, kernel.beta, kernel.invalid = size, beta, invalid
    kernel.gold_top, kernel.gold_bottom = gold_top, gold_bottom
    kernel.a = <int64_t *> PyMem_Malloc(size * size * sizeof(int64_t))
    kernel.b = <int64_t *> PyMem_Malloc(size * size * sizeof(int64_t))
    kernel.seen = <char *> PyMem_Malloc(size)
    if not (kernel.a and kernel.b and kernel.seen):
        raise MemoryError()
    if not (read_rows(a, size, size, 1 - ENTRY_LIMIT, ENTRY_LIMIT - 1, kernel.a)
            and read_rows(b, size, size, 1 - ENTRY_LIMIT, ENTRY_LIMIT - 1, kernel.b)):
        return None
    return kernel
