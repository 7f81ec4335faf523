"""Factorisation helpers of the number-theory environments (MinKDivisorNumber,
SmallestBinaryMultiple, SubsetSumSequence).

* :func:`divisor_count_bounded`: the number of divisors of n as a trial division that gives
  up at 10**7 would find it (None where it gives up): MinKDivisorNumber's scorer.
* :func:`smallest_with_divisor_count`: the least positive integer with exactly k divisors.
* :func:`only_zero_one_digits`: whether every digit of n in a base is 0 or 1.
"""
from __future__ import annotations

import math
import threading
from itertools import compress
from math import gcd, isqrt, log
from typing import Dict, List, Optional

from rlve_fast import deadline

TRIAL_LIMIT = 10 ** 7        # the largest trial divisor of MinKDivisorNumber's scorer
_WORD = 1 << 64              # below this, Pollard's rho factors completely and fast
_MR_BASES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41)  # exact below 3.3e24


def _primes_below(n: int) -> List[int]:
    sieve = bytearray([1]) * n
    sieve[:2] = b"\x00\x00"
    for p in range(2, isqrt(n - 1) + 1):
        if sieve[p]:
            sieve[p * p::p] = bytes(len(range(p * p, n, p)))
    return list(compress(range(n), sieve))


SMALL_PRIMES = _primes_below(1024)
_SIEVING_PRIMES = _primes_below(isqrt(TRIAL_LIMIT) + 1)


# ----------------------------------------------------------------------------- digits
def only_zero_one_digits(value: int, base: int) -> bool:
    """Every base-``base`` digit of ``value`` (>= 0) is 0 or 1; 0 itself passes.

    Reads the digits a machine word at a time, so a number of thousands of digits costs a
    few hundred big-integer divisions instead of one per digit."""
    if base < 2:
        raise ValueError("base must be at least 2")
    if value < 0:
        raise ValueError("value must be non-negative")
    width = max(1, 62 // base.bit_length())
    chunk = base ** width
    while value:
        value, low = divmod(value, chunk)
        while low:
            low, digit = divmod(low, base)
            if digit > 1:
                return False
    return True


# ----------------------------------------------------------------------------- primes
def is_probable_prime(n: int) -> bool:
    """Miller-Rabin on the first 13 prime bases: exact for n < 3.3e24."""
    if n < 2:
        return False
    for p in _MR_BASES:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in _MR_BASES:
        x = pow(a, d, n)
        if x == 1 or x == n - 1:
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def _rho_divisor(n: int) -> int:
    """A proper divisor of the odd composite n (Brent's variant of Pollard's rho)."""
    for c in range(1, n):
        y, x, g, r, q = 2, 2, 1, 1, 1
        while g == 1:
            x = y
            for _ in range(r):
                y = (y * y + c) % n
            k = 0
            while k < r and g == 1:
                saved = y
                for _ in range(min(128, r - k)):
                    y = (y * y + c) % n
                    q = q * abs(x - y) % n
                g = gcd(q, n)
                k += 128
            r *= 2
        if g == n:  # the batch overshot: retrace one step at a time
            g = 1
            while g == 1:
                saved = (saved * saved + c) % n
                g = gcd(abs(x - saved), n)
        if g != n:
            return g
    raise ArithmeticError("no divisor found for %d" % n)


def factorize_rough(n: int, out: Dict[int, int]) -> None:
    """Add the prime factorisation of n (no prime factor below 1024, n < 2**64 for speed)
    to ``out``."""
    stack = [n]
    while stack:
        m = stack.pop()
        if m == 1:
            continue
        if is_probable_prime(m):
            out[m] = out.get(m, 0) + 1
            continue
        root = isqrt(m)
        if root * root == m:
            stack += [root, root]
            continue
        d = _rho_divisor(m)
        stack += [d, m // d]


# ----------------------------------------------------------------------------- blocks
_BLOCK = 1 << 16
_blocks: List[tuple] = []   # (low, high, product of the primes in [low, high)), filled lazily
_blocks_lock = threading.Lock()


def _product(values: List[int]) -> int:
    while len(values) > 1:
        values = [math.prod(values[i:i + 2]) for i in range(0, len(values), 2)]
    return values[0] if values else 1


def _block(index: int) -> tuple:
    if index < len(_blocks):
        return _blocks[index]
    with _blocks_lock:  # one thread extends the list, so block i stays at index i
        _extend_blocks(index)
    return _blocks[index]


def _extend_blocks(index: int) -> None:
    while len(_blocks) <= index:
        low = 1024 + _BLOCK * len(_blocks)
        high = min(low + _BLOCK, TRIAL_LIMIT)
        sieve = bytearray([1]) * (high - low)
        for p in _SIEVING_PRIMES:
            if p * p >= high:
                break
            start = max(p * p, (low + p - 1) // p * p)
            sieve[start - low::p] = bytes(len(range(start - low, high - low, p)))
        _blocks.append((low, high, _product(list(compress(range(low, high), sieve)))))


def _count_with_rho(rest: int, count: int) -> Optional[int]:
    factors: Dict[int, int] = {}
    factorize_rough(rest, factors)
    beyond = 1
    for p, e in factors.items():
        count *= e + 1
        if p >= TRIAL_LIMIT:
            beyond *= p ** e
    return None if beyond >= TRIAL_LIMIT * TRIAL_LIMIT else count


def divisor_count_bounded(n: int) -> Optional[int]:
    """d(n) for n >= 1, or None where trial division by every d = 2, 3, ... while d*d <= n
    (dividing n down as factors are found) would pass d = 10**7.

    That happens exactly when the part of n made of primes above 10**7 is at least 10**14;
    otherwise that part is 1 or one prime, and the factorisation is complete."""
    count, rest = 1, n
    for p in SMALL_PRIMES:
        if p * p > rest:
            return count * (2 if rest > 1 else 1)
        if rest % p == 0:
            e = 0
            while rest % p == 0:
                rest //= p
                e += 1
            count *= e + 1
    index = 0
    while rest >= _WORD:
        if index * _BLOCK + 1024 >= TRIAL_LIMIT:
            return None  # every prime below the limit is out and rest >= 2**64 > 10**14
        deadline.check()
        low, high, product = _block(index)
        g = gcd(rest, product)
        if g > 1:
            for p in range(low, high):
                if g % p == 0:
                    e = 0
                    while rest % p == 0:
                        rest //= p
                        e += 1
                    count *= e + 1
        index += 1
    return _count_with_rho(rest, count)


# ----------------------------------------------------------------------------- k divisors
def factorize(k: int) -> Dict[int, int]:
    """{prime: exponent} of k >= 1 (trial division by the primes below 1024, then rho)."""
    out: Dict[int, int] = {}
    for p in SMALL_PRIMES:
        if k % p == 0:
            e = 0
            while k % p == 0:
                k //= p
                e += 1
            out[p] = e
    factorize_rough(k, out)
    return dict(sorted(out.items()))


def _first_primes(count: int) -> List[int]:
    limit = 16
    while True:
        primes = _primes_below(limit)
        if len(primes) >= count:
            return primes[:count]
        limit *= 2


MAX_ANSWER_BITS = 1 << 26


def smallest_with_divisor_count(k: int) -> int:
    """The least positive integer with exactly k divisors.

    Its exponents, sorted from the largest, go on 2, 3, 5, ...; they are e_i = f_i - 1 for a
    factorisation k = f_1 * f_2 * ... with f_1 >= f_2 >= ... > 1.  A branch-and-bound
    search over those factorisations (on logarithms) keeps the ones within a hair of the
    best and settles near-ties exactly."""
    if k < 1:
        raise ValueError("k must be positive")
    if k == 1:
        return 1
    exponents = factorize(k)
    primes = _first_primes(sum(exponents.values()))
    logs = [log(p) for p in primes]
    # For every divisor d of k: its divisors above 1, its largest prime factor, and the sum
    # of (q - 1) over its prime factors q (with multiplicity): a factor f placed on a prime
    # p costs (f - 1) log p >= the split of f into primes, each on p, so the rest of a
    # search from prime index i costs at least logs[i] * split[d].
    divisors = [1]
    largest = {1: 1}
    split = {1: 0}
    for p, e in exponents.items():
        grown = []
        for d in divisors:
            for i in range(1, e + 1):
                q = d * p ** i
                grown.append(q)
                largest[q] = p
                split[q] = split[d] + i * (p - 1)
        divisors += grown
    divisors.sort()
    below = {}

    def factors_of(d: int) -> List[int]:
        out = below.get(d)
        if out is None:
            out = below[d] = [f for f in divisors if 1 < f <= d and d % f == 0]
        return out

    slack = 1e-9
    best = [math.inf]
    found: List[tuple] = []
    chosen: List[int] = []
    steps = [0]

    def search(rest: int, index: int, cap: int, cost: float) -> None:
        steps[0] += 1
        if steps[0] & 1023 == 0:
            deadline.check()
        for f in factors_of(rest):
            if f > cap:
                break
            step = cost + (f - 1) * logs[index]
            if step > best[0] * (1 + slack):
                break  # a larger f on this prime costs more still
            left = rest // f
            if largest[left] > f:
                continue  # the later factors may not exceed f
            if left == 1:
                if step <= best[0] * (1 + slack):
                    best[0] = min(best[0], step)
                    found.append((step, tuple(chosen) + (f - 1,)))
                continue
            if step + logs[index + 1] * split[left] > best[0] * (1 + slack):
                continue
            chosen.append(f - 1)
            search(left, index + 1, f, step)
            chosen.pop()

    search(k, 0, k, 0.0)
    if best[0] / log(2) > MAX_ANSWER_BITS:
        raise ValueError("the least number with %d divisors has about %d bits" % (k, best[0] / log(2)))

    def value(exps) -> int:
        out = 1
        for p, e in zip(primes, exps):
            out *= (1 << e) if p == 2 else p ** e
        return out

    return min(value(c) for cost, c in found if cost <= best[0] * (1 + slack))
