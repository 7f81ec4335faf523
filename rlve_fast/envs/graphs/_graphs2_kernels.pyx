# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorers shared by the graph environments of batch 2."""
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport Kernel, SHAPE_INT


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
