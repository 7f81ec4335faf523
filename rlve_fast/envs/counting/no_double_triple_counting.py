"""NoDoubleTripleCounting: how many subsets of {1, ..., N} never contain both x and 2x, nor
both x and 3x?

The numbers split into components {2^i 3^j x <= N} for x coprime to 6; a component is the
staircase shape {(i, j): 2^i 3^j <= N // x} where a subset may not take two cells next to each
other in a row or a column. The shape depends only on the largest 3-smooth number s <= N // x,
so the answer is prod_s f(s)^(number of such x). f(s) stacks the bottom row (the 3-chain of
x) under the shape of s // 2: a row-mask DP with subset sums (compiled, 128-bit), and the
product is taken by squaring over the bits of the exponents.
Reward: (min/max)^10 against the true count; an answer <= 0 is wrong-format."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.envs.counting._multimodular import combine_all
from rlve_fast.integer_answer import IntegerAnswerEnvironment

try:
    from rlve_fast.envs.counting._no_double_triple_counting_solver import shape_counts_mod as _compiled
except ImportError:  # the extension is not built: the Python twin does the work
    _compiled = None


def smooth_numbers(n: int):
    """The 3-smooth numbers 2^i 3^j <= n, ascending."""
    out, p2 = [], 1
    while p2 <= n:
        p = p2
        while p <= n:
            out.append(p)
            p *= 3
        p2 *= 2
    return sorted(out)


def shape_counts(smooth):
    """Python twin of the compiled counts: valid subsets of each shape, by bottom-row mask."""
    tables, out = {}, []
    for s in smooth:
        length = 0
        while 3 ** length <= s:
            length += 1
        masks = [m for m in range(1 << length) if not m & (m << 1)]
        parent = max((t for t in tables if t <= s // 2), default=None)
        if parent is None:
            table = {m: 1 for m in masks}
        else:
            table = {m: sum(c for pm, c in tables[parent].items() if not pm & m) for m in masks}
        tables[s] = table
        out.append(sum(table.values()))
        deadline.check()
    return out


def _coprime_to_6_up_to(y: int) -> int:
    return y - y // 2 - y // 3 + y // 6


def power_product(bases, exponents) -> int:
    """prod bases[i] ** exponents[i], squaring once per exponent bit for all of them."""
    result = 1
    for bit in range(max(exponents, default=0).bit_length() - 1, -1, -1):
        result *= result
        for b, e in zip(bases, exponents):
            if e >> bit & 1:
                result *= b
        deadline.check()
    return result


def count_free_subsets(n: int) -> int:
    smooth = smooth_numbers(n)
    if _compiled is not None:
        # rows of lengths L_i allow at most prod F(L_i + 2) <= prod phi^(L_i + 1) subsets; the
        # largest shape has len(smooth) cells in at most n.bit_length() rows
        bits = int(0.7 * (len(smooth) + n.bit_length())) + 2
        counts = combine_all(bits, lambda p: _compiled(smooth, p))
    else:
        counts = shape_counts(smooth)
    roots = []  # x coprime to 6 whose component has shape s: s <= n // x < next smooth number
    for i, s in enumerate(smooth):
        nxt = smooth[i + 1] if i + 1 < len(smooth) else None
        roots.append(_coprime_to_6_up_to(n // s) - (_coprime_to_6_up_to(n // nxt) if nxt else 0))
    twos = sum(e for f, e in zip(counts, roots) if f == 2)  # single-cell shapes: a shift
    bases = [f for f, e in zip(counts, roots) if f != 2 and e]
    return power_product(bases, [e for f, e in zip(counts, roots) if f != 2 and e]) << twos


class NoDoubleTripleCounting(IntegerAnswerEnvironment):
    id = "NoDoubleTripleCounting"
    lowest_valid = 1

    @staticmethod
    def schedule():
        limit = 10
        while True:
            yield [{"MAX_N": limit}]
            limit = int(limit * 1.5)

    def sample(self, rng, parameter):
        if parameter["MAX_N"] < 3:
            raise ValueError("MAX_N must be at least 3")
        parameter["N"] = rng.randint(3, parameter["MAX_N"])

    def solve(self, parameter):
        return {"reference_answer": count_free_subsets(parameter["N"])}

    def prompt(self, parameter):
        n = parameter["N"]
        return (f"Consider the subsets of {{1, 2, ..., {n}}} (the empty set included) with this property: "
                "whenever a number x belongs to the subset, neither 2x nor 3x belongs to it. How many such "
                "subsets are there?\n\nAnswer with a single integer.")
