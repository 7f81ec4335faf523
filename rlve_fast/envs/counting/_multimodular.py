"""Exact integers from residues modulo word-sized primes (the compiled solvers of
several counting environments: MonochromeBlockCounting, GridLocalMinimumCounting,
RoyalLockCounting, NumberPartitionCounting, NoDoubleTripleCounting).

A compiled solver computes a count modulo several primes below 2**62 (additions of two
residues never overflow 64 bits) and :func:`combine` rebuilds the exact count by the Chinese
remainder theorem, given an upper bound on its bit length. Solvers that vectorize over many
residues at once use primes below 2**30 (``primes(count, 30)``) and :func:`from_residues`."""
from __future__ import annotations

from typing import Callable, List, Optional

from rlve_fast.envs.number_theory._factorization import is_probable_prime

_FOUND = {}  # bits -> the primes found so far below 2**bits, largest first


def primes(count: int, bits: int = 62) -> tuple:
    """The ``count`` largest primes below 2**bits (found once, then sliced)."""
    found = _FOUND.setdefault(bits, [])
    candidate = found[-1] - 2 if found else (1 << bits) - 1
    while len(found) < count:
        if is_probable_prime(candidate):
            found.append(candidate)
        candidate -= 2
    return tuple(found[:count])


def combine(bits: int, residue: Callable[[int], Optional[int]]) -> Optional[int]:
    """The integer 0 <= x < 2**bits with x = residue(p) mod p for enough primes p (None as
    soon as ``residue`` gives None: its deadline passed)."""
    values = combine_all(bits, lambda p: (lambda r: None if r is None else [r])(residue(p)))
    return None if values is None else values[0]


def combine_all(bits: int, residues: Callable[[int], Optional[List[int]]]) -> Optional[List[int]]:
    """As :func:`combine` for a list of integers at once: ``residues(p)`` gives them all mod p."""
    values, modulus = None, 1
    for p in primes(bits // 61 + 1):
        rs = residues(p)
        if rs is None:
            return None
        if values is None:
            values = [0] * len(rs)
        inverse = pow(modulus, -1, p)
        values = [v + modulus * ((r - v) * inverse % p) for v, r in zip(values, rs)]
        modulus *= p
    return values


def from_residues(residues: List[int], moduli) -> int:
    """The integer 0 <= x < prod(moduli) with x = residues[i] mod moduli[i] (Garner)."""
    value, modulus = 0, 1
    for r, p in zip(residues, moduli):
        value += modulus * ((r - value) * pow(modulus, -1, p) % p)
        modulus *= p
    return value
