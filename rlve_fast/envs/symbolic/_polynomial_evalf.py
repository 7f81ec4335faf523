"""``float(f.evalf(subs={x: t}))`` for f = sum(c_i * x**i) with integer c_i and a float t,
without building SymPy objects.

Upstream scores PolynomialMinimum with that SymPy call, whose last bits (and, at exact
cancellation, whole digits) depend on how evalf works. This module replays evalf's steps for
this one shape of expression on mpmath numbers, which gives the same float at a fraction of
the cost:

* ``Expr.evalf`` (15 digits) asks ``evalf`` for 53 + 4 = 57 bits and turns the result into a
  Float of min(53, accuracy) bits, then a float (``to_float``);
* ``evalf_add`` evaluates each term to prec + 10 bits, sums them with ``add_terms`` (exactly,
  except that terms beyond a 2 * prec bit window of the running sum are dropped, which is
  why the order of ``Add.args`` can matter), rounds the sum to 57 bits and estimates its
  accuracy; below 57 bits it retries with more precision, up to evalf's ``maxprec``;
* a term is an Integer (``from_int``, truncating), ``x**i`` (``mpf_pow_int``, truncating),
  or ``c*x**i`` / ``c*x`` (``evalf_mul``: the integer and the power taken 7 bits finer,
  multiplied exactly, rounded to nearest);
* the substituted symbol reports as its accuracy the highest precision it was asked for so
  far in the call (``evalf_symbol``'s cache); only a term that is x alone shows that.

An exact cancellation is replayed too: evalf keeps raising the precision up to maxprec and
then reports 2**(largest term error) at 1 bit of precision (its "scaled zero").
"""
from __future__ import annotations

import functools
import math
from typing import Optional, Sequence

from rlve_fast import deadline

TARGET_BITS = 57   # 15 digits: dps_to_prec(15) = 53, and Expr.evalf asks for 4 more
FLOAT_BITS = 53
MAX_PREC = 332     # Expr.evalf's default maxprec: int(100 * log2(10))


@functools.lru_cache(maxsize=1)
def _mp():
    from mpmath import libmp  # installed with sympy
    return libmp


def _arg_key(i: int, c: int):
    """Where c * x**i sits in SymPy's Add.args (``Basic.compare``): the number first, then x,
    then powers x**i by exponent, then products c * x**i by the class of c (-1 is
    NegativeOne, before Integer), then c, then x before x**i, then i."""
    if i == 0:
        return (0,)
    if c == 1:
        return (1,) if i == 1 else (2, i)
    return (3, c != -1, c, i != 1, i)


def add_order(coeffs) -> list:
    """The degrees of the non-zero terms in the order of SymPy's ``Add.args``."""
    return sorted((i for i, c in enumerate(coeffs) if c), key=lambda i: _arg_key(i, coeffs[i]))


class _Pass:
    """One evaluation of the terms at a given precision, recording the highest precision
    at which x was requested (for the accuracy a bare x term reports)."""

    def __init__(self, mp, coeffs, base, asked: float):
        self.mp, self.coeffs, self.base, self.asked = mp, coeffs, base, asked

    def term(self, i: int, bits: int):
        mp, c = self.mp, self.coeffs[i]
        if i == 0:
            return mp.from_int(c, bits), bits
        if c == 1:
            if i == 1:  # x alone: evalf_symbol answers from its cache
                self.asked = max(self.asked, bits)
                return self.base, self.asked
            self.asked = max(self.asked, bits + int(math.log2(i)) + 5)
            return mp.mpf_pow_int(self.base, i, bits), bits
        finer = bits + 7  # evalf_mul: prec + len(args) + 5
        self.asked = max(self.asked, finer if i == 1 else finer + int(math.log2(i)) + 5)
        cs, cm, ce, _ = mp.from_int(c, finer)
        ps, pm, pe, _ = self.base if i == 1 else mp.mpf_pow_int(self.base, i, finer)
        man = cm * pm
        return mp.normalize(cs ^ ps, man, ce + pe, mp.bitcount(man), bits, mp.round_nearest), bits


def _add_terms(mp, values, window: int):
    """add_terms: (sum rounded to TARGET_BITS, its accuracy), or (None, the largest term
    error exponent) when the terms cancel exactly (evalf's "scaled zero")."""
    total, low, errors = 0, 0, []
    for (sign, man, exp, bc), accuracy in values:
        if sign:
            man = -man
        errors.append(bc + exp - accuracy)
        delta = exp - low
        if exp >= low:
            if delta > window and (not total or delta - mp.bitcount(abs(total)) > window):
                total, low = man, exp
            else:
                total += man << delta
        else:
            delta = -delta
            if delta - bc > window:
                if not total:
                    total, low = man, exp
            else:
                total = (total << delta) + man
                low = exp
    if not total:
        return None, max(errors)
    size = mp.bitcount(abs(total))
    rounded = mp.normalize(int(total < 0), abs(total), low, size, TARGET_BITS, mp.round_nearest)
    return rounded, low + size - max(errors)


def _finish(mp, value, accuracy) -> float:
    sign, man, exp, bc = value
    bits = max(min(FLOAT_BITS, accuracy), 1)
    return mp.to_float(mp.normalize(sign, man, exp, bc, bits, mp.round_nearest))


def _evaluate(mp, coeffs, base, order) -> float:
    prec, step, asked = TARGET_BITS, 0, -math.inf
    while True:
        deadline.check()
        bits = prec + 10
        sweep = _Pass(mp, coeffs, base, asked)
        values = [sweep.term(i, bits) for i in order]
        asked = sweep.asked
        value, accuracy = _add_terms(mp, values, 2 * prec)
        if value is None:  # a scaled zero: 2**error with accuracy -1, and evalf tries on
            value, accuracy = (0, 1, accuracy, 1), -1
        if accuracy >= TARGET_BITS or prec - TARGET_BITS > min(MAX_PREC, 2 * prec):
            return _finish(mp, value, accuracy)
        prec += max(10 + 2 ** step, TARGET_BITS - accuracy)
        step += 1


def evalf_value(coeffs: Sequence[int], point: float) -> Optional[float]:
    """float(sum(c_i * x**i).evalf(subs={x: point})), or None where SymPy must decide (no
    non-zero coefficient, or a point that is not finite)."""
    mp = _mp()
    coeffs = list(coeffs)
    nonzero = [i for i, c in enumerate(coeffs) if c]
    if not nonzero or not math.isfinite(point):
        return None
    if point == 0.0:  # every x term vanishes; the constant alone is kept, as evaluated
        if not coeffs[0]:
            return 0.0
        bits = TARGET_BITS + 10 if len(nonzero) > 1 else TARGET_BITS
        return _finish(mp, mp.from_int(coeffs[0], bits), bits)
    base = mp.from_float(point)
    if len(nonzero) == 1:  # not an Add: the lone term is evaluated at 57 bits directly
        value, accuracy = _Pass(mp, coeffs, base, -math.inf).term(nonzero[0], TARGET_BITS)
        return _finish(mp, value, accuracy)
    return _evaluate(mp, coeffs, base, add_order(coeffs))
