# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled Edmonds (Chu-Liu) algorithm with the arborescence recovered.

Each round takes the cheapest edge into every non-root node; if these contain cycles, every
cycle becomes one node (edges into a cycle node v lose the weight of v's cheapest edge) and
the round repeats.  The rounds are replayed backwards: a cycle keeps all its cheapest edges
but the one into the vertex where the chosen outside edge enters.  O(rounds * M)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Realloc, PyMem_Free
from libc.stdint cimport int64_t

from rlve_fast._core.clock cimport past


def min_arborescence(int n, list edges, int root, double deadline):
    """(total weight, edge indices) of a least-weight arborescence rooted at ``root``;
    None when the deadline passed; ValueError if some vertex is unreachable."""
    cdef Py_ssize_t m = len(edges), i, k, live
    cdef int nodes = n, r = root, level = 0, v, u, c, cycles, fresh
    cdef long long step = 0
    # per-edge arrays (compacted each round; ident keeps the original index)
    cdef int *src = <int *> PyMem_Malloc(max(1, m) * sizeof(int))
    cdef int *dst = <int *> PyMem_Malloc(max(1, m) * sizeof(int))
    cdef int *ident = <int *> PyMem_Malloc(max(1, m) * sizeof(int))
    cdef int64_t *w = <int64_t *> PyMem_Malloc(max(1, m) * sizeof(int64_t))
    cdef int *orig_dst = <int *> PyMem_Malloc(max(1, m) * sizeof(int))
    # per-round history, concatenated: offset[level] .. offset[level] + size[level]
    cdef Py_ssize_t capacity = 4 * n + 4
    cdef int *best_hist = <int *> PyMem_Malloc(capacity * sizeof(int))
    cdef int *cycle_hist = <int *> PyMem_Malloc(capacity * sizeof(int))
    cdef int *group_hist = <int *> PyMem_Malloc(capacity * sizeof(int))
    cdef void *grown
    cdef int *offset = <int *> PyMem_Malloc((n + 2) * sizeof(int))
    cdef int *size = <int *> PyMem_Malloc((n + 2) * sizeof(int))
    cdef int *best = <int *> PyMem_Malloc(n * sizeof(int))       # position of cheapest in-edge
    cdef int *state = <int *> PyMem_Malloc(n * sizeof(int))
    cdef int64_t *reduce = <int64_t *> PyMem_Malloc(n * sizeof(int64_t))
    cdef int *enter = <int *> PyMem_Malloc(n * sizeof(int))
    cdef int *enter_next = <int *> PyMem_Malloc(n * sizeof(int))
    cdef int *bc, *cy, *gr
    cdef int base = 0, head, e, x
    cdef int64_t total = 0
    try:
        if not (src and dst and ident and w and orig_dst and best_hist and cycle_hist and group_hist
                and offset and size and best and state and reduce and enter and enter_next):
            raise MemoryError()
        for i in range(m):
            s_, t_, w_ = edges[i]
            if not (0 <= s_ < n and 0 <= t_ < n):
                raise ValueError("edge endpoint out of range")
            src[i], dst[i], w[i], ident[i], orig_dst[i] = s_, t_, w_, i, t_
        live = m
        while True:
            step += 1
            if past(deadline, 0):
                return None
            # drop self loops and edges into the root; cheapest edge into each node
            k = 0
            for i in range(live):
                if src[i] != dst[i] and dst[i] != r:
                    src[k], dst[k], w[k], ident[k] = src[i], dst[i], w[i], ident[i]
                    k += 1
            live = k
            for v in range(nodes):
                best[v] = -1
            for i in range(live):
                v = dst[i]
                if best[v] < 0 or w[i] < w[best[v]]:
                    best[v] = <int> i
            while base + nodes > capacity:  # grow the history
                capacity *= 2
                for which in range(3):
                    grown = PyMem_Realloc(best_hist if which == 0 else cycle_hist if which == 1 else group_hist,
                                          capacity * sizeof(int))
                    if grown == NULL:
                        raise MemoryError()
                    if which == 0:
                        best_hist = <int *> grown
                    elif which == 1:
                        cycle_hist = <int *> grown
                    else:
                        group_hist = <int *> grown
            offset[level], size[level] = base, nodes
            bc, cy, gr = best_hist + base, cycle_hist + base, group_hist + base
            base += nodes
            for v in range(nodes):
                if v != r and best[v] < 0:
                    raise ValueError("some vertex cannot be reached from the root")
                bc[v] = ident[best[v]] if v != r else -1
                cy[v] = -1
                state[v] = 0
            # cycles of the cheapest-in graph (state: 0 new, 1 + start on the current walk, -1 done)
            cycles = 0
            state[r] = -1
            for v in range(nodes):
                u = v
                while state[u] == 0:
                    state[u] = 1 + v
                    u = src[best[u]]
                if state[u] == 1 + v:  # closed a new cycle through u
                    x = u
                    while True:
                        cy[x] = cycles
                        x = src[best[x]]
                        if x == u:
                            break
                    cycles += 1
                u = v
                while state[u] == 1 + v:
                    state[u] = -1
                    u = src[best[u]]
            if cycles == 0:
                break
            fresh = 0
            for v in range(nodes):  # outside cycles first, then one node per cycle
                if cy[v] < 0:
                    gr[v] = fresh
                    fresh += 1
            for v in range(nodes):
                if cy[v] >= 0:
                    gr[v] = fresh + cy[v]
            for v in range(nodes):  # the weight each cycle vertex's cheapest edge had
                reduce[v] = w[best[v]] if cy[v] >= 0 else 0
            for i in range(live):
                v = dst[i]
                w[i] -= reduce[v]
                src[i], dst[i] = gr[src[i]], gr[v]
            r = gr[r]
            nodes = fresh + cycles
            level += 1
        # replay: the top round's cheapest edges, then expand the cycles level by level
        for v in range(nodes):
            enter[v] = bc[v]
        while level > 0:
            level -= 1
            bc, cy, gr = best_hist + offset[level], cycle_hist + offset[level], group_hist + offset[level]
            for v in range(size[level]):
                enter_next[v] = enter[gr[v]] if cy[v] < 0 else bc[v]
            for v in range(size[level]):
                if cy[v] >= 0:
                    e = enter[gr[v]]
                    head = orig_dst[e]  # where e enters, in this level's numbering
                    for k in range(level):
                        head = group_hist[offset[k] + head]
                    enter_next[head] = e
            for v in range(size[level]):
                enter[v] = enter_next[v]
        chosen = sorted(enter[v] for v in range(n) if v != root)
        total = 0
        for e in chosen:
            total += edges[e][2]
        return total, chosen
    finally:
        PyMem_Free(src)
        PyMem_Free(dst)
        PyMem_Free(ident)
        PyMem_Free(w)
        PyMem_Free(orig_dst)
        PyMem_Free(best_hist)
        PyMem_Free(cycle_hist)
        PyMem_Free(group_hist)
        PyMem_Free(offset)
        PyMem_Free(size)
        PyMem_Free(best)
        PyMem_Free(state)
        PyMem_Free(reduce)
        PyMem_Free(enter)
        PyMem_Free(enter_next)
