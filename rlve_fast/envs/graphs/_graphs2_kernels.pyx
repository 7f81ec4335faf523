# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorers shared by the graph environments of batch 2."""
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport Kernel, SHAPE_INT

cdef int64_t NO_EDGE = -(1LL << 62)
cdef int64_t SUM_LIMIT = 1LL << 53


cdef int fill_weight_table(int64_t *table, Py_ssize_t n, object edges) except -1:
    """table[s * n + t] = w for each listed edge (s, t, w) inside 0..n-1, NO_EDGE elsewhere;
    a later duplicate wins, as in a dict.  Weights must keep sums exact in a double."""
    cdef Py_ssize_t i
    for i in range(n * n):
        table[i] = NO_EDGE
    for s, t, w in edges:
        if 0 <= s < n and 0 <= t < n:
            if not (-SUM_LIMIT <= w <= SUM_LIMIT):
                raise OverflowError("edge weight beyond exact double range")
            table[s * n + t] = w
    return 0


cdef class ModRangeExact(Kernel):
    """One integer answer modulo ``mod``: outside [0, mod) is ``wrong_range``, otherwise
    ``correct`` for the reference and ``wrong`` for anything else.  (Twin: the ``score``
    methods of the modular counting environments.)"""
    cdef int64_t reference, mod
    cdef double correct, wrong, wrong_range

    def __init__(self, reference, mod, double correct=1.0, double wrong=0.0,
                 double wrong_range=-0.5, double wrong_format=-1.0):
        self.shape = SHAPE_INT
        self.reference, self.mod = reference, mod
        self.correct, self.wrong, self.wrong_range = correct, wrong, wrong_range
        self.no_answer = wrong_format

    cdef double score_values(self) except? -2.0:
        cdef int64_t answer = self.values[0]
        if not (0 <= answer < self.mod):
            return self.wrong_range
        return self.correct if answer == self.reference else self.wrong
