# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled solver and scorer of Minimum_DominatingInterval (twins: ``cheapest_points``,
``MinimumDominatingInterval.score``)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int32_t, int64_t
from libc.string cimport memset

from rlve_fast import deadline
from rlve_fast._core.clock cimport past
from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow, FALLBACK
from rlve_fast.envs._config_arrays cimport read_ints

cdef int64_t NONE = -1


def cheapest_points(Py_ssize_t n, Py_ssize_t k, intervals):
    """(least cost, points), as the twin; the table is laid out flat, row l of ``reach``
    holding the cost of the intervals [l, R] with R >= i at column i."""
    cdef Py_ssize_t w = n + 2, i, j, p, low, high, last, step = 0
    cdef int64_t added, total, cost
    cdef double stop = deadline.deadline_at()
    cdef int64_t *reach = <int64_t *> PyMem_Malloc(w * w * sizeof(int64_t))
    cdef int64_t *best = <int64_t *> PyMem_Malloc((k + 1) * (n + 1) * sizeof(int64_t))
    cdef int32_t *came_from = <int32_t *> PyMem_Malloc((k + 1) * (n + 1) * sizeof(int32_t))
    cdef int32_t *opened = <int32_t *> PyMem_Malloc(w * sizeof(int32_t))
    cdef int64_t *prev
    cdef int64_t *cur
    if not (reach and best and came_from and opened):
        PyMem_Free(reach); PyMem_Free(best); PyMem_Free(came_from); PyMem_Free(opened)
        raise MemoryError()
    try:
        memset(reach, 0, w * w * sizeof(int64_t))
        memset(opened, 0, w * sizeof(int32_t))
        for low, high, cost in intervals:
            if not 1 <= low <= high <= n:
                raise ValueError("an interval outside 1..N")
            reach[low * w + high] += cost
            opened[low] += 1
            opened[high + 1] -= 1
        for i in range(1, n + 1):
            opened[i] += opened[i - 1]  # opened[i] > 0: point i is covered
        for low in range(1, n + 1):
            for i in range(n - 1, 0, -1):
                reach[low * w + i] += reach[low * w + i + 1]
        for i in range((k + 1) * (n + 1)):
            best[i] = NONE
        best[0] = 0
        for j in range(1, k + 1):
            prev = best + (j - 1) * (n + 1)
            cur = best + j * (n + 1)
            for i in range(1, n + 1):
                if opened[i] <= 0:
                    continue
                added = 0
                for p in range(i - 1, -1, -1):
                    added += reach[(p + 1) * w + i]
                    if prev[p] != NONE:
                        total = prev[p] + added
                        if cur[i] == NONE or total < cur[i]:
                            cur[i] = total
                            came_from[j * (n + 1) + i] = <int32_t> p
                step += i
                if past(stop, step):
                    deadline.check()
        cur = best + k * (n + 1)
        last = -1
        for i in range(1, n + 1):
            if cur[i] != NONE and (last < 0 or cur[i] < cur[last]):
                last = i
        if last < 0:
            raise ValueError("fewer than K points are covered")
        cost = cur[last]
        points = []
        for j in range(k, 0, -1):
            points.append(last)
            last = came_from[j * (n + 1) + last]
        return cost, points[::-1]
    finally:
        PyMem_Free(reach)
        PyMem_Free(best)
        PyMem_Free(came_from)
        PyMem_Free(opened)


cdef class DominatingKernel(Kernel):
    cdef Py_ssize_t n, k, m
    cdef int64_t *interval   # low, high, cost per interval
    cdef char *covered       # covered[x], x in 0..n+1
    cdef int32_t *chosen     # prefix counts of chosen points, 0..n
    cdef int64_t gold
    cdef double beta, invalid

    def __dealloc__(self):
        PyMem_Free(self.interval)
        PyMem_Free(self.covered)
        PyMem_Free(self.chosen)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, x
        cdef int64_t v, total = 0
        if self.n_values != self.k:
            return self.invalid
        memset(self.chosen, 0, (self.n + 2) * sizeof(int32_t))
        for i in range(self.n_values):
            v = self.values[i]
            # a point outside 1..N is in no interval; a repeat fails the distinctness check
            if v < 1 or v > self.n or not self.covered[v] or self.chosen[v]:
                return self.invalid
            self.chosen[v] = 1
        for x in range(1, self.n + 1):
            self.chosen[x] += self.chosen[x - 1]
        for i in range(self.m):
            if self.chosen[self.interval[3 * i + 1]] > self.chosen[self.interval[3 * i] - 1]:
                total += self.interval[3 * i + 2]
        if self.gold > total:
            return -1.0  # upstream asserts the optimum is no dearer
        if total > (1LL << 53):
            return FALLBACK
        return ratio_pow(self.gold, total, self.beta, 1.0)


def dominating_kernel(n, m, k, intervals, gold, double beta, double wrong_format, double invalid):
    """The scorer of 1 <= N <= 2^24 points and M intervals (low, high, cost) with
    1 <= low <= high <= N and 0 <= cost <= 2^40; None for any other config (the Python scorer
    decides there).  K or a gold answer beyond the C types raise OverflowError (None too)."""
    cdef DominatingKernel kernel
    cdef Py_ssize_t size, count, i = 0, x
    cdef int64_t low, high, cost
    if not 1 <= n <= 1 << 24 or m != len(intervals):
        return None
    size, count = n, len(intervals)
    kernel = DominatingKernel.__new__(DominatingKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.n, kernel.k, kernel.m, kernel.gold, kernel.beta, kernel.invalid = size, k, count, gold, beta, invalid
    kernel.interval = <int64_t *> PyMem_Malloc(max(3 * count, 1) * sizeof(int64_t))
    kernel.covered = <char *> PyMem_Malloc(size + 2)
    kernel.chosen = <int32_t *> PyMem_Malloc((size + 2) * sizeof(int32_t))
    if not (kernel.interval and kernel.covered and kernel.chosen):
        raise MemoryError()
    memset(kernel.covered, 0, size + 2)
    for t in intervals:
        if not read_ints(t, 3, 0, 1LL << 40, kernel.interval + 3 * i):
            return None
        low, high = kernel.interval[3 * i], kernel.interval[3 * i + 1]
        if not 1 <= low <= high <= size:
            return None
        for x in range(low, high + 1):
            kernel.covered[x] = 1
        i += 1
    return kernel
