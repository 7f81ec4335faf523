# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""CountdownClose's reference search, compiled (twin: ``countdown_close.closest_value_py``).

The stored ``reference_result`` is the first value, in a fixed depth-first order, whose distance
to the target is smallest, found with float arithmetic while skipping any multiset of
intermediate values already seen *up to rounding to 5 decimals*.  Exact parity therefore needs
the same order, the same float operations and the same rounding: ``round(x, 5)`` is Python's
correctly rounded, ties-to-even rounding of the exact binary value, reproduced here with an
exact product (fma); values too large for that (|x| >= 2^33) or not finite ask Python."""
from cpython.mem cimport PyMem_Malloc, PyMem_Calloc, PyMem_Free
from libc.math cimport fabs, floor, fma, copysign, isfinite, isnan
from libc.stdint cimport uint64_t
from libc.string cimport memcpy

from rlve_fast._core.clock cimport past

cdef enum:
    MAX_VALUES = 8

cdef double EXACT_LIMIT = 8589934592.0  # 2^33: below it n / 1e5 keeps distinct n apart
cdef uint64_t NAN_KEY = 0x7ff8000000000000ULL


cdef inline uint64_t bits_of(double x) noexcept nogil:
    cdef uint64_t out
    memcpy(&out, &x, sizeof(double))
    return out


cdef double round5(double x) except? -1.0:
    """Python's round(x, 5)."""
    cdef double y, e, low, frac, n
    if not isfinite(x) or fabs(x) >= EXACT_LIMIT:
        return round(x, 5)
    if fabs(x) < 1e-6:
        return copysign(0.0, x)
    y = x * 100000.0
    e = fma(x, 100000.0, -y)  # x * 1e5 == y + e exactly
    low = floor(y)
    frac = y - low            # exact: |y| < 2^50
    if frac > 0.5:
        n = low + 1.0
    elif frac < 0.5:
        n = low
    elif e > 0.0:
        n = low + 1.0
    elif e < 0.0:
        n = low
    else:                     # an exact tie: to even
        n = low if floor(low / 2.0) * 2.0 == low else low + 1.0
    if n == 0.0:
        return copysign(0.0, x)
    return n / 100000.0


cdef uint64_t key_of(double x) except? 1:
    """What str(round(x, 5)) tells apart: the bits of the rounded value (one NaN)."""
    cdef double r = round5(x)
    if isnan(r):
        return NAN_KEY
    return bits_of(r)


# --------------------------------------------------------------- seen multisets
cdef struct Table:
    Py_ssize_t width, capacity, count
    uint64_t *keys    # capacity * width
    char *used


cdef inline uint64_t mix(uint64_t h) noexcept nogil:
    h ^= h >> 33
    h *= 0xff51afd7ed558ccdULL
    h ^= h >> 33
    h *= 0xc4ceb9fe1a85ec53ULL
    h ^= h >> 33
    return h


cdef int table_init(Table *t, Py_ssize_t width) except -1:
    t.width, t.capacity, t.count = width, 1024, 0
    t.keys = <uint64_t *> PyMem_Malloc(t.capacity * width * sizeof(uint64_t))
    t.used = <char *> PyMem_Calloc(t.capacity, 1)
    if t.keys == NULL or t.used == NULL:
        raise MemoryError()
    return 0


cdef void table_free(Table *t) noexcept:
    PyMem_Free(t.keys)
    PyMem_Free(t.used)
    t.keys, t.used = NULL, NULL


cdef Py_ssize_t slot_of(Table *t, const uint64_t *key) noexcept nogil:
    """The slot holding ``key``, or the empty slot where it belongs."""
    cdef uint64_t h = 0
    cdef Py_ssize_t i, k, mask = t.capacity - 1
    cdef bint same
    for k in range(t.width):
        h = mix(h ^ key[k])
    i = <Py_ssize_t> (h & <uint64_t> mask)
    while t.used[i]:
        same = True
        for k in range(t.width):
            if t.keys[i * t.width + k] != key[k]:
                same = False
                break
        if same:
            return i
        i = (i + 1) & mask
    return i


cdef int table_grow(Table *t) except -1:
    cdef Table bigger
    cdef Py_ssize_t i, j
    bigger.width, bigger.capacity, bigger.count = t.width, 2 * t.capacity, t.count
    bigger.keys = <uint64_t *> PyMem_Malloc(bigger.capacity * t.width * sizeof(uint64_t))
    bigger.used = <char *> PyMem_Calloc(bigger.capacity, 1)
    if bigger.keys == NULL or bigger.used == NULL:
        table_free(&bigger)
        raise MemoryError()
    for i in range(t.capacity):
        if t.used[i]:
            j = slot_of(&bigger, t.keys + i * t.width)
            bigger.used[j] = 1
            memcpy(bigger.keys + j * t.width, t.keys + i * t.width, t.width * sizeof(uint64_t))
    table_free(t)
    t[0] = bigger
    return 0


cdef int table_add(Table *t, const uint64_t *key) except -1:
    """1 if ``key`` was new (and is now stored), 0 if it was there already."""
    cdef Py_ssize_t i = slot_of(t, key)
    if t.used[i]:
        return 0
    t.used[i] = 1
    memcpy(t.keys + i * t.width, key, t.width * sizeof(uint64_t))
    t.count += 1
    if 2 * t.count > t.capacity:
        table_grow(t)
    return 1


# --------------------------------------------------------------- the search
cdef struct Search:
    double target, best, deadline
    bint have_best, timed_out
    long long steps
    Table tables[MAX_VALUES + 1]


cdef int search(Search *s, const double *values, const uint64_t *keys, Py_ssize_t k) except -1:
    cdef double child[MAX_VALUES]
    cdef uint64_t child_keys[MAX_VALUES]
    cdef uint64_t sorted_keys[MAX_VALUES]
    cdef uint64_t tmp
    cdef Py_ssize_t i, j, a, b, m
    cdef int op
    cdef double x, y
    if s.timed_out:
        return 0
    if k == 1:
        if not s.have_best or fabs(values[0] - s.target) < fabs(s.best - s.target):
            s.best, s.have_best = values[0], True
        return 0
    s.steps += 1
    if past(s.deadline, s.steps):
        s.timed_out = True
        return 0
    for a in range(k):  # the multiset, as a sorted key
        tmp = keys[a]
        b = a
        while b > 0 and sorted_keys[b - 1] > tmp:
            sorted_keys[b] = sorted_keys[b - 1]
            b -= 1
        sorted_keys[b] = tmp
    if not table_add(&s.tables[k], sorted_keys):
        return 0
    for i in range(k):
        for j in range(k):
            if i == j:
                continue
            m = 0
            for a in range(k):
                if a != i and a != j:
                    child[m], child_keys[m] = values[a], keys[a]
                    m += 1
            x, y = values[i], values[j]
            for op in range(4):
                if op == 0:
                    if i > j:
                        continue
                    child[m] = x + y
                elif op == 1:
                    child[m] = x - y
                elif op == 2:
                    if i > j:
                        continue
                    child[m] = x * y
                else:
                    if y == 0.0:
                        continue
                    child[m] = x / y
                if m == 0:  # a leaf: a complete expression
                    if not s.have_best or fabs(child[0] - s.target) < fabs(s.best - s.target):
                        s.best, s.have_best = child[0], True
                    continue
                child_keys[m] = key_of(child[m])
                search(s, child, child_keys, m + 1)
    return 0


def closest_value(operands, target, double deadline):
    """The reference result for ``operands`` (ints) and ``target``; None once ``deadline``
    (a time.monotonic() value) has passed."""
    cdef Search s
    cdef double values[MAX_VALUES]
    cdef uint64_t keys[MAX_VALUES]
    cdef Py_ssize_t k = len(operands), i
    if not 1 <= k <= MAX_VALUES:
        raise ValueError("between 1 and %d operands" % MAX_VALUES)
    s.target = float(target)
    s.deadline = deadline
    s.have_best = s.timed_out = False
    s.steps = 0
    s.best = 0.0
    for i in range(MAX_VALUES + 1):
        s.tables[i].keys, s.tables[i].used = NULL, NULL
    try:
        for i in range(2, k + 1):
            table_init(&s.tables[i], i)
        for i in range(k):
            values[i] = float(operands[i])
            keys[i] = key_of(values[i])
        search(&s, values, keys, k)
    finally:
        for i in range(MAX_VALUES + 1):
            table_free(&s.tables[i])
    if s.timed_out:
        return None
    return s.best


def python_round_key(double x):
    """round(x, 5) as computed here (for tests against Python's round)."""
    return round5(x)
