# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of TopologicalSort_MinimalLexicographicalOrder (twin: its ``score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow, FALLBACK
from rlve_fast.envs._config_arrays cimport read_int, read_ints, INT64_MIN, INT64_MAX


cdef class TopologicalSortKernel(Kernel):
    cdef Py_ssize_t n, n_conditions, n_gold
    cdef int64_t *conditions  # pairs (before, after)
    cdef int64_t *gold
    cdef Py_ssize_t *position
    cdef char *seen
    cdef double invalid, order_weight, order_beta, match_weight, match_beta
    cdef bint malformed

    def __dealloc__(self):
        PyMem_Free(self.conditions)
        PyMem_Free(self.gold)
        PyMem_Free(self.position)
        PyMem_Free(self.seen)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, n = self.n, satisfied = 0, same = 0
        cdef int64_t v, a, b
        cdef double reward
        if self.n_values != n:
            return self.invalid
        memset(self.seen, 0, n)
        for i in range(n):
            v = self.values[i]
            if v < 0 or v >= n or self.seen[v]:
                return self.invalid
            self.seen[v] = 1
            self.position[v] = i
        if self.malformed or self.n_conditions == 0:
            return -1.0  # upstream raises (bad pair, or division by zero conditions)
        for i in range(self.n_conditions):
            a = self.conditions[2 * i]
            b = self.conditions[2 * i + 1]
            if a < -n or a >= n or b < -n or b >= n:
                return -1.0  # IndexError in upstream's scorer
            if a < 0:
                a += n  # Python's negative indexing
            if b < 0:
                b += n
            satisfied += self.position[a] < self.position[b]
        reward = 0.0
        reward += ratio_pow(satisfied, self.n_conditions, self.order_beta, self.order_weight)
        if satisfied == self.n_conditions:
            for i in range(min(n, self.n_gold)):
                same += self.gold[i] == self.values[i]
            reward += ratio_pow(same, n, self.match_beta, self.match_weight)
        return reward


def topological_sort_kernel(n, conditions, gold, double wrong_format, double invalid, double order_weight,
                            double order_beta, double match_weight, double match_beta):
    """The scorer of a config whose numbers are int64s (a condition that is not a pair is
    kept as a flag: upstream's scorer fails on it), None for any other config (the Python
    scorer decides there)."""
    cdef TopologicalSortKernel kernel = TopologicalSortKernel.__new__(TopologicalSortKernel)
    cdef Py_ssize_t i = 0
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.invalid, kernel.order_weight, kernel.order_beta = invalid, order_weight, order_beta
    kernel.match_weight, kernel.match_beta = match_weight, match_beta
    kernel.n = n
    kernel.n_conditions = len(conditions)
    kernel.n_gold = len(gold)
    kernel.conditions = <int64_t *> PyMem_Malloc(max(1, 2 * kernel.n_conditions) * sizeof(int64_t))
    kernel.gold = <int64_t *> PyMem_Malloc(max(1, kernel.n_gold) * sizeof(int64_t))
    kernel.position = <Py_ssize_t *> PyMem_Malloc(max(1, kernel.n) * sizeof(Py_ssize_t))
    kernel.seen = <char *> PyMem_Malloc(max(1, kernel.n))
    if not (kernel.conditions and kernel.gold and kernel.position and kernel.seen):
        raise MemoryError()
    kernel.malformed = False
    for pair in conditions:
        if len(pair) != 2:
            kernel.malformed = True  # upstream would raise while unpacking: -1.0
        elif not read_ints(pair, 2, INT64_MIN, INT64_MAX, kernel.conditions + 2 * i):
            return None
        i += 1
    if not read_ints(gold, kernel.n_gold, INT64_MIN, INT64_MAX, kernel.gold):
        return None
    return kernel
