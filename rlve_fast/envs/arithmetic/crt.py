"""CRT: find a non-negative x satisfying x = r_i (mod b_i) for every given congruence.

Any solution is right (the stored reference is the x the instance was built from); our solver
merges the congruences pairwise (generalised Chinese remainder theorem, moduli need not be
coprime) and returns the least one.
Reward: (satisfied/all)^10; a negative x or no integer is -1."""
from __future__ import annotations

from math import gcd

from rlve_fast.answers import int_answer
from rlve_fast.environment import Environment

try:
    from rlve_fast.envs.arithmetic._crt_kernel import CRTKernel
except ImportError:  # not built: the Python scorer only
    CRTKernel = None


def solve_congruences(residues, moduli):
    """Least non-negative x with x = r (mod m) for all pairs, or None if inconsistent."""
    x, step = 0, 1
    for r, m in zip(residues, moduli):
        g = gcd(step, m)
        if (r - x) % g:
            return None
        # x + step * t = r (mod m)  ->  t = (r - x) / g * inverse(step / g) (mod m / g)
        modulus = m // g
        t = ((r - x) // g * pow(step // g, -1, modulus)) % modulus if modulus > 1 else 0
        x += step * t
        step = step // g * m
        x %= step
    return x


class CRT(Environment):
    id = "CRT"
    parameter_types = {"B": [int], "X_mod_B": [int]}
    exact_answer_keys = ()  # any solution is right
    beta = 10.0

    @staticmethod
    def schedule():
        max_x, max_m, stage = 5, 2, 0
        while True:
            yield [{"MAX_X": max_x, "M": m} for m in range(2, max_m + 1)]
            stage += 1
            if stage % 3 == 0:
                max_m += 1
            else:
                max_x = int(max_x * 1.5)

    def sample(self, rng, parameter):
        if parameter["MAX_X"] < 2 or parameter["M"] < 1:
            raise ValueError("need MAX_X >= 2 and M >= 1")
        x = rng.randint(2, parameter["MAX_X"])
        moduli = rng.sample(range(2, x + 1), min(parameter["M"], x - 1))
        parameter.update(B=moduli, X_mod_B=[x % b for b in moduli])

    def solve(self, parameter):
        # Upstream stores the x the instance was built from; we store the least solution,
        # which every config built this way has (x itself is one) and which scores the same.
        return {"reference_answer": solve_congruences(parameter["X_mod_B"], parameter["B"])}

    def prompt(self, parameter):
        lines = "\n".join("x = %d (mod %d)" % (r, b) for r, b in zip(parameter["X_mod_B"], parameter["B"]))
        return (f"Find a non-negative integer x that satisfies all {len(parameter['B'])} of these "
                f"congruences at once:\n{lines}\n\nAnswer with one such integer x.")

    def parse(self, answer):
        return int_answer(answer)

    def score(self, parameter, parsed):
        if parsed < 0:
            return self.wrong_format
        moduli = parameter["B"]
        satisfied = sum(int(parsed % b == r) for r, b in zip(parameter["X_mod_B"], moduli))
        return (satisfied / len(moduli)) ** self.beta

    def kernel(self, parameter):
        if CRTKernel is None:
            return None  # not built: the Python scorer
        return CRTKernel(parameter["B"], parameter["X_mod_B"], self.beta, self.wrong_format)
