# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of MaxXorSet (twin: ``MaxXorSet.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow
from rlve_fast.envs._config_arrays cimport read_int, INT64_MIN, INT64_MAX


cdef class MaxXorKernel(Kernel):
    cdef Py_ssize_t n
    cdef int64_t *array
    cdef int64_t gold
    cdef double beta, invalid

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


def max_xor_kernel(n, values, gold, double beta, double wrong_format, double invalid):
    """The scorer of the first N values (0 <= N <= min(len(values), 2^24), each in 0..2^53-1:
    exact as doubles) and an int64 optimum, None for any other config (the Python scorer
    decides there)."""
    cdef MaxXorKernel kernel
    cdef Py_ssize_t i
    if not 0 <= n <= len(values) or n > 1 << 24:
        return None
    kernel = MaxXorKernel.__new__(MaxXorKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.n, kernel.beta, kernel.invalid = n, beta, invalid
    kernel.array = <int64_t *> PyMem_Malloc(max(1, kernel.n) * sizeof(int64_t))
    if kernel.array == NULL:
        raise MemoryError()
    for i in range(kernel.n):
        if not read_int(values[i], 0, (1LL << 53) - 1, kernel.array + i):
            return None
    if not read_int(gold, INT64_MIN, INT64_MAX, &kernel.gold):
        return None
    return kernel
