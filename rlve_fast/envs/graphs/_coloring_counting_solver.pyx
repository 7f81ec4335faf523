# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled solver of ColoringCounting: the sum, over proper colourings with C[u] in
[0, R[u]], of the number of distinct colours used.

Colours are handled one at a time; the class of a colour is an independent set.  Vertices are
relabelled by R descending, so the vertices allowed colour c are a prefix A_c of the bits.
Every table entry carries two lanes: the number of partial colourings and the sum of their
used-colour counts (a colour with a non-empty class adds one to each).

* From the top colour down to c*: F_c(X), X a subset of A_c, counts colourings of exactly X
  with the colours >= c; updated in place (X descending): F_c(X) = sum over independent J of
  X holding every vertex of X with R = c of F_(c+1)(X - J).
* The colours below c* are enumerated as chains of independent sets from colour 0 up (each
  class must take the remaining vertices whose R is its colour); a chain leaving the set S
  uncoloured contributes F_(c*)(S).
Arithmetic runs modulo 2^128 (one pass) and, where the sum may be larger, modulo further
primes (one pass each)."""
from cpython.mem cimport (PyMem_Malloc, PyMem_Free, PyMem_RawMalloc, PyMem_RawCalloc,
                           PyMem_RawRealloc, PyMem_RawFree)
from libc.stdint cimport uint64_t, uint32_t

from rlve_fast._core.clock cimport past

cdef extern from *:
    int __builtin_ctz(unsigned int) nogil
    ctypedef unsigned long long word "unsigned __int128"


cdef struct Ctx:
    int n
    uint32_t adj[32]
    uint32_t level[72]   # level[c]: vertices with R == c (relabelled)
    int prefix[72]       # prefix[c]: |A_c|
    uint64_t mod         # 0: arithmetic modulo 2^128
    word *cnt
    word *val
    double deadline
    long long steps
    int timed_out
    # accumulators of one enumeration
    word acc_cnt, acc_val
    uint32_t base
    int forced_nonempty


cdef inline word add(word a, word b, uint64_t mod) noexcept nogil:
    cdef word s = a + b
    if mod and s >= mod:
        s -= mod
    return s


cdef inline uint32_t neighbourhood(const uint32_t *adj, uint32_t members) noexcept nogil:
    """The union of the neighbours of ``members``."""
    cdef uint32_t reach = 0
    while members:
        reach |= adj[__builtin_ctz(members)]
        members &= members - 1
    return reach


cdef void pull(Ctx *ctx, uint32_t rem, uint32_t taken) noexcept nogil:
    """Independent subsets J' of ``rem``: add F(base - J') into the accumulators."""
    cdef int v
    cdef uint32_t bit, src
    if rem == 0:
        src = ctx.base & ~taken
        ctx.acc_cnt = add(ctx.acc_cnt, ctx.cnt[src], ctx.mod)
        ctx.acc_val = add(ctx.acc_val, ctx.val[src], ctx.mod)
        if taken or ctx.forced_nonempty:  # this colour is used
            ctx.acc_val = add(ctx.acc_val, ctx.cnt[src], ctx.mod)
        return
    v = __builtin_ctz(rem)
    bit = 1U << v
    pull(ctx, rem & ~bit, taken)
    pull(ctx, rem & ~bit & ~ctx.adj[v], taken | bit)


cdef int descend(Ctx *ctx, int top, int cstar) noexcept nogil:
    cdef int c, v
    cdef uint32_t X, size, old_size, low, forced, rest, reach
    ctx.cnt[0] = 1
    ctx.val[0] = 0
    old_size = 1
    for c in range(top, cstar - 1, -1):
        size = 1U << ctx.prefix[c]
        for X in range(old_size, size):
            ctx.cnt[X] = 0
            ctx.val[X] = 0
        low = (1U << ctx.prefix[c + 1]) - 1
        X = size
        while X > 0:
            X -= 1
            ctx.steps += 1
            if past(ctx.deadline, ctx.steps):
                ctx.timed_out = 1
                return 1
            forced = X & ~low
            reach = neighbourhood(ctx.adj, forced)
            if reach & forced:
                ctx.cnt[X] = 0
                ctx.val[X] = 0
                continue
            rest = X & low & ~reach
            ctx.acc_cnt = 0
            ctx.acc_val = 0
            ctx.base = X & low
            ctx.forced_nonempty = forced != 0
            pull(ctx, rest, 0)
            ctx.cnt[X] = ctx.acc_cnt
            ctx.val[X] = ctx.acc_val
        old_size = size
    return 0


cdef void chains(Ctx *ctx, int c, int cstar, uint32_t left, uint32_t rem, uint32_t taken,
                 uint64_t used) noexcept nogil:
    """Colour c takes ``taken`` (its forced vertices and the choices made so far) plus an
    independent subset of ``rem``; then the next colour, up to c*."""
    cdef int v
    cdef uint32_t bit, after, forced, reach
    cdef uint64_t k
    if ctx.timed_out:
        return
    if rem:
        v = __builtin_ctz(rem)
        bit = 1U << v
        chains(ctx, c, cstar, left, rem & ~bit, taken, used)
        chains(ctx, c, cstar, left, rem & ~bit & ~ctx.adj[v], taken | bit, used)
        return
    ctx.steps += 1
    if past(ctx.deadline, ctx.steps):
        ctx.timed_out = 1
        return
    after = left & ~taken
    if taken:
        used += 1
    c += 1
    if c == cstar:
        ctx.acc_cnt = add(ctx.acc_cnt, ctx.cnt[after], ctx.mod)
        ctx.acc_val = add(ctx.acc_val, ctx.val[after], ctx.mod)
        for k in range(used):
            ctx.acc_val = add(ctx.acc_val, ctx.cnt[after], ctx.mod)
        return
    forced = after & ctx.level[c]  # these must take colour c now
    reach = neighbourhood(ctx.adj, forced)
    if reach & forced:
        return
    chains(ctx, c, cstar, after, after & ~forced & ~reach, forced, used)


cdef object as_int(word x):
    return (int(<uint64_t> (x >> 64)) << 64) | int(<uint64_t> x)


def coloring_value(int n, list neighbours, list limits, int cstar, list moduli, double deadline):
    """Residues of the answer modulo each of ``moduli`` (0 stands for 2^128), or None when the
    deadline passed.  ``neighbours``: bit masks over vertices relabelled so that ``limits``
    (their R) is non-increasing; ``cstar``: the colours below it are enumerated."""
    cdef Ctx ctx
    cdef int c, top, v, i
    if not 1 <= n <= 26:
        raise ValueError("the colour tables need 1 <= N <= 26, got %d" % n)
    top = limits[0]
    if top > 68 or any(limits[i] < limits[i + 1] for i in range(n - 1)) or limits[n - 1] < 0:
        raise ValueError("limits must be non-increasing within 0..68")
    cstar = max(0, min(cstar, top + 1))
    ctx.n = n
    for v in range(n):
        ctx.adj[v] = neighbours[v]
    for c in range(top + 2):
        ctx.level[c] = 0
        ctx.prefix[c] = 0
    for v in range(n):
        ctx.level[limits[v]] |= 1U << v
        for c in range(limits[v] + 1):
            ctx.prefix[c] += 1
    ctx.deadline = deadline
    ctx.cnt = <word *> PyMem_Malloc((1ULL << ctx.prefix[cstar]) * 16)
    ctx.val = <word *> PyMem_Malloc((1ULL << ctx.prefix[cstar]) * 16)
    out = []
    try:
        if ctx.cnt == NULL or ctx.val == NULL:
            raise MemoryError()
        for modulus in moduli:
            ctx.mod = modulus
            ctx.steps = 0
            ctx.timed_out = 0
            with nogil:
                descend(&ctx, top, cstar)
            if ctx.timed_out:
                return None
            if cstar == 0:
                out.append(as_int(ctx.val[(1ULL << n) - 1]))
                continue
            ctx.acc_cnt = 0
            ctx.acc_val = 0
            with nogil:  # colour "-1" takes nothing: the chains start at colour 0
                chains(&ctx, -1, cstar, (1U << n) - 1, 0, 0, 0)
            if ctx.timed_out:
                return None
            out.append(as_int(ctx.acc_val))
        return out
    finally:
        PyMem_Free(ctx.cnt)
        PyMem_Free(ctx.val)


# ------------------------------------------------------------------ block DP (dense graphs)
# Vertices relabelled by R ascending (bit 0: smallest R).  A colouring is a partition into
# independent blocks, each opened at its smallest vertex m and given a colour <= R[m] that
# the k blocks opened before do not use: R[m] + 1 - k ways.  States are the sets S of
# vertices still to place; the block of min(S) is chosen next, so every transition raises
# the minimum and the states are processed bucket by bucket (bucket m: min(S) = m), each a
# hash table from S to the counts per k.

cdef struct Bucket:
    uint32_t *keys      # open addressing, 0 = empty (S is never empty here)
    uint32_t *slot      # index of the key's count vector in pool
    uint32_t cap, used
    word *pool          # used * width counts
    uint32_t pool_cap
    int width           # k = 0 .. width - 1


cdef int bucket_init(Bucket *b, int width) noexcept nogil:
    b.cap = 16
    b.used = 0
    b.width = width
    b.keys = <uint32_t *> PyMem_RawCalloc(b.cap, sizeof(uint32_t))
    b.slot = <uint32_t *> PyMem_RawMalloc(b.cap * sizeof(uint32_t))
    b.pool_cap = 8
    b.pool = <word *> PyMem_RawMalloc(b.pool_cap * width * 16)
    return 0 if (b.keys and b.slot and b.pool) else -1


cdef void bucket_free(Bucket *b) noexcept nogil:
    PyMem_RawFree(b.keys)
    PyMem_RawFree(b.slot)
    PyMem_RawFree(b.pool)
    b.keys = NULL
    b.slot = NULL
    b.pool = NULL


cdef inline uint32_t mix(uint32_t x) noexcept nogil:
    x ^= x >> 16
    x *= 0x7feb352dU
    x ^= x >> 15
    x *= 0x846ca68bU
    x ^= x >> 16
    return x


cdef int bucket_double(Bucket *b) noexcept nogil:
    """Twice the key table, every key rehashed into it (count vectors stay where they are);
    -1 when memory runs out, the bucket unchanged."""
    cdef uint32_t j, idx, newcap = 2 * b.cap
    cdef uint32_t *nk = <uint32_t *> PyMem_RawCalloc(newcap, sizeof(uint32_t))
    cdef uint32_t *ns = <uint32_t *> PyMem_RawMalloc(newcap * sizeof(uint32_t))
    if nk == NULL or ns == NULL:
        PyMem_RawFree(nk)
        PyMem_RawFree(ns)
        return -1
    for j in range(b.cap):
        if b.keys[j]:
            idx = mix(b.keys[j]) & (newcap - 1)
            while nk[idx]:
                idx = (idx + 1) & (newcap - 1)
            nk[idx] = b.keys[j]
            ns[idx] = b.slot[j]
    PyMem_RawFree(b.keys)
    PyMem_RawFree(b.slot)
    b.keys, b.slot, b.cap = nk, ns, newcap
    return 0


cdef int bucket_reserve(Bucket *b, uint32_t extra) noexcept nogil:
    """Room for ``extra`` more keys without moving anything (so that the count vectors of a
    batch stay put); -1 when memory runs out."""
    cdef word *np_
    while 2 * (b.used + extra) > b.cap:
        if bucket_double(b) < 0:
            return -1
    while b.used + extra > b.pool_cap:
        np_ = <word *> PyMem_RawRealloc(b.pool, <size_t> 2 * b.pool_cap * b.width * 16)
        if np_ == NULL:
            return -1
        b.pool = np_
        b.pool_cap *= 2
    return 0


cdef word *bucket_get(Bucket *b, uint32_t key) noexcept nogil:
    """The count vector of ``key``, created (zeroed) if new; NULL when memory runs out."""
    cdef uint32_t i, mask
    cdef word *vec
    cdef int t
    mask = b.cap - 1
    i = mix(key) & mask
    while b.keys[i]:
        if b.keys[i] == key:
            return b.pool + <size_t> b.slot[i] * b.width
        i = (i + 1) & mask
    if 2 * (b.used + 1) > b.cap or b.used == b.pool_cap:  # grow, then find the free slot again
        if bucket_reserve(b, 1) < 0:
            return NULL
        mask = b.cap - 1
        i = mix(key) & mask
        while b.keys[i]:
            i = (i + 1) & mask
    b.keys[i] = key
    b.slot[i] = b.used
    vec = b.pool + <size_t> b.used * b.width
    for t in range(b.width):
        vec[t] = 0
    b.used += 1
    return vec


cdef extern from *:
    void __builtin_prefetch(const void *addr, int rw, int locality) nogil

DEF PENDING = 32


cdef struct BlockCtx:
    # successors of the vector being spread wait here in batches: their hash cells, then
    # their count vectors, are prefetched before use, so the cache misses of a batch overlap
    uint32_t pend[PENDING]
    word *pend_dst[PENDING]
    int pending
    int n
    uint32_t adj[32]
    int limit[32]
    uint64_t mod
    Bucket *buckets
    word *final_counts   # per number of blocks
    word *src            # the vector being spread
    word scaled[34]      # src[k] times the opening factor R[m] + 1 - k, for k in lo .. hi - 1
    int lo, hi
    int m, width
    uint32_t rest        # S without m
    double deadline
    long long steps
    int failed           # 1: timed out, 2: out of memory


cdef inline word mulsmall(word a, uint64_t f, uint64_t mod) noexcept nogil:
    if mod == 0:
        return a * f
    return (a * f) % mod


cdef void flush(BlockCtx *ctx) noexcept nogil:
    """Adds the spread vector, times the opening factors, into the pending successors."""
    cdef int i, k
    cdef uint32_t T
    cdef Bucket *b
    cdef word *dst
    for i in range(ctx.pending):
        T = ctx.pend[i]
        if T and bucket_reserve(&ctx.buckets[__builtin_ctz(T)], ctx.pending) != 0:
            ctx.failed = 2
            ctx.pending = 0
            return
    for i in range(ctx.pending):
        T = ctx.pend[i]
        if T:
            b = &ctx.buckets[__builtin_ctz(T)]
            __builtin_prefetch(&b.keys[mix(T) & (b.cap - 1)], 0, 0)
    for i in range(ctx.pending):
        T = ctx.pend[i]
        if T == 0:
            dst = ctx.final_counts
        else:
            dst = bucket_get(&ctx.buckets[__builtin_ctz(T)], T)
            if dst == NULL:
                ctx.failed = 2
                ctx.pending = 0
                return
            __builtin_prefetch(dst, 1, 0)
        ctx.pend_dst[i] = dst
    for i in range(ctx.pending):
        dst = ctx.pend_dst[i]
        for k in range(ctx.lo, ctx.hi):
            dst[k + 1] = add(dst[k + 1], ctx.scaled[k], ctx.mod)
    ctx.pending = 0


cdef void spread(BlockCtx *ctx, uint32_t rem, uint32_t taken) noexcept nogil:
    """Blocks {m} + taken with taken an independent subset of ``rem``."""
    cdef int v
    cdef uint32_t bit
    if ctx.failed:
        return
    if rem:
        v = __builtin_ctz(rem)
        bit = 1U << v
        spread(ctx, rem & ~bit, taken)
        spread(ctx, rem & ~bit & ~ctx.adj[v], taken | bit)
        return
    ctx.steps += 1
    if past(ctx.deadline, ctx.steps):
        ctx.failed = 1
        return
    ctx.pend[ctx.pending] = ctx.rest & ~taken
    ctx.pending += 1
    if ctx.pending == PENDING:
        flush(ctx)


cdef int run_blocks(BlockCtx *ctx) noexcept nogil:
    cdef int m, k
    cdef uint32_t i, full = (1U << ctx.n) - 1, S
    cdef word *vec
    vec = bucket_get(&ctx.buckets[0], full)
    if vec == NULL:
        return 2
    vec[0] = 1
    for m in range(ctx.n):
        for i in range(ctx.buckets[m].cap):
            S = ctx.buckets[m].keys[i]
            if S == 0:
                continue
            ctx.m = m
            ctx.width = m + 1
            ctx.src = ctx.buckets[m].pool + <size_t> ctx.buckets[m].slot[i] * (m + 1)
            ctx.rest = S & ~(1U << m)
            ctx.lo = ctx.width
            ctx.hi = 0
            for k in range(ctx.width):
                if ctx.limit[m] + 1 - k <= 0:
                    break
                ctx.scaled[k] = mulsmall(ctx.src[k], <uint64_t> (ctx.limit[m] + 1 - k), ctx.mod)
                if ctx.scaled[k]:
                    if k < ctx.lo:
                        ctx.lo = k
                    ctx.hi = k + 1
            if ctx.hi == 0:  # nothing to spread
                continue
            spread(ctx, ctx.rest & ~ctx.adj[m], 0)
            if ctx.pending and not ctx.failed:
                flush(ctx)
            if ctx.failed:
                return ctx.failed
        bucket_free(&ctx.buckets[m])
    return 0


def coloring_value_blocks(int n, list neighbours, list limits, list moduli, double deadline):
    """The same residues by the block DP (``limits`` non-decreasing, vertices relabelled so),
    or None when the deadline passed."""
    cdef BlockCtx ctx
    cdef Bucket buckets[32]
    cdef word counts[34]
    cdef int m, k, status
    if not 1 <= n <= 31:
        raise ValueError("the block tables need 1 <= N <= 31, got %d" % n)
    if any(limits[i] > limits[i + 1] for i in range(n - 1)):
        raise ValueError("limits must be non-decreasing")
    ctx.n = n
    for m in range(n):
        ctx.adj[m] = neighbours[m]
        ctx.limit[m] = limits[m]
    ctx.deadline = deadline
    ctx.buckets = buckets
    ctx.final_counts = counts
    out = []
    for modulus in moduli:
        ctx.mod = modulus
        ctx.steps = 0
        ctx.failed = 0
        ctx.pending = 0
        for k in range(n + 2):
            counts[k] = 0
        for m in range(n):
            buckets[m].keys = NULL
            buckets[m].slot = NULL
            buckets[m].pool = NULL
        try:
            for m in range(n):
                if bucket_init(&buckets[m], m + 1) != 0:
                    raise MemoryError()
            with nogil:
                status = run_blocks(&ctx)
            if status == 1:
                return None
            if status == 2:
                raise MemoryError()
        finally:
            for m in range(n):
                bucket_free(&buckets[m])
        total = 0
        for k in range(1, n + 1):
            total += k * as_int(counts[k])
        out.append(total % (modulus or 1 << 128))
    return out
