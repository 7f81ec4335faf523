"""PolynomialMinimum: give the x that minimises f(x) = sum(a * (x - s)**d) over even degrees d
(a in 1..2, s in -2..2), a convex polynomial handed over as its integer coefficients.

Answer: one real number. Reward (upstream's "piecewise", with f computed as SymPy's
``float(f.evalf(subs={x: answer}))``): at or above f(0) it is 0.95 if also at most the
reference value, else 0; between the reference value and f(0) it is
0.95 * ((f(0) - f) / (f(0) - f_ref))**5; below the reference value it is
0.95 + 0.05 / (1 + 1 / max(f_ref - f, 1e-8)). Not a finite float: -1.

SymPy's evalf is slow, so its steps are replayed on mpmath numbers (``_polynomial_evalf``),
exact cancellations included; SymPy itself runs only for an all-zero coefficient list. The
minimiser is the single real root of f' (f is convex), found by bisection over the doubles
with exact integer signs.
"""
from __future__ import annotations

import functools
import math
import struct

from rlve_fast import deadline
from rlve_fast.environment import Environment
from rlve_fast.envs._schedules import step_by_one
from rlve_fast.envs.symbolic._polynomial_evalf import evalf_value
from rlve_fast.envs.symbolic._sympy_exact import sympy

MAX_WEIGHT = 2
RANDOM_CANDIDATES = 5
THRESHOLD = 0.95
BETA = 5.0
TOLERANCE = 2.0 ** -52  # mpmath's eps at 53 bits: smaller root approximations become 0


# ----------------------------------------------------------------------------- f(x)
@functools.lru_cache(maxsize=256)
def _sympy_polynomial(coeffs: tuple):
    sp = sympy()
    x = sp.Symbol("x")
    return x, sum(c * (x ** i) for i, c in enumerate(coeffs))


def sympy_value(coeffs: tuple, point: float) -> float:
    """upstream's f(point): float(f.evalf(subs={x: point}))."""
    x, f = _sympy_polynomial(coeffs)
    return float(f.evalf(subs={x: point}))


def polynomial_value(coeffs, point: float) -> float:
    """f(point) exactly as upstream's scorer computes it."""
    return _value(tuple(coeffs), point)


@functools.lru_cache(maxsize=65536)
def _value(coeffs: tuple, point: float) -> float:  # RL scores the same answer many times
    fast = evalf_value(coeffs, point)
    return fast if fast is not None else sympy_value(coeffs, point)


# ----------------------------------------------------------------------------- the minimum
def _derivative_sign(dcoeffs, num: int, den: int) -> int:
    """The sign of f'(num / den): sum d_i num^i den^(n-i) by Horner from the top."""
    value, power = 0, 1
    for i in range(len(dcoeffs) - 1, -1, -1):
        value = value * num + dcoeffs[i] * power
        power *= den
    return (value > 0) - (value < 0)


def _ordered(key: int) -> float:
    """The double whose position in the order of doubles is ``key`` (inverse of _key)."""
    bits = key if key >= 0 else -key
    value = struct.unpack("<d", struct.pack("<q", bits))[0]
    return value if key >= 0 else -value


def _key(value: float) -> int:
    bits = struct.unpack("<q", struct.pack("<d", abs(value)))[0]
    return bits if value >= 0 else -bits


def minimum_point(coeffs) -> float:
    """The root of f' as mpmath's polyroots reports it through SymPy's nroots: the real root
    rounded to a double, or 0.0 when it is smaller than 2**-52 in size.

    Every term a * (x - s)**d is convex and the d = 2 one strictly so, hence f' increases
    and has a single real root, in [-2, 2]; it is found by bisection over the doubles with
    exact signs of f'."""
    dcoeffs = [i * c for i, c in enumerate(coeffs)][1:]
    if not any(dcoeffs):
        raise ValueError("the polynomial is constant")

    def sign(point: float) -> int:
        return _derivative_sign(dcoeffs, *point.as_integer_ratio())

    lo, hi = _key(-2.0), _key(2.0)
    if sign(-2.0) > 0 or sign(2.0) < 0:
        raise ValueError("the derivative has no root in [-2, 2]")
    # invariant: f'(lo) <= 0 <= f'(hi); shrink to neighbouring doubles
    while hi - lo > 1:
        deadline.check()
        mid = (lo + hi) // 2
        s = sign(_ordered(mid))
        if s == 0:
            lo = hi = mid
            break
        if s < 0:
            lo = mid
        else:
            hi = mid
    a, b = _ordered(lo), _ordered(hi)
    if a == b or sign(a) == 0:
        root = a
    elif sign(b) == 0:
        root = b
    else:  # the root is strictly between: round to nearest (ties to even)
        na, da = a.as_integer_ratio()
        nb, db = b.as_integer_ratio()
        den = max(da, db)  # (a + b) / 2 = (na * den/da + nb * den/db) / (2 * den)
        s = _derivative_sign(dcoeffs, na * (den // da) + nb * (den // db), 2 * den)
        if s > 0:
            root = a
        elif s < 0:
            root = b
        else:
            root = a if struct.unpack("<q", struct.pack("<d", a))[0] % 2 == 0 else b
    if abs(root) < TOLERANCE or (abs(root) == TOLERANCE and sign(root) * root > 0):
        return 0.0
    return root


def expanded_coefficients(terms, degree: int):
    """Integer coefficients c_0..c_degree of sum(a * (x - s)**d) over (a, s, d) in terms."""
    coeffs = [0] * (degree + 1)
    for a, s, d in terms:
        deadline.check()
        binomial = 1
        for j in range(d, -1, -1):  # x**j has C(d, j) * (-s)**(d - j)
            coeffs[j] += a * binomial * (-s) ** (d - j)
            binomial = binomial * j // (d - j + 1)
    return coeffs


def render_polynomial(coeffs) -> str:
    parts = []
    for i in range(len(coeffs) - 1, -1, -1):
        c = coeffs[i]
        if not c:
            continue
        power = "" if i == 0 else ("x" if i == 1 else "x**%d" % i)
        size = abs(c)
        body = str(size) if not power else (power if size == 1 else "%d*%s" % (size, power))
        if not parts:
            parts.append(("-" if c < 0 else "") + body)
        else:
            parts.append(("- " if c < 0 else "+ ") + body)
    return " ".join(parts) if parts else "0"


class PolynomialMinimum(Environment):
    id = "PolynomialMinimum"
    requires = {"sympy": "symbolic"}
    parameter_types = {"coeffs": [int], "reference_value": float, "worst_value": float}
    passing_reward_threshold = THRESHOLD * (0.999 ** BETA)
    # the generator also tries 5 random points, as upstream does; they can only win where
    # the root search fails, so solve() (from the coefficients alone) leaves them out
    planted_answer = True

    @staticmethod
    def schedule():
        return step_by_one("N", 2, 2)

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 2 or n % 2:
            raise ValueError("N must be an even number of at least 2")
        degrees = list(range(2, n, 2))
        rng.shuffle(degrees)
        terms = []
        for d in [n] + degrees:
            a = rng.randint(1, MAX_WEIGHT)
            s = rng.randint(-MAX_WEIGHT, MAX_WEIGHT)
            terms.append((a, s, d))
        parameter["coeffs"] = expanded_coefficients(terms, n)
        extra = [rng.uniform(-MAX_WEIGHT, MAX_WEIGHT) for _ in range(RANDOM_CANDIDATES)]
        parameter.update(self._answer(parameter["coeffs"], extra))

    def _answer(self, coeffs, extra):
        deadline.check()
        points = [0.0] + list(extra) + [minimum_point(coeffs)]
        values = [polynomial_value(coeffs, p) for p in points]
        best = values.index(min(values))
        return {"reference_answer": float(points[best]), "reference_value": float(values[best]),
                "worst_value": values[0]}

    def solve(self, parameter):
        return self._answer(parameter["coeffs"], ())

    def prompt(self, parameter):
        return (f"Let f(x) = {render_polynomial(parameter['coeffs'])}.\n"
                "Find the real number x0 at which f takes its smallest value.\n\n"
                "Answer with x0 as a single decimal number (for example: -0.731).")

    def parse(self, answer):
        try:
            value = float(answer.strip())
        except ValueError:
            return None
        return value if math.isfinite(value) else None

    def score(self, parameter, parsed):
        value = polynomial_value(parameter["coeffs"], parsed)
        best, worst = parameter["reference_value"], parameter["worst_value"]
        if value >= worst:
            return THRESHOLD * (value <= best)
        if value >= best:
            return THRESHOLD * (((worst - value) / (worst - best)) ** BETA)
        return THRESHOLD + (1.0 - THRESHOLD) / (1 + 1 / max(best - value, 1e-8))
