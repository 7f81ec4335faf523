# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled solver and scorer of DynDynamite (twins: ``least_radius``, ``DynDynamite.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int32_t, int64_t

from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow
from rlve_fast.envs.trees._tree_core cimport RootedTree


cdef int32_t centers_needed(RootedTree tree, const char *is_key, int32_t radius,
                            int32_t *open_key, int32_t *center) noexcept:
    cdef Py_ssize_t i, n = tree.n
    cdef int32_t v, p, count = 0
    for i in range(n):
        open_key[i] = -1
        center[i] = <int32_t> n + 1
    for i in range(n - 1, -1, -1):
        v = tree.order[i]
        if is_key[v] and open_key[v] < 0:
            open_key[v] = 0
        if open_key[v] >= 0 and open_key[v] + center[v] <= radius:
            open_key[v] = -1
        if open_key[v] == radius:
            count += 1
            open_key[v] = -1
            center[v] = 0
        p = tree.parent[v]
        if p >= 0:
            if open_key[v] >= 0 and open_key[v] + 1 > open_key[p]:
                open_key[p] = open_key[v] + 1
            if center[v] + 1 < center[p]:
                center[p] = center[v] + 1
    return count + (open_key[tree.order[0]] >= 0)


def least_radius(Py_ssize_t n, edges, key_vertices, Py_ssize_t m):
    cdef RootedTree tree = RootedTree(edges, n, 0, 0)
    cdef int32_t *work = <int32_t *> PyMem_Malloc(2 * n * sizeof(int32_t))
    cdef char *is_key = <char *> PyMem_Malloc(n)
    cdef int32_t low = 0, high = <int32_t> n, middle
    cdef Py_ssize_t i, key
    if work == NULL or is_key == NULL:
        PyMem_Free(work)
        PyMem_Free(is_key)
        raise MemoryError()
    try:
        for i in range(n):
            is_key[i] = 0
        for key in key_vertices:
            if not -n <= key < n:
                raise IndexError("a key is not a vertex")
            is_key[key if key >= 0 else n + key] = 1  # Python list indexing
        while low < high:
            middle = (low + high) // 2
            if centers_needed(tree, is_key, middle, work, work + n) <= m:
                high = middle
            else:
                low = middle + 1
    finally:
        PyMem_Free(work)
        PyMem_Free(is_key)
    return low


cdef class CentersKernel(Kernel):
    cdef Py_ssize_t n, m, n_keys
    cdef int32_t *adj_start
    cdef int32_t *adj
    cdef int32_t *keys
    cdef int32_t *distance
    cdef int32_t *queue
    cdef int64_t gold
    cdef double beta, invalid

    def __init__(self, Py_ssize_t n, Py_ssize_t m, edges, key_vertices, gold, double beta,
                 double wrong_format, double invalid):
        cdef Py_ssize_t i, u, v
        cdef RootedTree tree = RootedTree(edges, n, 0, 0)  # ValueError unless a tree
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.n, self.m, self.gold, self.beta, self.invalid = n, m, gold, beta, invalid
        self.n_keys = len(key_vertices)
        self.adj_start = <int32_t *> PyMem_Malloc((n + 1) * sizeof(int32_t))
        self.adj = <int32_t *> PyMem_Malloc(max(2 * n - 2, 1) * sizeof(int32_t))
        self.keys = <int32_t *> PyMem_Malloc(max(self.n_keys, 1) * sizeof(int32_t))
        self.distance = <int32_t *> PyMem_Malloc(n * sizeof(int32_t))
        self.queue = <int32_t *> PyMem_Malloc(n * sizeof(int32_t))
        if not (self.adj_start and self.adj and self.keys and self.distance and self.queue):
            raise MemoryError()
        for i in range(self.n_keys):
            v = key_vertices[i]
            if not 0 <= v < n:
                raise ValueError("a key is not a vertex")
            self.keys[i] = <int32_t> v
        # the rooted tree's parent links are its edges: adjacency = parent + children
        for v in range(n):
            self.adj_start[v + 1] = tree.child_start[v + 1] - tree.child_start[v] + (tree.parent[v] >= 0)
        self.adj_start[0] = 0
        for v in range(n):
            self.adj_start[v + 1] += self.adj_start[v]
        for v in range(n):
            i = self.adj_start[v]
            if tree.parent[v] >= 0:
                self.adj[i] = tree.parent[v]
                i += 1
            for u in range(tree.child_start[v], tree.child_start[v + 1]):
                self.adj[i] = tree.children[u]
                i += 1

    def __dealloc__(self):
        PyMem_Free(self.adj_start)
        PyMem_Free(self.adj)
        PyMem_Free(self.keys)
        PyMem_Free(self.distance)
        PyMem_Free(self.queue)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, k, head = 0, tail = 0, n = self.n
        cdef int64_t v
        cdef int32_t u, w, worst = -1
        if self.n_values != self.m:
            return self.invalid
        for i in range(self.n_values):
            if not 0 <= self.values[i] < n:
                return self.invalid
        for i in range(n):
            self.distance[i] = -1
        for i in range(self.n_values):
            v = self.values[i]
            if self.distance[v] < 0:
                self.distance[v] = 0
                self.queue[tail] = <int32_t> v
                tail += 1
        while head < tail:
            u = self.queue[head]
            head += 1
            for k in range(self.adj_start[u], self.adj_start[u + 1]):
                w = self.adj[k]
                if self.distance[w] < 0:
                    self.distance[w] = self.distance[u] + 1
                    self.queue[tail] = w
                    tail += 1
        if self.n_keys == 0:
            return -1.0  # max() of nothing raises
        for i in range(self.n_keys):
            if self.distance[self.keys[i]] > worst:
                worst = self.distance[self.keys[i]]
        if not 0 < self.gold <= worst:
            return -1.0  # upstream asserts 0 < gold <= achieved
        return ratio_pow(self.gold, worst, self.beta, 1.0)
