# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twin of ResidueAnswerEnvironment.score (rlve_fast/envs/_residue.py): the reward of
every environment whose answer is one residue modulo a modulus."""
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport Kernel, SHAPE_INT


cdef class ResidueKernel(Kernel):
    """One integer: ``wrong_range`` outside [0, modulus), ``correct`` for the reference residue,
    ``wrong`` for any other residue."""
    cdef int64_t reference, modulus
    cdef double correct, wrong, wrong_range

    def __init__(self, reference, modulus, double correct=1.0, double wrong=0.0,
                 double wrong_range=-0.5, double wrong_format=-1.0):
        self.shape = SHAPE_INT
        self.reference = reference
        self.modulus = modulus
        self.correct = correct
        self.wrong = wrong
        self.wrong_range = wrong_range
        self.no_answer = wrong_format

    cdef double score_values(self) except? -2.0:
        cdef int64_t answer = self.values[0]
        if answer < 0 or answer >= self.modulus:
            return self.wrong_range
        return self.correct if answer == self.reference else self.wrong
