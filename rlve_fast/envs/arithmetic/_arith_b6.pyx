# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled parts of batch 6's arithmetic environments (twins in Python next to callers):

* MatrixMatchKernel: an N x N integer matrix scored mean([cell = gold])^beta
  (Matrix_BinaryExponentiation);
* ``matrix_power_mod``: A^K with entries mod m < 2**31;
* ``count_bracketing_values``: how many distinct values the bracketings of
  a1 o1 a2 o2 ... an take (Expression_AddingParenthese_Counting)."""
from cpython.mem cimport PyMem_Malloc, PyMem_Realloc, PyMem_Free
from libc.stdint cimport int64_t, uint64_t, uint32_t
from libc.stdlib cimport malloc, calloc, free
from libc.string cimport memset

from rlve_fast._core.clock cimport past
from rlve_fast._core.kernel cimport Kernel, SHAPE_ROWS, ratio_pow


# ----------------------------------------------------------------------------- scorer
cdef class MatrixMatchKernel(Kernel):
    """Exactly n rows of n integers: (cells equal to gold / n^2)^beta; any other shape:
    wrong format."""
    cdef Py_ssize_t n
    cdef int64_t *gold
    cdef double beta, weight

    def __init__(self, Py_ssize_t n, gold_rows, double beta, double weight, double wrong_format):
        cdef Py_ssize_t i, j
        if n < 1 or len(gold_rows) != n or any(len(row) != n for row in gold_rows):
            raise ValueError("gold must be an n x n matrix with n >= 1")
        self.shape = SHAPE_ROWS
        self.no_answer = wrong_format
        self.n = n
        self.beta, self.weight = beta, weight
        self.gold = <int64_t *> PyMem_Malloc(n * n * sizeof(int64_t))
        if self.gold == NULL:
            raise MemoryError()
        for i in range(n):
            for j in range(n):
                self.gold[i * n + j] = gold_rows[i][j]

    def __dealloc__(self):
        PyMem_Free(self.gold)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t r, i, start = 0, same = 0
        if self.n_rows != self.n:
            return self.no_answer
        for r in range(self.n_rows):
            if self.row_ends[r] - start != self.n:
                return self.no_answer
            start = self.row_ends[r]
        for i in range(self.n * self.n):
            same += self.values[i] == self.gold[i]
        return ratio_pow(same, self.n * self.n, self.beta, self.weight)


# ----------------------------------------------------------------------------- matrix power
cdef void matrix_product(const uint64_t *a, const uint64_t *b, uint64_t *out, Py_ssize_t n,
                         uint64_t mod) noexcept nogil:
    cdef Py_ssize_t i, j, t
    cdef uint64_t acc
    for i in range(n):
        for j in range(n):
            acc = 0
            for t in range(n):
                acc = (acc + a[i * n + t] * b[t * n + j]) % mod
            out[i * n + j] = acc


def matrix_power_mod(rows, uint64_t k, uint64_t mod):
    """rows^k with every entry reduced mod ``mod`` (2 <= mod < 2**31, entries >= 0)."""
    cdef Py_ssize_t n = len(rows), i, j
    if not 2 <= mod < (1ULL << 31):
        raise ValueError("mod must lie in [2, 2**31)")
    cdef uint64_t *buf = <uint64_t *> PyMem_Malloc(3 * max(n * n, 1) * sizeof(uint64_t))
    if buf == NULL:
        raise MemoryError()
    cdef uint64_t *base = buf
    cdef uint64_t *acc = buf + n * n
    cdef uint64_t *tmp = buf + 2 * n * n
    cdef uint64_t *swap
    try:
        for i in range(n):
            if len(rows[i]) != n:
                raise ValueError("the matrix must be square")
            for j in range(n):
                base[i * n + j] = rows[i][j] % mod
                acc[i * n + j] = (i == j) % mod
        with nogil:
            while k:
                if k & 1:
                    matrix_product(acc, base, tmp, n, mod)
                    swap = acc; acc = tmp; tmp = swap
                k >>= 1
                if k:
                    matrix_product(base, base, tmp, n, mod)
                    swap = base; base = tmp; tmp = swap
        return [[acc[i * n + j] for j in range(n)] for i in range(n)]
    finally:
        PyMem_Free(buf)


# ----------------------------------------------------------------------------- bracketings
# Values are exact integers in two's complement with W 64-bit limbs (W <= 8), W chosen so
# that every value of every sub-expression fits: |x o y| + 1 <= (|x| + 1)(|y| + 1), so the
# product of (|a_i| + 1) bounds them all.  Arithmetic mod 2^(64 W) is then exact.
cdef enum:
    MAX_LIMBS = 8

cdef extern from *:
    """
    typedef unsigned __int128 rlve_b6_u128;
    static inline void rlve_b6_mul_limbs(const uint64_t *a, const uint64_t *b, uint64_t *out, int w) {
        uint64_t r[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        for (int i = 0; i < w; i++) {
            uint64_t carry = 0;
            if (!a[i]) continue;
            for (int j = 0; i + j < w; j++) {
                rlve_b6_u128 t = (rlve_b6_u128)a[i] * b[j] + r[i + j] + carry;
                r[i + j] = (uint64_t)t;
                carry = (uint64_t)(t >> 64);
            }
        }
        for (int i = 0; i < w; i++) out[i] = r[i];
    }
    static inline void rlve_b6_prefetch(const void *p) { __builtin_prefetch(p, 1, 1); }
    """
    void mul_limbs "rlve_b6_mul_limbs" (const uint64_t *a, const uint64_t *b, uint64_t *out, int w) nogil
    void prefetch "rlve_b6_prefetch" (const void *p) nogil


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
