# cython: language_level=3, boundscheck=False, wraparound=False
"""Strict equality of JSON-like configs (twin: ``rlve_fast.batch._same_python``, which is
``a == b`` confirmed by equal ``marshal`` bytes).

Equal here means the same types all the way down (1, 1.0 and True differ; so do lists and
tuples, and dicts whose keys come in another order) and equal values; anything that is not
a dict, list, tuple, str, int, float, bool or None is never equal (kept apart, as the twin
keeps apart what marshal cannot write).  The walk stops at the first difference."""
from cpython.dict cimport PyDict_Next
from cpython.ref cimport PyObject
from cpython.tuple cimport PyTuple_GET_SIZE, PyTuple_GET_ITEM
from cpython.list cimport PyList_GET_SIZE, PyList_GET_ITEM
from libc.string cimport memcmp

cdef int MAX_DEPTH = 200  # deeper than any config: kept apart rather than risking the C stack


cdef bint _same(object a, object b, int depth) except -1:
    cdef type t = type(a)
    cdef Py_ssize_t i, n, pa = 0, pb = 0
    cdef PyObject *ka
    cdef PyObject *va
    cdef PyObject *kb
    cdef PyObject *vb
    cdef double x, y
    if t is not type(b):
        return False
    if t is str:
        return a is b or (<str> a) == (<str> b)
    if t is int:
        return a is b or a == b
    if t is bool or a is None:
        return a is b
    if t is float:  # NaN: equal only to itself, as == inside a container
        if a is b:
            return True
        x = a
        y = b
        return x == y and memcmp(&x, &y, sizeof(double)) == 0
    if depth >= MAX_DEPTH:
        return False
    if t is list:
        n = PyList_GET_SIZE(a)
        if n != PyList_GET_SIZE(b):
            return False
        for i in range(n):
            if PyList_GET_SIZE(b) != n or PyList_GET_SIZE(a) != n:
                return False
            if not _same(<object> PyList_GET_ITEM(a, i), <object> PyList_GET_ITEM(b, i), depth + 1):
                return False
        return True
    if t is tuple:
        n = PyTuple_GET_SIZE(a)
        if n != PyTuple_GET_SIZE(b):
            return False
        for i in range(n):
            if not _same(<object> PyTuple_GET_ITEM(a, i), <object> PyTuple_GET_ITEM(b, i), depth + 1):
                return False
        return True
    if t is dict:
        if len(<dict> a) != len(<dict> b):
            return False
        while PyDict_Next(a, &pa, &ka, &va):
            if not PyDict_Next(b, &pb, &kb, &vb):
                return False
            if not (_same(<object> ka, <object> kb, depth + 1) and _same(<object> va, <object> vb, depth + 1)):
                return False
        return True
    return False


def same(a, b):
    """True when ``a`` and ``b`` are strictly equal configs (see the module docstring)."""
    return _same(a, b, 0)
