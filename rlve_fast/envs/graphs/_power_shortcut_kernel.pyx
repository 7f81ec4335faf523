# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of PowerShortcut (twin: ``PowerShortcut.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow


cdef class ShortcutKernel(Kernel):
    cdef Py_ssize_t n
    cdef char *allowed  # n x n
    cdef int64_t gold
    cdef double beta, wrong_format, invalid

    def __dealloc__(self):
        PyMem_Free(self.allowed)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, m = self.n_values, n = self.n
        if m == 0:
            return self.wrong_format
        for i in range(m):
            if self.values[i] < 0 or self.values[i] >= n:
                return self.invalid
        if self.values[0] != 0 or self.values[m - 1] != n - 1:
            return self.invalid
        for i in range(m - 1):
            if not self.allowed[self.values[i] * n + self.values[i + 1]]:
                return self.invalid
        if self.gold > m:
            return -1.0  # upstream asserts the optimum is no longer
        return ratio_pow(self.gold, m, self.beta, 1.0)


def shortcut_kernel(n, allowed, gold, double beta, double wrong_format, double invalid):
    """The scorer of an N x N table of allowed steps (1 <= N <= 4096; each entry read for its
    truth); None for any other shape (the Python scorer reproduces upstream exactly there).
    A gold answer beyond int64 raises OverflowError (None too)."""
    cdef ShortcutKernel kernel
    cdef Py_ssize_t size, s = 0, t
    cdef char *out
    if not 1 <= n <= 4096 or len(allowed) != n:
        return None
    size = n
    kernel = ShortcutKernel.__new__(ShortcutKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.n, kernel.gold, kernel.beta = size, gold, beta
    kernel.wrong_format, kernel.invalid = wrong_format, invalid
    kernel.allowed = <char *> PyMem_Malloc(size * size)
    if kernel.allowed == NULL:
        raise MemoryError()
    for row in allowed:
        if len(row) != size:
            return None
        out = kernel.allowed + s * size
        t = 0
        for step in row:  # bools from load_config: identity tests, truth otherwise
            out[t] = 1 if step is True else 0 if step is False else (1 if step else 0)
            t += 1
        s += 1
    return kernel
