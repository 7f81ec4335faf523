# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled GridLocalMinimumCounting (twins: ``clusters`` and ``cluster_sum`` in
grid_local_minimum_counting.py): the whole count of one grid modulo primes p with
cells < p < 2**62, in one call, so a small grid costs no Python work per cell.

The cells are grouped into clusters as the twin does (X first, then the cells touching no X,
joined at king distance <= 2). Per cluster, states are pairs (independent set c of the
extras, subset x of the minima), stored as D[c * 2^nx + x]; the extras' sets are listed so
that a subset precedes its supersets, and the minima's subsets run in increasing order.
``_prepare`` builds what does not depend on the prime (the sets, one-element removals,
|N[S]| per state) once for all primes."""
from libc.stdint cimport uint64_t, uint16_t
from libc.stdlib cimport malloc, calloc, realloc, free

from rlve_fast._core.clock cimport monotonic_now

cdef extern from *:
    ctypedef unsigned long long u128 "unsigned __int128"
    int popcount64 "__builtin_popcountll"(unsigned long long) nogil

MAX_MINIMA = 30  # a cluster's minima index a bit mask of subsets
MAX_EXTRAS = 64  # and its extras fit one word
cdef enum:
    WORK_PER_CHECK = 1 << 12  # steps between two reads of the clock (a read costs tens of ns)


cdef class Prepared:
    """Per-cluster data that does not depend on the prime."""
    cdef Py_ssize_t n_sets, nx, words
    cdef uint64_t *sets          # extras' independent sets (bit masks), subsets first
    cdef uint64_t *set_near      # their neighbourhood unions, ``words`` per set
    cdef Py_ssize_t *drop_start  # CSR: the sets with one element removed
    cdef Py_ssize_t *drop_index
    cdef uint16_t *sizes         # |N[S]| per state

    def __dealloc__(self):
        free(self.sets); free(self.set_near); free(self.drop_start); free(self.drop_index); free(self.sizes)


cdef uint64_t _mulmod(uint64_t a, uint64_t b, uint64_t p) noexcept nogil:
    return <uint64_t> ((<u128> a * b) % p)


cdef inline uint64_t _mul_shoup(uint64_t a, uint64_t w, uint64_t w_shoup, uint64_t p) noexcept nogil:
    """a * w mod p for a, w < p < 2**62, with w_shoup = floor(w * 2**64 / p): no division."""
    cdef uint64_t q = <uint64_t> ((<u128> a * w_shoup) >> 64)
    cdef uint64_t r = a * w - q * p
    return r - p if r >= p else r


cdef void *_grow(void *p, size_t size) except NULL:
    cdef void *q = realloc(p, size)
    if q == NULL:
        raise MemoryError()
    return q


cdef object _prepare(Py_ssize_t nx, Py_ssize_t nc, Py_ssize_t words, const uint64_t *xw, const uint64_t *cw,
                     const uint64_t *touch, Py_ssize_t max_states, double deadline):
    """The prime-independent tables of a cluster: ``xw``/``cw`` the neighbourhoods of its minima
    and extras (``words`` words each), ``touch`` per extra the extras next to it (ValueError
    beyond ``max_states`` states, None once the deadline has passed)."""
    cdef Prepared memo = Prepared()
    cdef Py_ssize_t count, cap, q, s, k, w, h, hsize, total_drops, x, base, work = 0
    cdef bint cached
    cdef uint64_t bit, mask, key
    cdef Py_ssize_t *table = NULL
    cdef uint64_t *union = NULL
    cdef int size
    memo.nx = nx
    memo.words = words
    try:
        # independent sets of the extras: each new set is an old one plus the next extra
        cap = 64
        memo.sets = <uint64_t *> malloc(cap * sizeof(uint64_t))
        memo.set_near = <uint64_t *> calloc(cap * words, sizeof(uint64_t))
        if memo.sets == NULL or memo.set_near == NULL:
            raise MemoryError()
        memo.sets[0] = 0
        count = 1
        for q in range(nc):
            k = count
            for s in range(k):
                work += words
                if work > WORK_PER_CHECK:
                    work = 0
                    if monotonic_now() > deadline:
                        return None
                if memo.sets[s] & touch[q]:
                    continue
                if count == cap:
                    cap *= 2
                    if cap << nx > 2 * max_states:
                        raise ValueError("cluster too large to count")
                    memo.sets = <uint64_t *> _grow(memo.sets, cap * sizeof(uint64_t))
                    memo.set_near = <uint64_t *> _grow(memo.set_near, cap * words * sizeof(uint64_t))
                memo.sets[count] = memo.sets[s] | ((<uint64_t> 1) << q)
                for w in range(words):
                    memo.set_near[count * words + w] = memo.set_near[s * words + w] | cw[q * words + w]
                count += 1
        if count << nx > max_states:
            raise ValueError("cluster too large to count")
        memo.n_sets = count
        # set -> index (open addressing), then the CSR of one-element removals
        hsize = 1
        while hsize < 2 * count:
            hsize *= 2
        table = <Py_ssize_t *> malloc(hsize * sizeof(Py_ssize_t))
        if table == NULL:
            raise MemoryError()
        for h in range(hsize):
            table[h] = -1
        for s in range(count):
            h = <Py_ssize_t> ((memo.sets[s] * 0x9E3779B97F4A7C15ULL) >> 20) & (hsize - 1)
            while table[h] >= 0:
                h = (h + 1) & (hsize - 1)
            table[h] = s
        total_drops = 0
        for s in range(count):
            total_drops += popcount64(memo.sets[s])
        memo.drop_start = <Py_ssize_t *> malloc((count + 1) * sizeof(Py_ssize_t))
        memo.drop_index = <Py_ssize_t *> malloc((total_drops + 1) * sizeof(Py_ssize_t))
        memo.sizes = <uint16_t *> malloc((count << nx) * sizeof(uint16_t))
        if memo.drop_start == NULL or memo.drop_index == NULL or memo.sizes == NULL:
            raise MemoryError()
        k = 0
        for s in range(count):
            memo.drop_start[s] = k
            mask = memo.sets[s]
            while mask:
                bit = mask & (~mask + 1)
                mask ^= bit
                key = memo.sets[s] ^ bit
                h = <Py_ssize_t> ((key * 0x9E3779B97F4A7C15ULL) >> 20) & (hsize - 1)
                while memo.sets[table[h]] != key:
                    h = (h + 1) & (hsize - 1)
                memo.drop_index[k] = table[h]
                k += 1
        memo.drop_start[count] = k
        # |N[S]| for every state: x's union is that of x without its lowest minimum, plus it
        # (with many minima, one word set per prefix would not fit: x's minima are or-ed in afresh)
        cached = nx <= 20
        union = <uint64_t *> malloc((((<Py_ssize_t> 1) << nx) if cached else 1) * words * sizeof(uint64_t))
        if union == NULL:
            raise MemoryError()
        for s in range(count):
            for x in range((<Py_ssize_t> 1) << nx):
                base = x * words if cached else 0
                if x == 0 or not cached:
                    for w in range(words):
                        union[base + w] = memo.set_near[s * words + w]
                    mask = x
                else:
                    mask = x & (~x + 1)  # the lowest minimum joins the union of x without it
                    for w in range(words):
                        union[base + w] = union[(x & (x - 1)) * words + w]
                while mask:
                    q = 0
                    while not (mask >> q) & 1:
                        q += 1
                    mask &= mask - 1
                    for w in range(words):
                        union[base + w] |= xw[q * words + w]
                size = 0
                for w in range(words):
                    size += popcount64(union[base + w])
                memo.sizes[(s << nx) + x] = size
            work += (<Py_ssize_t> 1) << nx
            if work > WORK_PER_CHECK:
                work = 0
                if monotonic_now() > deadline:
                    return None
        return memo
    finally:
        free(table); free(union)


cdef bint _cluster_sum(Prepared memo, uint64_t p, const uint64_t *inverse, const uint64_t *inverse_shoup,
                       uint64_t *value, double deadline, uint64_t *out) noexcept nogil:
    """sum over the independent sets E of the extras of (-1)^|E| h(minima + E), mod p, into
    ``out`` (``value``: room for the cluster's states); False once the deadline has passed."""
    cdef Py_ssize_t nx = memo.nx, s, x, k, full = ((<Py_ssize_t> 1) << memo.nx) - 1, q
    cdef uint64_t acc, neg, total = 0, v
    cdef Py_ssize_t mask, work = 0
    for s in range(memo.n_sets):
        for x in range(full + 1):
            if s == 0 and x == 0:
                value[0] = 1
                continue
            acc = 0
            mask = x
            # the smallest value of N[S] sits on a minimum (plus) or on an extra (minus)
            while mask:
                q = mask & (-mask)
                mask ^= q
                v = acc + value[(s << nx) + (x ^ q)]
                acc = v - p if v >= p else v
            neg = 0
            for k in range(memo.drop_start[s], memo.drop_start[s + 1]):
                v = neg + value[(memo.drop_index[k] << nx) + x]
                neg = v - p if v >= p else v
            acc = acc - neg if acc >= neg else acc + p - neg
            k = memo.sizes[(s << nx) + x]
            value[(s << nx) + x] = _mul_shoup(acc, inverse[k], inverse_shoup[k], p)
        v = total + value[(s << nx) + full]
        total = v - p if v >= p else v
        work += full + 1
        if work > WORK_PER_CHECK:
            work = 0
            if monotonic_now() > deadline:
                return False
    out[0] = total
    return True


cdef inline void _block_mask(uint64_t *words_out, Py_ssize_t n, Py_ssize_t m, Py_ssize_t i, Py_ssize_t j) noexcept nogil:
    """Set the bits of the 3 x 3 block centred on (i, j) inside the grid."""
    cdef Py_ssize_t a, b, c
    for a in range(i - 1 if i > 0 else 0, i + 2 if i + 2 <= n else n):
        for b in range(j - 1 if j > 0 else 0, j + 2 if j + 2 <= m else m):
            c = a * m + b
            words_out[c >> 6] |= (<uint64_t> 1) << (c & 63)


cdef Py_ssize_t _root(Py_ssize_t *parent, Py_ssize_t a) noexcept nogil:
    while parent[a] != a:
        parent[a] = parent[parent[a]]
        a = parent[a]
    return a


def count_residues(grid, primes, Py_ssize_t max_states, double deadline):
    """[count mod p for p in primes]: the numberings of ``grid`` (rows of "X"/"." cells) whose
    local minima are exactly its X cells, each prime above the number of cells and below
    2**62. ValueError for touching X cells or a cluster too large; None once the deadline
    has passed."""
    cdef Py_ssize_t n = len(grid), m = len(grid[0]) if n else 0, cells = n * m
    cdef Py_ssize_t i, j, a, b, k, r, other, marked = 0, total = 0, words = (cells + 63) // 64
    cdef Py_ssize_t groups = 0, g, q, nx, nc, largest = 1, x_at, c_at
    cdef uint64_t p, residue, got
    cdef char *mark = <char *> calloc(cells + 1, 1)
    cdef char *covered = <char *> calloc(cells + 1, 1)
    cdef Py_ssize_t *order = <Py_ssize_t *> malloc((cells + 1) * sizeof(Py_ssize_t))
    cdef Py_ssize_t *where = <Py_ssize_t *> malloc((cells + 1) * sizeof(Py_ssize_t))
    cdef Py_ssize_t *parent = <Py_ssize_t *> malloc((cells + 1) * sizeof(Py_ssize_t))
    cdef Py_ssize_t *group_of = <Py_ssize_t *> malloc((cells + 1) * sizeof(Py_ssize_t))
    cdef Py_ssize_t *counts = <Py_ssize_t *> calloc(2 * cells + 2, sizeof(Py_ssize_t))
    cdef Py_ssize_t *local = <Py_ssize_t *> malloc((cells + 1) * sizeof(Py_ssize_t))
    cdef uint64_t *xw = NULL
    cdef uint64_t *cw = NULL
    cdef uint64_t *touch = NULL
    cdef uint64_t *inverse = NULL
    cdef uint64_t *inverse_shoup = NULL
    cdef uint64_t *value = NULL
    cdef Prepared memo
    cdef bint finished
    cdef list prepared = [], out = []
    try:
        if (mark == NULL or covered == NULL or order == NULL or where == NULL or parent == NULL
                or group_of == NULL or counts == NULL or local == NULL):
            raise MemoryError()
        for i in range(n):
            row = grid[i]
            if len(row) != m:
                raise ValueError("the rows of the grid differ in length")
            for j in range(m):
                mark[i * m + j] = row[j] == "X"
        # an X makes its neighbours non-minimal; two touching X cannot both be minima
        for i in range(n):
            for j in range(m):
                if not mark[i * m + j]:
                    continue
                order[marked] = i * m + j
                marked += 1
                for a in range(i - 1 if i > 0 else 0, i + 2 if i + 2 <= n else n):
                    for b in range(j - 1 if j > 0 else 0, j + 2 if j + 2 <= m else m):
                        if (a != i or b != j) and mark[a * m + b]:
                            raise ValueError("two marked cells touch: no numbering has both as minima")
                        covered[a * m + b] = 1
        total = marked
        for k in range(cells):
            where[k] = -1
            if not covered[k]:
                order[total] = k
                total += 1
        for k in range(total):
            where[order[k]] = k
            parent[k] = k
        # join each cell with the later cells within king distance 2
        for k in range(total):
            i, j = order[k] // m, order[k] % m
            for a in range(i, i + 3 if i + 3 <= n else n):
                for b in range(j - 2 if j >= 2 else 0, j + 3 if j + 3 <= m else m):
                    other = where[a * m + b]
                    if other >= 0 and (a > i or b > j):
                        r = _root(parent, other)
                        g = _root(parent, k)
                        if r != g:
                            parent[r] = g
        # clusters numbered by first cell; ``local``: a cell's index among its cluster's minima or extras
        for k in range(total):
            group_of[k] = -1
        for k in range(total):
            r = _root(parent, k)
            if group_of[r] < 0:
                group_of[r] = groups
                groups += 1
            g = group_of[r]
            q = 2 * g + (0 if k < marked else 1)
            local[k] = counts[q]
            counts[q] += 1
        for g in range(groups):
            if counts[2 * g] > MAX_MINIMA or counts[2 * g + 1] > MAX_EXTRAS:
                raise ValueError("cluster too large to count")
        xw = <uint64_t *> malloc((MAX_MINIMA + 1) * words * sizeof(uint64_t))
        cw = <uint64_t *> malloc((MAX_EXTRAS + 1) * words * sizeof(uint64_t))
        touch = <uint64_t *> malloc((MAX_EXTRAS + 1) * sizeof(uint64_t))
        if xw == NULL or cw == NULL or touch == NULL:
            raise MemoryError()
        for g in range(groups):
            nx, nc = counts[2 * g], counts[2 * g + 1]
            for q in range(nx * words):
                xw[q] = 0
            for q in range(nc * words):
                cw[q] = 0
            for q in range(nc):
                touch[q] = 0
            for k in range(total):
                if group_of[_root(parent, k)] != g:
                    continue
                i, j = order[k] // m, order[k] % m
                if k < marked:
                    _block_mask(xw + local[k] * words, n, m, i, j)
                    continue
                _block_mask(cw + local[k] * words, n, m, i, j)
                # extras next to each other: any two are in one cluster
                for a in range(i - 1 if i > 0 else 0, i + 2 if i + 2 <= n else n):
                    for b in range(j - 1 if j > 0 else 0, j + 2 if j + 2 <= m else m):
                        other = where[a * m + b]
                        if other >= marked and other != k:
                            touch[local[k]] |= (<uint64_t> 1) << local[other]
            memo = _prepare(nx, nc, words, xw, cw, touch, max_states, deadline)
            if memo is None or monotonic_now() > deadline:
                return None
            prepared.append(memo)
            if memo.n_sets << nx > largest:
                largest = memo.n_sets << nx
        inverse = <uint64_t *> malloc((cells + 1) * sizeof(uint64_t))
        inverse_shoup = <uint64_t *> malloc((cells + 1) * sizeof(uint64_t))
        value = <uint64_t *> malloc(largest * sizeof(uint64_t))
        if inverse == NULL or inverse_shoup == NULL or value == NULL:
            raise MemoryError()
        for prime in primes:
            p = prime
            if p <= <uint64_t> cells or p >> 62:
                raise ValueError("each prime must lie above the number of cells and below 2**62")
            residue = 1 % p
            inverse[1] = 1
            for k in range(2, cells + 1):  # (cells)!, and inverse[k] = -(p // k) * inverse[p % k]
                residue = _mulmod(residue, k, p)
                inverse[k] = _mulmod(p - p // k, inverse[p % k], p)
            for k in range(1, cells + 1):
                inverse_shoup[k] = <uint64_t> ((<u128> inverse[k] << 64) // p)
            for memo in prepared:
                with nogil:
                    finished = _cluster_sum(memo, p, inverse, inverse_shoup, value, deadline, &got)
                if not finished or monotonic_now() > deadline:  # many small clusters: a read per cluster
                    return None
                residue = _mulmod(residue, got, p)
            out.append(residue)
        return out
    finally:
        free(mark); free(covered); free(order); free(where); free(parent); free(group_of); free(counts)
        free(local); free(xw); free(cw); free(touch); free(inverse); free(inverse_shoup); free(value)


def minima_rows(list values, Py_ssize_t n, Py_ssize_t m):
    """The grid of a numbering (``values`` row by row): rows of "X" where a cell is below all
    of its up to 8 neighbours, "." elsewhere."""
    cdef Py_ssize_t i, j, a, b
    cdef long *v = <long *> malloc((n * m + 1) * sizeof(long))
    cdef bint least
    cdef list rows = [], row
    if v == NULL:
        raise MemoryError()
    try:
        if len(values) != n * m:
            raise ValueError("one value per cell")
        for i in range(n * m):
            v[i] = values[i]
        for i in range(n):
            row = ["."] * m
            for j in range(m):
                least = True
                for a in range(i - 1 if i > 0 else 0, i + 2 if i + 2 <= n else n):
                    for b in range(j - 1 if j > 0 else 0, j + 2 if j + 2 <= m else m):
                        if (a != i or b != j) and v[a * m + b] <= v[i * m + j]:
                            least = False
                if least:
                    row[j] = "X"
            rows.append(row)
        return rows
    finally:
        free(v)
