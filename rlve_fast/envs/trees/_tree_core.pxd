from libc.stdint cimport int32_t


cdef class RootedTree:
    """A tree given as an edge list, rooted and laid out in C arrays (vertex = label - first).

    ``order`` lists the vertices breadth-first from the root (parents before children);
    the children of v are ``children[child_start[v]:child_start[v + 1]]``."""
    cdef readonly Py_ssize_t n
    cdef int32_t *parent
    cdef int32_t *order
    cdef int32_t *child_start
    cdef int32_t *children
