# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Exact colouring searches for MinimumChromaticNumber, MinimumHarmoniousChromaticNumber and
MaximumAchromaticNumber (compiled; each takes a deadline from rlve_fast.deadline and reports
whether it ran out, so the Python caller can raise GenerationTimeout).

Graphs come as an n x n 0/1 table; colourings as lists of colours 0, 1, ..."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.string cimport memset

from rlve_fast._core.clock cimport past
from rlve_fast.envs.graphs._bits cimport zeroed


cdef struct Search:
    int n
    const char *adj        # n x n: the graph whose neighbours need different colours
    const char *link       # n x n: the edges whose colour pairs count (harmonious); NULL otherwise
    int *color             # -1 = uncoloured
    int *best_color
    int best               # colours in the best colouring found
    int floor              # no colouring uses fewer: stop when best reaches it
    int *blocked           # n x n: [v][c] = neighbours of v coloured c
    int *distinct          # colours seen among the neighbours of v
    int *degree            # static degree in adj
    char *pair_used        # n x n colour pairs on an edge (harmonious)
    long long steps
    double deadline
    bint timed_out


cdef inline void paint(Search *s, int v, int c) noexcept:
    cdef int w, n = s.n, cw
    s.color[v] = c
    for w in range(n):
        if s.adj[v * n + w]:
            if s.blocked[w * n + c] == 0:
                s.distinct[w] += 1
            s.blocked[w * n + c] += 1
    if s.link != NULL:
        for w in range(n):
            if s.link[v * n + w]:
                cw = s.color[w]
                if cw >= 0:
                    s.pair_used[c * n + cw] = 1
                    s.pair_used[cw * n + c] = 1


cdef inline void unpaint(Search *s, int v) noexcept:
    cdef int w, n = s.n, c = s.color[v], cw
    if s.link != NULL:
        for w in range(n):
            if s.link[v * n + w]:
                cw = s.color[w]
                if cw >= 0:
                    s.pair_used[c * n + cw] = 0
                    s.pair_used[cw * n + c] = 0
    for w in range(n):
        if s.adj[v * n + w]:
            s.blocked[w * n + c] -= 1
            if s.blocked[w * n + c] == 0:
                s.distinct[w] -= 1
    s.color[v] = -1


cdef inline bint pairs_free(Search *s, int v, int c) noexcept:
    """Colour c at v repeats no colour pair already on an edge (harmonious colourings)."""
    cdef int w, n = s.n, cw
    for w in range(n):
        if s.link[v * n + w]:
            cw = s.color[w]
            if cw >= 0 and s.pair_used[c * n + cw]:
                return False
    return True


cdef void dsatur(Search *s, int coloured, int used) noexcept:
    """Branch and bound in DSATUR order: colour next the vertex that sees the most
    distinct colours; try every colour it may take, and one new colour while that can
    still beat the best colouring found."""
    cdef int n = s.n, v, best_v = -1, c, limit
    if s.timed_out or s.best <= s.floor:
        return
    s.steps += 1
    if past(s.deadline, s.steps):
        s.timed_out = True
        return
    if coloured == n:
        s.best = used
        for v in range(n):
            s.best_color[v] = s.color[v]
        return
    for v in range(n):
        if s.color[v] < 0 and (best_v < 0 or s.distinct[v] > s.distinct[best_v]
                               or (s.distinct[v] == s.distinct[best_v] and s.degree[v] > s.degree[best_v])):
            best_v = v
    v = best_v
    limit = used + 1 if used + 1 < s.best else used
    for c in range(limit):
        if c == used and used + 1 >= s.best:
            break  # the bound tightened: a new colour can no longer win
        if s.blocked[v * n + c]:
            continue
        if s.link != NULL and not pairs_free(s, v, c):
            continue
        paint(s, v, c)
        dsatur(s, coloured + 1, used + 1 if c == used else used)
        unpaint(s, v)
        if s.timed_out or s.best <= s.floor:
            return
        if used >= s.best:
            return  # the bound tightened below what this branch already uses


cdef int greedy_clique(int n, const char *adj, int *members) noexcept:
    """A large clique of adj (greedy from every start vertex); its size, members filled."""
    cdef int start, v, w, size, best = 0, i
    cdef int *trial = <int *> PyMem_Malloc(n * sizeof(int) + 1)
    if trial == NULL:
        return 0
    for start in range(n):
        size = 0
        trial[size] = start
        size += 1
        for v in range(n):
            if v == start:
                continue
            for i in range(size):
                if not adj[v * n + trial[i]]:
                    break
            else:
                trial[size] = v
                size += 1
        if size > best:
            best = size
            for i in range(size):
                members[i] = trial[i]
    PyMem_Free(trial)
    return best


def _table(int n, edges, bint square):
    """n x n 0/1 bytes of the graph (or of its square: vertices at distance 1 or 2)."""
    cdef bytearray table = bytearray(n * n)
    cdef int u, v, w
    for e in edges:
        u, v = e[0], e[1]
        table[u * n + v] = 1
        table[v * n + u] = 1
    if not square:
        return table
    cdef bytearray out = bytearray(table)
    for w in range(n):
        for u in range(n):
            if table[w * n + u]:
                for v in range(n):
                    if v != u and table[w * n + v]:
                        out[u * n + v] = 1
    return out


cdef object run_colouring(int n, bytes adj, object link, int floor, int start_best, double deadline):
    """Shared driver: precolour a large clique of adj, then branch and bound."""
    cdef Search s
    cdef int i, q
    cdef const char *link_ptr = NULL
    cdef int *clique
    cdef bytes link_bytes
    if link is not None:
        link_bytes = link
        link_ptr = link_bytes
    memset(&s, 0, sizeof(Search))
    s.n = n
    s.adj = adj
    s.link = link_ptr
    s.deadline = deadline
    s.color = <int *> zeroed(n * sizeof(int))
    s.best_color = <int *> zeroed(n * sizeof(int))
    s.blocked = <int *> zeroed(n * n * sizeof(int))
    s.distinct = <int *> zeroed(n * sizeof(int))
    s.degree = <int *> zeroed(n * sizeof(int))
    s.pair_used = <char *> zeroed(n * n)
    clique = <int *> zeroed(n * sizeof(int))
    try:
        for i in range(n):
            s.color[i] = -1
            s.best_color[i] = i
            s.degree[i] = 0
            for q in range(n):
                s.degree[i] += adj[i * n + q]
        s.best = start_best + 1  # a colouring with start_best colours is known to exist
        q = greedy_clique(n, s.adj, clique)
        if q > floor:
            floor = q
        s.floor = floor
        for i in range(q):
            paint(&s, clique[i], i)
        dsatur(&s, q, q)
        if s.timed_out:
            return None
        if s.best > start_best:
            return start_best, None  # nothing better than the known colouring
        return s.best, [s.best_color[i] for i in range(n)]
    finally:
        PyMem_Free(s.color)
        PyMem_Free(s.best_color)
        PyMem_Free(s.blocked)
        PyMem_Free(s.distinct)
        PyMem_Free(s.degree)
        PyMem_Free(s.pair_used)
        PyMem_Free(clique)


def chromatic_colouring(int n, edges, double deadline):
    """(chromatic number, an optimal colouring), or None once the deadline passed."""
    if n == 0:
        return 0, []
    found = run_colouring(n, bytes(_table(n, edges, False)), None, 1, n, deadline)
    if found is None:
        return None
    if found[1] is None:
        return n, list(range(n))
    return found


def harmonious_colouring(int n, edges, double deadline):
    """(harmonious chromatic number, an optimal harmonious colouring), or None on timeout.

    A harmonious colouring is a proper colouring of the square of the graph (two vertices
    with a common neighbour would otherwise repeat a colour pair) in which no colour pair
    lies on two edges; k colours offer k(k-1)/2 pairs, one per edge."""
    cdef int k = 1, m = 0
    if n == 0:
        return 0, []
    pairs = set()
    for e in edges:
        pairs.add((min(e[0], e[1]), max(e[0], e[1])))
    m = len(pairs)
    while k * (k - 1) // 2 < m:
        k += 1
    found = run_colouring(n, bytes(_table(n, edges, True)), bytes(_table(n, edges, False)), k, n, deadline)
    if found is None:
        return None
    if found[1] is None:
        return n, list(range(n))
    return found


cdef struct Complete:
    int n, k
    const char *adj
    int *order             # vertices in the order they are coloured
    int *color
    int *cover             # k x k: edges whose ends carry colours (a, b)
    int covered            # distinct colour pairs on some edge
    int edges_open         # edges with an uncoloured end
    int *class_size
    long long steps
    double deadline
    bint timed_out


cdef bint complete_search(Complete *s, int i, int used) noexcept:
    """Colour order[i:], with colours 0..k-1 (a new colour is always the next unused one),
    so that the colouring is proper and every pair of the k colours lies on some edge."""
    cdef int n = s.n, k = s.k, v, w, c, cw, limit, a, b
    cdef bint ok
    s.steps += 1
    if past(s.deadline, s.steps):
        s.timed_out = True
        return False
    if used + (n - i) < k:
        return False  # some colour could never be used
    if k * (k - 1) // 2 - s.covered > s.edges_open:
        return False  # each open edge covers at most one more colour pair
    if i == n:
        return True
    v = s.order[i]
    limit = used + 1 if used < k else k
    for c in range(limit):
        ok = True
        for w in range(n):
            if s.adj[v * n + w] and s.color[w] == c:
                ok = False
                break
        if not ok:
            continue
        s.color[v] = c
        for w in range(n):
            if s.adj[v * n + w]:
                cw = s.color[w]
                if cw >= 0 and w != v:
                    a, b = (c, cw) if c < cw else (cw, c)
                    if s.cover[a * k + b] == 0:
                        s.covered += 1
                    s.cover[a * k + b] += 1
                    s.edges_open -= 1
        if complete_search(s, i + 1, used + 1 if c == used else used):
            return True
        for w in range(n):
            if s.adj[v * n + w]:
                cw = s.color[w]
                if cw >= 0 and w != v:
                    a, b = (c, cw) if c < cw else (cw, c)
                    s.cover[a * k + b] -= 1
                    if s.cover[a * k + b] == 0:
                        s.covered -= 1
                    s.edges_open += 1
        s.color[v] = -1
        if s.timed_out:
            return False
    return False


cdef object complete_colouring_with(int n, const char *adj, int *order, int m, int k, double deadline):
    """A complete proper colouring with exactly k colours: [colours], False if none exists,
    None on timeout."""
    cdef Complete s
    cdef int i
    memset(&s, 0, sizeof(Complete))
    s.n, s.k, s.adj, s.order, s.deadline = n, k, adj, order, deadline
    s.edges_open = m
    s.color = <int *> zeroed(n * sizeof(int))
    s.cover = <int *> zeroed(k * k * sizeof(int))
    try:
        for i in range(n):
            s.color[i] = -1
        found = complete_search(&s, 0, 0)
        if s.timed_out:
            return None
        if not found:
            return False
        return [s.color[i] for i in range(n)]
    finally:
        PyMem_Free(s.color)
        PyMem_Free(s.cover)


def greedy_complete(int n, edges, order):
    """A complete colouring: colour vertices one class each, then merge any two classes with
    no edge between them (in the given order of classes) until every pair is joined."""
    classes = [[v] for v in order]
    linked = set()
    for e in edges:
        linked.add((e[0], e[1]))
        linked.add((e[1], e[0]))
    merged = True
    while merged:
        merged = False
        for i in range(len(classes)):
            for j in range(i + 1, len(classes)):
                if not any((u, v) in linked for u in classes[i] for v in classes[j]):
                    classes[i] += classes.pop(j)
                    merged = True
                    break
            if merged:
                break
    colours = [0] * n
    for c, members in enumerate(classes):
        for v in members:
            colours[v] = c
    return len(classes), colours


def achromatic_colouring(int n, edges, double deadline, start=None):
    """(achromatic number, a complete colouring with that many colours), or None on timeout.

    Complete colourings exist for every number of colours between the chromatic and the
    achromatic number (Harary, Hedetniemi and Prins), so the search tries k = best + 1,
    best + 2, ... from a greedy complete colouring and stops at the first k with none (or
    at the largest k whose k(k-1)/2 colour pairs fit on the edges)."""
    cdef bytes table
    cdef int i, m, k, top
    cdef int *order
    if n == 0:
        return 0, []
    pairs = set()
    for e in edges:
        pairs.add((min(e[0], e[1]), max(e[0], e[1])))
    m = len(pairs)
    table = bytes(_table(n, edges, False))
    by_degree = sorted(range(n), key=lambda v: -sum(table[v * n:(v + 1) * n]))
    best, colours = greedy_complete(n, edges, by_degree if start is None else start)
    top = 1
    while (top + 1) * top // 2 <= m and top < n:
        top += 1
    order = <int *> zeroed(n * sizeof(int))
    try:
        for i in range(n):
            order[i] = by_degree[i]
        k = best + 1
        while k <= top:
            found = complete_colouring_with(n, table, order, m, k, deadline)
            if found is None:
                return None
            if found is False:
                break
            best, colours = k, found
            k += 1
        return best, colours
    finally:
        PyMem_Free(order)
