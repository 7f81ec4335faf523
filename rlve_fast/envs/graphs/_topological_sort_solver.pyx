# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""TopologicalSort_MinimalLexicographicalOrder, compiled: the random conditions the generator
draws and the order that puts small labels first (twins: ``plain_random_conditions`` and
``earliest_small_labels_order`` in topological_sort_minimal_lexicographical_order.py)."""
from cpython.long cimport PyLong_AsLongLongAndOverflow
from libc.stdlib cimport free, malloc

from rlve_fast._core.clock cimport past
from rlve_fast.envs._draws cimport Words


def random_conditions(rng, Py_ssize_t n, int max_in_degree):
    """[[before, after]] in random order: along a random ordering of 0..n-1, each vertex
    after the first gets a uniform number (0 to min(position, max_in_degree)) of distinct,
    uniformly chosen earlier vertices that must come before it; drawn again while empty."""
    if n < 2 or max_in_degree < 1:
        raise ValueError("need n >= 2 and max_in_degree >= 1")
    cdef Words words = Words(rng)
    cdef int *hidden = <int *> malloc(n * sizeof(int))
    cdef int *ends = <int *> malloc(2 * n * max_in_degree * sizeof(int))
    cdef int *chosen = <int *> malloc(max_in_degree * sizeof(int))
    cdef int *place = NULL
    cdef Py_ssize_t i, j, t, s, count = 0, k
    cdef int x
    try:
        if hidden == NULL or ends == NULL or chosen == NULL:
            raise MemoryError()
        for i in range(n):
            hidden[i] = <int> i
        words.permute(hidden, n)
        while count == 0:
            for i in range(1, n):
                k = <Py_ssize_t> words.below((i if i < max_in_degree else max_in_degree) + 1)
                for t in range(k):
                    # uniform among the i - t earlier positions not yet chosen: count up past
                    # the chosen ones (kept in increasing order)
                    x = <int> words.below(i - t)
                    s = 0
                    while s < t and chosen[s] <= x:
                        x += 1
                        s += 1
                    for j in range(t, s, -1):
                        chosen[j] = chosen[j - 1]
                    chosen[s] = x
                    ends[2 * count] = hidden[x]
                    ends[2 * count + 1] = hidden[i]
                    count += 1
        place = <int *> malloc(max(count, 1) * sizeof(int))
        if place == NULL:
            raise MemoryError()
        for i in range(count):
            place[i] = <int> i
        words.permute(place, count)  # the condition listed i-th is condition place[i]
        return [[ends[2 * place[i]], ends[2 * place[i] + 1]] for i in range(count)]
    finally:
        free(hidden)
        free(ends)
        free(chosen)
        free(place)


cdef inline void _push(int *heap, Py_ssize_t *size, int v) noexcept nogil:
    """Into a max-heap."""
    cdef Py_ssize_t i = size[0], parent
    size[0] += 1
    while i > 0:
        parent = (i - 1) >> 1
        if heap[parent] >= v:
            break
        heap[i] = heap[parent]
        i = parent
    heap[i] = v


cdef inline int _pop(int *heap, Py_ssize_t *size) noexcept nogil:
    """The largest entry, out of the max-heap."""
    cdef int top = heap[0], last
    cdef Py_ssize_t i = 0, child, n
    size[0] -= 1
    n = size[0]
    if n == 0:
        return top
    last = heap[n]
    while True:
        child = 2 * i + 1
        if child >= n:
            break
        if child + 1 < n and heap[child + 1] > heap[child]:
            child += 1
        if heap[child] <= last:
            break
        heap[i] = heap[child]
        i = child
    heap[i] = last
    return top


cdef inline bint _vertex(object item, Py_ssize_t n, int *out) except -1:
    cdef int overflow = 0
    cdef long long v
    if type(item) is not int:
        return False
    v = PyLong_AsLongLongAndOverflow(item, &overflow)
    if overflow or not (0 <= v < n):
        return False
    out[0] = <int> v
    return True


def smallest_labels_first(Py_ssize_t n, conditions, double deadline):
    """The order of 0..n-1 meeting every [before, after] condition that puts 0 as early as
    possible, then 1, ...: the reverse of the order in which a max-heap Kahn pass over the
    reversed conditions takes the vertices.  None once the deadline has passed; -1 when the
    conditions are not pairs of ints in 0..n-1 (the caller then runs the Python version);
    ValueError on a cycle."""
    cdef Py_ssize_t m = len(conditions), i, size = 0, taken = 0
    if n < 1:
        return -1
    cdef int *waiting = <int *> malloc(n * sizeof(int))       # reversed graph in-degrees
    cdef int *first = <int *> malloc((n + 1) * sizeof(int))   # CSR of the reversed graph
    cdef int *target = <int *> malloc(max(m, 1) * sizeof(int))
    cdef int *ends = <int *> malloc(2 * max(m, 1) * sizeof(int))
    cdef int *heap = <int *> malloc(n * sizeof(int))
    cdef int *order = <int *> malloc(n * sizeof(int))
    cdef int a, b, v, u
    cdef bint ok = True
    try:
        if not (waiting and first and target and ends and heap and order):
            raise MemoryError()
        for i in range(n + 1):
            first[i] = 0
        for i in range(n):
            waiting[i] = 0
        for i in range(m):
            pair = conditions[i]
            if (type(pair) is not list and type(pair) is not tuple) or len(pair) != 2:
                return -1
            if not (_vertex(pair[0], n, &a) and _vertex(pair[1], n, &b)):
                return -1
            ends[2 * i], ends[2 * i + 1] = a, b
        with nogil:
            for i in range(m):  # reversed edge after -> before
                first[ends[2 * i + 1] + 1] += 1
                waiting[ends[2 * i]] += 1
            for i in range(n):
                first[i + 1] += first[i]
            for i in range(m):  # fill in condition order (first[] runs one slot ahead)
                target[first[ends[2 * i + 1]]] = ends[2 * i]
                first[ends[2 * i + 1]] += 1
            for i in range(n - 1, -1, -1):
                first[i + 1] = first[i]
            first[0] = 0
            for v in range(n):
                if waiting[v] == 0:
                    _push(heap, &size, v)
            while size > 0:
                v = _pop(heap, &size)
                order[taken] = v
                taken += 1
                for i in range(first[v], first[v + 1]):
                    u = target[i]
                    waiting[u] -= 1
                    if waiting[u] == 0:
                        _push(heap, &size, u)
                if past(deadline, taken):
                    ok = False
                    break
        if not ok:
            return None
        if taken < n:
            raise ValueError("the conditions contain a cycle")
        return [order[n - 1 - i] for i in range(n)]
    finally:
        free(waiting)
        free(first)
        free(target)
        free(ends)
        free(heap)
        free(order)
