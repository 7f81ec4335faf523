# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twin of ``rlve_fast.envs.graphs._graph_common.plain_edges`` (the check a config's
edge list passes before a compiled scorer takes it)."""


def plain_edges(edges, Py_ssize_t n, Py_ssize_t width=2):
    """True when every edge has ``width`` int entries and its endpoints (the first two) lie
    in 0..n-1."""
    cdef object edge, x
    cdef type t
    cdef Py_ssize_t k
    for edge in edges:
        t = type(edge)
        if t is list:
            if len(<list> edge) != width:
                return False
            for x in <list> edge:
                if type(x) is not int:
                    return False
        elif t is tuple:
            if len(<tuple> edge) != width:
                return False
            for x in <tuple> edge:
                if type(x) is not int:
                    return False
        else:
            if len(edge) != width:
                return False
            for x in edge:
                if type(x) is not int:
                    return False
        if not (0 <= edge[0] < n and 0 <= edge[1] < n):
            return False
    return True
