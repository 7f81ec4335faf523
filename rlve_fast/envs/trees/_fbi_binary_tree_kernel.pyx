# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled generator, solver and scorer of FBI_BinaryTree (twins: ``random_bit_string``,
``postorder_types``, ``FBIBinaryTree.score``).

Both the string (2^N letters) and the answer (2^(N+1) - 1 letters) are written straight into
their final str objects; at N = 30 they take 1 GiB and 2 GiB.

* Run lengths: ``1 + int(log(u) / log_same)`` is k + 1 exactly when u lies between the
  thresholds exp((k + 1) log_same) and exp(k log_same).  A table indexed by u's exponent and
  top 8 mantissa bits gives k up to one step; ``log`` itself is called only when u is within
  a relative 1e-9 of a threshold, where rounding could decide (about one draw in 10^8).
* Words: the generator's Words refills its blocks from a Mersenne twister run here on the
  state of its ``random.Random`` (the same words ``getrandbits`` would give, block by block;
  the state is written back), so a word costs a few ns instead of a Python int's round trip.
* Postorder: leaves are taken 8 at a time; the 15 letters of an 8-leaf subtree come from a
  table indexed by its 8 bits, then the subtrees above close as in the one-leaf loop."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.math cimport log, exp, isnan, fabs
from libc.stdint cimport uint8_t, uint32_t, uint64_t
from libc.string cimport memset, memcpy
import random

from rlve_fast import deadline
from rlve_fast._core.clock cimport past
from rlve_fast._core.kernel cimport Kernel, ratio_pow
from rlve_fast._core.text cimport Markers
from rlve_fast.envs.trees._sampling_core cimport Words
from rlve_fast.envs.trees._text_span cimport (stripped_span, PyUnicode_KIND, PyUnicode_DATA,
                                             PyUnicode_READ)

cdef extern from "Python.h":
    object PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar)
    unsigned char *PyUnicode_1BYTE_DATA(object o)


# ---------------------------------------------------------------- run lengths
DEF THRESHOLDS = 256
DEF FIRST_EXPONENT = 969   # u >= 2^-53 has a biased exponent >= 970; one spare bucket row
DEF BUCKETS = (1024 - FIRST_EXPONENT) * 256 + 1
DEF WINDOW = 1e-9          # relative distance to a threshold below which log decides

cdef inline uint64_t double_bits(double x) noexcept nogil:
    cdef uint64_t bits
    memcpy(&bits, &x, 8)
    return bits


cdef inline double bits_double(uint64_t bits) noexcept nogil:
    cdef double x
    memcpy(&x, &bits, 8)
    return x


cdef inline Py_ssize_t exact_run(double u, double log_same) noexcept nogil:
    return 1 + <Py_ssize_t> (log(u) / log_same)


cdef struct RunTable:
    double threshold[THRESHOLDS + 1]  # threshold[k] = exp(k log_same), decreasing from 1
    uint8_t start[BUCKETS]            # per bucket: the k of the bucket's largest u


cdef bint build_run_table(RunTable *t, double log_same) noexcept nogil:
    """False when log_same is too close to 0 for THRESHOLDS steps to reach 2^-53."""
    cdef Py_ssize_t k, b
    cdef double top
    if not (log_same < 0.0 and THRESHOLDS * log_same < -38.0):
        return False
    for k in range(THRESHOLDS + 1):
        t.threshold[k] = exp(k * log_same)
    k = THRESHOLDS
    for b in range(BUCKETS):
        # the bucket's values are below the next bucket's first one; as b grows u grows and
        # k can only shrink: k = how many thresholds (after the first) lie at or above top
        top = bits_double((<uint64_t> (FIRST_EXPONENT * 256 + b + 1)) << 44)
        while k > 0 and t.threshold[k] < top:
            k -= 1
        t.start[b] = <uint8_t> k
    return True


cdef inline Py_ssize_t table_run(RunTable *t, double u, double log_same) noexcept nogil:
    cdef uint64_t bucket = (double_bits(u) >> 44) - FIRST_EXPONENT * 256
    cdef Py_ssize_t k
    if bucket >= BUCKETS:
        return exact_run(u, log_same)
    k = t.start[bucket]
    while k < THRESHOLDS and u <= t.threshold[k + 1]:
        k += 1
    if (fabs(u - t.threshold[k]) <= WINDOW * t.threshold[k]
            or (k < THRESHOLDS and fabs(u - t.threshold[k + 1]) <= WINDOW * t.threshold[k + 1])):
        return exact_run(u, log_same)  # too close to call without the very same log
    return k + 1


DEF TABLE_FROM = 1 << 12    # string lengths from which the run table pays (built once)
DEF TWISTER_FROM = 1 << 14  # and from which following the twister here pays
cdef RunTable CACHED_TABLE
cdef double CACHED_LOG_SAME = 0.0  # 0: none built (0 cannot have a table)


cdef RunTable *cached_run_table(double log_same) noexcept:
    """The run table of log_same (the last one built is kept), NULL when it cannot have one."""
    global CACHED_LOG_SAME
    if log_same != CACHED_LOG_SAME:
        CACHED_LOG_SAME = 0.0
        if not build_run_table(&CACHED_TABLE, log_same):
            return NULL
        CACHED_LOG_SAME = log_same
    return &CACHED_TABLE


def table_runs(values, double log_same):
    """The run length of each u in ``values`` as the generator's table gives it (for tests:
    it must equal 1 + int(log(u) / log_same) for every u in (0, 1])."""
    cdef RunTable table
    if not build_run_table(&table, log_same):
        raise ValueError("log_same too close to 0 for the table")
    return [table_run(&table, u, log_same) for u in values]


# ---------------------------------------------------------------- words
DEF MT_N = 624
DEF MT_M = 397

cdef struct Twister:  # CPython's random.Random core (MT19937), state as getstate() lists it
    uint32_t mt[MT_N]
    Py_ssize_t index


cdef bint load_twister(Twister *t, rng) except -1:
    """Copy ``rng``'s state; False when it is not a plain Mersenne twister we can follow."""
    cdef Py_ssize_t i
    if not isinstance(rng, random.Random) or type(rng).getrandbits is not random.Random.getrandbits:
        return False
    version, internal, _ = rng.getstate()
    if version != 3 or len(internal) != MT_N + 1 or not 0 <= internal[MT_N] <= MT_N:
        return False
    for i in range(MT_N):
        t.mt[i] = internal[i]
    t.index = internal[MT_N]
    return True


cdef inline uint32_t twisted(uint32_t upper, uint32_t lower, uint32_t far) noexcept nogil:
    cdef uint32_t y = (upper & 0x80000000U) | (lower & 0x7fffffffU)
    return far ^ (y >> 1) ^ ((0U - (y & 1U)) & 0x9908b0dfU)


cdef void twist(Twister *t) noexcept nogil:
    cdef Py_ssize_t k
    cdef uint32_t *mt = t.mt
    for k in range(MT_N - MT_M):  # split where k + MT_M wraps, so no index needs a modulo
        mt[k] = twisted(mt[k], mt[k + 1], mt[k + MT_M])
    for k in range(MT_N - MT_M, MT_N - 1):
        mt[k] = twisted(mt[k], mt[k + 1], mt[k + MT_M - MT_N])
    mt[MT_N - 1] = twisted(mt[MT_N - 1], mt[0], mt[MT_M - 1])
    t.index = 0


cdef inline uint32_t twister_word(Twister *t) noexcept nogil:
    cdef uint32_t y
    if t.index >= MT_N:
        twist(t)
    y = t.mt[t.index]
    t.index += 1
    y ^= y >> 11
    y ^= (y << 7) & 0x9d2c5680U
    y ^= (y << 15) & 0xefc60000U
    return y ^ (y >> 18)


cdef inline uint32_t block_word(Words source, Twister *t) noexcept:
    """source.next_word(), its block refilled from the twister (one getrandbits call's worth)."""
    cdef Py_ssize_t i
    if source.used == source.block_words:
        for i in range(source.block_words):
            source.block[i] = twister_word(t)
        source.used = 0
    source.used += 1
    return source.block[source.used - 1]


def random_bit_string(Words source, Py_ssize_t length, double log_same):
    cdef double stop = deadline.deadline_at(), u
    cdef uint64_t high, low
    cdef Py_ssize_t run, left = length, step = 0, at
    cdef unsigned char bit = <unsigned char> source.draw_below(2)
    cdef uint64_t fill[2]
    cdef object out = PyUnicode_New(length, 127)
    cdef unsigned char *data = PyUnicode_1BYTE_DATA(out)
    cdef RunTable *table = NULL
    cdef Twister *twister = NULL
    fill[0], fill[1] = 0x3030303030303030ULL, 0x3131313131313131ULL  # 8 letters "0", "1"
    if length >= TABLE_FROM:
        table = cached_run_table(log_same)
    if length >= TWISTER_FROM:  # getstate and setstate cost ~20 us
        twister = <Twister *> PyMem_Malloc(sizeof(Twister))
        if twister == NULL:
            raise MemoryError()
        if not load_twister(twister, source.rng):
            PyMem_Free(twister)
            twister = NULL
    try:
        while left > 0:
            if twister != NULL:
                high = block_word(source, twister) >> 5
                low = block_word(source, twister) >> 6
            else:
                high = source.next_word() >> 5
                low = source.next_word() >> 6
            u = <double> (high * 67108864 + low + 1) / 9007199254740992.0
            run = table_run(table, u, log_same) if table != NULL else exact_run(u, log_same)
            if run > left:
                run = left
            at = length - left
            if run <= 8 and left >= 8:
                memcpy(data + at, &fill[bit], 8)  # one store; letters past the run are rewritten
            else:
                memset(data + at, 48 + bit, run)
            left -= run
            bit ^= 1
            step += 1
            if past(stop, step):
                deadline.check()
    finally:
        if twister != NULL:  # hand the advanced state back, as the getrandbits calls would leave it
            version, internal, gauss = source.rng.getstate()
            source.rng.setstate((version, tuple([twister.mt[i] for i in range(MT_N)]) + (twister.index,),
                                 gauss))
            PyMem_Free(twister)
    return out


# ---------------------------------------------------------------- postorder
cdef unsigned char OCTETS[256][16]  # per 8 leaf bits (bit j: leaf j is not "0"): 15 letters


cdef unsigned char merged(unsigned char left, unsigned char right) noexcept nogil:
    return left if left == right and left != 70 else 70  # F unless both B or both I


cdef void build_octets() noexcept nogil:
    cdef Py_ssize_t p, i, j, m, depth
    cdef unsigned char stack[8]
    cdef unsigned char t
    for p in range(256):
        m = depth = 0
        for i in range(8):
            t = 73 if (p >> i) & 1 else 66  # I or B
            OCTETS[p][m] = t
            m += 1
            stack[depth] = t
            depth += 1
            j = i
            while j & 1:
                depth -= 1
                t = merged(stack[depth - 1], stack[depth])
                stack[depth - 1] = t
                OCTETS[p][m] = t
                m += 1
                j >>= 1
        OCTETS[p][15] = 0


build_octets()


cdef inline unsigned int octet_bits(const unsigned char *leaves) noexcept nogil:
    """Bit j set when leaves[j] is not "0" (little-endian load of 8 letters)."""
    cdef uint64_t x, high
    memcpy(&x, leaves, 8)
    x ^= 0x3030303030303030ULL  # "0" bytes become 0
    high = (((x & 0x7F7F7F7F7F7F7F7FULL) + 0x7F7F7F7F7F7F7F7FULL) | x) & 0x8080808080808080ULL
    return <unsigned int> (((high >> 7) * 0x0102040810204080ULL) >> 56)


def postorder_types(str string):
    cdef Py_ssize_t n = len(string), i, j, m = 0, depth = 0, total
    cdef int kind = PyUnicode_KIND(string)
    cdef void *source = PyUnicode_DATA(string)
    cdef double stop = deadline.deadline_at()
    cdef unsigned char stack[72]
    cdef unsigned char t
    cdef const unsigned char *leaves
    cdef const unsigned char *octet
    cdef object out
    cdef unsigned char *data
    if n >= (1LL << 62):
        raise ValueError("string too long")
    if n & (n - 1) or n == 0:
        raise ValueError("the string's length is not a power of two")
    total = 2 * n - 1
    out = PyUnicode_New(total, 127)
    data = PyUnicode_1BYTE_DATA(out)
    if kind == 1 and n >= 8:
        leaves = <const unsigned char *> source
        for i in range(n >> 3):
            octet = OCTETS[octet_bits(leaves + 8 * i)]
            if m + 16 <= total:
                memcpy(data + m, octet, 16)  # the 16th byte is rewritten next
            else:
                memcpy(data + m, octet, 15)
            m += 15
            t = octet[14]  # the 8-leaf subtree's own type, last in its postorder
            j = i
            while j & 1:
                depth -= 1
                t = merged(stack[depth], t)
                data[m] = t
                m += 1
                j >>= 1
            stack[depth] = t
            depth += 1
            if past(stop, i):
                deadline.check()
        return out
    for i in range(n):
        t = 66 if PyUnicode_READ(kind, source, i) == 48 else 73  # B for "0", else I
        data[m] = t
        m += 1
        stack[depth] = t
        depth += 1
        j = i
        while j & 1:
            depth -= 1
            t = merged(stack[depth - 1], stack[depth])
            stack[depth - 1] = t
            data[m] = t
            m += 1
            j >>= 1
        if past(stop, i):
            deadline.check()
    return out


cdef class PostorderKernel(Kernel):
    """Scores the F/B/I string directly on the answer's code points."""
    cdef bytes reference
    cdef Py_ssize_t n
    cdef double beta, invalid

    def __init__(self, str reference, double beta, double invalid):
        self.reference = reference.encode("utf-8", "surrogatepass")
        self.n = len(reference)
        if len(self.reference) != self.n:
            raise ValueError("reference is not ASCII")  # cannot happen for generated configs
        self.beta, self.invalid = beta, invalid
        self.no_answer = -1.0

    cpdef object score(self, str response, Markers markers):
        cdef Py_ssize_t a = 0, b = 0, i, same = 0
        cdef int kind = PyUnicode_KIND(response)
        cdef void *data = PyUnicode_DATA(response)
        cdef const unsigned char *gold = self.reference
        cdef Py_UCS4 ch
        cdef double reward
        if not stripped_span(response, markers, &a, &b):
            return self.no_answer
        if b - a != self.n:
            return self.invalid
        for i in range(self.n):
            ch = PyUnicode_READ(kind, data, a + i)
            if ch != 70 and ch != 66 and ch != 73:  # F, B, I
                return self.invalid
            same += ch == gold[i]
        reward = ratio_pow(same, self.n, self.beta, 1.0)
        return None if isnan(reward) else reward
