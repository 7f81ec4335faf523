"""Matrix_BinaryExponentiation: the K-th power of an N x N matrix, entries mod 10000.

Solved by repeated squaring (compiled).  Answer: N lines of N integers.  Reward:
(cells equal to the true power / N^2)^5; any other shape or a non-integer is -1."""
from __future__ import annotations

from array import array

from rlve_fast.answers import int_rows_answer
from rlve_fast.environment import Environment

try:
    from rlve_fast.envs.arithmetic._matrix_kernels import matrix_match_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None

MODULO = 10000


def matrix_power_python(rows, k: int, mod: int):
    n = len(rows)

    def times(a, b):
        columns = list(zip(*b))
        return [[sum(x * y for x, y in zip(row, col)) % mod for col in columns] for row in a]

    acc = [[int(i == j) for j in range(n)] for i in range(n)]
    base = [list(row) for row in rows]
    while k > 0:
        if k & 1:
            acc = times(acc, base)
        base = times(base, base)
        k >>= 1
    return acc


def matrix_power(rows, k: int, mod: int):
    """rows^k with entries mod ``mod`` (k >= 0; k = 0 gives the identity)."""
    if k >= 1 and 2 <= mod < 1 << 31 and k < 1 << 64:
        try:
            from rlve_fast.envs.arithmetic._matrix_kernels import matrix_power_mod
        except ImportError:
            pass
        else:
            return matrix_power_mod(rows, k, mod)
    return matrix_power_python(rows, k, mod)


def uniform_below(rng, bound: int, count: int):
    """``count`` independent uniform draws from range(bound) (bound <= 2**16), taken in bulk
    from 16-bit chunks of random bits: masked to bound's bit length, out-of-range ones dropped."""
    mask = (1 << (bound - 1).bit_length()) - 1
    out = []
    while len(out) < count:
        chunks = array("H", rng.getrandbits(32 * (count - len(out)) + 128).to_bytes(4 * (count - len(out)) + 16, "little"))
        out += [c for c in (c & mask for c in chunks) if c < bound]
    return out[:count]


def matrix_text(rows) -> str:
    return "\n".join(" ".join(map(str, row)) for row in rows)


class MatrixBinaryExponentiation(Environment):
    id = "Matrix_BinaryExponentiation"
    parameter_types = {"N": int, "gold_answer": [[int]]}
    beta = 5.0
    weight = 1.0

    @staticmethod
    def schedule():
        max_k = 2
        while True:
            yield [{"N": n, "MAX_K": max_k} for n in (2, 3, 5, 10)]
            max_k *= 2

    def sample(self, rng, parameter):
        n, max_k = parameter["N"], parameter["MAX_K"]
        if n < 1 or max_k < 2:
            raise ValueError("need N >= 1 and MAX_K >= 2")
        parameter["K"] = rng.randint(2, max_k)
        cells = uniform_below(rng, MODULO, n * n)
        parameter["A"] = [cells[i * n:(i + 1) * n] for i in range(n)]

    def solve(self, parameter):
        gold = matrix_power(parameter["A"], parameter["K"], MODULO)
        return {"gold_answer": gold, "reference_answer": matrix_text(gold)}

    def prompt(self, parameter):
        n, k = parameter["N"], parameter["K"]
        zeros = "\n".join(" ".join(["0"] * n) for _ in range(n))
        return (f"Here is a {n} x {n} matrix A; line i lists row i, so the j-th number on it is "
                f"A[i][j]:\n{matrix_text(parameter['A'])}\n\n"
                f"Compute the matrix power A^{k} (A multiplied by itself, {k} factors in all), "
                f"reducing every entry modulo {MODULO}.\n\n"
                f"Give A^{k} in the same layout: {n} lines, each with {n} integers separated by "
                f"spaces. For example, the all-zero {n} x {n} matrix would be written:\n{zeros}")

    def parse(self, answer):
        return int_rows_answer(answer)

    def score(self, parameter, parsed):
        n = parameter["N"]
        if len(parsed) != n or any(len(row) != n for row in parsed):
            return self.wrong_format
        same = sum(sum(a == g for a, g in zip(row, gold_row))
                   for row, gold_row in zip(parsed, parameter["gold_answer"]))
        return self.weight * ((same / (n * n)) ** self.beta)

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (gold not an N x N matrix of int64s): the Python scorer
        # reproduces upstream on them
        return _compiled_kernel(parameter["N"], parameter["gold_answer"], self.beta, self.weight,
                                self.wrong_format)
