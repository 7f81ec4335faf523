# The CPython accessors the compiled scanners read a str's storage through (one, two or four
# bytes a character), declared once for every module that cimports them.
cdef extern from "Python.h":
    int PyUnicode_KIND(object o)
    void *PyUnicode_DATA(object o)
    Py_UCS4 PyUnicode_READ(int kind, const void *data, Py_ssize_t index) nogil
