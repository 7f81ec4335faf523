"""DecreasingDigitCounting: how many numbers R have at least two digits in base 2^K, digits
strictly increasing from left to right, and at most W bits?

An m-digit R is a choice of m distinct non-zero digits, C(V, m) with V = 2^K - 1. With
W = qK + r (0 < r < K), numbers with q + 1 digits also fit when their leading digit is below
2^r: sum_{i=1}^{2^r - 1} C(V - i, q) = C(V, q + 1) - C(V - 2^r + 1, q + 1) (hockey stick).
The sum of C(V, m) over m = 2..q is a partial row sum, computed exactly by binary splitting
over the shorter of the runs [0, j] and [j + 1, (V - 1) / 2] (the half row sums to 2^(V-1)).
Compiled (``_decreasing_digit_counting_solver.pyx``): the splitting's leaves (runs of up to
LEAF_BITS bits of product), the binomials, from their prime powers, and for K <= 6 the whole
count in 64-bit words.
Reward: (min/max)^10 against the true count; a negative answer is wrong-format, and when the
count is 0 only 0 earns the reward."""
from __future__ import annotations

from math import comb

from rlve_fast import deadline
from rlve_fast.integer_answer import IntegerAnswerEnvironment

try:
    from rlve_fast.envs.counting._decreasing_digit_counting_solver import (LARGEST_N, LARGEST_V, binomial,
                                                                            count_small, ratio_sum_leaf)
except ImportError:  # not built: the leaves below run in Python, math.comb the binomials
    LARGEST_N = LARGEST_V = -1
    binomial = count_small = ratio_sum_leaf = None

# A run whose products stay below about this many bits is one compiled leaf (schoolbook
# products by one word); longer runs are split, and Python's Karatsuba joins the halves.
LEAF_BITS = 1 << 14


def _ratio_sum(v: int, lo: int, hi: int):
    """(P, Q, T) with T/Q = sum_{m=lo}^{hi-1} prod_{t=lo}^{m} (v - t) / (t + 1)."""
    if v <= LARGEST_V and (hi - lo) * v.bit_length() <= LEAF_BITS:
        return ratio_sum_leaf(v, lo, hi)
    if hi - lo <= 32:
        p, q, t = 1, 1, 0
        for m in range(lo, hi):
            # T/Q + P'/Q' with P' = P (v - m), Q' = Q (m + 1): bring T/Q to the new denominator
            t, p, q = t * (m + 1) + p * (v - m), p * (v - m), q * (m + 1)
        return p, q, t
    mid = (lo + hi) // 2
    p1, q1, t1 = _ratio_sum(v, lo, mid)
    p2, q2, t2 = _ratio_sum(v, mid, hi)
    deadline.check()
    return p1 * p2, q1 * q2, t1 * q2 + p1 * t2


def choose(n: int, k: int) -> int:
    """C(n, k): from its prime powers where compiled (math.comb in CPython 3.11 is slow
    here: 0.08 ms for C(2047, 763), 34 ms for C(32767, 16000)).  math.comb where it is the
    faster: below n = 256, and for k (or n - k) small against n, since the compiled product
    walks every prime up to n (1 ms for n = 2^20 whatever k)."""
    if 256 <= n <= LARGEST_N:
        least = min(k, n - k)
        if least >= 64 and 256 * least >= n:
            return binomial(n, k)
    return comb(n, k)


def exact_quotient(n: int, d: int) -> int:
    """n / d for d > 0 dividing n >= 0.  CPython 3.11 divides in quadratic time (13 s for a
    quotient of 2M bits by a divisor of 3M); past HENSEL_BITS of quotient the quotient is
    n times the inverse of d modulo 2^k (Newton's iteration doubles the inverse's precision,
    so the cost is a few Karatsuba products), exact because the division is."""
    shift = (d & -d).bit_length() - 1
    d >>= shift
    n >>= shift
    k = n.bit_length() - d.bit_length() + 2  # the quotient has fewer bits
    if k <= HENSEL_BITS:
        return n // d
    inverse, bits = pow(d & ((1 << 64) - 1), -1, 1 << 64), 64
    while bits < k:
        deadline.check()
        bits = min(2 * bits, k)
        mask = (1 << bits) - 1
        inverse = inverse * (2 - (d & mask) * inverse) & mask
    mask = (1 << k) - 1
    return (n & mask) * inverse & mask


HENSEL_BITS = 1 << 17


def binomial_run(v: int, a: int, b: int) -> int:
    """sum_{m=a}^{b} C(v, m) for 0 <= a <= b <= v."""
    if b - a < 16:
        return sum(choose(v, m) for m in range(a, b + 1))
    _, q, t = _ratio_sum(v, a, b)  # C(v, m + 1) = C(v, m) (v - m) / (m + 1)
    deadline.check()
    return exact_quotient(choose(v, a) * (q + t), q)


def row_prefix(v: int, j: int) -> int:
    """sum_{m=0}^{j} C(v, m), exactly."""
    if j < 0:
        return 0
    if j >= v:
        return 1 << v
    if 2 * j >= v:  # symmetry: C(v, m) = C(v, v - m)
        return (1 << v) - row_prefix(v, v - 1 - j)
    if v % 2 == 1:
        half = (v - 1) // 2  # sum_{m <= half} C(v, m) = 2^(v-1)
        if half - j < j:
            return (1 << (v - 1)) - binomial_run(v, j + 1, half)
    return binomial_run(v, 0, j)


def count_increasing(k: int, w: int) -> int:
    if count_small is not None and k <= 6:  # all in 64 bits: one compiled call
        small = count_small(k, w)
        if small is not None:
            return small
    return count_increasing_python(k, w)


def count_increasing_python(k: int, w: int) -> int:
    top, rest = divmod(w, k)
    longest = top + (rest != 0)
    if longest < 2:
        return 0
    v = (1 << k) - 1
    full = min(longest - 1 if rest else longest, v)  # lengths 2..full are unrestricted
    total = row_prefix(v, full) - 1 - v if full >= 2 else 0
    if rest and longest <= v:
        total += choose(v, longest) - choose(v - (1 << rest) + 1, longest)
    return total


class DecreasingDigitCounting(IntegerAnswerEnvironment):
    id = "DecreasingDigitCounting"
    zero_exact = True

    @staticmethod
    def schedule():
        k = 2
        while True:
            yield [{"MAX_K": k, "MAX_W": k * (1 << k)}]
            k += 1

    def sample(self, rng, parameter):
        max_k, max_w = parameter["MAX_K"], parameter["MAX_W"]
        if max_k < 2 or max_w < 1:
            raise ValueError("MAX_K must be at least 2 and MAX_W at least 1")
        k = rng.randint(2, max_k)
        top = min(max_w, k * (1 << k))
        parameter.update(K=k, W=rng.randint(k + 1, top) if k + 1 <= top else max_w)

    def solve(self, parameter):
        return {"reference_answer": count_increasing(parameter["K"], parameter["W"])}

    def prompt(self, parameter):
        k, w = parameter["K"], parameter["W"]
        base = 1 << k
        return (f"Write numbers in base 2^{k} = {base}, whose digits run from 0 to {base - 1}. Count the "
                "positive integers R such that\n"
                f"- R has at least two digits in base {base} (no leading zeros),\n"
                f"- reading R's base-{base} digits from left (most significant) to right, every digit is "
                "strictly smaller than the digit to its right, and\n"
                f"- R written in binary, without leading zeros, has at most {w} bits.\n\n"
                "How many such R are there? Answer with a single integer, for example 10.")
