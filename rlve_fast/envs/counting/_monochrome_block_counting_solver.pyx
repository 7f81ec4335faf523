# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled window count of MonochromeBlockCounting (twin: ``window_subsets`` in
monochrome_block_counting.py): subsets of {1..t} whose sum lies in [low, high], modulo up to
16 primes below 2**30 at once (one 64-byte row of residues per partial sum)."""
from libc.stdint cimport int32_t
from libc.stdlib cimport calloc, free

from rlve_fast._core.clock cimport monotonic_now

DEF LANES = 16

cdef extern from *:
    """
    #include <stdint.h>
    #if defined(__x86_64__) && defined(__GNUC__) && defined(__linux__)
    #define MB_CLONES __attribute__((target_clones("avx2", "default")))
    #else
    #define MB_CLONES
    #endif
    /* Adding item i: rows s = top down to bottom get row s - i added, 16 residues per row
       (below 2**30, so sums fit and signed compares vectorize; AVX2 where the CPU has it). */
    MB_CLONES static void mb_add_item(int32_t *table, long top, long bottom, long i,
                                      const int32_t *prime) {
        for (long s = top; s >= bottom; s--) {
            int32_t *restrict dst = table + s * 16;
            const int32_t *restrict src = table + (s - i) * 16;
            for (int k = 0; k < 16; k++) {
                int32_t v = dst[k] + src[k];
                dst[k] = v >= prime[k] ? v - prime[k] : v;
            }
        }
    }
    """
    void mb_add_item(int32_t *table, long top, long bottom, long i, const int32_t *prime) noexcept nogil


def window_subsets_mod(long t, long low, long high, moduli, double deadline):
    """[sum over subsets S of {1..t} with low <= sum(S) <= high] mod each of ``moduli``
    (at most 16 primes below 2**30); None once the deadline has passed."""
    cdef Py_ssize_t count = len(moduli), lane
    cdef int32_t prime[LANES]
    cdef int32_t *table
    cdef int32_t *dst
    cdef const int32_t *src
    cdef int32_t v
    cdef long i, s, reach = 0, rest, top, bottom
    cdef long total = t * (t + 1) // 2
    cdef unsigned long long acc[LANES]
    cdef bint timed_out = False
    if count > LANES:
        raise ValueError("at most %d moduli" % LANES)
    for lane in range(LANES):
        prime[lane] = moduli[lane] if lane < count else 1 << 29
        acc[lane] = 0
    if high > total:
        high = total
    if low < 0:
        low = 0
    if low > high:
        return [0] * count
    table = <int32_t *> calloc((high + 1) * LANES, sizeof(int32_t))
    if table == NULL:
        raise MemoryError()
    try:
        with nogil:
            for lane in range(LANES):
                table[lane] = 1  # the empty subset
            for i in range(1, t + 1):
                reach += i  # largest sum of {1..i}
                rest = total - reach  # what items i+1..t can still add
                top = min(reach, high)
                # partial sums below low - rest can no longer reach the window
                bottom = max(i, low - rest)
                mb_add_item(table, top, bottom, i, prime)
                if (i & 15) == 0 and monotonic_now() > deadline:
                    timed_out = True
                    break
            if not timed_out:
                for s in range(low, high + 1):
                    for lane in range(LANES):
                        acc[lane] += table[s * LANES + lane]
        if timed_out:
            return None
        return [acc[lane] % prime[lane] for lane in range(count)]
    finally:
        free(table)
