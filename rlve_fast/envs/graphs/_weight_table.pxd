from libc.stdint cimport int64_t

cdef int64_t NO_EDGE
cdef int64_t SUM_LIMIT
cdef int fill_weight_table(int64_t *table, Py_ssize_t n, object edges) except -1
