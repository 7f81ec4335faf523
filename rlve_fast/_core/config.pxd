cdef object valid_threshold(object config, object types)
