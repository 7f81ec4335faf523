"""FixedModK_Selection_Counting: the sum of C(N*K, i*K + R) over i >= 0, modulo MOD.

That sum is coefficient R of (1 + x)^(N*K) reduced modulo x^K - 1, found by repeated
squaring of the reduced polynomial.  Answer: one integer.  Reward: 1 for the residue, 0 for
another number in [0, MOD), -0.5 outside that range, -1 without an integer."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.envs._generation import finished
from rlve_fast.envs._residue import ResidueAnswerEnvironment

MOD_RANGE = 1000000


def cyclic_binomial_python(exponent: int, k: int, r: int, mod: int) -> int:
    """Coefficient r of (1 + x)^exponent modulo (x^k - 1), coefficients mod ``mod``."""

    def times(a, b):
        out = [0] * k
        for i, x in enumerate(a):
            if x:
                for j, y in enumerate(b):
                    out[(i + j) % k] = (out[(i + j) % k] + x * y) % mod
        return out

    base = [2 % mod] if k == 1 else [1, 1] + [0] * (k - 2)
    acc = [1] + [0] * (k - 1)
    while exponent:
        deadline.check()
        if exponent & 1:
            acc = times(acc, base)
        base = times(base, base)
        exponent >>= 1
    return acc[r]


def cyclic_binomial(exponent: int, k: int, r: int, mod: int) -> int:
    if not 0 <= r < k:
        raise IndexError("R must lie in [0, K)")
    if 2 <= mod < 1 << 32 and 0 <= exponent < 1 << 64:
        try:
            from rlve_fast.envs.number_theory._number_theory_solvers import cyclic_binomial as compiled
        except ImportError:
            compiled = None
        if compiled is not None:
            return finished(compiled(exponent, k, r, mod, deadline.deadline_at()))
    return cyclic_binomial_python(exponent, k, r, mod)


class FixedModKSelectionCounting(ResidueAnswerEnvironment):
    id = "FixedModK_Selection_Counting"
    parameter_types = {"MOD": int, "reference_answer": int}  # the config check reads MOD first

    @staticmethod
    def schedule():
        max_n, max_k = 8, 5
        while True:
            yield [{"MAX_N": max_n, "MAX_K": max_k}]
            max_n *= 2
            max_k = int(max_k * 1.1 + 1)

    def sample(self, rng, parameter):
        if parameter["MAX_N"] < 1 or parameter["MAX_K"] < 2:
            raise ValueError("need MAX_N >= 1 and MAX_K >= 2")
        parameter["N"] = rng.randint(1, parameter["MAX_N"])
        k = parameter["K"] = rng.randint(2, parameter["MAX_K"])
        parameter["R"] = rng.randint(0, k - 1)
        parameter["MOD"] = rng.randint(2, MOD_RANGE)

    def solve(self, parameter):
        n, k = parameter["N"], parameter["K"]
        return {"reference_answer": cyclic_binomial(n * k, k, parameter["R"], parameter["MOD"])}

    def prompt(self, parameter):
        n, k, r, mod = parameter["N"], parameter["K"], parameter["R"], parameter["MOD"]
        return (f"Let n = {n}, k = {k}, r = {r} and p = {mod}. Add up the binomial coefficients "
                f"C(n*k, i*k + r) over all integers i >= 0 (a coefficient C(a, b) with b > a is 0), "
                f"and reduce the total modulo p.\n\n"
                f"In symbols: compute (sum over i >= 0 of C({n * k}, {k}*i + {r})) mod {mod}.\n\n"
                f"Answer with a single integer in the range [0, {mod}).")
