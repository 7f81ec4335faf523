# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled solver and scorer of MinimumTreeWeightedDominatingAncestor (twins: ``least_cost``,
``MinimumTreeWeightedDominatingAncestor.score``).

The solver keeps every vertex's lists in one flat table: vertex v owns level(v) rows of
min(k, size(v)) + 1 entries, row t for the nearest selected ancestor at level t."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int32_t, int64_t

from rlve_fast import deadline
from rlve_fast._core.clock cimport past
from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow, FALLBACK
from rlve_fast.envs._config_arrays cimport read_ints
from rlve_fast.envs.trees._tree import rooted_at_zero


cdef struct Forest:
    Py_ssize_t n, k
    int32_t *parent
    int32_t *child_start
    int32_t *children
    int32_t *order
    int32_t *level
    int32_t *cap
    int64_t *dist
    int64_t *offset
    int64_t *table


cdef Py_ssize_t merge_children(Forest *f, int32_t v, int32_t t, int64_t **out, int64_t **spare) noexcept:
    """The lists of v's children (row t of each) combined into out[0]; returns its length."""
    cdef Py_ssize_t length = 1, row_length, new_length, j, x, top, i
    cdef int64_t best, value
    cdef int64_t *row
    cdef int64_t *swap
    cdef int32_t c
    out[0][0] = 0
    for i in range(f.child_start[v], f.child_start[v + 1]):
        c = f.children[i]
        row = f.table + f.offset[c] + t * (f.cap[c] + 1)
        row_length = f.cap[c] + 1
        new_length = min(f.k, length + row_length - 2) + 1
        for j in range(new_length):
            top = min(j, row_length - 1)
            best = out[0][min(j, length - 1)] + row[0]
            for x in range(1, top + 1):
                value = out[0][min(j - x, length - 1)] + row[x]
                if value < best:
                    best = value
            spare[0][j] = best
        swap = out[0]
        out[0] = spare[0]
        spare[0] = swap
        length = new_length
    return length


def least_cost(Py_ssize_t n, parents, costs, Py_ssize_t k):
    children_lists, order = rooted_at_zero(n, parents)
    cdef Forest f
    cdef Py_ssize_t i, j, t, total = 0, length, sel_length, step = 0
    cdef int32_t v, a
    cdef int64_t pay, keep, take
    cdef int64_t *acc
    cdef int64_t *spare
    cdef int64_t *selected
    cdef int64_t *row
    cdef double stop = deadline.deadline_at()
    cdef int64_t *cost = <int64_t *> PyMem_Malloc((n + 1) * sizeof(int64_t))
    cdef int32_t *size = <int32_t *> PyMem_Malloc((n + 1) * sizeof(int32_t))
    cdef int64_t *scratch = <int64_t *> PyMem_Malloc(3 * (k + 2) * sizeof(int64_t))
    f.n, f.k = n, k
    f.parent = <int32_t *> PyMem_Malloc((n + 1) * sizeof(int32_t))
    f.child_start = <int32_t *> PyMem_Malloc((n + 2) * sizeof(int32_t))
    f.children = <int32_t *> PyMem_Malloc((n + 1) * sizeof(int32_t))
    f.order = <int32_t *> PyMem_Malloc((n + 1) * sizeof(int32_t))
    f.level = <int32_t *> PyMem_Malloc((n + 1) * sizeof(int32_t))
    f.cap = <int32_t *> PyMem_Malloc((n + 1) * sizeof(int32_t))
    f.dist = <int64_t *> PyMem_Malloc((n + 1) * sizeof(int64_t))
    f.offset = <int64_t *> PyMem_Malloc((n + 2) * sizeof(int64_t))
    f.table = NULL
    try:
        if not (cost and size and scratch and f.parent and f.child_start and f.children and f.order
                and f.level and f.cap and f.dist and f.offset):
            raise MemoryError()
        f.child_start[0] = 0
        for v in range(n + 1):
            f.order[v] = order[v]
            cost[v] = costs[v]
            f.child_start[v + 1] = f.child_start[v] + len(children_lists[v])
            for i in range(len(children_lists[v])):
                f.children[f.child_start[v] + i] = children_lists[v][i]
        f.parent[0], f.level[0], f.dist[0] = -1, 0, 0
        for i in range(1, n + 1):
            v = f.order[i]
            p, w = parents[v]
            f.parent[v] = p
            f.level[v] = f.level[p] + 1
            f.dist[v] = f.dist[p] + w
        for v in range(n + 1):
            size[v] = 1
        for i in range(n, 0, -1):
            v = f.order[i]
            size[f.parent[v]] += size[v]
        f.offset[0] = 0
        for v in range(n + 1):
            f.cap[v] = <int32_t> min(k, size[v])
            f.offset[v + 1] = f.offset[v] + <int64_t> f.level[v] * (f.cap[v] + 1)
        f.table = <int64_t *> PyMem_Malloc(max(f.offset[n + 1], 1) * sizeof(int64_t))
        if f.table == NULL:
            raise MemoryError()
        acc, spare, selected = scratch, scratch + (k + 2), scratch + 2 * (k + 2)
        for i in range(n, 0, -1):
            v = f.order[i]
            sel_length = merge_children(&f, v, f.level[v], &acc, &spare)
            for j in range(sel_length):
                selected[j] = acc[j]
            a = v
            for t in range(f.level[v] - 1, -1, -1):
                a = f.parent[a]  # the ancestor at level t
                length = merge_children(&f, v, <int32_t> t, &acc, &spare)
                pay = cost[v] * (f.dist[v] - f.dist[a])
                row = f.table + f.offset[v] + t * (f.cap[v] + 1)
                row[0] = pay + acc[0]
                for j in range(1, f.cap[v] + 1):
                    keep = pay + acc[min(j, length - 1)]
                    take = selected[min(j - 1, sel_length - 1)]
                    row[j] = keep if keep < take else take
                step += 1 + size[v]
                if past(stop, step):
                    deadline.check()
        length = merge_children(&f, 0, 0, &acc, &spare)
        return acc[min(k, length - 1)]
    finally:
        PyMem_Free(cost)
        PyMem_Free(size)
        PyMem_Free(scratch)
        PyMem_Free(f.parent)
        PyMem_Free(f.child_start)
        PyMem_Free(f.children)
        PyMem_Free(f.order)
        PyMem_Free(f.level)
        PyMem_Free(f.cap)
        PyMem_Free(f.dist)
        PyMem_Free(f.offset)
        PyMem_Free(f.table)


cdef class AncestorCostKernel(Kernel):
    """The selection's cost: each vertex's distance up to its nearest selected vertex, found
    parents-first in breadth-first order."""
    cdef Py_ssize_t n, k
    cdef int32_t *parent
    cdef int32_t *order
    cdef int64_t *weight
    cdef int64_t *cost
    cdef int64_t *up
    cdef char *selected
    cdef int64_t gold
    cdef double beta, invalid

    def __init__(self, Py_ssize_t n, Py_ssize_t k, parents, costs, order, gold, double beta,
                 double wrong_format, double invalid):
        """``order``: the vertices breadth-first from 0 (``rooted_at_zero``), parents first."""
        cdef Py_ssize_t v
        self._allocate(n, k, gold, beta, wrong_format, invalid)
        for v in range(n + 1):
            self.order[v] = order[v]
            self.cost[v] = costs[v]
            if v > 0:
                self.parent[v], self.weight[v] = parents[v]

    cdef int _allocate(self, Py_ssize_t n, Py_ssize_t k, int64_t gold, double beta,
                       double wrong_format, double invalid) except -1:
        """The scalar fields and the per-vertex arrays (vertices 0..n; 0 is the root)."""
        self.shape = SHAPE_LIST
        self.no_answer = wrong_format
        self.n, self.k, self.gold, self.beta, self.invalid = n, k, gold, beta, invalid
        self.parent = <int32_t *> PyMem_Malloc((n + 1) * sizeof(int32_t))
        self.order = <int32_t *> PyMem_Malloc((n + 1) * sizeof(int32_t))
        self.weight = <int64_t *> PyMem_Malloc((n + 1) * sizeof(int64_t))
        self.cost = <int64_t *> PyMem_Malloc((n + 1) * sizeof(int64_t))
        self.up = <int64_t *> PyMem_Malloc((n + 1) * sizeof(int64_t))
        self.selected = <char *> PyMem_Malloc(n + 1)
        if not (self.parent and self.order and self.weight and self.cost and self.up and self.selected):
            raise MemoryError()
        self.parent[0], self.weight[0] = -1, 0
        return 0

    def __dealloc__(self):
        PyMem_Free(self.parent)
        PyMem_Free(self.order)
        PyMem_Free(self.weight)
        PyMem_Free(self.cost)
        PyMem_Free(self.up)
        PyMem_Free(self.selected)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i
        cdef int64_t x, total = 0
        cdef int32_t v
        if self.n_values != self.k:
            return self.invalid
        for i in range(self.n + 1):
            self.selected[i] = i == 0
        for i in range(self.n_values):
            x = self.values[i]
            if x < 1 or x > self.n:
                return self.invalid
            self.selected[x] = 1
        self.up[0] = 0
        for i in range(1, self.n + 1):
            v = self.order[i]
            self.up[v] = 0 if self.selected[v] else self.up[self.parent[v]] + self.weight[v]
            total += self.cost[v] * self.up[v]
        if self.gold > total:
            return -1.0  # upstream asserts the optimum is no dearer
        if total == 0:
            return 1.0 if self.gold == 0 else -1.0
        if total > (1LL << 53):
            return FALLBACK
        return ratio_pow(self.gold, total, self.beta, 1.0)


def ancestor_cost_kernel(n, k, parents, costs, gold, double beta, double wrong_format, double invalid):
    """The scorer of a plain config, read in one pass: 1 <= N <= 2^20, parents[v] for v in
    1..N a pair of ints [p, w] with p in 0..N and w in 0..2^20 forming a tree rooted at 0,
    N + 1 costs in 0..2^20.  None where such a config is not a tree or has larger numbers
    (the Python scorer decides); NotImplemented for any other shape of config (other
    entries, negative parents that index from the end), for the caller's general check."""
    cdef AncestorCostKernel kernel
    cdef Py_ssize_t size, v, u, head, tail
    cdef int64_t edge[2]
    cdef int32_t *first_child
    cdef int32_t *next_sibling
    if type(n) is not int or not 1 <= n <= 1 << 20 or type(parents) not in (list, tuple) or len(parents) <= n:
        return NotImplemented
    size = n
    for v in range(1, size + 1):
        entry = parents[v]
        if (type(entry) not in (list, tuple) or len(entry) != 2 or type(entry[0]) is not int
                or type(entry[1]) is not int or not 0 <= entry[0] <= n):
            return NotImplemented
    kernel = AncestorCostKernel.__new__(AncestorCostKernel)
    kernel._allocate(size, k, gold, beta, wrong_format, invalid)
    for v in range(1, size + 1):
        if not read_ints(parents[v], 2, 0, 1LL << 20, edge):
            return None  # a parent beyond N was ruled out above: a weight beyond 2^20
        kernel.parent[v], kernel.weight[v] = <int32_t> edge[0], edge[1]
    if not read_ints(costs, size + 1, 0, 1LL << 20, kernel.cost):
        return None
    # breadth-first from 0, each vertex's children in increasing order (as rooted_at_zero);
    # the sibling lists are built from N down so that they come out increasing
    first_child = <int32_t *> PyMem_Malloc(2 * (size + 1) * sizeof(int32_t))
    if first_child == NULL:
        raise MemoryError()
    next_sibling = first_child + size + 1
    try:
        for v in range(size + 1):
            first_child[v] = -1
        for v in range(size, 0, -1):
            u = kernel.parent[v]
            next_sibling[v] = first_child[u]
            first_child[u] = <int32_t> v
        kernel.order[0] = 0
        head, tail = 0, 1
        while head < tail:
            v = first_child[kernel.order[head]]
            head += 1
            while v != -1:
                kernel.order[tail] = <int32_t> v
                tail += 1
                v = next_sibling[v]
        if tail != size + 1:
            return None  # not a tree rooted at 0
    finally:
        PyMem_Free(first_child)
    return kernel
