# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled twin of ``group_cycle_types``: the closure of {identity} under the shuffles, kept
in one flat array with an open-addressing hash index, and the cycle types of its elements."""
from array import array
from collections import Counter

from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int32_t, uint16_t, uint64_t
from libc.string cimport memcmp, memcpy

from rlve_fast import deadline
from rlve_fast._core.clock cimport past


cdef inline uint64_t hash_of(const uint16_t *p, Py_ssize_t n) noexcept nogil:
    cdef uint64_t h = 1469598103934665603ULL
    cdef Py_ssize_t i
    for i in range(n):
        h = (h ^ p[i]) * 1099511628211ULL
    return h ^ (h >> 29)


def group_cycle_types(Py_ssize_t n, shuffles, Py_ssize_t limit):
    cdef Py_ssize_t k = len(shuffles), i, j, g, count = 1, head = 0, slots = 1, slot, x, length
    cdef double stop = deadline.deadline_at()
    cdef uint64_t mask
    cdef uint16_t *elements = NULL
    cdef uint16_t *gens = NULL
    cdef uint16_t *candidate = NULL
    cdef int32_t *index = NULL
    cdef char *seen = NULL
    cdef uint16_t *lengths = NULL
    cdef bint full = False, found
    if not 1 <= n < 65535:
        raise ValueError("N out of range")
    while slots < 2 * limit + 2:
        slots *= 2
    mask = slots - 1
    try:
        elements = <uint16_t *> PyMem_Malloc((limit + 1) * n * sizeof(uint16_t))
        gens = <uint16_t *> PyMem_Malloc(max(k, 1) * n * sizeof(uint16_t))
        candidate = <uint16_t *> PyMem_Malloc(n * sizeof(uint16_t))
        index = <int32_t *> PyMem_Malloc(slots * sizeof(int32_t))
        seen = <char *> PyMem_Malloc(n)
        lengths = <uint16_t *> PyMem_Malloc((n + 1) * sizeof(uint16_t))
        if not (elements and gens and candidate and index and seen and lengths):
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
        for i in range(slots):
            index[i] = -1
        for i in range(n):
            elements[i] = <uint16_t> i
        index[hash_of(elements, n) & mask] = 0
        with nogil:
            while head < count and not full:
                for g in range(k):
                    for i in range(n):
                        candidate[i] = elements[head * n + gens[g * n + i]]
                    slot = hash_of(candidate, n) & mask
                    found = False
                    while index[slot] >= 0:
                        if memcmp(elements + <Py_ssize_t> index[slot] * n, candidate, n * sizeof(uint16_t)) == 0:
                            found = True
                            break
                        slot = (slot + 1) & mask
                    if not found:
                        if count == limit:
                            full = True
                            break
                        memcpy(elements + count * n, candidate, n * sizeof(uint16_t))
                        index[slot] = <int32_t> count
                        count += 1
                head += 1
                if past(stop, head):
                    break
        if full:
            return None
        if head < count:
            deadline.check()  # the loop stopped for the deadline
        types = Counter()  # cycle type, as the bytes of its uint16 count per length
        for j in range(count):
            for i in range(n + 1):
                lengths[i] = 0
            for i in range(n):
                seen[i] = 0
            for i in range(n):
                if not seen[i]:
                    length, x = 0, i
                    while not seen[x]:
                        seen[x] = 1
                        x = elements[j * n + x]
                        length += 1
                    lengths[length] += 1
            types[(<char *> lengths)[:2 * (n + 1)]] += 1
        out = Counter()
        for key, c in types.items():
            per_length = array("H", key)
            out[tuple(L for L in range(1, n + 1) for _ in range(per_length[L]))] = c
        return out
    finally:
        PyMem_Free(elements)
        PyMem_Free(gens)
        PyMem_Free(candidate)
        PyMem_Free(index)
        PyMem_Free(seen)
        PyMem_Free(lengths)
