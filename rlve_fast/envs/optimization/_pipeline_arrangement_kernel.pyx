# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of PipelineArrangement (twin: ``PipelineArrangement.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow
from rlve_fast.envs._config_arrays cimport read_int

cdef int64_t EXACT = 1LL << 53  # times must stay exact in a double


cdef class PipelineKernel(Kernel):
    cdef Py_ssize_t n
    cdef int64_t *first
    cdef int64_t *second
    cdef char *seen
    cdef int64_t gold
    cdef double beta, invalid

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


def pipeline_kernel(n, first, second, gold, double beta, double wrong_format, double invalid):
    """The scorer of 1 <= N <= 2^20 products whose first N times on each machine are ints with
    absolute values adding up to less than 2^53; None for any other config (the Python
    scorer reproduces upstream, or its error, there).  A gold answer beyond int64 raises
    OverflowError (None too)."""
    cdef PipelineKernel kernel
    cdef Py_ssize_t size, i
    cdef int64_t total = 0
    if not 1 <= n <= 1 << 20 or len(first) < n or len(second) < n:
        return None
    size = n
    kernel = PipelineKernel.__new__(PipelineKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.n, kernel.gold, kernel.beta, kernel.invalid = size, gold, beta, invalid
    kernel.first = <int64_t *> PyMem_Malloc(size * sizeof(int64_t))
    kernel.second = <int64_t *> PyMem_Malloc(size * sizeof(int64_t))
    kernel.seen = <char *> PyMem_Malloc(size)
    if not (kernel.first and kernel.second and kernel.seen):
        raise MemoryError()
    for i in range(size):  # the running total stays below 2^54: no overflow
        if not (read_int(first[i], 1 - EXACT, EXACT - 1, kernel.first + i)
                and read_int(second[i], 1 - EXACT, EXACT - 1, kernel.second + i)):
            return None
        total += (kernel.first[i] if kernel.first[i] >= 0 else -kernel.first[i])
        total += (kernel.second[i] if kernel.second[i] >= 0 else -kernel.second[i])
        if total >= EXACT:
            return None
    return kernel
