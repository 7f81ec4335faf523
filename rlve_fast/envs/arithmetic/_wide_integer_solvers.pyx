# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled solvers on exact integers of several 64-bit limbs (twins in Python next to callers):

* ``count_bracketing_values``: how many distinct values the bracketings of
  a1 o1 a2 o2 ... an take (Expression_AddingParenthese_Counting);
* ``evaluate_points``: a polynomial with integer coefficients at integer points
  (PolynomialInterpolation)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Realloc, PyMem_Free
from libc.stdint cimport int64_t, uint64_t
from libc.stdlib cimport calloc, free
from libc.string cimport memset

from rlve_fast._core.clock cimport past


# ----------------------------------------------------------------------------- bracketings
# Values are exact integers in two's complement with W 64-bit limbs (W <= 8), W chosen so
# that every value of every sub-expression fits: |x o y| + 1 <= (|x| + 1)(|y| + 1), so the
# product of (|a_i| + 1) bounds them all.  Arithmetic mod 2^(64 W) is then exact.
cdef enum:
    MAX_LIMBS = 8

cdef extern from *:
    """
    typedef unsigned __int128 rlve_u128;
    static inline void rlve_mul_limbs(const uint64_t *a, const uint64_t *b, uint64_t *out, int w) {
        uint64_t r[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        for (int i = 0; i < w; i++) {
            uint64_t carry = 0;
            if (!a[i]) continue;
            for (int j = 0; i + j < w; j++) {
                rlve_u128 t = (rlve_u128)a[i] * b[j] + r[i + j] + carry;
                r[i + j] = (uint64_t)t;
                carry = (uint64_t)(t >> 64);
            }
        }
        for (int i = 0; i < w; i++) out[i] = r[i];
    }
    static inline void rlve_prefetch(const void *p) { __builtin_prefetch(p, 1, 1); }
    """
    void mul_limbs "rlve_mul_limbs" (const uint64_t *a, const uint64_t *b, uint64_t *out, int w) nogil
    void prefetch "rlve_prefetch" (const void *p) nogil
    ctypedef unsigned long long rlve_u128 "rlve_u128"


cdef inline void add_limbs(const uint64_t *a, const uint64_t *b, uint64_t *out, int w) noexcept nogil:
    cdef uint64_t carry = 0, s, t
    cdef int i
    for i in range(w):
        s = a[i] + b[i]
        t = s + carry
        carry = (s < a[i]) | (t < s)
        out[i] = t


cdef inline void sub_limbs(const uint64_t *a, const uint64_t *b, uint64_t *out, int w) noexcept nogil:
    cdef uint64_t borrow = 0, d, t
    cdef int i
    for i in range(w):
        d = a[i] - b[i]
        t = d - borrow
        borrow = (a[i] < b[i]) | (d < borrow)
        out[i] = t


cdef inline uint64_t hash_limbs(const uint64_t *v, int w) noexcept nogil:
    cdef uint64_t h = 0x9E3779B97F4A7C15ULL
    cdef int i
    for i in range(w):
        h ^= v[i]
        h *= 0xBF58476D1CE4E5B9ULL
        h ^= h >> 31
    h *= 0x94D049BB133111EBULL
    return h ^ (h >> 29)


cdef struct ValueSet:
    # open addressing, linear probing; a slot is w + 1 words: its hash (0: empty slot,
    # hashes are made odd) and the value, so a probe reads one cache line.  The memory is
    # kept from one interval to the next (``allocated`` slots) and only cleared.
    uint64_t *slots
    Py_ssize_t capacity, count, allocated
    int w


cdef int set_init(ValueSet *s, Py_ssize_t capacity, int w) noexcept nogil:
    s.w = w
    s.capacity = capacity
    s.allocated = capacity
    s.count = 0
    s.slots = <uint64_t *> calloc(capacity * (w + 1), sizeof(uint64_t))
    return -1 if s.slots == NULL else 0


cdef int set_reset(ValueSet *s, Py_ssize_t capacity, int w) noexcept nogil:
    """An empty set of ``capacity`` slots, reusing the memory already held when it is enough."""
    if s.slots != NULL and s.allocated >= capacity and s.w == w:
        memset(s.slots, 0, capacity * (w + 1) * sizeof(uint64_t))
        s.capacity = capacity
        s.count = 0
        return 0
    set_free(s)
    return set_init(s, capacity, w)


cdef void set_free(ValueSet *s) noexcept nogil:
    free(s.slots)
    s.slots = NULL
    s.allocated = 0


cdef inline void set_put(ValueSet *s, uint64_t h, const uint64_t *v, int w) noexcept nogil:
    """Insert v (hash h, w words) if absent; the table has room."""
    cdef Py_ssize_t mask = s.capacity - 1, at = <Py_ssize_t> (h & <uint64_t> mask)
    cdef int j
    cdef uint64_t *slot
    while True:
        slot = s.slots + at * (w + 1)
        if slot[0] == 0:
            slot[0] = h
            for j in range(w):
                slot[1 + j] = v[j]
            s.count += 1
            return
        if slot[0] == h:
            j = 0
            while j < w and slot[1 + j] == v[j]:
                j += 1
            if j == w:
                return
        at = (at + 1) & mask


cdef enum:
    BATCH = 32  # values hashed and prefetched before they are inserted


cdef inline int set_add_batch(ValueSet *s, const uint64_t *values, const uint64_t *hashes,
                              Py_ssize_t count, int w) noexcept nogil:
    """Insert ``count`` values (w words each) with their hashes; -1 when memory runs out."""
    cdef Py_ssize_t i
    cdef ValueSet bigger
    cdef uint64_t *slot
    if 2 * (s.count + count) > s.capacity:
        if set_init(&bigger, 2 * s.capacity, w) < 0:
            return -1
        for i in range(s.capacity):
            slot = s.slots + i * (w + 1)
            if slot[0]:
                set_put(&bigger, slot[0], slot + 1, w)
        set_free(s)
        s[0] = bigger
    for i in range(count):
        set_put(s, hashes[i], values + i * w, w)
    return 0


cdef struct Batch:
    uint64_t values[BATCH * MAX_LIMBS]
    uint64_t hashes[BATCH]
    Py_ssize_t pending


cdef enum:
    COMBINED = 0
    OUT_OF_MEMORY = 1
    TIMED_OUT = 2


cdef inline int combine(ValueSet *s, Batch *batch, const uint64_t *left, Py_ssize_t n_left,
                        const uint64_t *right, Py_ssize_t n_right, int op, int w,
                        Py_ssize_t max_values, double deadline, long long *step) noexcept nogil:
    """Add x op y to ``s`` for every x on the left and y on the right (called with a literal
    w for one and two words, so the compiler specialises the limb loops)."""
    cdef Py_ssize_t a, b
    cdef const uint64_t *x
    cdef uint64_t *v
    for a in range(n_left):
        x = left + a * w
        for b in range(n_right):
            v = batch.values + batch.pending * w
            if op == 0:
                add_limbs(x, right + b * w, v, w)
            elif op == 1:
                sub_limbs(x, right + b * w, v, w)
            else:
                mul_limbs(x, right + b * w, v, w)
            batch.hashes[batch.pending] = hash_limbs(v, w) | 1
            prefetch(s.slots + (batch.hashes[batch.pending] & <uint64_t> (s.capacity - 1)) * (w + 1))
            batch.pending += 1
            if batch.pending == BATCH:
                if set_add_batch(s, batch.values, batch.hashes, batch.pending, w) < 0 or s.count > max_values:
                    return OUT_OF_MEMORY
                batch.pending = 0
            step[0] += 1
            if past(deadline, step[0]):
                return TIMED_OUT
    return COMBINED


def count_bracketing_values(operands, operators, double deadline, Py_ssize_t max_values=1 << 23):
    """The number of distinct values over all bracketings of the expression, or None once
    ``deadline`` has passed.  Raises OverflowError when the values need more than 512 bits
    and MemoryError when one sub-expression has more than ``max_values`` values."""
    cdef Py_ssize_t n = len(operands), length, l, r, split, i, j
    cdef Py_ssize_t n_left, n_right, pool_used = 0, pool_cap, hint, capacity
    cdef int w
    cdef long long step = 0
    cdef bint timed_out = False, out_of_memory = False
    cdef Batch batch
    cdef int status = COMBINED
    cdef const uint64_t *left
    cdef const uint64_t *right
    if n < 1 or len(operators) != n - 1:
        raise ValueError("need n >= 1 operands and n - 1 operators")
    bound = 1
    for value in operands:
        bound *= abs(value) + 1
    w = (bound.bit_length() + 1 + 63) // 64
    if w > MAX_LIMBS:
        raise OverflowError("values may need more than %d bits" % (64 * MAX_LIMBS))
    codes = []
    for o in operators:
        if o not in ("+", "-", "*"):
            raise ValueError("unknown operator %r" % (o,))
        codes.append("+-*".index(o))
    cdef int *ops = <int *> PyMem_Malloc(max(n - 1, 1) * sizeof(int))
    cdef Py_ssize_t *start = <Py_ssize_t *> PyMem_Malloc(n * n * sizeof(Py_ssize_t))
    cdef Py_ssize_t *size = <Py_ssize_t *> PyMem_Malloc(n * n * sizeof(Py_ssize_t))
    pool_cap = 64 * n
    cdef uint64_t *pool = <uint64_t *> PyMem_Malloc(pool_cap * w * sizeof(uint64_t))
    cdef void *grown
    cdef ValueSet values
    values.slots = NULL
    values.allocated = 0
    values.w = 0
    if not (ops and start and size and pool):
        PyMem_Free(ops); PyMem_Free(start); PyMem_Free(size); PyMem_Free(pool)
        raise MemoryError()
    try:
        for i in range(n - 1):
            ops[i] = codes[i]
        for i in range(n):  # single operands, as w-limb two's complement
            value = operands[i]
            for j in range(w):
                pool[pool_used * w + j] = (value >> (64 * j)) & 0xFFFFFFFFFFFFFFFF
            start[i * n + i] = pool_used
            size[i * n + i] = 1
            pool_used += 1
        for length in range(2, n + 1):
            for l in range(0, n - length + 1):
                r = l + length - 1
                # room for about three times the larger of the two longest parts, which
                # is roughly where a new interval's count lands (the table still grows)
                hint = size[l * n + r - 1]
                if size[(l + 1) * n + r] > hint:
                    hint = size[(l + 1) * n + r]
                capacity = 16
                while capacity < 6 * hint and capacity < 2 * max_values:
                    capacity *= 2
                status = COMBINED
                with nogil:
                    if set_reset(&values, capacity, w) < 0:
                        status = OUT_OF_MEMORY
                    batch.pending = 0
                    for split in range(l, r):
                        if status != COMBINED:
                            break
                        left = pool + start[l * n + split] * w
                        right = pool + start[(split + 1) * n + r] * w
                        n_left = size[l * n + split]
                        n_right = size[(split + 1) * n + r]
                        if w == 1:
                            status = combine(&values, &batch, left, n_left, right, n_right, ops[split], 1,
                                             max_values, deadline, &step)
                        elif w == 2:
                            status = combine(&values, &batch, left, n_left, right, n_right, ops[split], 2,
                                             max_values, deadline, &step)
                        else:
                            status = combine(&values, &batch, left, n_left, right, n_right, ops[split], w,
                                             max_values, deadline, &step)
                    if status == COMBINED and batch.pending:
                        if set_add_batch(&values, batch.values, batch.hashes, batch.pending, w) < 0 \
                                or values.count > max_values:
                            status = OUT_OF_MEMORY
                timed_out = status == TIMED_OUT
                out_of_memory = status == OUT_OF_MEMORY
                if timed_out:
                    return None
                if out_of_memory:
                    raise MemoryError("a sub-expression has more than %d values" % max_values)
                if length == n:
                    return values.count
                if pool_used + values.count > pool_cap:
                    pool_cap = 2 * (pool_used + values.count)
                    grown = PyMem_Realloc(pool, pool_cap * w * sizeof(uint64_t))
                    if grown == NULL:
                        raise MemoryError()
                    pool = <uint64_t *> grown
                start[l * n + r] = pool_used
                size[l * n + r] = values.count
                for i in range(values.capacity):
                    if values.slots[i * (w + 1)]:
                        for j in range(w):
                            pool[pool_used * w + j] = values.slots[i * (w + 1) + 1 + j]
                        pool_used += 1
        return 1  # n == 1
    finally:
        set_free(&values)
        PyMem_Free(ops); PyMem_Free(start); PyMem_Free(size); PyMem_Free(pool)


# ----------------------------------------------------------------------------- evaluation
def evaluate_points(coeffs, xs):
    """[f(x) for x in xs] for f(x) = sum of coeffs[i] x^i (PolynomialInterpolation), by
    Horner's rule on w-word two's complement numbers: v -> |x| v, negated for x < 0, plus c.
    Coefficients and points must fit in 62 bits."""
    cdef Py_ssize_t degree = len(coeffs) - 1, i, k, t, n_points = len(xs)
    cdef int w, j
    cdef uint64_t carry, mag, low
    cdef int64_t c, x
    cdef rlve_u128 prod
    if degree < 0:
        return [0] * n_points
    span = max([abs(point) for point in xs] + [2])
    total = sum(abs(coeff) for coeff in coeffs) + 1
    if span >= 1 << 62 or any(abs(coeff) >= 1 << 62 for coeff in coeffs):
        raise OverflowError("coefficients and points must fit in 62 bits")
    w = (total.bit_length() + degree * span.bit_length() + 2) // 64 + 1
    cdef int64_t *cs = <int64_t *> PyMem_Malloc((degree + 1) * sizeof(int64_t))
    cdef uint64_t *v = <uint64_t *> PyMem_Malloc(w * sizeof(uint64_t))
    if cs == NULL or v == NULL:
        PyMem_Free(cs); PyMem_Free(v)
        raise MemoryError()
    out = []
    try:
        for i in range(degree + 1):
            cs[i] = coeffs[i]
        for k in range(n_points):
            x = xs[k]
            mag = <uint64_t> (-x if x < 0 else x)
            for j in range(w):
                v[j] = 0
            for t in range(degree, -1, -1):
                carry = 0  # v = |x| * v
                for j in range(w):
                    prod = <rlve_u128> v[j] * mag + carry
                    v[j] = <uint64_t> prod
                    carry = <uint64_t> (prod >> 64)
                if x < 0:  # v = -v
                    carry = 1
                    for j in range(w):
                        low = ~v[j] + carry
                        carry = carry and low == 0
                        v[j] = low
                c = cs[t]
                if c >= 0:  # v += c
                    carry = <uint64_t> c
                    for j in range(w):
                        if not carry:
                            break
                        low = v[j] + carry
                        carry = low < v[j]
                        v[j] = low
                else:  # v -= |c|
                    carry = <uint64_t> (-c)
                    for j in range(w):
                        if not carry:
                            break
                        low = v[j] - carry
                        carry = low > v[j]
                        v[j] = low
            out.append(int.from_bytes((<char *> v)[:w * 8], "little", signed=True))
    finally:
        PyMem_Free(cs); PyMem_Free(v)
    return out
