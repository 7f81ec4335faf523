"""PolynomialInterpolation: recover the integer coefficients a_0..a_N of a degree-N
polynomial from its values at N + 1 distinct points.

The generator plants the coefficients; the solver interpolates them back from the points
(Newton's divided differences, exact).  Answer: a_0 ... a_N on one line.  Reward:
(coefficients in the right place / (N + 1))^10; a list of another length is -0.5; no list of
integers is -1."""
from __future__ import annotations

from fractions import Fraction

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._schedules import plus_tenth, single_parameter

try:
    from rlve_fast._core.kernel import ListMatch
except ImportError:  # not built: the Python scorer only
    ListMatch = None

MAX_WEIGHT = 5


def evaluate(coeffs, x: int) -> int:
    value = 0
    for c in reversed(coeffs):
        value = value * x + c
    return value


def evaluate_all(coeffs, xs):
    """[f(x) for x in xs], compiled where the extension is built."""
    try:
        from rlve_fast.envs.arithmetic._wide_integer_solvers import evaluate_points
        return evaluate_points(coeffs, xs)
    except (ImportError, OverflowError):
        return [evaluate(coeffs, x) for x in xs]


def interpolate(xs, ys):
    """Coefficients (lowest degree first) of the polynomial of degree < len(xs) through the
    points; integers where they are integers, Fractions otherwise."""
    n = len(xs)
    if n == 0 or len(ys) != n or len(set(xs)) != n:
        raise ValueError("need equally many distinct x and y values")
    # divided differences: exact integer division while it stays exact
    diff = list(ys)
    for j in range(1, n):
        deadline.check()
        for i in range(n - 1, j - 1, -1):
            num, den = diff[i] - diff[i - 1], xs[i] - xs[i - j]
            if isinstance(num, int) and num % den == 0:
                diff[i] = num // den
            else:
                diff[i] = Fraction(num, den)
    # Newton form to monomials, from the innermost factor out
    poly = [diff[n - 1]]
    for i in range(n - 2, -1, -1):
        shifted = [0] + poly
        for d, c in enumerate(poly):
            shifted[d] -= c * xs[i]
        shifted[0] += diff[i]
        poly = shifted
    return [int(c) if isinstance(c, int) or c.denominator == 1 else c for c in poly]


class PolynomialInterpolation(Environment):
    id = "PolynomialInterpolation"
    parameter_types = {"N": int, "coeffs": [int]}
    planted_answer = True
    invalid_solution = -0.5
    beta = 10.0
    weight = 1.0

    @staticmethod
    def schedule():
        return single_parameter("N", 2, plus_tenth)

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 2:
            raise ValueError("N must be at least 2")
        coeffs = [rng.randint(-MAX_WEIGHT, MAX_WEIGHT) for _ in range(n)] + [rng.randint(1, MAX_WEIGHT)]
        parameter["coeffs"] = coeffs
        parameter["reference_answer"] = " ".join(map(str, coeffs))
        xs = parameter["X"] = rng.sample(range(-n, n + 1), n + 1)
        parameter["Y"] = evaluate_all(coeffs, xs)

    def solve(self, parameter):
        coeffs = interpolate(parameter["X"], parameter["Y"])
        if not all(isinstance(c, int) for c in coeffs):
            raise ValueError("the points do not lie on a polynomial with integer coefficients")
        return {"coeffs": coeffs, "reference_answer": " ".join(map(str, coeffs))}

    def prompt(self, parameter):
        n = parameter["N"]
        points = "\n".join("f(%d) = %d" % (x, y) for x, y in zip(parameter["X"], parameter["Y"]))
        return (f"A polynomial f(x) = a_0 + a_1*x + a_2*x^2 + ... + a_{n}*x^{n} of degree {n} has "
                f"integer coefficients a_0, a_1, ..., a_{n}. Its values at {n + 1} points are:\n"
                f"{points}\n\n"
                f"Find the coefficients. Answer with a_0 a_1 ... a_{n} in that order on a single "
                f"line, separated by spaces.")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n = parameter["N"]
        if len(parsed) != n + 1:
            return self.invalid_solution
        same = sum(int(a == b) for a, b in zip(parameter["coeffs"], parsed))
        return self.weight * ((same / (n + 1)) ** self.beta)

    def kernel(self, parameter):
        if ListMatch is None:
            return None  # not built: the Python scorer
        if len(parameter["coeffs"]) != parameter["N"] + 1:
            return None  # an unusual config: the Python scorer reproduces upstream on it
        return ListMatch(parameter["coeffs"], self.beta, self.weight, self.wrong_format,
                         self.invalid_solution)
