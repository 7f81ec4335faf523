"""NumberPartitionCounting: in how many ways can N be written as a sum of exactly K positive
integers, order ignored?

Removing 1 from each part maps these to the partitions of m = N - K into parts of size at most
K. When K >= m that is every partition of m, and p(m) comes exactly from the Hardy-Ramanujan-
Rademacher series (about sqrt(m)/2 terms, the large ones in fixed-point integer arithmetic at
the precision they need, the small ones in doubles; the sum is rounded once the remainder bound
is below 1/4), so the cost grows like sqrt(m) times big-integer work instead of m^1.5. When
2(K + 1) > m a partition has at most one part above K, and the count is p(m) minus
p(0) + ... + p(m - K - 1) (pentagonal recurrence for the short prefix).
Otherwise, for K <= sqrt(m) a knapsack over part sizes counts them; else the partition numbers
p(n) (Euler's pentagonal recurrence) are corrected by prod_{i>K} (1 - x^i), whose terms are
few-part distinct partitions. The compiled solvers run modulo primes below 2**62 and the
exact count comes back by the Chinese remainder theorem (bounded by p(n) < e^(pi sqrt(2n/3))).
Reward: (min/max)^10 against the true count; an answer <= 0 is wrong-format."""
from __future__ import annotations

from math import cosh, isqrt, log, pi, sinh, sqrt

import numpy as np

from rlve_fast import deadline
from rlve_fast.envs.counting._multimodular import combine
from rlve_fast.integer_answer import IntegerAnswerEnvironment

try:
    from rlve_fast.envs.counting._number_partition_counting_solver import (
        parts_at_most_mod as _compiled, partition_prefix_sum_mod as _compiled_prefix_sum)
except ImportError:  # the extension is not built: the exact Python twin does the work
    _compiled = _compiled_prefix_sum = None

# below this m the pentagonal recurrence is as quick as the Rademacher series
RADEMACHER_FROM = 2000


_KEPT_PARTITION_NUMBERS = [1]  # p(0), p(1), ... as far as computed (up to KEEP_UP_TO)
KEEP_UP_TO = 4096


def partition_numbers(m: int):
    """p(0..m) by Euler's pentagonal recurrence, as a new list. The values up to KEEP_UP_TO
    are kept once computed (small problems ask for them again and again)."""
    kept = _KEPT_PARTITION_NUMBERS
    if m < len(kept):
        return kept[:m + 1]
    table = kept + [0] * (m + 1 - len(kept))
    for n in range(len(kept), m + 1):
        total, k = 0, 1
        while k * (3 * k - 1) // 2 <= n:
            sign = 1 if k & 1 else -1
            total += sign * table[n - k * (3 * k - 1) // 2]
            if k * (3 * k + 1) // 2 <= n:
                total += sign * table[n - k * (3 * k + 1) // 2]
            k += 1
        table[n] = total
        if n & 255 == 0:
            deadline.check()
    kept.extend(table[len(kept):KEEP_UP_TO + 1])
    return table


# constants kept at the largest precision asked so far: [bits, constant * 2**bits]
_PI = [0, 0]
_LN2 = [0, 0]


def _atan_inv(x, bits):  # atan(1/x) * 2**bits, x integer > 1
    power = (1 << bits) // x
    total, k, x2, sign = power, 1, x * x, -1
    while power:
        power //= x2
        total += sign * (power // (2 * k + 1))
        sign, k = -sign, k + 1
    return total


def _pi(bits):
    if _PI[0] < bits:
        work = bits + 2 * bits // 10 + 64  # compute with room, keep it for later calls
        _PI[:] = [work, (16 * _atan_inv(5, work + 16) - 4 * _atan_inv(239, work + 16)) >> 16]
    return _PI[1] >> (_PI[0] - bits)


def _ln2(bits):
    if _LN2[0] < bits:
        work = bits + 2 * bits // 10 + 64
        _LN2[:] = [work, (2 * _atanh_inv(3, work + 16)) >> 16]
    return _LN2[1] >> (_LN2[0] - bits)


def _atanh_inv(x, bits):  # atanh(1/x) * 2**bits
    power = (1 << bits) // x
    total, k, x2 = power, 1, x * x
    while power:
        power //= x2
        total += power // (2 * k + 1)
        k += 1
    return total


def _exp_small(r, bits):
    """exp(r) for 0 <= r < 1, fixed point with ``bits`` fraction bits."""
    halvings = max(int(sqrt(bits)) // 2, 1)
    work = bits + 2 * halvings + 16
    r = (r << (work - bits)) >> halvings
    one = 1 << work
    total, term, j = one, one, 1
    while term:
        term = (term * r >> work) // j
        total += term
        j += 1
    for _ in range(halvings):
        total = total * total >> work
    return total >> (work - bits)


def _cos_turns(num, den, bits):
    """cos(2 pi num / den), fixed point with ``bits`` fraction bits."""
    num %= den
    if 2 * num > den:
        num = den - num              # cos(2pi f) = cos(2pi (1 - f))
    sign = 1
    if 4 * num > den:                # f in (1/4, 1/2]: cos(2pi f) = -cos(2pi (1/2 - f))
        num, den, sign = den - 2 * num, 2 * den, -1
    halvings = max(int(sqrt(bits)) // 3, 1)
    work = bits + 2 * halvings + 16
    angle = (2 * _pi(work + 8) * num // den) >> (8 + halvings)  # 2 pi f / 2**halvings
    square = angle * angle >> work
    one = 1 << work
    total, term, j = one, one, 1
    while term:
        term = -(term * square >> work) // ((2 * j - 1) * (2 * j))
        total += term
        j += 1
    for _ in range(halvings):
        total = (total * total >> (work - 1)) - one   # cos 2a = 2 cos^2 a - 1
    return sign * (total >> (work - bits))


def partition_number(n: int) -> int:
    """p(n), exactly, by the Hardy-Ramanujan-Rademacher series
    p(n) = sum_k 4/(24n-1) S_k(n) U(C/k), C = pi sqrt(24n-1)/6, U(x) = cosh x - sinh(x)/x,
    S_k(n) = sum over 0 <= l < 2k with (3l^2+l)/2 = -n (mod k) of (-1)^l cos((6l+1) pi/(6k))
    (Selberg's form of the Kloosterman sum A_k(n) = sqrt(k/3) S_k(n))."""
    if n < 0:
        return 0
    if n < 2:
        return 1
    d = 24 * n - 1
    big_c = pi * sqrt(d) / 6
    # terms needed: Rademacher's remainder bound (Johansson's form) below 1/4
    terms = 1
    while True:
        y = pi / terms * sqrt(2 * n / 3)
        if y < 700 and 44 * pi * pi / (225 * sqrt(3)) / sqrt(terms) + \
                pi * sqrt(2) / 75 * sqrt(terms / (n - 1)) * sinh(y) < 0.25:
            break
        terms += 1 + terms // 16
    frac = 40  # the sum is kept with 40 fraction bits
    total = 0
    for k in range(1, terms + 1):
        if k & 15 == 0:
            deadline.check()
        ls = np.arange(2 * k, dtype=np.int64)
        ls = ls[((3 * ls * ls + ls) // 2 + n) % k == 0]
        if not len(ls):
            continue
        x = big_c / k
        magnitude_bits = x / log(2) + log(len(ls) * 4 / d, 2)
        if magnitude_bits < 20:
            cosines = np.cos((6 * ls + 1) * (pi / (6 * k)))
            s_k = float(np.sum(np.where(ls & 1, -cosines, cosines)))
            u = cosh(x) - sinh(x) / x if x > 0.1 else x * x / 3 + x ** 4 / 30 + x ** 6 / 840
            total += int(round(4 * s_k * u / d * (1 << frac)))
            continue
        work = int(magnitude_bits) + frac + 40     # fraction bits of every factor
        exp_bits = int(x / log(2)) + 2
        wide = work + exp_bits + 16
        # x = pi sqrt(d) / (6k) with ``wide`` fraction bits
        x_fixed = _pi(wide) * isqrt(d << (2 * wide)) // (6 * k) >> wide
        ln2 = _ln2(wide)
        q = x_fixed // ln2
        r = x_fixed - q * ln2
        e_r = _exp_small(r, wide)
        e_pos = e_r << q >> (wide - work)                                  # e^x
        e_neg = ((1 << (2 * wide)) // e_r >> q) >> (wide - work)            # e^-x
        x_w = x_fixed >> (wide - work)
        u = (e_pos + e_neg) // 2 - (((e_pos - e_neg) << work) // (2 * x_w))
        s_k = 0
        for l in ls.tolist():
            c = _cos_turns(6 * l + 1, 12 * k, work)
            s_k += -c if l & 1 else c
        total += (4 * s_k * u // d) >> (2 * work - frac)
    value = (total + (1 << (frac - 1))) >> frac
    error = total - (value << frac)
    if abs(error) > 1 << (frac - 2):
        raise ArithmeticError("partition_number(%d): sum not near an integer" % n)
    return value


def partition_prefix_sum(top: int) -> int:
    """p(0) + p(1) + ... + p(top)."""
    if top < 0:
        return 0
    if _compiled_prefix_sum is None or top < 64:
        return sum(partition_numbers(top))
    # at most (top + 1) p(top) < (top + 1) e^(pi sqrt(2 top / 3))
    bits = int(pi * sqrt(2 * top / 3) / 0.6931471805599453 + log(top + 1, 2)) + 2
    answer = combine(bits, lambda p: _compiled_prefix_sum(top, p, deadline.deadline_at()))
    if answer is None:
        deadline.check()
    return answer


def parts_at_most(m: int, k: int) -> int:
    """Partitions of m into parts of size at most k (Python twin of the compiled solver)."""
    if m < 0:
        return 0
    k = min(k, m)
    if k * k <= m:
        table = [1] + [0] * m
        for part in range(1, k + 1):
            for n in range(part, m + 1):
                table[n] += table[n - part]
            deadline.check()
        return table[m]
    p = partition_numbers(m)
    signed_extra = [1] + [0] * m  # prod_{i>k} (1 - x^i)
    prev, j = [1] + [0] * m, 1    # D_(j-1): distinct positive parts, by sum
    while j * (k + 1) + j * (j - 1) // 2 <= m:
        cur = [0] * (m - j * k + 1)
        for n in range(j, len(cur)):
            cur[n] = cur[n - j] + prev[n - j]
        for n, c in enumerate(cur):
            signed_extra[n + j * k] += -c if j & 1 else c
        prev, j = cur + [0] * (m + 1 - len(cur)), j + 1
        deadline.check()
    return sum(e * p[m - n] for n, e in enumerate(signed_extra) if e)


def count_partitions(n: int, k: int) -> int:
    """Partitions of n into exactly k positive parts."""
    m = n - k
    if k < 1 or m < 0:
        return 1 if (n, k) == (0, 0) else 0
    if m >= RADEMACHER_FROM and k >= m:
        return partition_number(m)
    if m >= RADEMACHER_FROM and 2 * (k + 1) > m:
        # at most one part exceeds k: it is k + 1 .. m, the rest a partition of what is left
        return partition_number(m) - partition_prefix_sum(m - k - 1)
    if _compiled is None or m < 64:
        return parts_at_most(m, k)
    bits = int(pi * sqrt(2 * m / 3) / 0.6931471805599453) + 2
    answer = combine(bits, lambda p: _compiled(m, k, p, deadline.deadline_at()))
    if answer is None:
        deadline.check()
    return answer


class NumberPartitionCounting(IntegerAnswerEnvironment):
    id = "NumberPartitionCounting"
    lowest_valid = 1

    @staticmethod
    def schedule():
        limit = 10
        while True:
            yield [{"MAX_N": limit}]
            limit = int(limit * 1.5)

    def sample(self, rng, parameter):
        if parameter["MAX_N"] < 1:
            raise ValueError("MAX_N must be at least 1")
        n = rng.randint(1, parameter["MAX_N"])
        parameter.update(N=n, K=rng.randint(1, n))

    def solve(self, parameter):
        return {"reference_answer": count_partitions(parameter["N"], parameter["K"])}

    def prompt(self, parameter):
        n, k = parameter["N"], parameter["K"]
        return (f"Write {n} as a sum of exactly {k} positive integers. Only the multiset of summands matters: "
                f"sums that differ just in the order of their terms are the same way (for instance 1 + 2 + 4 "
                f"and 4 + 1 + 2 are one way). How many different ways are there?\n\n"
                "Answer with a single integer, for example 10.")
