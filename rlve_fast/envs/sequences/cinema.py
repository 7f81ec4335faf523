"""Cinema: N people in turn pick a uniform random seat among K (N <= K) and walk right to the
first free seat, standing if there is none. Give the probability that everyone sits, as a
reduced fraction "A B".

The probability is (K + 1)**(N - 1) * (K - N + 1) / K**N (the parking-function count); the
only common factor is g = gcd(K - N + 1, K**N), so the answer is A = (K + 1)**(N - 1) * f and
B = K**N / g with f = (K - N + 1) / g.  Both numbers (up to 4,300 digits) and their decimal text
come from the compiled kernel, which raises each power in decimal limbs and in binary limbs
(CPython 3.11's int -> str is quadratic); the Python twin uses ints and "%d".
Reward: exactly two integers equal to the stored pair give 1, other pairs 0, anything else -1.
The stored ``gold_answer`` is compared as upstream compares it: a tuple against the stored
value, so a config whose pair came back from JSON as a list scores every answer 0.
Compiled scorer (_cinema_kernel.pyx): two int64s against a stored tuple of two int64s, or
against a stored list (never equal); other stored values and numbers beyond int64 in the
answer go to the Python scorer.
"""
from __future__ import annotations

import math

from rlve_fast.environment import Environment
from rlve_fast.envs._schedules import grow_by_half

try:
    from rlve_fast.envs.sequences._cinema_kernel import reference_answer as _compiled_reference_answer
    from rlve_fast.envs.sequences._cinema_kernel import pair_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer, and Python writes the decimal text
    _compiled_kernel = _compiled_reference_answer = None

MAX_DIGITS = 4300  # Python's default limit on int -> str: larger answers cannot be written
TOO_LONG = 10 ** MAX_DIGITS


def reduction(n: int, k: int):
    """(f, g) with the reduced fraction (k + 1)**(n - 1) * f / (k**n // g)."""
    if not 1 <= n <= k:
        raise ValueError("need 1 <= N <= K")
    free = k - n + 1
    # k + 1 and k are coprime, so only the factor k - n + 1 can share primes with k**n; its
    # multiplicity of any prime is below its bit length
    common = math.gcd(free, k ** min(n, free.bit_length() + 1))
    return free // common, common


def seating_probability(n: int, k: int):
    """(A, B) with A / B = (k + 1)**(n - 1) * (k - n + 1) / k**n in lowest terms."""
    factor, common = reduction(n, k)
    return (k + 1) ** (n - 1) * factor, k ** n // common


def reference_answer(n: int, k: int, with_text: bool = True):
    """(A, B, "A B") for seating_probability(n, k); ValueError when a number has more than
    MAX_DIGITS digits, as upstream cannot write it.  Without ``with_text`` the Python path
    leaves the text None (the compiled one writes it anyway: it is linear there).

    The compiled twin computes each power twice, in decimal limbs and in binary limbs: the
    decimal one is written out in linear time, where CPython's int -> str is quadratic (that
    conversion and the powers were most of a generation at the upper levels)."""
    if _compiled_reference_answer is not None:
        found = _compiled_reference_answer(n, k)  # None: outside its range, answered below
        if found is not None:
            return found
    if not 1 <= n <= k:
        raise ValueError("need 1 <= N <= K")
    if (n - 1) * math.log10(k) > MAX_DIGITS + 1:  # B >= K**(N-1) has too many digits
        raise ValueError("the fraction has more than %d digits" % MAX_DIGITS)
    factor, common = reduction(n, k)
    a, b = (k + 1) ** (n - 1) * factor, k ** n // common
    if a >= TOO_LONG or b >= TOO_LONG:
        raise ValueError("the fraction has more than %d digits" % MAX_DIGITS)
    return a, b, ("%d %d" % (a, b) if with_text else None)


class Cinema(Environment):
    id = "Cinema"
    parameter_types = {"gold_answer": object}
    # the generator writes the pair and its text form; solve() recomputes the pair (the text
    # form scores 0 on a JSON config, as upstream's own reference does)
    planted_answer = True
    exact_answer_keys = ("gold_answer",)

    correct = 1.0
    wrong = 0.0

    @staticmethod
    def schedule():
        return grow_by_half("MAX_N_K", 4)

    def sample(self, rng, parameter):
        top = parameter["MAX_N_K"]
        if top < 2:
            raise ValueError("MAX_N_K must be at least 2")
        parameter["N"] = rng.randint(2, top)
        parameter["K"] = k = rng.randint(parameter["N"], top)
        a, b, text = reference_answer(parameter["N"], k)
        parameter["gold_answer"] = [a, b]  # (the keys in upstream's order)
        parameter["reference_answer"] = text

    def solve(self, parameter):
        a, b, _ = reference_answer(parameter["N"], parameter["K"], with_text=False)
        return {"gold_answer": [a, b]}

    def prompt(self, parameter):
        n, k = parameter["N"], parameter["K"]
        return (f"A cinema has one row of {k} seats, numbered 1 to {k}. {n} people enter one after "
                f"another. Each person picks a number L from 1 to {k} uniformly at random, independently "
                "of everyone else, and walks to seat L; if it is taken they try L + 1, L + 2, and so on, "
                f"taking the first free seat, and if every seat from L to {k} is taken they stand.\n\n"
                f"What is the probability that all {n} people get a seat? Write it as a fraction A/B in "
                "lowest terms (gcd(A, B) = 1) and answer with the two integers A and B on one line, "
                "separated by a space (for example: 3 4).")

    def parse(self, answer):
        try:
            a, b = map(int, answer.split())
        except Exception:  # noqa: BLE001 - not exactly two integers
            return None
        return a, b

    def score(self, parameter, parsed):
        return self.correct if parsed == parameter["gold_answer"] else self.wrong

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for a stored tuple that is not two int64s, or a value neither list nor tuple:
        # the Python scorer compares those
        return _compiled_kernel(parameter["gold_answer"], self.correct, self.wrong, self.wrong_format)
