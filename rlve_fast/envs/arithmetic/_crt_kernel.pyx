# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of CRT (twin: ``CRT.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport Kernel, SHAPE_INT, ratio_pow, FALLBACK


cdef class CRTKernel(Kernel):
    cdef Py_ssize_t n, n_all
    cdef int64_t *moduli
    cdef int64_t *residues
    cdef double beta, wrong_format

    def __init__(self, moduli, residues, double beta, double wrong_format):
        self.shape = SHAPE_INT
        self.no_answer = wrong_format
        self.beta, self.wrong_format = beta, wrong_format
        self.n = min(len(moduli), len(residues))
        if len(moduli) == 0:
            raise OverflowError("no moduli: the Python scorer reproduces upstream's error")
        self.moduli = <int64_t *> PyMem_Malloc(max(1, self.n) * sizeof(int64_t))
        self.residues = <int64_t *> PyMem_Malloc(max(1, self.n) * sizeof(int64_t))
        if not (self.moduli and self.residues):
            raise MemoryError()
        for i in range(self.n):
            if moduli[i] <= 0:
                raise OverflowError("non-positive modulus: Python's % semantics decide")
            self.moduli[i] = moduli[i]
            self.residues[i] = residues[i]
        self.n_all = len(moduli)

    def __dealloc__(self):
        PyMem_Free(self.moduli)
        PyMem_Free(self.residues)

    cdef double score_values(self) except? -2.0:
        cdef int64_t x = self.values[0]
        cdef Py_ssize_t i, satisfied = 0
        if x < 0:
            return self.wrong_format
        for i in range(self.n):
            satisfied += x % self.moduli[i] == self.residues[i]
        return ratio_pow(satisfied, self.n_all, self.beta, 1.0)
