"""Divisor-counting helpers shared by the number-theory environments."""
from __future__ import annotations

from math import isqrt
from typing import Dict, List

from rlve_fast import deadline


def divisor_count_prefix(n: int) -> int:
    """D(n) = d(1) + ... + d(n) = sum over k <= n of floor(n / k), by the hyperbola method:
    2 * sum_{k <= sqrt n} floor(n / k) - floor(sqrt n)^2.  D(n) = 0 for n <= 0."""
    if n <= 0:
        return 0
    root = isqrt(n)
    return 2 * sum(n // k for k in range(1, root + 1)) - root * root


def mobius_prefix(limit: int) -> List[int]:
    """M[x] = mu(1) + ... + mu(x) for 0 <= x <= limit (linear sieve)."""
    mu = [0] * (limit + 1)
    if limit >= 1:
        mu[1] = 1
    composite = bytearray(limit + 1)
    primes: List[int] = []
    for i in range(2, limit + 1):
        if not i & 0xFFFF:
            deadline.check()
        if not composite[i]:
            primes.append(i)
            mu[i] = -1
        for p in primes:
            if i * p > limit:
                break
            composite[i * p] = 1
            if i % p == 0:
                break  # mu(i * p) = 0
            mu[i * p] = -mu[i]
    for i in range(1, limit + 1):
        mu[i] += mu[i - 1]
    return mu


class Mertens:
    """M(x) = mu(1) + ... + mu(x) for any x <= ``limit`` in about limit^(2/3) steps, where a
    sieve to ``limit`` would take ``limit``: the sieve covers x below limit^(2/3), and above
    it M(x) = 1 - sum over k >= 2 of M(x // k), summed over the runs of equal quotients and
    remembered (the quotients of quotients stay among the values x // k)."""

    def __init__(self, limit: int):
        self.small = mobius_prefix(min(limit, max(16, round(limit ** (2 / 3)))))
        self.large: Dict[int, int] = {}

    def __call__(self, x: int) -> int:
        if x < len(self.small):
            return self.small[x]
        known = self.large.get(x)
        if known is not None:
            return known
        total, k = 1, 2
        while k <= x:
            quotient = x // k
            last = x // quotient
            total -= (last - k + 1) * self(quotient)
            k = last + 1
        deadline.check()
        self.large[x] = total
        return total
