"""GCDFibonacciProduct: the product of F(gcd(i, j)) over 1 <= i <= N and 1 <= j <= M, modulo
a prime MOD (F the Fibonacci numbers, F(1) = F(2) = 1).

With f(t) = prod over d | t of F(d)^mu(t/d), F(g) is the product of f(t) over t | g, so the
answer is the product over t <= min(N, M) of f(t)^(floor(N/t) floor(M/t)), taken over blocks
of equal quotients (a compiled sieve, ``_gcd_fibonacci_product_solver.pyx``: for a prime MOD
with no F(d) = 0 it inverts all F(d) at once and sieves f alone).  Answer: one integer;
reward 1 for the residue, 0 for another number in [0, MOD), -0.5 outside that range, -1
without an integer."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.envs._generation import finished
from rlve_fast.envs._residue import ResidueAnswerEnvironment
from rlve_fast.envs._schedules import plus_half, single_parameter
from rlve_fast.envs.number_theory._divisors import mobius_prefix

try:
    from rlve_fast.envs.number_theory._gcd_fibonacci_product_solver import gcd_fibonacci_product as _compiled
except ImportError:  # not built: the Python twin below
    _compiled = None

MODULI = (666623333, 998244353, 10 ** 9 + 7)


def gcd_fibonacci_product_python(n: int, m: int, mod: int) -> int:
    """The same computation in Python.  A power -1 is taken as the power mod - 2, and the
    inverse of f is accumulated separately (``g``), which gives the compiled solver's (and
    the reference's) residue for every modulus."""
    size = max(n, m)
    prefix = mobius_prefix(size)
    mu = [0] + [prefix[i] - prefix[i - 1] for i in range(1, size + 1)]
    f, g = [1] * (size + 1), [1] * (size + 1)
    a, b = 1, 0
    for i in range(1, size + 1):
        deadline.check()
        a, b = b, (a + b) % mod  # b = F(i)
        inverse = pow(b, mod - 2, mod)
        for q, j in enumerate(range(i, size + 1, i), 1):
            if mu[q] == 1:
                f[j], g[j] = f[j] * b % mod, g[j] * inverse % mod
            elif mu[q] == -1:
                f[j], g[j] = f[j] * inverse % mod, g[j] * b % mod
    for i in range(1, size + 1):
        f[i], g[i] = f[i - 1] * f[i] % mod, g[i - 1] * g[i] % mod
    answer, low = 1, 1
    while low <= min(n, m):
        high = min(n // (n // low), m // (m // low))
        answer = answer * pow(f[high] * g[low - 1] % mod, (n // low) * (m // low), mod) % mod
        low = high + 1
    return answer


def gcd_fibonacci_product(n: int, m: int, mod: int) -> int:
    if n < 1 or m < 1:
        raise ValueError("N and M must be positive")
    if 3 <= mod < 1 << 32 and _compiled is not None:
        return finished(_compiled(n, m, mod, deadline.deadline_at()))
    return gcd_fibonacci_product_python(n, m, mod)


class GCDFibonacciProduct(ResidueAnswerEnvironment):
    id = "GCDFibonacciProduct"
    parameter_types = {"MOD": int, "reference_answer": int}  # the config check reads MOD first

    @staticmethod
    def schedule():
        return single_parameter("MAX_N_M", 5, plus_half)

    def sample(self, rng, parameter):
        limit = parameter["MAX_N_M"]
        if limit < 3:
            raise ValueError("MAX_N_M must be at least 3")
        parameter["N"] = rng.randint(3, limit)
        parameter["M"] = rng.randint(3, limit)
        parameter["MOD"] = rng.choice(MODULI)

    def solve(self, parameter):
        return {"reference_answer": gcd_fibonacci_product(parameter["N"], parameter["M"], parameter["MOD"])}

    def prompt(self, parameter):
        n, m, mod = parameter["N"], parameter["M"], parameter["MOD"]
        return (f"Let F be the Fibonacci sequence: F(0) = 0, F(1) = 1 and F(k) = F(k-1) + F(k-2) "
                f"for k >= 2. Multiply together F(gcd(i, j)) for every pair of integers (i, j) with "
                f"1 <= i <= {n} and 1 <= j <= {m}, where gcd is the greatest common divisor.\n\n"
                f"Answer with that product modulo {mod}, as a single integer in the range "
                f"[0, {mod}).")
