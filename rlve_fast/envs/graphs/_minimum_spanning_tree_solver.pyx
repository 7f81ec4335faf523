# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""MinimumSpanningTree, compiled: the random connected graph the generator draws and
Kruskal's algorithm (twins: ``plain_random_connected_graph`` and ``kruskal`` in
minimum_spanning_tree.py, which give the same graphs and trees)."""
from cpython.long cimport PyLong_AsLongLongAndOverflow
from libc.stdint cimport int64_t
from libc.stdlib cimport calloc, free, malloc, qsort

cdef extern from "Python.h":
    int PyGC_Enable()
    int PyGC_Disable()

from rlve_fast._core.clock cimport past
from rlve_fast.envs._draws cimport Words


def random_connected_graph(rng, Py_ssize_t n, Py_ssize_t target, int64_t max_weight):
    """Edges [u, v, w] (u < v): a random spanning tree (each vertex of a random order joins a
    uniformly chosen earlier one), then uniformly chosen other pairs up to ``target`` edges;
    weights uniform in [1, max_weight]; the edges in uniformly random order."""
    if n < 2 or max_weight < 1:
        raise ValueError("need n >= 2 and max_weight >= 1")
    cdef Words words = Words(rng)
    cdef Py_ssize_t pairs = n * (n - 1) // 2, extra = target - (n - 1), count, i, j, e, edges = n - 1
    cdef int *order = <int *> malloc(n * sizeof(int))
    cdef unsigned char *taken = <unsigned char *> calloc(n * n, 1)
    cdef int *ends = <int *> malloc(2 * max(pairs, 1) * sizeof(int))
    cdef int *others = NULL
    cdef int64_t *weight = NULL
    cdef int *place = NULL
    cdef int a, b
    try:
        if order == NULL or taken == NULL or ends == NULL:
            raise MemoryError()
        for i in range(n):
            order[i] = <int> i
        words.permute(order, n)
        for i in range(1, n):
            a = order[i]
            b = order[<Py_ssize_t> words.below(i)]
            if a > b:
                a, b = b, a
            taken[a * n + b] = 1
            ends[2 * (i - 1)], ends[2 * (i - 1) + 1] = a, b
        if extra > 0:
            count = pairs - (n - 1)
            others = <int *> malloc(max(count, 1) * sizeof(int))
            if others == NULL:
                raise MemoryError()
            j = 0
            for a in range(n):
                for b in range(a + 1, n):
                    if not taken[a * n + b]:
                        others[j] = <int> (a * n + b)
                        j += 1
                        words.tick(j)
            if extra > count:
                extra = count
            for i in range(extra):  # the first `extra` of a random ordering of the others
                j = i + <Py_ssize_t> words.below(count - i)
                others[i], others[j] = others[j], others[i]
                ends[2 * edges] = others[i] // n
                ends[2 * edges + 1] = others[i] % n
                edges += 1
        weight = <int64_t *> malloc(edges * sizeof(int64_t))
        place = <int *> malloc(edges * sizeof(int))
        if weight == NULL or place == NULL:
            raise MemoryError()
        for e in range(edges):
            weight[e] = 1 + <int64_t> words.below(max_weight)
            place[e] = <int> e
        words.permute(place, edges)  # the edge listed e-th is edge place[e]
        # thousands of small lists: the cyclic collector has nothing to find among them
        out = [None] * edges
        collecting = PyGC_Disable()
        try:
            for e in range(edges):
                i = place[e]
                out[e] = [ends[2 * i], ends[2 * i + 1], weight[i]]
                words.tick(e + 1)
        finally:
            if collecting:
                PyGC_Enable()
        return out
    finally:
        free(order)
        free(taken)
        free(ends)
        free(others)
        free(weight)
        free(place)


cdef struct Keyed:
    int64_t weight
    Py_ssize_t index


cdef int _by_weight(const void *x, const void *y) noexcept nogil:
    cdef const Keyed *a = <const Keyed *> x
    cdef const Keyed *b = <const Keyed *> y
    if a.weight != b.weight:
        return -1 if a.weight < b.weight else 1
    return -1 if a.index < b.index else (1 if a.index > b.index else 0)


cdef void _sort_by_weight(Keyed *keyed, Py_ssize_t m) noexcept nogil:
    """Sort by (weight, index): a counting sort when the weights span a short range (as
    generated graphs' do), else qsort."""
    cdef int64_t low, high
    cdef Py_ssize_t i, span
    cdef Py_ssize_t *start
    cdef Keyed *copy
    if m < 2:
        return
    low = high = keyed[0].weight
    for i in range(m):
        if keyed[i].weight < low:
            low = keyed[i].weight
        if keyed[i].weight > high:
            high = keyed[i].weight
    if high - low > 4 * m + 1024:
        qsort(keyed, m, sizeof(Keyed), _by_weight)
        return
    span = <Py_ssize_t> (high - low) + 1
    start = <Py_ssize_t *> calloc(span + 1, sizeof(Py_ssize_t))
    copy = <Keyed *> malloc(m * sizeof(Keyed))
    if start == NULL or copy == NULL:
        free(start)
        free(copy)
        qsort(keyed, m, sizeof(Keyed), _by_weight)
        return
    for i in range(m):
        start[keyed[i].weight - low + 1] += 1
        copy[i] = keyed[i]
    for i in range(span):
        start[i + 1] += start[i]
    for i in range(m):  # in index order: stable
        keyed[start[copy[i].weight - low]] = copy[i]
        start[copy[i].weight - low] += 1
    free(start)
    free(copy)


cdef inline bint _bounded(object item, long long low, long long high, long long *out) except -1:
    """Whether ``item`` is an int in [low, high) (then stored in ``out``)."""
    cdef int overflow = 0
    cdef long long v
    if type(item) is not int:
        return False
    v = PyLong_AsLongLongAndOverflow(item, &overflow)
    if overflow or not (low <= v < high):
        return False
    out[0] = v
    return True


cdef inline int _find(int *parent, int v) noexcept nogil:
    while parent[v] != v:
        parent[v] = parent[parent[v]]
        v = parent[v]
    return v


def kruskal_tree(Py_ssize_t n, edges, double deadline):
    """(total weight, [u1, v1, u2, v2, ...]) of the tree Kruskal's algorithm picks, taking the
    edges by weight and, among equal weights, in their order; None once the deadline has
    passed; -1 when the edges are not [u, v, w] of ints with 0 <= u, v < n and |w| < 2**40
    (the caller then runs the Python version); ValueError if the graph is not connected."""
    cdef Py_ssize_t m = len(edges), i, chosen = 0
    if n < 1:
        return -1
    cdef Keyed *keyed = <Keyed *> malloc(max(m, 1) * sizeof(Keyed))
    cdef int *ends = <int *> malloc(2 * max(m, 1) * sizeof(int))
    cdef int *parent = <int *> malloc(n * sizeof(int))
    cdef int *picked = <int *> malloc(2 * n * sizeof(int))
    cdef int ru, rv
    cdef int64_t total = 0
    cdef long long u, v, w
    cdef bint ok = True
    try:
        if keyed == NULL or ends == NULL or parent == NULL or picked == NULL:
            raise MemoryError()
        for i in range(m):
            edge = edges[i]
            if (type(edge) is not list and type(edge) is not tuple) or len(edge) != 3:
                return -1
            if not (_bounded(edge[0], 0, n, &u) and _bounded(edge[1], 0, n, &v)
                    and _bounded(edge[2], -(1LL << 40) + 1, 1LL << 40, &w)):
                return -1
            ends[2 * i], ends[2 * i + 1] = <int> u, <int> v
            keyed[i].weight = w
            keyed[i].index = i
        with nogil:
            _sort_by_weight(keyed, m)
            for i in range(n):
                parent[i] = <int> i
            for i in range(m):
                ru = _find(parent, ends[2 * keyed[i].index])
                rv = _find(parent, ends[2 * keyed[i].index + 1])
                if ru != rv:
                    parent[ru] = rv
                    picked[2 * chosen] = ends[2 * keyed[i].index]
                    picked[2 * chosen + 1] = ends[2 * keyed[i].index + 1]
                    total += keyed[i].weight
                    chosen += 1
                    if chosen == n - 1:
                        break
                if past(deadline, i):
                    ok = False
                    break
        if not ok:
            return None
        if chosen != n - 1:
            raise ValueError("the graph is not connected")
        return total, [picked[i] for i in range(2 * chosen)]
    finally:
        free(keyed)
        free(ends)
        free(parent)
        free(picked)
