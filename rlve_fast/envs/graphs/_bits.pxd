# Helpers for the compiled graph searches of this family: 64-bit vertex sets and zeroed
# buffers (cimport them; there is no module to build).
from cpython.mem cimport PyMem_Malloc
from libc.string cimport memset

cdef extern from *:
    """
    #if defined(_MSC_VER)
    #include <intrin.h>
    static __inline int rlve_graph_popcount64(unsigned long long x) { return (int)__popcnt64(x); }
    static __inline int rlve_graph_lowest_bit(unsigned long long x) {
        unsigned long i; _BitScanForward64(&i, x); return (int)i; }
    #else
    static inline int rlve_graph_popcount64(unsigned long long x) { return __builtin_popcountll(x); }
    static inline int rlve_graph_lowest_bit(unsigned long long x) { return __builtin_ctzll(x); }
    #endif
    """
    int popcount64 "rlve_graph_popcount64"(unsigned long long x) nogil
    int lowest_bit "rlve_graph_lowest_bit"(unsigned long long x) nogil   # x must not be 0


cdef inline void *zeroed(size_t size) except NULL:
    """A zero-filled buffer from PyMem_Malloc (at least one byte); MemoryError if none."""
    cdef void *p = PyMem_Malloc(size if size > 0 else 1)
    if p == NULL:
        raise MemoryError()
    memset(p, 0, size if size > 0 else 1)
    return p
