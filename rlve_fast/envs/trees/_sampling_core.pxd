from libc.stdint cimport uint32_t, uint64_t


cdef class Words:
    cdef object rng
    cdef uint32_t *block
    cdef Py_ssize_t block_words, used

    cdef int refill(self) except -1
    cdef uint32_t next_word(self) except? 0
    cdef uint64_t draw_below(self, uint64_t n) except? 0
    cdef int fill_attachments(self, Py_ssize_t n, bint root_first, Py_ssize_t *order,
                              Py_ssize_t *parent) except -1
