# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of TopologicalSort_MinimalLexicographicalOrder (twin: its ``score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t
from libc.string cimport memset

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow, FALLBACK


cdef class TopologicalSortKernel(Kernel):
    cdef Py_ssize_t n, n_conditions, n_gold
    cdef int64_t *conditions  # pairs (before, after)
    cdef int64_t *gold
    cdef Py_ssize_t *position
    cdef char *seen
    cdef double invalid, order_weight, order_beta, match_weight, match_beta
    cdef bint malformed

    def __init__(self, n, conditions, gold, double wrong_format, double invalid, double order_weight,
                 double order_beta, double match_weight, double match_beta):
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.invalid, self.order_weight, self.order_beta = invalid, order_weight, order_beta
        self.match_weight, self.match_beta = match_weight, match_beta
        self.n = n
        self.n_conditions = len(conditions)
        self.n_gold = len(gold)
        self.conditions = <int64_t *> PyMem_Malloc(max(1, 2 * self.n_conditions) * sizeof(int64_t))
        self.gold = <int64_t *> PyMem_Malloc(max(1, self.n_gold) * sizeof(int64_t))
        self.position = <Py_ssize_t *> PyMem_Malloc(max(1, self.n) * sizeof(Py_ssize_t))
        self.seen = <char *> PyMem_Malloc(max(1, self.n))
        if not (self.conditions and self.gold and self.position and self.seen):
            raise MemoryError()
        self.malformed = False
        for i, pair in enumerate(conditions):
            if len(pair) != 2:
                self.malformed = True  # upstream would raise while unpacking: -1.0
                continue
            self.conditions[2 * i] = pair[0]
            self.conditions[2 * i + 1] = pair[1]
        for i in range(self.n_gold):
            self.gold[i] = gold[i]

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
