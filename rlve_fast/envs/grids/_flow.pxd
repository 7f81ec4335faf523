# The compiled flow network (see _flow.pyx); declared here so other solvers can cimport it.
from libc.stdint cimport int64_t


cdef class FlowGraph:
    cdef int n, m, cap_edges
    cdef int *head      # first arc of each node, -1: none
    cdef int *nxt       # next arc of the same tail
    cdef int *to
    cdef int64_t *cap   # residual capacity; arc e ^ 1 is the reverse of arc e
    cdef int64_t *cost
    cdef int *level
    cdef int *it
    cdef int *queue
    cdef int64_t *dist
    cdef int64_t *potential
    cdef double deadline
    cdef long long steps
    cdef bint timed_out

    cdef int _grow(self) except -1
    cdef void _arc(self, int u, int v, int64_t c, int64_t w) noexcept
    cpdef add_edge(self, int u, int v, int64_t capacity, int64_t cost=*)
    cdef bint _levels(self, int s, int t, bint tight) noexcept nogil
    cdef int64_t _push(self, int u, int t, int64_t limit, bint tight) noexcept nogil
    cdef int64_t _blocking(self, int s, int t, bint tight) noexcept nogil
    cdef bint _dijkstra(self, int s, int t) noexcept nogil
