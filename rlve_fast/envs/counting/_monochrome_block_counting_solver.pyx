# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled window count of MonochromeBlockCounting (twin: ``window_subsets`` in
monochrome_block_counting.py): subsets of {1..t} whose sum lies in [low, high], modulo primes
below 2**31, one prime at a time over a table of 4-byte residues indexed by the partial sum.

The 0/1-knapsack update of item i (s from the top down: table[s] += table[s - i]) streams the
whole table once per item, so it is run cache-blocked: a block of consecutive items sweeps the
table in tiles of TILE rows from the top down, item number k of the block shifted up by the
sum of the block's items after the first up to k (its ``offset``). Item k then reads rows
that item k - 1 has already finished and that item k has not touched yet, exactly as in the
item-by-item order, and a tile and its shifted copies stay in the L2 cache for the whole block.
Only the lower half of each table is kept (subsets and their complements: see _count_mod),
which halves the rows for windows near the middle."""
from libc.stdint cimport uint32_t, uint64_t
from libc.stdlib cimport calloc, free

from rlve_fast._core.clock cimport monotonic_now

cdef extern from *:
    """
    #include <stdint.h>
    #if defined(__x86_64__) && defined(__GNUC__) && defined(__linux__)
    #define MB_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
    #else
    #define MB_CLONES
    #endif
    /* rows s = top down to bottom (bottom >= i >= 16) get row s - i added mod p < 2**31:
       16 rows at a time, whose sources all lie below them (i >= 16), so the chunk may be
       read and written as a vector; min(v, v - p) is v mod p for v < 2p (unsigned wrap). */
    static inline void mb_chunk(uint32_t *restrict dst, const uint32_t *restrict src, uint32_t p) {
        for (int j = 0; j < 16; j++) {
            uint32_t v = dst[j] + src[j];
            uint32_t w = v - p;
            dst[j] = w < v ? w : v;
        }
    }
    MB_CLONES static void mb_add_range(uint32_t *table, long top, long bottom, long i, uint32_t p) {
        long s = top;
        for (; s - 15 >= bottom; s -= 16)
            mb_chunk(table + s - 15, table + s - 15 - i, p);
        for (; s >= bottom; s--) {
            uint32_t v = table[s] + table[s - i];
            uint32_t w = v - p;
            table[s] = w < v ? w : v;
        }
    }
    """
    void mb_add_range(uint32_t *table, long top, long bottom, long i, uint32_t p) noexcept nogil

DEF TILE = 4096          # rows per tile (16 KiB)
DEF BLOCK_SPAN = 65536   # rows a block's offsets may span (with a tile, well inside L2)


cdef inline void _mirror(uint32_t *table, long first, long last, long reach) noexcept nogil:
    """Rows first..last (above reach / 2) from their mirror images: the subsets of the items so
    far (sum reach) summing to s and to reach - s are as many (complements)."""
    cdef long s
    for s in range(first, last + 1):
        table[s] = table[reach - s]


cdef bint _count_mod(uint32_t *table, long t, long low, long high, uint32_t p, double deadline,
                     uint64_t *out) noexcept nogil:
    """out[0] = the window count mod p; False once the deadline has passed.

    After item i only rows up to limit_i = min(ceil(reach_i / 2), high) are kept: a row above
    reach_i / 2 equals its mirror reach_i - s (complements), so before item i the rows
    limit_(i-1) + 1 .. limit_i are filled from the mirror images under item i - 1."""
    cdef long i, s, k, first, reach, total = t * (t + 1) // 2, limit = 0
    cdef long offset[64]
    cdef long top[64]
    cdef long bottom[64]
    cdef long old_limit[64]
    cdef long old_reach[64]
    cdef long count, tile_top, tile_low, lowest, highest, row_top, row_bottom
    cdef uint32_t v, w
    cdef uint64_t acc = 0
    for s in range(high + 1):
        table[s] = 0
    table[0] = 1
    reach = 0
    i = 1
    while i <= t:
        # gather a block of items i .. with their bands [bottom, top] of useful partial sums
        count = 0
        while i <= t and count < 64:
            old_limit[count] = limit
            old_reach[count] = reach
            reach += i
            limit = (reach + 1) // 2
            if limit > high:
                limit = high
            top[count] = limit
            # partial sums below low - (what items i+1..t still add) cannot reach the window
            bottom[count] = low - (total - reach)
            if bottom[count] < i:
                bottom[count] = i
            offset[count] = 0 if count == 0 else offset[count - 1] + i
            count += 1
            i += 1
            if i < 16 or offset[count - 1] > BLOCK_SPAN:
                break
        first = i - count
        if first < 16:  # tiny items: plain pass (their bands are tiny too)
            for k in range(count):
                _mirror(table, old_limit[k] + 1, top[k], old_reach[k])
                for s in range(top[k], bottom[k] - 1, -1):
                    v = table[s] + table[s - first - k]
                    w = v - p
                    table[s] = w if w < v else v
            continue
        highest = -1
        lowest = high + 1
        for k in range(count):
            if top[k] - offset[k] > highest:
                highest = top[k] - offset[k]
            if bottom[k] <= top[k] and bottom[k] - offset[k] < lowest:
                lowest = bottom[k] - offset[k]
        # the first tile reaches down far enough that every mirror image a later item of the
        # block needs has already been finished by the item before it
        tile_top = highest
        tile_low = highest - TILE - offset[count - 1] - t
        for k in range(count):
            _mirror(table, old_limit[k] + 1, top[k], old_reach[k])
            row_top = tile_top + offset[k]
            if row_top > top[k]:
                row_top = top[k]
            row_bottom = tile_low + offset[k]
            if row_bottom < bottom[k]:
                row_bottom = bottom[k]
            if row_bottom <= row_top:
                mb_add_range(table, row_top, row_bottom, first + k, p)
        tile_top = tile_low - 1
        while tile_top >= lowest:
            tile_low = tile_top - TILE + 1
            if tile_low < lowest:
                tile_low = lowest
            for k in range(count):
                row_top = tile_top + offset[k]
                if row_top > top[k]:
                    row_top = top[k]
                row_bottom = tile_low + offset[k]
                if row_bottom < bottom[k]:
                    row_bottom = bottom[k]
                if row_bottom <= row_top:
                    mb_add_range(table, row_top, row_bottom, first + k, p)
            tile_top = tile_low - 1
        if monotonic_now() > deadline:
            return False
    for s in range(low, high + 1):
        acc += table[s] if s <= limit else table[total - s]
    out[0] = acc % p
    return True


def window_subsets_mod(long t, long low, long high, moduli, double deadline):
    """[number of subsets S of {1..t} with low <= sum(S) <= high] mod each of ``moduli``
    (primes below 2**31); None once the deadline has passed."""
    cdef long total = t * (t + 1) // 2
    cdef uint32_t *table
    cdef uint32_t p
    cdef uint64_t residue = 0
    cdef bint ok = True
    residues = []
    if high > total:
        high = total
    if low < 0:
        low = 0
    if low > high:
        return [0] * len(moduli)
    table = <uint32_t *> calloc(high + 1, sizeof(uint32_t))
    if table == NULL:
        raise MemoryError()
    try:
        for modulus in moduli:
            p = modulus
            with nogil:
                ok = _count_mod(table, t, low, high, p, deadline, &residue)
            if not ok:
                return None
            residues.append(residue)
        return residues
    finally:
        free(table)
