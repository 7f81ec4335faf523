"""SumLCM: the sum of lcm(i, j) over 1 <= i <= N and 1 <= j <= M (exact, no modulus).

Writing lcm(i, j) = i j / gcd(i, j) and sieving out the gcd with Moebius inversion gives
sum over D of h(D) T(N/D) T(M/D), with T(x) = x (x + 1) / 2 and
h(D) = D * prod over primes p | D of (1 - p).  Since h convolved with n -> n^2 is the
identity n -> n, the prefix sums of h follow Du's sieve in about max(N, M)^(2/3) steps.
Answer: one integer.  Reward: (min/max)^10 against the sum; <= 0 or no integer is -1."""
from __future__ import annotations

from array import array
from typing import Dict, List, Optional

from rlve_fast import deadline
from rlve_fast.envs._schedules import plus_half, single_parameter
from rlve_fast.integer_answer import IntegerAnswerEnvironment


def _triangle(x: int) -> int:
    return x * (x + 1) // 2


def _square_sum(x: int) -> int:
    return x * (x + 1) * (2 * x + 1) // 6


def _h_prefix(limit: int) -> List[int]:
    """H[x] = h(1) + ... + h(x) for x <= limit (linear sieve; h(p^e m) = h(m) p^e (1 - p))."""
    h = [0] * (limit + 1)
    if limit >= 1:
        h[1] = 1
    composite = bytearray(limit + 1)
    primes: List[int] = []
    for i in range(2, limit + 1):
        if not composite[i]:
            primes.append(i)
            h[i] = i * (1 - i)
        for p in primes:
            ip = i * p
            if ip > limit:
                break
            composite[ip] = 1
            if i % p == 0:
                h[ip] = h[i] * p
                break
            h[ip] = h[i] * p * (1 - p)
    for i in range(1, limit + 1):
        h[i] += h[i - 1]
    return h


def _small_prefix(limit: int):
    """H[0..limit], compiled where the extension is built."""
    try:
        from rlve_fast.envs.number_theory._number_theory_solvers import lcm_weight_prefix
    except ImportError:
        return _h_prefix(limit)
    out = array("q", bytes(8 * (limit + 1)))
    lcm_weight_prefix(out)
    return out


def sum_of_lcms(n: int, m: int, sieve_limit: Optional[int] = None) -> int:
    """The sum of lcm(i, j); ``sieve_limit`` (tests) overrides how far the prefix sums are
    sieved before Du's recursion takes over."""
    top = max(n, m, 1)
    # sieve the prefix sums up to 2**17 (no recursion at all below that), beyond it a few
    # times top^(2/3), where the recursion and the sieve cost about the same (64-bit sums
    # hold up to 3 * 10**6)
    if sieve_limit is None:
        sieve_limit = min(top, max(1 << 17, min(3 * 10 ** 6, 8 * int(top ** (2 / 3)))))
    small = _small_prefix(sieve_limit)
    memo: Dict[int, int] = {}

    def prefix(x: int) -> int:
        """h(1) + ... + h(x), from sum over d <= x of d^2 * prefix(x // d) = T(x)."""
        if x < len(small):
            return small[x]
        if x in memo:
            return memo[x]
        deadline.check()
        total, low = _triangle(x), 2
        while low <= x:
            q = x // low
            high = x // q
            total -= (_square_sum(high) - _square_sum(low - 1)) * prefix(q)
            low = high + 1
        memo[x] = total
        return total

    answer, low, below = 0, 1, 0
    while low <= min(n, m):
        high = min(n // (n // low), m // (m // low))
        upto = prefix(high)
        answer += (upto - below) * _triangle(n // low) * _triangle(m // low)
        below, low = upto, high + 1
    return answer


class SumLCM(IntegerAnswerEnvironment):
    id = "SumLCM"
    lowest_valid = 1

    @staticmethod
    def schedule():
        return single_parameter("MAX_N_M", 5, plus_half)

    def sample(self, rng, parameter):
        limit = parameter["MAX_N_M"]
        if limit < 2:
            raise ValueError("MAX_N_M must be at least 2")
        parameter["N"] = rng.randint(2, limit)
        parameter["M"] = rng.randint(2, limit)

    def solve(self, parameter):
        return {"reference_answer": sum_of_lcms(parameter["N"], parameter["M"])}

    def prompt(self, parameter):
        n, m = parameter["N"], parameter["M"]
        return (f"Compute the sum of lcm(i, j) over all pairs of integers (i, j) with 1 <= i <= {n} "
                f"and 1 <= j <= {m}, where lcm(i, j) is the least common multiple of i and j.\n\n"
                f"Answer with that sum as a single integer.")
