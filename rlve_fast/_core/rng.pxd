# cython: language_level=3
cdef long long below(object rng, long long n) except -1
