"""Divisor-counting helpers shared by the number-theory environments."""
from __future__ import annotations

from math import isqrt
from typing import List


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
