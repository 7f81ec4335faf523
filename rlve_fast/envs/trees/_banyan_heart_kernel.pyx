# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled solver and scorer of BanyanHeart (twins: ``heart_positions``, ``BanyanHeart.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.math cimport isnan
from libc.stdint cimport int32_t

from rlve_fast._core.kernel cimport Kernel, ratio_pow
from rlve_fast._core.text cimport Markers
from rlve_fast.envs.trees._text_span cimport (stripped_span, PyUnicode_KIND, PyUnicode_DATA,
                                             PyUnicode_READ)
from rlve_fast.envs.trees._tree_core cimport RootedTree


cdef inline int32_t larger(int32_t a, int32_t b, const int32_t *size) noexcept:
    if a < 0:
        return b
    if b < 0:
        return a
    return a if size[a] > size[b] else b


def heart_positions(Py_ssize_t n, edges):
    cdef RootedTree tree = RootedTree(edges, n, 0, 1)
    cdef int32_t *buf = <int32_t *> PyMem_Malloc(6 * n * sizeof(int32_t))
    cdef int32_t *size = buf
    cdef int32_t *rest = buf + n
    cdef int32_t *biggest = buf + 2 * n
    cdef int32_t *runner_up = buf + 3 * n
    cdef int32_t *depth = buf + 4 * n
    cdef int32_t *off_path = buf + 5 * n
    cdef Py_ssize_t i, k
    cdef int32_t v, c, h, below, t, left, count
    cdef bytearray out = bytearray(b"F" * n)
    if buf == NULL:
        raise MemoryError()
    try:
        for i in range(n - 1, -1, -1):
            v = tree.order[i]
            size[v] = 1
            biggest[v] = runner_up[v] = -1
            for k in range(tree.child_start[v], tree.child_start[v + 1]):
                c = tree.children[k]
                size[v] += size[c]
                if biggest[v] < 0 or size[c] > size[biggest[v]]:
                    runner_up[v] = biggest[v]
                    biggest[v] = c
                elif runner_up[v] < 0 or size[c] > size[runner_up[v]]:
                    runner_up[v] = c
            h = biggest[v]
            below = size[v] - 1
            if h < 0 or rest[h] <= below - size[h]:
                rest[v] = below % 2 + 1
            else:
                rest[v] = rest[h] - (below - size[h]) + 1
        depth[tree.order[0]] = 1
        off_path[tree.order[0]] = -1
        for i in range(n):
            v = tree.order[i]
            t = larger(biggest[v], off_path[v], size)
            left = rest[t] if t >= 0 else 0
            count = size[t] if t >= 0 else 0
            if depth[v] % 2 == n % 2 and left <= n - depth[v] - count:
                out[v] = 84  # "T"
            for k in range(tree.child_start[v], tree.child_start[v + 1]):
                c = tree.children[k]
                depth[c] = depth[v] + 1
                off_path[c] = larger(runner_up[v] if c == biggest[v] else biggest[v], off_path[v], size)
    finally:
        PyMem_Free(buf)
    return out.decode("ascii")


cdef class HeartKernel(Kernel):
    """Scores the T/F string directly on the answer's code points (no integer parsing)."""
    cdef Py_ssize_t n, n_ref
    cdef char *reference  # 1 where the reference has T
    cdef double beta, wrong_format

    def __init__(self, Py_ssize_t n, str reference, double beta, double wrong_format):
        cdef Py_ssize_t i
        self.n, self.n_ref = n, len(reference)
        self.beta, self.wrong_format = beta, wrong_format
        self.no_answer = wrong_format
        self.reference = <char *> PyMem_Malloc(max(self.n_ref, 1))
        if self.reference == NULL:
            raise MemoryError()
        for i in range(self.n_ref):
            self.reference[i] = reference[i] == "T"

    def __dealloc__(self):
        PyMem_Free(self.reference)

    cpdef object score(self, str response, Markers markers):
        cdef Py_ssize_t a = 0, b = 0, i, both = 0, either = 0
        cdef int kind = PyUnicode_KIND(response)
        cdef void *data = PyUnicode_DATA(response)
        cdef Py_UCS4 ch
        cdef bint mine
        cdef double reward
        if not stripped_span(response, markers, &a, &b):
            return self.no_answer
        if b - a != self.n:
            return self.wrong_format
        for i in range(a, b):
            ch = PyUnicode_READ(kind, data, i)
            if ch != 84 and ch != 70:  # T, F
                return self.wrong_format
        for i in range(min(self.n, self.n_ref)):
            mine = PyUnicode_READ(kind, data, a + i) == 84
            both += mine and self.reference[i]
            either += mine or self.reference[i]
        reward = ratio_pow(both, either, self.beta, 1.0)
        return None if isnan(reward) else reward
