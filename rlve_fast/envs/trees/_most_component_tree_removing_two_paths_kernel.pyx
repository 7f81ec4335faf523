# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled solver of MostComponentTreeRemovingTwoPaths (twin: ``most_components``).

The same two passes; instead of sorting each vertex's chains it keeps the few largest
(chains are clipped at 0, so a missing one counts as 0)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int32_t

from rlve_fast import deadline
from rlve_fast._core.clock cimport past
from rlve_fast.envs.trees._tree_core cimport RootedTree


cdef inline int32_t clip(int32_t x) noexcept:
    return x if x > 0 else 0


cdef inline int32_t bigger(int32_t a, int32_t b) noexcept:
    return a if a > b else b


def most_components(Py_ssize_t n, edges):
    cdef RootedTree tree = RootedTree(edges, n, 0, 1)
    cdef int32_t *buf = <int32_t *> PyMem_Malloc(7 * n * sizeof(int32_t))
    cdef int32_t *w = buf
    cdef int32_t *down = buf + n
    cdef int32_t *through = buf + 2 * n
    cdef int32_t *best_below = buf + 3 * n
    cdef int32_t *kid_best = buf + 4 * n   # best path strictly inside v's subtree, avoiding v
    cdef int32_t *up = buf + 5 * n
    cdef int32_t *outside = buf + 6 * n
    cdef int32_t none = <int32_t> (-4 * n - 10)
    cdef int32_t best, v, p, q, c, x, upward, d[4], b1, b2, o1, o2, out_through, out_avoiding, t
    cdef int32_t idx[3]
    cdef int32_t ib1
    cdef Py_ssize_t i, k, j
    cdef double stop = deadline.deadline_at()
    if buf == NULL:
        raise MemoryError()
    try:
        for v in range(n):
            w[v] = tree.child_start[v + 1] - tree.child_start[v] + (tree.parent[v] >= 0) - 2
        for i in range(n - 1, -1, -1):
            v = tree.order[i]
            d[0] = d[1] = 0
            kid_best[v] = none
            for k in range(tree.child_start[v], tree.child_start[v + 1]):
                c = tree.children[k]
                x = clip(down[c])
                if x > d[0]:
                    d[1] = d[0]
                    d[0] = x
                elif x > d[1]:
                    d[1] = x
                kid_best[v] = bigger(kid_best[v], best_below[c])
            down[v] = w[v] + d[0]
            through[v] = w[v] + d[0] + d[1]
            best_below[v] = bigger(through[v], kid_best[v])
        best = none
        outside[tree.order[0]] = none
        for i in range(n):
            if past(stop, i):
                deadline.check()
            p = tree.order[i]
            upward = clip(up[p]) if tree.parent[p] >= 0 else 0
            # the four largest child chains (indices of the first three), the two best subtrees
            d[0] = d[1] = d[2] = d[3] = 0
            idx[0] = idx[1] = idx[2] = -1
            b1 = b2 = none
            ib1 = -1
            for k in range(tree.child_start[p], tree.child_start[p + 1]):
                c = tree.children[k]
                x = clip(down[c])
                if x > d[0]:
                    d[3], d[2], d[1], d[0] = d[2], d[1], d[0], x
                    idx[2], idx[1], idx[0] = idx[1], idx[0], c
                elif x > d[1]:
                    d[3], d[2], d[1] = d[2], d[1], x
                    idx[2], idx[1] = idx[1], c
                elif x > d[2]:
                    d[3], d[2] = d[2], x
                    idx[2] = c
                elif x > d[3]:
                    d[3] = x
                if best_below[c] > b1:
                    b2, b1, ib1 = b1, best_below[c], c
                elif best_below[c] > b2:
                    b2 = best_below[c]
            # centre p: the four best legs among the children's chains and the upward one
            t = d[0] + d[1] + d[2] + d[3]
            if upward > d[3]:
                t += upward - d[3]
            best = bigger(best, w[p] + t + 2)
            for k in range(tree.child_start[p], tree.child_start[p + 1]):
                q = tree.children[k]
                # the two best chains from p avoiding q: the top two of its siblings' and upward
                o1 = o2 = 0
                for j in range(3):
                    if idx[j] >= 0 and idx[j] != q:
                        x = d[j]
                        if x > o1:
                            o2, o1 = o1, x
                        elif x > o2:
                            o2 = x
                if upward > o1:
                    o2, o1 = o1, upward
                elif upward > o2:
                    o2 = upward
                up[q] = w[p] + o1
                out_through = w[p] + o1 + o2
                out_avoiding = bigger(outside[p], b2 if ib1 == q else b1)
                outside[q] = bigger(out_through, out_avoiding)
                best = bigger(best, through[q] + out_through + 2)
                best = bigger(best, through[q] + out_avoiding + 3)
                best = bigger(best, kid_best[q] + bigger(out_through, out_avoiding) + 3)
        return best
    finally:
        PyMem_Free(buf)
