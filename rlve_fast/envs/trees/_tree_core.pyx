# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twin of ``rlve_fast.envs.trees._tree.rooted``: a checked, rooted tree in C arrays."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int32_t

from rlve_fast import deadline
from rlve_fast._core.clock cimport past


cdef class RootedTree:
    def __cinit__(self, edges, Py_ssize_t n, Py_ssize_t root=0, Py_ssize_t first=0):
        cdef Py_ssize_t i, k, v, u, head, tail, m = len(edges)
        cdef int32_t *ends
        cdef int32_t *adj_start
        cdef int32_t *adj
        cdef double stop = deadline.deadline_at()
        self.parent = self.order = self.child_start = self.children = NULL
        if n < 1 or n >= (1 << 30) or m != n - 1 or not 0 <= root < n:
            raise ValueError("not a tree on %d vertices" % n)
        self.n = n
        self.parent = <int32_t *> PyMem_Malloc(n * sizeof(int32_t))
        self.order = <int32_t *> PyMem_Malloc(n * sizeof(int32_t))
        self.child_start = <int32_t *> PyMem_Malloc((n + 1) * sizeof(int32_t))
        self.children = <int32_t *> PyMem_Malloc(n * sizeof(int32_t))
        ends = <int32_t *> PyMem_Malloc(max(2 * m, 1) * sizeof(int32_t))
        adj_start = <int32_t *> PyMem_Malloc((n + 1) * sizeof(int32_t))
        adj = <int32_t *> PyMem_Malloc(max(2 * m, 1) * sizeof(int32_t))
        try:
            if not (self.parent and self.order and self.child_start and self.children
                    and ends and adj_start and adj):
                raise MemoryError()
            for i in range(n + 1):
                adj_start[i] = 0
            for i in range(m):
                edge = edges[i]
                if len(edge) != 2:
                    raise ValueError("an edge is not a pair")
                for k in range(2):
                    v = <Py_ssize_t> edge[k] - first
                    if not 0 <= v < n:
                        raise ValueError("an edge end is not a vertex")
                    ends[2 * i + k] = <int32_t> v
                    adj_start[v + 1] += 1
            for v in range(n):
                adj_start[v + 1] += adj_start[v]
            for v in range(n):
                self.child_start[v] = adj_start[v]  # fill cursors
            for i in range(m):
                u, v = ends[2 * i], ends[2 * i + 1]
                adj[self.child_start[u]] = <int32_t> v
                self.child_start[u] += 1
                adj[self.child_start[v]] = <int32_t> u
                self.child_start[v] += 1
            for v in range(n):
                self.parent[v] = -2  # unvisited
            self.parent[root] = -1
            self.order[0] = <int32_t> root
            head, tail = 0, 1
            while head < tail:
                u = self.order[head]
                head += 1
                if past(stop, head):
                    deadline.check()
                for k in range(adj_start[u], adj_start[u + 1]):
                    v = adj[k]
                    if self.parent[v] == -2:
                        self.parent[v] = <int32_t> u
                        self.order[tail] = <int32_t> v
                        tail += 1
            if tail != n:
                raise ValueError("the edges do not connect every vertex")
            # children in CSR, each list in breadth-first order
            for v in range(n + 1):
                self.child_start[v] = 0
            for i in range(1, n):
                self.child_start[self.parent[self.order[i]] + 1] += 1
            for v in range(n):
                self.child_start[v + 1] += self.child_start[v]
            for v in range(n):
                adj_start[v] = self.child_start[v]
            for i in range(1, n):
                v = self.order[i]
                u = self.parent[v]
                self.children[adj_start[u]] = <int32_t> v
                adj_start[u] += 1
        finally:
            PyMem_Free(ends)
            PyMem_Free(adj_start)
            PyMem_Free(adj)

    def __dealloc__(self):
        PyMem_Free(self.parent)
        PyMem_Free(self.order)
        PyMem_Free(self.child_start)
        PyMem_Free(self.children)

    def layout(self):
        """(parent, order, children) as Python lists, for tests against the twin."""
        cdef Py_ssize_t v
        return ([self.parent[v] for v in range(self.n)], [self.order[v] for v in range(self.n)],
                [[self.children[k] for k in range(self.child_start[v], self.child_start[v + 1])]
                 for v in range(self.n)])
