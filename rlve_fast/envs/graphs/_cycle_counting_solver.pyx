# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled solver of CycleCounting: simple cycles counted three ways.

* ``count_cycles``, the path table: for every start s, dp[S][e] counts the simple paths that
  leave s, visit exactly the set S of vertices above s and end at e; a path whose end is a
  neighbour of s and that has at least two vertices besides s closes a cycle.  Every cycle is
  found twice (once each way round) from its lowest vertex.  The table keeps a slot only for
  ends inside S (half the memory).
* ``cycles_frontier``, a frontier DP along a vertex order (sparse graphs), states packed in
  64 bits and kept in open-addressing tables filled in prefetched batches.
* ``linear_forests``, the same frontier DP over the linear forests of the complement, with a
  polynomial per state (dense graphs, by inclusion-exclusion).
``improve_order`` anneals the vertex order of the frontier DPs."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free, PyMem_RawMalloc, PyMem_RawCalloc, PyMem_RawFree
from libc.stdint cimport uint64_t, uint32_t

from rlve_fast._core.clock cimport past

cdef extern from *:
    int __builtin_popcountll(unsigned long long) nogil
    int __builtin_ctzll(unsigned long long) nogil

cdef uint64_t PRIME = (1ULL << 61) - 1


cdef int paths_from(int m, const uint64_t *adj, uint64_t start_nbrs, uint64_t modulus,
                    uint64_t *dp, uint32_t *offset, double deadline, uint64_t *out) noexcept nogil:
    """Directed cycles through the start (counted modulo ``modulus``; 0 means 2^64).
    Returns 1 when the deadline passed."""
    cdef uint64_t full = (1ULL << m) - 1, S, T, rest, ext, val, acc = 0, bit
    cdef uint32_t total = 0
    cdef int e, f, rank
    cdef long long step = 0
    for S in range(full + 1):
        offset[S] = total
        total += __builtin_popcountll(S)
    for S in range(total):
        dp[S] = 0
    rest = start_nbrs
    while rest:
        e = __builtin_ctzll(rest)
        rest &= rest - 1
        dp[offset[1ULL << e]] = 1
    for S in range(1, full + 1):
        step += 1
        if past(deadline, step):
            return 1
        rest = S
        rank = 0
        while rest:
            e = __builtin_ctzll(rest)
            rest &= rest - 1
            val = dp[offset[S] + rank]
            rank += 1
            if val == 0:
                continue
            bit = 1ULL << e
            if (start_nbrs & bit) and (S & (S - 1)):
                acc += val
                if modulus and acc >= modulus:
                    acc -= modulus
            ext = adj[e] & ~S & full
            while ext:
                f = __builtin_ctzll(ext)
                ext &= ext - 1
                T = S | (1ULL << f)
                dp[offset[T] + __builtin_popcountll(T & ((1ULL << f) - 1))] += val
                if modulus and dp[offset[T] + __builtin_popcountll(T & ((1ULL << f) - 1))] >= modulus:
                    dp[offset[T] + __builtin_popcountll(T & ((1ULL << f) - 1))] -= modulus
    out[0] = acc
    return 0


def count_cycles(int n, list neighbours, double deadline):
    """The number of simple cycles (at least 3 vertices) of the graph with adjacency bit
    masks ``neighbours`` (n <= 23), or None when the deadline passed."""
    cdef uint64_t adj[64]
    cdef uint64_t start_nbrs, r64 = 0, rp = 0
    cdef int s, m, i
    cdef uint64_t *dp = NULL
    cdef uint32_t *offset = NULL
    if n > 23:  # the table of the first start would take 800 MB and more
        raise ValueError("too many vertices (%d) for the subset table" % n)
    directed = 0
    for s in range(n):
        m = n - 1 - s
        if m < 2:
            break
        for i in range(m):
            adj[i] = <uint64_t> (neighbours[s + 1 + i] >> (s + 1))
        start_nbrs = <uint64_t> (neighbours[s] >> (s + 1))
        if start_nbrs == 0:
            continue
        dp = <uint64_t *> PyMem_Malloc(max(1, m * (1ULL << (m - 1))) * sizeof(uint64_t))
        offset = <uint32_t *> PyMem_Malloc((1ULL << m) * sizeof(uint32_t))
        try:
            if dp == NULL or offset == NULL:
                raise MemoryError()
            with nogil:
                timed_out = paths_from(m, adj, start_nbrs, 0, dp, offset, deadline, &r64)
            if timed_out:
                return None
            if m <= 20:  # at most e * m! < 2^64 paths from s: the count mod 2^64 is exact
                directed += r64
                continue
            with nogil:
                timed_out = paths_from(m, adj, start_nbrs, PRIME, dp, offset, deadline, &rp)
            if timed_out:
                return None
            # the count is below 2^64 * PRIME: rebuild it from its two residues
            k = ((int(rp) - int(r64)) * pow(1 << 64, -1, int(PRIME))) % int(PRIME)
            directed += int(r64) + (k << 64)
        finally:
            PyMem_Free(dp)
            PyMem_Free(offset)
            dp, offset = NULL, NULL
    return directed // 2


# ------------------------------------------------------------------ frontier DP (sparse graphs)
# Vertices are introduced one at a time in a given order; a vertex sits in a slot of the
# frontier from its introduction until its last edge is decided.  A state gives each slot 5
# bits: 0 untouched (no chosen edge yet, or a free slot), 1 saturated (two chosen edges),
# 2 + w an end of an open path whose other end sits in slot w; for the linear forests of
# ``linear_forests`` also DANGLING, an end whose other end has already left.  States live
# in open-addressing tables keyed by the 125-bit code, with bit 127 marking a used cell.

cdef extern from *:
    ctypedef unsigned long long word "unsigned __int128"

DEF MAX_SLOTS = 25
DEF DANGLING = 31

cdef struct Table:
    word *keys      # 0: empty cell, else code | USED
    word *vals      # width values per cell
    size_t cap
    size_t used
    int width


cdef inline word used_bit() noexcept nogil:
    return (<word> 1) << 127


cdef inline size_t mix128(word key) noexcept nogil:
    cdef uint64_t x = <uint64_t> key ^ (<uint64_t> (key >> 64) * 0x9E3779B97F4A7C15ULL)
    x ^= x >> 30
    x *= 0xBF58476D1CE4E5B9ULL
    x ^= x >> 27
    x *= 0x94D049BB133111EBULL
    x ^= x >> 31
    return <size_t> x


cdef int table_init(Table *t, size_t cap, int width) noexcept nogil:
    t.cap = cap
    t.used = 0
    t.width = width
    t.keys = <word *> PyMem_RawCalloc(cap, sizeof(word))
    t.vals = <word *> PyMem_RawMalloc(cap * width * sizeof(word))
    return 0 if (t.keys != NULL and t.vals != NULL) else -1


cdef void table_free(Table *t) noexcept nogil:
    PyMem_RawFree(t.keys)
    PyMem_RawFree(t.vals)
    t.keys = NULL
    t.vals = NULL


cdef word *table_slot(Table *t, word key, uint64_t mod) noexcept nogil:
    """The values of ``key`` (zeroed when new), growing the table at half load; NULL when
    memory runs out."""
    cdef word stored = key | used_bit()
    cdef size_t i, j, mask, newcap
    cdef word *nk
    cdef word *nv
    cdef int w
    if 2 * (t.used + 1) > t.cap:
        newcap = 2 * t.cap
        nk = <word *> PyMem_RawCalloc(newcap, sizeof(word))
        nv = <word *> PyMem_RawMalloc(newcap * t.width * sizeof(word))
        if nk == NULL or nv == NULL:
            PyMem_RawFree(nk)
            PyMem_RawFree(nv)
            return NULL
        for j in range(t.cap):
            if t.keys[j]:
                i = mix128(t.keys[j]) & (newcap - 1)
                while nk[i]:
                    i = (i + 1) & (newcap - 1)
                nk[i] = t.keys[j]
                for w in range(t.width):
                    nv[i * t.width + w] = t.vals[j * t.width + w]
        PyMem_RawFree(t.keys)
        PyMem_RawFree(t.vals)
        t.keys, t.vals, t.cap = nk, nv, newcap
    mask = t.cap - 1
    i = mix128(stored) & mask
    while t.keys[i]:
        if t.keys[i] == stored:
            return t.vals + i * t.width
        i = (i + 1) & mask
    t.keys[i] = stored
    t.used += 1
    for w in range(t.width):
        t.vals[i * t.width + w] = 0
    return t.vals + i * t.width


cdef inline word addm(word a, word b, uint64_t mod) noexcept nogil:
    cdef word s = a + b
    if mod and s >= mod:
        s -= mod
    return s


cdef inline word negm(word a, uint64_t mod) noexcept nogil:
    if mod == 0:
        return -a
    return 0 if a == 0 else mod - a


cdef inline int field(word key, int s) noexcept nogil:
    return <int> (key >> (5 * s)) & 31


cdef inline word put(word key, int s, int value) noexcept nogil:
    return (key & ~((<word> 31) << (5 * s))) | ((<word> value) << (5 * s))


cdef struct Plan:
    int steps
    int *slot        # slot of the vertex introduced at each step
    int *back_start  # its earlier neighbours: back[back_start[i] .. back_start[i + 1])
    int *back
    int *leave_start # slots freed after the step: leave[leave_start[i] .. leave_start[i + 1])
    int *leave
    int *block_start # slots whose vertex has at most one undecided edge left after the step:
    int *block       # untouched there is as good as saturated (a lone edge would leave an end)


cdef int read_plan(Plan *p, list slots, list backs, list leaves, list blocks) except -1:
    cdef int i, k, nb = 0, nl = 0, nk = 0
    p.steps = len(slots)
    for i in range(p.steps):
        nb += len(backs[i])
        nl += len(leaves[i])
        nk += len(blocks[i])
    p.slot = <int *> PyMem_Malloc((p.steps + 1) * sizeof(int))
    p.back_start = <int *> PyMem_Malloc((p.steps + 1) * sizeof(int))
    p.back = <int *> PyMem_Malloc((nb + 1) * sizeof(int))
    p.leave_start = <int *> PyMem_Malloc((p.steps + 1) * sizeof(int))
    p.leave = <int *> PyMem_Malloc((nl + 1) * sizeof(int))
    p.block_start = <int *> PyMem_Malloc((p.steps + 1) * sizeof(int))
    p.block = <int *> PyMem_Malloc((nk + 1) * sizeof(int))
    if not (p.slot and p.back_start and p.back and p.leave_start and p.leave and p.block_start
            and p.block):
        raise MemoryError()
    nb = nl = nk = 0
    for i in range(p.steps):
        p.slot[i] = slots[i]
        if not 0 <= slots[i] < MAX_SLOTS:
            raise ValueError("frontier slots must lie in 0..%d" % (MAX_SLOTS - 1))
        p.back_start[i] = nb
        for k in backs[i]:
            p.back[nb] = k
            nb += 1
        p.leave_start[i] = nl
        for k in leaves[i]:
            p.leave[nl] = k
            nl += 1
        p.block_start[i] = nk
        for k in blocks[i]:
            p.block[nk] = k
            nk += 1
    p.back_start[p.steps] = nb
    p.leave_start[p.steps] = nl
    p.block_start[p.steps] = nk
    return 0


cdef void plan_free(Plan *p) noexcept:
    PyMem_Free(p.slot)
    PyMem_Free(p.back_start)
    PyMem_Free(p.back)
    PyMem_Free(p.leave_start)
    PyMem_Free(p.leave)
    PyMem_Free(p.block_start)
    PyMem_Free(p.block)


cdef size_t table_size_for(size_t states) noexcept nogil:
    cdef size_t cap = 16
    while cap < 2 * states:
        cap *= 2
    return cap


cdef extern from *:
    void __builtin_prefetch(const void *addr, int rw, int locality) nogil

DEF BATCH = 32
DEF SLOTS64 = 15     # fields of 4 bits: 0 untouched, SAT, or the offset 1..14 to the mate's slot
DEF SAT = 15
cdef uint64_t USED64 = 1ULL << 63
cdef uint64_t LOW64 = 0x0111111111111111ULL   # bit 0 of each of the 15 fields


cdef struct Cell:
    uint64_t key    # code | USED64, 0: empty
    uint64_t val


cdef struct Flat:
    # one count per state, key and count side by side (one cache line per probe)
    Cell *cells
    size_t cap
    size_t used
    # successors waiting to be added: their cells are prefetched first, so the cache misses
    # of a batch overlap
    uint64_t pend_key[BATCH]
    uint64_t pend_val[BATCH]
    size_t pend_at[BATCH]
    int pending


cdef inline size_t mix64(uint64_t x) noexcept nogil:
    x ^= x >> 30
    x *= 0xBF58476D1CE4E5B9ULL
    x ^= x >> 27
    x *= 0x94D049BB133111EBULL
    x ^= x >> 31
    return <size_t> x


cdef int flat_init(Flat *t, size_t states) noexcept nogil:
    t.cap = table_size_for(states)
    t.used = 0
    t.pending = 0
    t.cells = <Cell *> PyMem_RawCalloc(t.cap, sizeof(Cell))
    return 0 if t.cells != NULL else -1


cdef int flat_grow(Flat *t) noexcept nogil:
    cdef size_t newcap = 2 * t.cap, j, i
    cdef Cell *nc = <Cell *> PyMem_RawCalloc(newcap, sizeof(Cell))
    if nc == NULL:
        return -1
    for j in range(t.cap):
        if t.cells[j].key:
            i = mix64(t.cells[j].key) & (newcap - 1)
            while nc[i].key:
                i = (i + 1) & (newcap - 1)
            nc[i] = t.cells[j]
    PyMem_RawFree(t.cells)
    t.cells = nc
    t.cap = newcap
    return 0


cdef int flat_flush(Flat *t, uint64_t mod) noexcept nogil:
    cdef int k
    cdef size_t i, mask
    cdef uint64_t stored, s
    if 2 * (t.used + t.pending) > t.cap:
        if flat_grow(t) != 0:
            return -1
    mask = t.cap - 1
    for k in range(t.pending):
        t.pend_at[k] = mix64(t.pend_key[k]) & mask
        __builtin_prefetch(&t.cells[t.pend_at[k]], 1, 0)
    for k in range(t.pending):
        stored = t.pend_key[k]
        i = t.pend_at[k]
        while t.cells[i].key and t.cells[i].key != stored:
            i = (i + 1) & mask
        if t.cells[i].key:
            s = t.cells[i].val + t.pend_val[k]
            if mod and s >= mod:
                s -= mod
            t.cells[i].val = s
        else:
            t.cells[i].key = stored
            t.cells[i].val = t.pend_val[k]
            t.used += 1
    t.pending = 0
    return 0


cdef inline int flat_add(Flat *t, uint64_t key, uint64_t val, uint64_t mod) noexcept nogil:
    t.pend_key[t.pending] = key | USED64
    t.pend_val[t.pending] = val
    t.pending += 1
    if t.pending == BATCH:
        return flat_flush(t, mod)
    return 0


cdef inline int f64(uint64_t key, int s) noexcept nogil:
    return <int> (key >> (4 * s)) & 15


cdef inline uint64_t put64(uint64_t key, int s, int value) noexcept nogil:
    return (key & ~(15ULL << (4 * s))) | ((<uint64_t> value) << (4 * s))


cdef inline int mate64(int s, int value) noexcept nogil:
    """The slot of the other end of the path ending in slot s (value: an offset 1..14)."""
    return (s + value) % SLOTS64


cdef inline uint64_t link64(uint64_t key, int s, int mate) noexcept nogil:
    return put64(key, s, (mate - s + SLOTS64) % SLOTS64)


cdef inline uint64_t end_bits(uint64_t key) noexcept nogil:
    """Bit 0 of each field that holds a path end (neither 0 nor SAT)."""
    cdef uint64_t any_set = key | (key >> 1) | (key >> 2) | (key >> 3)
    cdef uint64_t all_set = key & (key >> 1) & (key >> 2) & (key >> 3)
    return any_set & ~all_set & LOW64


cdef inline int settle(uint64_t *key, uint64_t leave_low, uint64_t block_low) noexcept nogil:
    """Frees the fields leaving after the step (0 when one of them holds a path end: it can
    never be closed) and marks the untouched vertices with at most one edge left as SAT."""
    cdef uint64_t k = key[0], zero
    if end_bits(k) & leave_low:
        return 0
    k &= ~(leave_low * 15)
    zero = ~(k | (k >> 1) | (k >> 2) | (k >> 3)) & block_low
    key[0] = k | (zero * 15)
    return 1


cdef int cycle_steps(const Plan *p, int sign, uint64_t mod, double deadline,
                     uint64_t *total, size_t *sizes) noexcept nogil:
    """Simple cycles (each once, as an edge set), weighted (-1)^length when ``sign``, modulo
    ``mod`` (0: 2^64).  Returns 0, 1 when the deadline passed, 2 when memory ran out."""
    cdef Flat cur, nxt
    cdef int i, a, b, sv, su, su2, va, vb, far_a, far_b, status = 0
    cdef uint64_t key, k2, cnt, neg_cnt, leave_low, block_low
    cdef size_t e
    cdef long long steps = 0
    total[0] = 0
    nxt.cells = NULL
    if flat_init(&cur, 1) != 0:
        return 2
    if flat_add(&cur, 0, 1, mod) != 0 or flat_flush(&cur, mod) != 0:
        PyMem_RawFree(cur.cells)
        return 2
    for i in range(p.steps):
        if flat_init(&nxt, cur.used) != 0:
            status = 2
            break
        sv = p.slot[i]
        leave_low = block_low = 0
        for a in range(p.leave_start[i], p.leave_start[i + 1]):
            leave_low |= 1ULL << (4 * p.leave[a])
        for a in range(p.block_start[i], p.block_start[i + 1]):
            block_low |= 1ULL << (4 * p.block[a])
        for e in range(cur.cap):
            if not cur.cells[e].key:
                continue
            steps += 1
            if past(deadline, steps):
                status = 1
                break
            key = cur.cells[e].key & ~USED64
            cnt = cur.cells[e].val
            neg_cnt = cnt
            if sign:
                neg_cnt = (0 - cnt) if mod == 0 else (0 if cnt == 0 else mod - cnt)
            # no edge to the new vertex
            k2 = key
            if settle(&k2, leave_low, block_low) and flat_add(&nxt, k2, cnt, mod) != 0:
                status = 2
                break
            # one edge (u, v)
            for a in range(p.back_start[i], p.back_start[i + 1]):
                su = p.back[a]
                va = f64(key, su)
                if va == SAT:
                    continue
                if va == 0:
                    k2 = link64(link64(key, su, sv), sv, su)
                else:
                    far_a = mate64(su, va)
                    k2 = link64(link64(put64(key, su, SAT), far_a, sv), sv, far_a)
                if settle(&k2, leave_low, block_low) and flat_add(&nxt, k2, neg_cnt, mod) != 0:
                    status = 2
                    break
            if status:
                break
            # two edges (u, v), (u2, v): v becomes an inner vertex
            for a in range(p.back_start[i], p.back_start[i + 1]):
                su = p.back[a]
                va = f64(key, su)
                if va == SAT:
                    continue
                far_a = su if va == 0 else mate64(su, va)
                for b in range(a + 1, p.back_start[i + 1]):
                    su2 = p.back[b]
                    vb = f64(key, su2)
                    if vb == SAT:
                        continue
                    k2 = put64(put64(put64(key, su, SAT), su2, SAT), sv, SAT)
                    if far_a == su2:  # u and u2 end one path: the new vertex closes it
                        if end_bits(k2) == 0:  # and no other path is open
                            total[0] += cnt
                            if mod and total[0] >= mod:
                                total[0] -= mod
                        continue
                    far_b = su2 if vb == 0 else mate64(su2, vb)
                    k2 = link64(link64(k2, far_a, far_b), far_b, far_a)
                    # two edges: the sign is +
                    if settle(&k2, leave_low, block_low) and flat_add(&nxt, k2, cnt, mod) != 0:
                        status = 2
                        break
                if status:
                    break
            if status:
                break
        if status == 0 and flat_flush(&nxt, mod) != 0:
            status = 2
        PyMem_RawFree(cur.cells)
        cur = nxt
        nxt.cells = NULL
        if status:
            break
        sizes[i] = cur.used
    PyMem_RawFree(cur.cells)
    PyMem_RawFree(nxt.cells)
    return status


cdef object word_int(word x):
    return (int(<uint64_t> (x >> 64)) << 64) | int(<uint64_t> x)


def cycles_frontier(list slots, list backs, list leaves, list blocks, bint sign, object modulus,
                    double deadline, list sizes=None):
    """Simple cycles counted by the frontier DP along a plan (per step: the new vertex's slot,
    the slots of its earlier neighbours, the slots freed after the step), weighted
    (-1)^length when ``sign``; the residue modulo ``modulus`` (0: 2^128), or None when the
    deadline passed."""
    cdef Plan plan
    cdef uint64_t total = 0
    cdef uint64_t mod = modulus
    cdef int status, i
    cdef size_t *counts = NULL
    plan.slot = plan.back_start = plan.back = plan.leave_start = plan.leave = NULL
    plan.block_start = plan.block = NULL
    if any(not 0 <= slot < SLOTS64 for slot in slots):
        raise ValueError("this DP has %d frontier slots" % SLOTS64)
    try:
        read_plan(&plan, slots, backs, leaves, blocks)
        counts = <size_t *> PyMem_Malloc((plan.steps + 1) * sizeof(size_t))
        if counts == NULL:
            raise MemoryError()
        with nogil:
            status = cycle_steps(&plan, sign, mod, deadline, &total, counts)
        if sizes is not None and status == 0:
            sizes[:] = [counts[i] for i in range(plan.steps)]
        if status == 1:
            return None
        if status == 2:
            raise MemoryError()
        return int(total)
    finally:
        plan_free(&plan)
        PyMem_Free(counts)


# ------------------------------------------------------------------ vertex order
cdef extern from "math.h":
    double exp(double) nogil
    double c_pow "pow"(double, double) nogil


cdef double order_cost(int n, const uint64_t *adj, const int *order, int *pos, double base) noexcept nogil:
    """Sum over the steps of base^(vertices still on the frontier after the step): the
    number of states grows about geometrically with it."""
    cdef int i, v, last, u
    cdef int change[65]
    cdef uint64_t rest
    cdef double total = 0, weight = 1
    for i in range(n):
        pos[order[i]] = i
        change[i] = 0
    change[n] = 0
    for v in range(n):
        last = pos[v]
        rest = adj[v]
        while rest:
            u = __builtin_ctzll(rest)
            rest &= rest - 1
            if pos[u] > last:
                last = pos[u]
        if last > pos[v]:  # on the frontier after steps pos[v] .. last - 1
            change[pos[v]] += 1
            change[last] -= 1
    cdef int width = 0
    for i in range(n):
        width += change[i]
        total += c_pow(base, width)
    return total


def improve_order(list neighbours, list order, int iterations, double base, unsigned long long seed):
    """Simulated annealing on the vertex order (moves: one vertex to another position),
    minimising ``order_cost``; returns the best order found."""
    cdef int n = len(order), i, j, k, v, it
    cdef uint64_t adj[64]
    cdef int cur[64]
    cdef int cand[64]
    cdef int best[64]
    cdef int pos[64]
    cdef double cur_cost, cand_cost, best_cost, temperature
    cdef uint64_t state = seed * 0x9E3779B97F4A7C15ULL + 1
    if n > 64:
        raise ValueError("at most 64 vertices")
    for i in range(n):
        adj[i] = neighbours[i]
        cur[i] = best[i] = order[i]
    with nogil:
        cur_cost = best_cost = order_cost(n, adj, cur, pos, base)
        temperature = 0.05 * cur_cost
        for it in range(iterations):
            if n < 2:
                break
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            i = <int> ((state >> 11) % <uint64_t> n)
            j = <int> ((state >> 37) % <uint64_t> n)
            if i == j:
                continue
            v = cur[i]
            for k in range(n):
                cand[k] = cur[k]
            if i < j:
                for k in range(i, j):
                    cand[k] = cur[k + 1]
            else:
                for k in range(i, j, -1):
                    cand[k] = cur[k - 1]
            cand[j] = v
            cand_cost = order_cost(n, adj, cand, pos, base)
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            if cand_cost <= cur_cost or (<double> (state >> 11)) / 9007199254740992.0 < exp(
                    (cur_cost - cand_cost) / temperature):
                for k in range(n):
                    cur[k] = cand[k]
                cur_cost = cand_cost
                if cur_cost < best_cost:
                    best_cost = cur_cost
                    for k in range(n):
                        best[k] = cur[k]
            temperature *= 0.9995
    return best_cost, [best[i] for i in range(n)]



# ------------------------------------------------------------------ linear forests (dense graphs)
# For a dense graph G, the cycles are counted through its sparse complement H: by
# inclusion-exclusion over the edges of H that a cycle of the complete graph K_n would use,
#   cycles(G) = sum over F in E(H) of (-1)^|F| * (cycles of K_n containing F),
# where F is a linear forest (or a single cycle of H, counted by ``cycles_frontier`` with
# signs).  A linear forest with j paths leaving a uncovered vertices lies on
#   sum_t C(a, t) (j + t - 1)! 2^(j - 1)
# cycles of K_n with t more vertices, which is L[(2x)^j (1 + x)^a] / 2 for the linear map L
# taking x^i to (i - 1)! (short cycles of 1 or 2 vertices are taken out by the caller).  So
# each state carries a polynomial in x: (1 + x) per vertex left uncovered, 2x per path once
# both its ends have left, -1 per chosen edge.  Fields: 0 untouched, 1 saturated, 2 + w an
# end whose other end is in slot w, DANGLING an end whose other end has left.

cdef inline void poly_neg(word *v, int width, uint64_t mod) noexcept nogil:
    cdef int i
    for i in range(width):
        v[i] = negm(v[i], mod)


cdef inline void poly_times_one_plus_x(word *v, int width, uint64_t mod) noexcept nogil:
    cdef int i
    for i in range(width - 1, 0, -1):
        v[i] = addm(v[i], v[i - 1], mod)


cdef inline void poly_times_two_x(word *v, int width, uint64_t mod) noexcept nogil:
    cdef int i
    for i in range(width - 1, 0, -1):
        v[i] = addm(v[i - 1], v[i - 1], mod)
    v[0] = 0


cdef int forest_leave(const Plan *p, int step, word *key, word *v, int width, uint64_t mod) noexcept nogil:
    """Applies the departures after ``step`` to the code and the polynomial."""
    cdef int i, s, f
    for i in range(p.leave_start[step], p.leave_start[step + 1]):
        s = p.leave[i]
        f = field(key[0], s)
        if f == 0:
            poly_times_one_plus_x(v, width, mod)
        elif f == DANGLING:  # the second end of a path leaves: the path is complete
            poly_times_two_x(v, width, mod)
        elif f >= 2:
            key[0] = put(key[0], f - 2, DANGLING)
        key[0] = put(key[0], s, 0)
    return 0


cdef int forest_emit(Table *nxt, const Plan *p, int step, word key, const word *src, word *tmp,
                     int width, int negate, uint64_t mod) noexcept nogil:
    cdef int i
    cdef word *dst
    for i in range(width):
        tmp[i] = src[i]
    if negate:
        poly_neg(tmp, width, mod)
    forest_leave(p, step, &key, tmp, width, mod)
    dst = table_slot(nxt, key, mod)
    if dst == NULL:
        return -1
    for i in range(width):
        dst[i] = addm(dst[i], tmp[i], mod)
    return 0


cdef inline word forest_join(word key, int s, int value, int *far) noexcept nogil:
    """Slot s (untouched, an end, or dangling) takes one more edge: ``far`` gets the slot of
    the far end of its path (s itself when it was untouched) or DANGLING."""
    if value == 0:
        far[0] = s
        return key
    far[0] = DANGLING if value == DANGLING else value - 2
    return put(key, s, 1)


cdef int forest_steps(const Plan *p, int width, uint64_t mod, double deadline, word *result,
                      size_t *sizes) noexcept nogil:
    cdef Table cur, nxt
    cdef int i, a, a2, b, sv, su, su2, va, vb, far_a, far_b, status = 0
    cdef word key, k2
    cdef word *src
    cdef word *tmp = <word *> PyMem_RawMalloc(width * sizeof(word))
    cdef size_t e
    cdef long long steps = 0
    cur.keys = cur.vals = nxt.keys = nxt.vals = NULL
    if tmp == NULL or table_init(&cur, 16, width) != 0:
        PyMem_RawFree(tmp)
        table_free(&cur)
        return 2
    src = table_slot(&cur, 0, mod)
    src[0] = 1
    for i in range(p.steps):
        if table_init(&nxt, table_size_for(cur.used), width) != 0:
            status = 2
            break
        sv = p.slot[i]
        for e in range(cur.cap):
            if not cur.keys[e]:
                continue
            steps += 1
            if past(deadline, steps):
                status = 1
                break
            key = cur.keys[e] & ~used_bit()
            src = cur.vals + e * width
            if forest_emit(&nxt, p, i, key, src, tmp, width, 0, mod) != 0:  # no edge
                status = 2
                break
            for a in range(p.back_start[i], p.back_start[i + 1]):  # one edge (u, v)
                su = p.back[a]
                va = field(key, su)
                if va == 1:
                    continue
                k2 = forest_join(key, su, va, &far_a)
                if far_a == DANGLING:
                    k2 = put(k2, sv, DANGLING)
                else:
                    k2 = put(put(k2, far_a, 2 + sv), sv, 2 + far_a)
                if forest_emit(&nxt, p, i, k2, src, tmp, width, 1, mod) != 0:
                    status = 2
                    break
            if status:
                break
            for a in range(p.back_start[i], p.back_start[i + 1]):  # two edges: v is inner
                su = p.back[a]
                va = field(key, su)
                if va == 1:
                    continue
                for b in range(a + 1, p.back_start[i + 1]):
                    su2 = p.back[b]
                    vb = field(key, su2)
                    if vb == 1 or va == 2 + su2:  # saturated, or u, u2 end one path
                        continue
                    k2 = forest_join(key, su, va, &far_a)
                    k2 = forest_join(k2, su2, vb, &far_b)
                    k2 = put(k2, sv, 1)
                    if far_a != DANGLING and far_b != DANGLING:
                        k2 = put(put(k2, far_a, 2 + far_b), far_b, 2 + far_a)
                    elif far_a != DANGLING:
                        k2 = put(k2, far_a, DANGLING)
                    elif far_b != DANGLING:
                        k2 = put(k2, far_b, DANGLING)
                    if far_a == DANGLING and far_b == DANGLING:  # both ends gone: complete
                        for a2 in range(width):
                            tmp[a2] = src[a2]
                        poly_times_two_x(tmp, width, mod)
                        if forest_emit(&nxt, p, i, k2, tmp, tmp, width, 0, mod) != 0:
                            status = 2
                    elif forest_emit(&nxt, p, i, k2, src, tmp, width, 0, mod) != 0:
                        status = 2
                    if status:
                        break
                if status:
                    break
            if status:
                break
        table_free(&cur)
        cur = nxt
        nxt.keys = nxt.vals = NULL
        if status:
            break
        sizes[i] = cur.used
    if status == 0:
        src = table_slot(&cur, 0, mod)
        if src == NULL:
            status = 2
        else:
            for i in range(width):
                result[i] = src[i]
    table_free(&cur)
    table_free(&nxt)
    PyMem_RawFree(tmp)
    return status


def linear_forests(list slots, list backs, list leaves, int degree, object modulus, double deadline,
                   list sizes=None):
    """The polynomial sum over the linear forests F of the graph of the plan of
    (-1)^|F| (2x)^(paths) (1 + x)^(uncovered vertices), its coefficients of x^0..x^degree
    modulo ``modulus`` (0: 2^128); None when the deadline passed."""
    cdef Plan plan
    cdef uint64_t mod = modulus
    cdef int status, i, width = degree + 1
    cdef size_t *counts = NULL
    cdef word *result = NULL
    plan.slot = plan.back_start = plan.back = plan.leave_start = plan.leave = NULL
    plan.block_start = plan.block = NULL
    if any(not 0 <= slot < MAX_SLOTS for slot in slots):
        raise ValueError("at most %d frontier slots" % MAX_SLOTS)
    try:
        read_plan(&plan, slots, backs, leaves, [[] for _ in slots])
        counts = <size_t *> PyMem_Malloc((plan.steps + 1) * sizeof(size_t))
        result = <word *> PyMem_Malloc(width * sizeof(word))
        if counts == NULL or result == NULL:
            raise MemoryError()
        with nogil:
            status = forest_steps(&plan, width, mod, deadline, result, counts)
        if status == 1:
            return None
        if status == 2:
            raise MemoryError()
        if sizes is not None:
            sizes[:] = [counts[i] for i in range(plan.steps)]
        return [word_int(result[i]) for i in range(width)]
    finally:
        plan_free(&plan)
        PyMem_Free(counts)
        PyMem_Free(result)
