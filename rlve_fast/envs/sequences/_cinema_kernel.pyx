# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled scorer of Cinema (twin: ``Cinema.parse`` and ``Cinema.score``).

The answer must be exactly two integers (the base parser's list, then a length check: any
other count is upstream's failed unpacking, wrong format).  The pair, a tuple, is compared
with the stored value as Python compares them: equal only to a tuple of the same two ints,
never to a list, so a stored list scores every parsable answer ``wrong``."""
from libc.stdint cimport int64_t

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST
from rlve_fast.envs._config_arrays cimport read_int, INT64_MIN, INT64_MAX


cdef class PairKernel(Kernel):
    cdef int64_t first, second
    cdef bint comparable  # False: the stored value is a list, which no tuple equals
    cdef double correct, wrong

    cdef double score_values(self) except? -2.0:
        if self.n_values != 2:
            return self.no_answer  # "a, b = ..." fails: upstream's wrong format
        if self.comparable and self.values[0] == self.first and self.values[1] == self.second:
            return self.correct
        return self.wrong


def pair_kernel(gold, double correct, double wrong, double wrong_format):
    """The scorer of a stored tuple of two int64s or a stored list (whatever it holds: a
    tuple never equals it), None for any other stored value (the Python scorer compares it)."""
    cdef PairKernel kernel = PairKernel.__new__(PairKernel)
    cdef type kind = type(gold)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.correct, kernel.wrong = correct, wrong
    if kind is list:
        kernel.comparable = False
    elif (kind is tuple and len(<tuple> gold) == 2
          and read_int((<tuple> gold)[0], INT64_MIN, INT64_MAX, &kernel.first)
          and read_int((<tuple> gold)[1], INT64_MIN, INT64_MAX, &kernel.second)):
        kernel.comparable = True
    else:
        return None
    return kernel
