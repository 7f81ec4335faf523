# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Minimum_DominatingSet, compiled: the exact search for a cheapest dominating set (graphs
of at most 64 vertices, one machine word per vertex set) and the scorer (twin:
``MinimumDominatingSet.score``)."""
from cpython.long cimport PyLong_AsUnsignedLongLong
from cpython.mem cimport PyMem_Malloc, PyMem_Free
from libc.stdint cimport int64_t, uint64_t
from libc.string cimport memset

from rlve_fast._core.clock cimport past
from rlve_fast.envs.graphs._bits cimport lowest_bit, popcount64
from rlve_fast._core.kernel cimport Kernel, SHAPE_LIST, ratio_pow, FALLBACK
from rlve_fast.envs._config_arrays cimport read_int

cdef struct Cover:
    int n
    uint64_t closed[64]     # closed neighbourhood of each vertex
    int64_t cost[64]
    int64_t best
    uint64_t best_set
    long long steps
    double deadline
    bint timed_out


cdef double lower_bound(Cover *s, uint64_t open_, uint64_t allowed) noexcept:
    """A lower bound on the cost of dominating ``open_`` with vertices of ``allowed``; -1
    if some vertex cannot be dominated at all.

    The larger of: every open vertex paying the cheapest share C[w]/|N[w] & open| of a
    dominator w; and vertices whose dominator sets are pairwise disjoint each paying their
    cheapest dominator."""
    cdef double shares = 0.0, share, cheapest
    cdef int64_t packing = 0, low
    cdef uint64_t rest = open_, options, taken = 0, w_bit
    cdef int u, w
    while rest:
        u = lowest_bit(rest)
        rest &= rest - 1
        options = s.closed[u] & allowed
        if options == 0:
            return -1.0
        cheapest = 1e300
        low = -1
        while options:
            w = lowest_bit(options)
            options &= options - 1
            share = <double> s.cost[w] / popcount64(s.closed[w] & open_)
            if share < cheapest:
                cheapest = share
            if low < 0 or s.cost[w] < low:
                low = s.cost[w]
        shares += cheapest
        if (s.closed[u] & allowed) & taken == 0:
            taken |= s.closed[u] & allowed
            packing += low
    return shares if shares > packing else <double> packing


cdef void branch(Cover *s, uint64_t open_, uint64_t allowed, uint64_t chosen, int64_t spent) noexcept:
    cdef uint64_t rest, options, w_bit
    cdef int u, w, pick = -1, fewest = 65, count, i, n_opts
    cdef double bound, gain, best_gain
    cdef int order[64]
    cdef double score[64]
    s.steps += 1
    if past(s.deadline, s.steps):
        s.timed_out = True
        return
    if open_ == 0:
        if spent < s.best:
            s.best = spent
            s.best_set = chosen
        return
    bound = lower_bound(s, open_, allowed)
    # costs are integers: prune unless a total of best - 1 or less is still possible
    if bound < 0 or spent + bound - 1e-6 > s.best - 1:
        return
    rest = open_
    while rest:  # branch on the open vertex with the fewest possible dominators
        u = lowest_bit(rest)
        rest &= rest - 1
        count = popcount64(s.closed[u] & allowed)
        if count < fewest:
            fewest, pick = count, u
    options = s.closed[pick] & allowed
    n_opts = 0
    while options:  # most newly dominated vertices per unit of cost first
        w = lowest_bit(options)
        options &= options - 1
        gain = <double> popcount64(s.closed[w] & open_) / s.cost[w]
        i = n_opts
        while i > 0 and score[i - 1] < gain:
            order[i], score[i] = order[i - 1], score[i - 1]
            i -= 1
        order[i], score[i] = w, gain
        n_opts += 1
    for i in range(n_opts):
        w = order[i]
        w_bit = (<uint64_t> 1) << w
        branch(s, open_ & ~s.closed[w], allowed & ~w_bit, chosen | w_bit, spent + s.cost[w])
        if s.timed_out:
            return
        allowed &= ~w_bit  # later branches leave w out: every set is tried once


def cheapest_dominating_set(int n, covering, costs, double deadline):
    """(least total cost, the chosen vertices in increasing order) of a dominating set of
    the graph whose closed neighbourhoods are the bit masks ``covering``; None on timeout."""
    cdef Cover s
    cdef int v
    cdef uint64_t everyone
    if not 1 <= n <= 64:
        raise ValueError("the compiled search handles 1 to 64 vertices")
    memset(&s, 0, sizeof(Cover))
    s.n, s.deadline = n, deadline
    everyone = ((<uint64_t> 1) << n) - 1 if n < 64 else <uint64_t> 0xFFFFFFFFFFFFFFFF
    s.best = 1
    for v in range(n):
        s.closed[v] = <uint64_t> covering[v]
        s.cost[v] = costs[v]
        if s.cost[v] <= 0:
            raise ValueError("costs must be positive")
        s.best += s.cost[v]
    branch(&s, everyone, everyone, 0, 0)
    if s.timed_out:
        return None
    return s.best, [v for v in range(n) if s.best_set >> v & 1]


cdef class DominatingSetKernel(Kernel):
    cdef Py_ssize_t n, words
    cdef uint64_t *closed   # n x words
    cdef uint64_t *union_
    cdef int64_t *cost
    cdef char *picked
    cdef int64_t gold
    cdef double beta, invalid

    def __dealloc__(self):
        PyMem_Free(self.closed)
        PyMem_Free(self.union_)
        PyMem_Free(self.cost)
        PyMem_Free(self.picked)

    cdef double score_values(self) except? -2.0:
        cdef Py_ssize_t n = self.n, words = self.words, i, j
        cdef int64_t u, total = 0
        cdef uint64_t full
        memset(self.picked, 0, max(1, n))
        for i in range(self.n_values):  # a repeated vertex and one out of range are both invalid
            u = self.values[i]
            if u < 0 or u >= n or self.picked[u]:
                return self.invalid
            self.picked[u] = 1
        memset(self.union_, 0, words * sizeof(uint64_t))
        for i in range(self.n_values):
            u = self.values[i]
            for j in range(words):
                self.union_[j] |= self.closed[u * words + j]
            total += self.cost[u]
        for j in range(words):
            full = 0xFFFFFFFFFFFFFFFF if 64 * (j + 1) <= n else (((<uint64_t> 1) << (n - 64 * j)) - 1)
            if self.union_[j] != full:
                return self.invalid
        if self.gold > total:
            return -1.0  # upstream asserts no dominating set is cheaper than the stored optimum
        return ratio_pow(self.gold, total, self.beta, 1.0)


def dominating_set_kernel(n, covering, costs, gold, double beta, double wrong_format, double invalid):
    """The scorer for 1 <= N <= 4096, N closed neighbourhoods as bit masks below 2^N and N
    costs within 2^40 in absolute value; None for any other config (the Python scorer
    reproduces upstream exactly there)."""
    cdef DominatingSetKernel kernel
    cdef Py_ssize_t size, words, v = 0, i
    if not 1 <= n <= 4096 or len(covering) != n:
        return None
    size = n
    words = (size + 63) // 64
    kernel = DominatingSetKernel.__new__(DominatingSetKernel)
    kernel.shape = SHAPE_LIST
    kernel.no_answer = wrong_format
    kernel.n, kernel.gold, kernel.beta, kernel.invalid = size, gold, beta, invalid
    kernel.words = words
    kernel.closed = <uint64_t *> PyMem_Malloc(size * words * sizeof(uint64_t))
    kernel.union_ = <uint64_t *> PyMem_Malloc(words * sizeof(uint64_t))
    kernel.cost = <int64_t *> PyMem_Malloc(size * sizeof(int64_t))
    kernel.picked = <char *> PyMem_Malloc(size)
    if not (kernel.closed and kernel.union_ and kernel.cost and kernel.picked):
        raise MemoryError()
    for mask in covering:
        if mask < 0 or mask >> n:
            return None
        if words == 1:
            kernel.closed[v] = PyLong_AsUnsignedLongLong(mask)
        else:
            for i in range(words):
                kernel.closed[v * words + i] = <uint64_t> ((mask >> (64 * i)) & 0xFFFFFFFFFFFFFFFF)
        v += 1
    if len(costs) != n:
        return None
    v = 0
    for cost in costs:
        if not read_int(cost, -(1LL << 40), 1LL << 40, kernel.cost + v):
            return None
        v += 1
    return kernel
