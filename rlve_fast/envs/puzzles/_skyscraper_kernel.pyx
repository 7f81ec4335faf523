# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of the skyscraper puzzles (twin: ``SkyscraperBase.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_ROWS, ratio_pow
from rlve_fast.envs._config_arrays cimport INT64_MAX, INT64_MIN, read_ints


cdef class SkyscraperKernel(Kernel):
    cdef Py_ssize_t n
    cdef int64_t *clue  # left, right, top, bottom: n each
    cdef char *seen
    cdef bint sums
    cdef double beta, wrong_format, invalid

    def __dealloc__(self):
        PyMem_Free(self.clue)
        PyMem_Free(self.seen)

    cdef inline int64_t view(self, Py_ssize_t start, Py_ssize_t step) noexcept:
        """The clue of the n cells values[start], values[start + step], ..."""
        cdef int64_t tallest = -1, total = 0, h
        cdef Py_ssize_t t
        for t in range(self.n):
            h = self.values[start + t * step]
            if h > tallest:
                tallest = h
                total += h if self.sums else 1
        return total

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t n = self.n, r, c, start = 0, satisfied = 0
        cdef int64_t v
        if self.n_rows != n:
            return self.wrong_format
        for r in range(n):
            if self.row_ends[r] - start != n:
                return self.wrong_format
            start = self.row_ends[r]
        # cell (r, c) is values[r * n + c]
        for r in range(n):
            memset(self.seen, 0, n)
            for c in range(n):
                v = self.values[r * n + c]
                if v < 0 or v >= n or self.seen[v]:
                    return self.invalid
                self.seen[v] = 1
        for c in range(n):
            memset(self.seen, 0, n)
            for r in range(n):
                v = self.values[r * n + c]
                if self.seen[v]:
                    return self.invalid
                self.seen[v] = 1
        for r in range(n):
            satisfied += self.view(r * n, 1) == self.clue[r]
            satisfied += self.view(r * n + n - 1, -1) == self.clue[n + r]
        for c in range(n):
            satisfied += self.view(c, n) == self.clue[2 * n + c]
            satisfied += self.view((n - 1) * n + c, -n) == self.clue[3 * n + c]
        return ratio_pow(satisfied, 4 * n, self.beta, 1.0)


def skyscraper_kernel(n, left, right, top, bottom, bint sums, double beta, double wrong_format,
                      double invalid):
    """The scorer for 1 <= N <= 4096 and four lists of N int64 clues; None for any other
    config (the Python scorer reproduces upstream exactly there)."""
    cdef SkyscraperKernel kernel
    cdef Py_ssize_t size
    if not 1 <= n <= 4096:
        return None
    size = n
    kernel = SkyscraperKernel.__new__(SkyscraperKernel)
    kernel.shape = SHAPE_ROWS
    kernel.no_answer = wrong_format
    kernel.n, kernel.sums, kernel.beta = size, sums, beta
    kernel.wrong_format, kernel.invalid = wrong_format, invalid
    kernel.clue = <int64_t *> PyMem_Malloc(4 * size * sizeof(int64_t))
    kernel.seen = <char *> PyMem_Malloc(size)
    if not (kernel.clue and kernel.seen):
        raise MemoryError()
    if not (read_ints(left, size, INT64_MIN, INT64_MAX, kernel.clue)
            and read_ints(right, size, INT64_MIN, INT64_MAX, kernel.clue + size)
            and read_ints(top, size, INT64_MIN, INT64_MAX, kernel.clue + 2 * size)
            and read_ints(bottom, size, INT64_MIN, INT64_MAX, kernel.clue + 3 * size)):
        return None
    return kernel
