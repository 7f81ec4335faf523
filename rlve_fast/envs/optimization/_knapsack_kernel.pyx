# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of Knapsack (twin: ``Knapsack.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow, FALLBACK
from rlve_fast.envs._config_arrays cimport read_int, INT64_MIN, INT64_MAX

cdef int64_t SUM_LIMIT = 1LL << 53


cdef class KnapsackKernel(Kernel):
    cdef Py_ssize_t n
    cdef int64_t *weight
    cdef int64_t *value
    cdef int64_t capacity, gold
    cdef char *chosen
    cdef double beta, invalid
    cdef bint short_lists

    def __dealloc__(self):
        PyMem_Free(self.weight)
        PyMem_Free(self.value)
        PyMem_Free(self.chosen)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i
        cdef int64_t item, total_weight = 0, total_value = 0
        if self.short_lists:
            return FALLBACK
        memset(self.chosen, 0, self.n)
        # upstream checks repeats before ranges; both give the same reward, so one pass does
        for i in range(self.n_values):
            item = self.values[i]
            if item < 0 or item >= self.n or self.chosen[item]:
                return self.invalid
            self.chosen[item] = 1
        for i in range(self.n_values):
            total_weight += self.weight[self.values[i]]
            total_value += self.value[self.values[i]]
            if total_weight > SUM_LIMIT or total_weight < -SUM_LIMIT or total_value > SUM_LIMIT or total_value < -SUM_LIMIT:
                return FALLBACK
        if total_weight > self.capacity:
            return self.invalid
        if total_value > self.gold:
            return -1.0  # upstream asserts value <= optimum
        return ratio_pow(total_value, self.gold, self.beta, 1.0)


cdef int read_prefix(object items, Py_ssize_t count, int64_t *out) except -1:
    """The first min(count, len(items)) of ``items`` as int64s (0: one is beyond int64)."""
    cdef Py_ssize_t i
    for i in range(min(count, len(items))):
        if not read_int(items[i], INT64_MIN, INT64_MAX, out + i):
            return 0
    return 1


def knapsack_kernel(n, weights, values, capacity, gold, double beta, double wrong_format, double invalid):
    """The scorer of N >= 0 items, None for a negative N or numbers beyond int64 (the Python
    scorer decides there)."""
    cdef KnapsackKernel kernel
    if n < 0:
        return None
    kernel = KnapsackKernel.__new__(KnapsackKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.beta, kernel.invalid = beta, invalid
    kernel.n = n
    if not (read_int(capacity, INT64_MIN, INT64_MAX, &kernel.capacity)
            and read_int(gold, INT64_MIN, INT64_MAX, &kernel.gold)):
        return None
    # Items the lists lack make upstream's scorer raise (IndexError): decided in Python.
    kernel.short_lists = len(weights) < kernel.n or len(values) < kernel.n
    kernel.weight = <int64_t *> PyMem_Malloc(max(1, kernel.n) * sizeof(int64_t))
    kernel.value = <int64_t *> PyMem_Malloc(max(1, kernel.n) * sizeof(int64_t))
    kernel.chosen = <char *> PyMem_Malloc(max(1, kernel.n))
    if not (kernel.weight and kernel.value and kernel.chosen):
        raise MemoryError()
    if not (read_prefix(weights, kernel.n, kernel.weight) and read_prefix(values, kernel.n, kernel.value)):
        return None
    return kernel
