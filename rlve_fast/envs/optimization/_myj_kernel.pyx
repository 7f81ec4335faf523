# cython: language_level=3, boundscheck=False, wraparound=False
"""Compiled solver and scorer of MYJ (twins: ``best_prices``, ``MYJ.score``).

The solver is the twin's interval table, two layers of it at a time (this value and the next
larger one), plus the choice of every layer (a shop number, or 0) for rebuilding the prices."""
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int16_t, int32_t, int64_t
from libc.string cimport memset

from rlve_fast import deadline
from rlve_fast._core.clock cimport past
from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow, FALLBACK
from rlve_fast.envs._config_arrays cimport read_int, read_ints, INT64_MIN, INT64_MAX

cdef int64_t SUM_LIMIT = 1LL << 53


def best_prices(Py_ssize_t n, customers):
    values = sorted({c for _, _, c in customers})
    cdef Py_ssize_t levels = len(values), w = n + 2, level, low, high, length, p, a, b, k, pick
    cdef Py_ssize_t step = 0, m = len(customers)
    cdef int64_t v, top, gain, paying
    cdef double stop = deadline.deadline_at()
    if n < 1 or n > 30000 or levels == 0:
        raise ValueError("no shops or no customers")
    order = sorted(customers, key=lambda t: -t[2])
    cdef int32_t *inside = <int32_t *> PyMem_Malloc(w * w * sizeof(int32_t))
    cdef int64_t *best = <int64_t *> PyMem_Malloc(w * w * sizeof(int64_t))
    cdef int64_t *current = <int64_t *> PyMem_Malloc(w * w * sizeof(int64_t))
    cdef int16_t *choice = <int16_t *> PyMem_Malloc(levels * w * w * sizeof(int16_t))
    cdef int64_t *swap
    cdef int16_t *chosen
    try:
        if not (inside and best and current and choice):
            raise MemoryError()
        memset(inside, 0, w * w * sizeof(int32_t))
        memset(best, 0, w * w * sizeof(int64_t))
        memset(current, 0, w * w * sizeof(int64_t))
        k = 0
        for level in range(levels - 1, -1, -1):
            v = values[level]
            while k < m and order[k][2] == v:
                a, b = order[k][0], order[k][1]
                if not 1 <= a <= b <= n:
                    raise ValueError("a customer outside the shops")
                for low in range(1, a + 1):
                    for high in range(b, n + 1):
                        inside[low * w + high] += 1
                k += 1
            chosen = choice + level * w * w
            for length in range(1, n + 1):
                for low in range(1, n - length + 2):
                    high = low + length - 1
                    top = best[low * w + high]
                    pick = 0
                    for p in range(low, high + 1):
                        paying = inside[low * w + high] - inside[low * w + p - 1] - inside[(p + 1) * w + high]
                        gain = current[low * w + p - 1] + current[(p + 1) * w + high] + v * paying
                        if gain > top:
                            top = gain
                            pick = p
                    current[low * w + high] = top
                    chosen[low * w + high] = <int16_t> pick
                step += length
                if past(stop, step):
                    deadline.check()
            swap = best
            best = current
            current = swap
        gold = best[1 * w + n]
        prices = [values[levels - 1]] * (n + 1)
        work = [(1, n, 0)]
        while work:
            low, high, level = work.pop()
            while low <= high:
                while level < levels and choice[(level * w + low) * w + high] == 0:
                    level += 1
                if level == levels:
                    break
                p = choice[(level * w + low) * w + high]
                prices[p] = values[level]
                work.append((low, p - 1, level))
                low = p + 1
        return gold, prices[1:]
    finally:
        PyMem_Free(inside)
        PyMem_Free(best)
        PyMem_Free(current)
        PyMem_Free(choice)


cdef class PricesKernel(Kernel):
    """Takings by a sparse table of range minima: O(N log N + M) per answer."""
    cdef Py_ssize_t n, m, logs
    cdef int32_t *customer  # a, b (0-based) per customer
    cdef int64_t *limit
    cdef int64_t *table     # table[j * n + i]: min of prices i .. i + 2^j - 1
    cdef int32_t *floor_log
    cdef int64_t gold
    cdef double beta, invalid

    def __dealloc__(self):
        PyMem_Free(self.customer)
        PyMem_Free(self.limit)
        PyMem_Free(self.table)
        PyMem_Free(self.floor_log)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t i, j, n = self.n, a, b, span
        cdef int64_t lowest, other, total = 0
        if self.n_values != n:
            return self.invalid
        for i in range(n):
            self.table[i] = self.values[i]
        for j in range(1, self.logs):
            for i in range(n - (1 << j) + 1):
                lowest = self.table[(j - 1) * n + i]
                other = self.table[(j - 1) * n + i + (1 << (j - 1))]
                self.table[j * n + i] = lowest if lowest < other else other
        for i in range(self.m):
            a, b = self.customer[2 * i], self.customer[2 * i + 1]
            j = self.floor_log[b - a + 1]
            lowest = self.table[j * n + a]
            other = self.table[j * n + b - (1 << j) + 1]
            if other < lowest:
                lowest = other
            if lowest <= self.limit[i]:
                if not -SUM_LIMIT <= lowest <= SUM_LIMIT:
                    return FALLBACK
                total += lowest
                if not -SUM_LIMIT <= total <= SUM_LIMIT:
                    return FALLBACK
        if total > self.gold:
            return -1.0  # upstream asserts the takings do not beat the optimum
        return ratio_pow(total, self.gold, self.beta, 1.0)


def prices_kernel(n, customers, gold, double beta, double wrong_format, double invalid):
    """The scorer of 1 <= N <= 2^20 shops and customers (a, b, c) with 1 <= a <= b <= N and
    int64 limits and optimum, None for any other config (the Python scorer decides there)."""
    cdef PricesKernel kernel
    cdef Py_ssize_t i = 0, size
    cdef int64_t triple[3]
    if not 1 <= n <= 1 << 20:
        return None
    size = n
    kernel = PricesKernel.__new__(PricesKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.n, kernel.m, kernel.beta, kernel.invalid = size, len(customers), beta, invalid
    if not read_int(gold, INT64_MIN, INT64_MAX, &kernel.gold):
        return None
    kernel.logs = 1
    while (1 << kernel.logs) <= size:
        kernel.logs += 1
    kernel.customer = <int32_t *> PyMem_Malloc(max(2 * kernel.m, 1) * sizeof(int32_t))
    kernel.limit = <int64_t *> PyMem_Malloc(max(kernel.m, 1) * sizeof(int64_t))
    kernel.table = <int64_t *> PyMem_Malloc(kernel.logs * size * sizeof(int64_t))
    kernel.floor_log = <int32_t *> PyMem_Malloc((size + 1) * sizeof(int32_t))
    if not (kernel.customer and kernel.limit and kernel.table and kernel.floor_log):
        raise MemoryError()
    for customer in customers:
        if not read_ints(customer, 3, INT64_MIN, INT64_MAX, triple):
            return None
        if not 1 <= triple[0] <= triple[1] <= size:
            return None
        kernel.customer[2 * i], kernel.customer[2 * i + 1] = <int32_t> (triple[0] - 1), <int32_t> (triple[1] - 1)
        kernel.limit[i] = triple[2]
        i += 1
    kernel.floor_log[1] = 0
    for i in range(2, size + 1):
        kernel.floor_log[i] = kernel.floor_log[i // 2] + 1
    return kernel
