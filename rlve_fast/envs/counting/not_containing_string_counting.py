"""NotContainingStringCounting: count the binary strings of length N that do not contain a
given pattern as a substring, modulo MOD.

With the pattern's autocorrelation polynomial c(z) (a term z^i for every period i of the
pattern, c_0 = 1), the counts have generating function c(z) / (z^M + (1 - 2z) c(z))
(Guibas-Odlyzko), a linear recurrence of order M: its N-th term comes from x^N modulo the
characteristic polynomial by repeated squaring (compiled, O(M^2 log N)).
Reward: one integer; outside [0, MOD) -0.5, the right residue 1.0, another residue 0.0."""
from __future__ import annotations

from rlve_fast.envs._residue import ResidueAnswerEnvironment

try:
    from rlve_fast.envs.counting._not_containing_string_counting_solver import recurrence_term as _compiled
except ImportError:  # the extension is not built: the Python twin does the work
    _compiled = None


def avoiding_recurrence(pattern: str):
    """(recurrence, first terms): a_t = sum_k recurrence[k] a_(t-1-k) counts the binary strings
    of length t avoiding ``pattern`` (exact integers)."""
    m = len(pattern)
    border = [0] * m  # border[i]: longest proper border of pattern[:i + 1] (prefix function)
    for i in range(1, m):
        b = border[i - 1]
        while b and pattern[i] != pattern[b]:
            b = border[b - 1]
        border[i] = b + (pattern[i] == pattern[b])
    corr = [0] * m  # corr[i] = 1 when i is a period: a border of length m - i
    corr[0], b = 1, border[m - 1]
    while b:
        corr[m - b] = 1
        b = border[b - 1]
    # denominator z^m + (1 - 2z) c(z) = 1 + d_1 z + ... + d_m z^m
    denominator = [0] * (m + 1)
    for i, c in enumerate(corr):
        denominator[i] += c
        denominator[i + 1] -= 2 * c
    denominator[m] += 1
    first = [1 << t for t in range(m)]  # strings shorter than the pattern cannot contain it
    return [-d for d in denominator[1:]], first


def recurrence_term(recurrence, initial, n: int, mod: int) -> int:
    """Python twin of the compiled n-th term (x^n modulo the characteristic polynomial)."""
    order = len(recurrence)
    if n < order:
        return initial[n] % mod

    def times(a, b):
        prod = [0] * (2 * order - 1)
        for i, x in enumerate(a):
            for j, y in enumerate(b):
                prod[i + j] += x * y
        for i in range(2 * order - 2, order - 1, -1):
            for k, r in enumerate(recurrence):
                prod[i - 1 - k] += prod[i] * r
        return [v % mod for v in prod[:order]]

    result = [1] + [0] * (order - 1)
    base = [recurrence[0]] if order == 1 else [0, 1] + [0] * (order - 2)
    while n:
        if n & 1:
            result = times(result, base)
        base = times(base, base)
        n >>= 1
    return sum(r * a for r, a in zip(result, initial)) % mod


def count_avoiding(n: int, pattern: str, mod: int) -> int:
    recurrence, first = avoiding_recurrence(pattern)
    if _compiled is not None and mod < 1 << 31:
        return _compiled([r % mod for r in recurrence], [a % mod for a in first], n, mod)
    return recurrence_term(recurrence, first, n, mod)


class NotContainingStringCounting(ResidueAnswerEnvironment):
    id = "NotContainingStringCounting"
    max_mod = 10000

    @staticmethod
    def schedule():
        n, m = 8, 3
        while True:
            yield [{"MAX_N": n, "MAX_M": m}]
            n, m = n * 2, int(m * 1.1 + 1)

    def sample(self, rng, parameter):
        if parameter["MAX_N"] < 3 or parameter["MAX_M"] < 2:
            raise ValueError("MAX_N must be at least 3 and MAX_M at least 2")
        n = rng.randint(3, parameter["MAX_N"])
        m = rng.randint(2, min(n - 1, parameter["MAX_M"]))
        ones = rng.random()
        pattern = "".join("1" if rng.random() < ones else "0" for _ in range(m))
        parameter.update(N=n, pattern=pattern, MOD=rng.randint(2, self.max_mod))

    def solve(self, parameter):
        return {"reference_answer": count_avoiding(parameter["N"], parameter["pattern"], parameter["MOD"])}

    def prompt(self, parameter):
        n, mod = parameter["N"], parameter["MOD"]
        return (f"Consider all strings of length {n} made of the characters 0 and 1. How many of them do not "
                f"contain {parameter['pattern']} as a block of consecutive characters anywhere? Give the "
                f"count modulo {mod}, as a single integer from 0 to {mod - 1}.")
