"""MaxXorSet: choose indices of an array so that the XOR of the chosen elements is as large as
possible.

Answer: the indices on one line (repeats allowed: they cancel). Reward: (xor/optimum)^5; an
index out of range is -0.5; no list of integers is -1."""
from __future__ import annotations

from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment


try:
    from rlve_fast.envs.optimization._max_xor_set_kernel import max_xor_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None


def max_subset_xor(values) -> int:
    """The largest XOR of a subset: build a GF(2) basis whose vectors have distinct highest
    bits, then from the highest bit down fold in each vector that raises the running value."""
    basis = {}  # highest set bit -> vector
    for value in values:
        while value:
            top = value.bit_length() - 1
            if top not in basis:
                basis[top] = value
                break
            value ^= basis[top]
    best = 0
    for top in sorted(basis, reverse=True):
        if best ^ basis[top] > best:
            best ^= basis[top]
    return best


class MaxXorSet(Environment):
    id = "MaxXorSet"
    parameter_types = {"N": int, "A": [int], "gold_answer": int}
    exact_answer_keys = ("gold_answer",)

    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        n, bits = 3, 3
        while True:
            yield [{"N": n, "MAX_bit_length": b} for b in range(bits, bits + 5)]
            n = int(n * 1.1 + 1)
            while 2 ** bits - 2 < 2 * n:
                bits += 1

    def sample(self, rng, parameter):
        n, bits = parameter["N"], parameter["MAX_bit_length"]
        if n < 2 or bits < 2:
            raise ValueError("need N >= 2 and MAX_bit_length >= 2")
        parameter["A"] = [rng.randint(1, 2 ** bits - 2) for _ in range(n)]

    def solve(self, parameter):
        return {"gold_answer": max_subset_xor(parameter["A"])}

    def prompt(self, parameter):
        values = "\n".join("A[%d]=%d" % (i, a) for i, a in enumerate(parameter["A"]))
        return (f"An array A holds {parameter['N']} positive integers:\n{values}\n\n"
                "Pick any number of its positions i_1, ..., i_k so that A[i_1] XOR A[i_2] XOR ... XOR "
                "A[i_k] (bitwise exclusive or of the picked elements) is as large as possible.\n\n"
                "Answer with the picked positions on a single line, separated by spaces "
                "(for example: 0 1).")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n, values = parameter["N"], parameter["A"]
        if not all(0 <= i < n for i in parsed):
            return self.invalid_solution
        total = 0
        for i in parsed:
            total ^= values[i]
        if total > parameter["gold_answer"]:
            raise ValueError("a XOR above the stored optimum: the config is wrong")
        return (total / parameter["gold_answer"]) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for a short array, values beyond exact doubles or an optimum beyond int64: the
        # Python scorer decides there
        return _compiled_kernel(parameter["N"], parameter["A"], parameter["gold_answer"], self.beta,
                                self.wrong_format, self.invalid_solution)
