# A xoshiro256** random stream for compiled generators (seeded through splitmix64 from 64
# bits the problem's random.Random draws); the plain-Python twin is _tables._Stream.
from libc.stdint cimport uint64_t, int64_t


cdef struct Stream:
    uint64_t s[4]


cdef inline uint64_t rotl(uint64_t x, int k) noexcept nogil:
    return (x << k) | (x >> (64 - k))


cdef inline uint64_t next64(Stream *st) noexcept nogil:
    cdef uint64_t result = rotl(st.s[1] * 5, 7) * 9
    cdef uint64_t t = st.s[1] << 17
    st.s[2] ^= st.s[0]
    st.s[3] ^= st.s[1]
    st.s[1] ^= st.s[2]
    st.s[0] ^= st.s[3]
    st.s[2] ^= t
    st.s[3] = rotl(st.s[3], 45)
    return result


cdef inline void seed_stream(Stream *st, uint64_t seed) noexcept nogil:
    cdef uint64_t z
    cdef int i
    for i in range(4):
        seed += 0x9E3779B97F4A7C15ULL
        z = seed
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL
        st.s[i] = z ^ (z >> 31)


cdef inline int64_t uniform(Stream *st, int64_t low, uint64_t span) noexcept nogil:
    """low + a uniform draw from [0, span) (span 0 meaning 2^64), rejecting the short tail."""
    cdef uint64_t limit, x = next64(st)
    if span == 0:
        return low + <int64_t> x
    limit = (<uint64_t> 0) - ((<uint64_t> 0) - span) % span  # a multiple of span (0: 2^64)
    if limit != 0:
        while x >= limit:
            x = next64(st)
    return low + <int64_t> (x % span)
