# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twin of ``group_cycle_types``: the closure of {identity} under the shuffles, kept
in one flat array (doubled as it fills) with an open-addressing hash index, and the cycle
types of its elements."""
from array import array
from collections import Counter

from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int32_t, uint16_t, uint64_t
from libc.stdlib cimport free, malloc, realloc
from libc.string cimport memcmp, memcpy

from rlve_fast import deadline
from rlve_fast._core.clock cimport past


cdef inline uint64_t hash_of(const uint16_t *p, Py_ssize_t n) noexcept nogil:
    cdef uint64_t h = 1469598103934665603ULL
    cdef Py_ssize_t i
    for i in range(n):
        h = (h ^ p[i]) * 1099511628211ULL
    return h ^ (h >> 29)


cdef struct Closure:
    Py_ssize_t n, count, capacity, limit
    uint64_t mask
    uint16_t *elements   # count permutations of 0..n-1, n entries each
    int32_t *index       # open addressing: slot -> element number, -1 empty


cdef int rebuild_index(Closure *c, Py_ssize_t capacity) noexcept nogil:
    """Room for ``capacity`` elements and a fresh index of them; -1 when out of memory."""
    cdef Py_ssize_t slots = 1, i, slot
    cdef void *grown = realloc(c.elements, (capacity + 1) * c.n * sizeof(uint16_t))
    if grown == NULL:
        return -1
    c.elements = <uint16_t *> grown
    c.capacity = capacity
    while slots < 2 * capacity + 2:
        slots *= 2
    free(c.index)
    c.index = <int32_t *> malloc(slots * sizeof(int32_t))
    if c.index == NULL:
        return -1
    c.mask = slots - 1
    for i in range(slots):
        c.index[i] = -1
    for i in range(c.count):
        slot = hash_of(c.elements + i * c.n, c.n) & c.mask
        while c.index[slot] >= 0:
            slot = (slot + 1) & c.mask
        c.index[slot] = <int32_t> i
    return 0


cdef int add(Closure *c, const uint16_t *candidate) noexcept nogil:
    """1 if the candidate is new (and is now stored), 0 if known, -1 past the limit, -2 out of memory."""
    cdef Py_ssize_t slot = hash_of(candidate, c.n) & c.mask
    while c.index[slot] >= 0:
        if memcmp(c.elements + <Py_ssize_t> c.index[slot] * c.n, candidate, c.n * sizeof(uint16_t)) == 0:
            return 0
        slot = (slot + 1) & c.mask
    if c.count == c.limit:
        return -1
    if c.count == c.capacity:
        if rebuild_index(c, min(c.limit, 2 * c.capacity)) < 0:
            return -2
        slot = hash_of(candidate, c.n) & c.mask
        while c.index[slot] >= 0:
            slot = (slot + 1) & c.mask
    memcpy(c.elements + c.count * c.n, candidate, c.n * sizeof(uint16_t))
    c.index[slot] = <int32_t> c.count
    c.count += 1
    return 1


def group_cycle_types(Py_ssize_t n, shuffles, Py_ssize_t limit):
    cdef Py_ssize_t k = len(shuffles), i, j, g, head = 0, x, length
    cdef double stop = deadline.deadline_at()
    cdef Closure c
    cdef uint16_t *gens = NULL
    cdef uint16_t *candidate = NULL
    cdef char *seen = NULL
    cdef uint16_t *lengths = NULL
    cdef int status = 0
    if not 1 <= n < 65535 or limit < 1:
        raise ValueError("N or the limit out of range")
    c.n, c.count, c.limit, c.elements, c.index = n, 0, limit, NULL, NULL
    try:
        gens = <uint16_t *> PyMem_Malloc(max(k, 1) * n * sizeof(uint16_t))
        candidate = <uint16_t *> PyMem_Malloc(n * sizeof(uint16_t))
        seen = <char *> PyMem_Malloc(n)
        lengths = <uint16_t *> PyMem_Malloc((n + 1) * sizeof(uint16_t))
        if not (gens and candidate and seen and lengths) or rebuild_index(&c, min(limit, 1024)) < 0:
            raise MemoryError()
        for g in range(k):
            row = shuffles[g]
            if len(row) != n:
                raise ValueError("a shuffle of the wrong length")
            for i in range(n):
                x = row[i]
                if not 1 <= x <= n:
                    raise ValueError("a shuffle is not a permutation")
                gens[g * n + i] = <uint16_t> (x - 1)
        for i in range(n):
            candidate[i] = <uint16_t> i
        add(&c, candidate)  # the identity
        with nogil:
            while head < c.count and status >= 0:
                for g in range(k):
                    for i in range(n):
                        candidate[i] = c.elements[head * n + gens[g * n + i]]
                    status = add(&c, candidate)
                    if status < 0:
                        break
                head += 1
                if past(stop, head):
                    break
        if status == -2:
            raise MemoryError()
        if status == -1:
            return None
        if head < c.count:
            deadline.check()  # the loop stopped for the deadline
        types = Counter()  # cycle type, as the bytes of its uint16 count per length
        for j in range(c.count):
            for i in range(n + 1):
                lengths[i] = 0
            for i in range(n):
                seen[i] = 0
            for i in range(n):
                if not seen[i]:
                    length, x = 0, i
                    while not seen[x]:
                        seen[x] = 1
                        x = c.elements[j * n + x]
                        length += 1
                    lengths[length] += 1
            types[(<char *> lengths)[:2 * (n + 1)]] += 1
        out = Counter()
        for key, times in types.items():
            per_length = array("H", key)
            out[tuple(L for L in range(1, n + 1) for _ in range(per_length[L]))] = times
        return out
    finally:
        free(c.elements)
        free(c.index)
        PyMem_Free(gens)
        PyMem_Free(candidate)
        PyMem_Free(seen)
        PyMem_Free(lengths)


def group_order_lower_bound(Py_ssize_t n, shuffles, object limit, Py_ssize_t schreier_per_level=8):
    """Compiled twin of the Python ``group_order_lower_bound`` (same chain, same choices of
    Schreier generators, so the same bound): orbit of each base point with a transversal,
    then at most ``schreier_per_level`` Schreier generators of its stabiliser."""
    cdef Py_ssize_t k = len(shuffles), gcount, scount, i, j, u, v, head, tail, base
    cdef Py_ssize_t cap = max(k, schreier_per_level)
    if n <= 0 or cap == 0:
        return 1
    cdef int32_t *gens = <int32_t *> malloc(cap * n * sizeof(int32_t))
    cdef int32_t *stab = <int32_t *> malloc(cap * n * sizeof(int32_t))
    cdef int32_t *trans = <int32_t *> malloc(n * n * sizeof(int32_t))  # row u: t_u
    cdef int32_t *has = <int32_t *> malloc(n * sizeof(int32_t))
    cdef int32_t *queue = <int32_t *> malloc(n * sizeof(int32_t))
    cdef int32_t *inverse = <int32_t *> malloc(n * sizeof(int32_t))
    cdef int32_t *element = <int32_t *> malloc(n * sizeof(int32_t))
    cdef int32_t *g
    cdef int32_t *tu
    cdef int32_t *tv
    cdef bint moved, duplicate
    bound = 1
    try:
        if not (gens and stab and trans and has and queue and inverse and element):
            raise MemoryError()
        gcount = 0
        for s in shuffles:
            for i in range(n):
                gens[gcount * n + i] = <int32_t> s[i] - 1
            gcount += 1
        for base in range(n):
            # drop identities
            j = 0
            for i in range(gcount):
                moved = False
                for v in range(n):
                    if gens[i * n + v] != v:
                        moved = True
                        break
                if moved:
                    if j != i:
                        memcpy(&gens[j * n], &gens[i * n], n * sizeof(int32_t))
                    j += 1
            gcount = j
            if gcount == 0 or bound > limit:
                break
            for i in range(n):
                has[i] = 0
            for i in range(n):
                trans[base * n + i] = i
            has[base] = 1
            queue[0] = base
            head, tail = 0, 1
            while head < tail:
                u = queue[head]
                head += 1
                tu = &trans[u * n]
                for j in range(gcount):
                    g = &gens[j * n]
                    v = g[u]
                    if not has[v]:
                        has[v] = 1
                        for i in range(n):
                            trans[v * n + i] = g[tu[i]]
                        queue[tail] = v
                        tail += 1
            bound *= tail
            scount = 0
            for head in range(tail):
                u = queue[head]
                tu = &trans[u * n]
                for j in range(gcount):
                    g = &gens[j * n]
                    tv = &trans[g[u] * n]
                    for i in range(n):
                        inverse[tv[i]] = i
                    moved = False
                    for i in range(n):
                        element[i] = inverse[g[tu[i]]]
                        if element[i] != i:
                            moved = True
                    if not moved:
                        continue
                    duplicate = False
                    for v in range(scount):
                        if memcmp(&stab[v * n], element, n * sizeof(int32_t)) == 0:
                            duplicate = True
                            break
                    if not duplicate:
                        memcpy(&stab[scount * n], element, n * sizeof(int32_t))
                        scount += 1
                        if scount == schreier_per_level:
                            break
                if scount == schreier_per_level:
                    break
            memcpy(gens, stab, scount * n * sizeof(int32_t))
            gcount = scount
        return bound
    finally:
        free(gens); free(stab); free(trans); free(has); free(queue); free(inverse); free(element)
