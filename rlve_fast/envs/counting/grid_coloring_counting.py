"""GridColoringCounting: colour cells of an N x M grid with C colours, colour k on exactly
X[k] cells, so that no row and no column holds two different colours; count the colourings
modulo MOD (the generator redraws instances whose count is 0 modulo MOD).

Colours own disjoint row and column sets. g_k(a, b), the placements of X[k] cells on a x b
cells touching all a rows and b columns, comes from two one-dimensional inclusion-exclusion
passes (empty columns, then empty rows). A DP over colours tracks (rows used, columns used),
skipping states the remaining colours cannot fit into; the last colour is summed in through
a separable transform. Binomials C(n, X) modulo a composite MOD track the exponents of the
primes dividing MOD. Compiled for MOD < 2**31.
Reward: one integer; outside [0, MOD) -0.5, the right residue 1.0, another residue 0.0."""
from __future__ import annotations

from math import comb, sqrt

from rlve_fast import deadline
from rlve_fast.envs._residue import ResidueAnswerEnvironment

try:
    from rlve_fast.envs.counting import _grid_coloring_counting_solver as _compiled
except ImportError:  # the extension is not built: the Python twins below do the work
    _compiled = None

UNREACHABLE = float("inf")


def columns_needed(n: int, m: int, xs) -> float:
    """Fewest columns the colours need when n rows are available: a colour of x cells on a
    rows (a <= x) needs ceil(x / a) columns, at most m. More than m: no colouring exists."""
    need = [0] * (n + 1)  # for the colours after the current one, by rows available
    for x in reversed(xs):
        need = [min((-(-x // a) + need[p - a] for a in range(1, min(p, x) + 1) if -(-x // a) <= m),
                    default=UNREACHABLE) for p in range(n + 1)]
    return need[n]


def cover_counts(n: int, m: int, x: int, mod: int):
    """{(a, b): placements of x cells on a x b cells touching every row and column, mod mod}."""
    rows, cols = min(n, x), min(m, x)
    every_column = {(s, b): sum((-1) ** j * comb(b, j) * comb(s * (b - j), x) for j in range(b + 1))
                    for s in range(rows + 1) for b in range(cols + 1)}
    return {(a, b): sum((-1) ** j * comb(a, j) * every_column[a - j, b] for j in range(a + 1)) % mod
            for a in range(1, rows + 1) for b in range(1, cols + 1) if a * b >= x}


def count_colorings(n: int, m: int, xs, mod: int) -> int:
    """The number of colourings mod ``mod`` (Python twin of the compiled solver)."""
    if any(x < 1 for x in xs):
        raise ValueError("every colour needs at least one cell")
    states = {(0, 0): 1 % mod}  # (rows used, columns used) -> ways
    for x in xs:
        ways = cover_counts(n, m, x, mod)
        after = {}
        for (rows, cols), w in states.items():
            for (a, b), v in ways.items():
                if rows + a <= n and cols + b <= m and v:
                    key = (rows + a, cols + b)
                    after[key] = (after.get(key, 0) + w * v * comb(n - rows, a) * comb(m - cols, b)) % mod
            deadline.check()
        states = after
    return sum(states.values()) % mod


def solve_coloring(n: int, m: int, xs, mod: int) -> int:
    if _compiled is not None and 2 <= mod < 1 << 31:
        answer = _compiled.count_colorings(n, m, xs, mod, deadline.deadline_at())
        if answer is None:
            deadline.check()
        return answer
    if columns_needed(n, m, xs) > m:
        return 0
    return count_colorings(n, m, xs, mod)


class GridColoringCounting(ResidueAnswerEnvironment):
    id = "GridColoringCounting"
    planted_answer = True  # the generator computes the count to decide whether to redraw
    max_mod = 10000

    @staticmethod
    def schedule():
        size = 3
        while True:
            yield [{"MAX_N_M": size}]
            size = int(size * 1.1 + 1)

    def sample(self, rng, parameter):
        limit = parameter["MAX_N_M"]
        if limit < 2:
            raise ValueError("MAX_N_M must be at least 2")
        fits = _compiled.columns_needed if _compiled is not None else columns_needed
        while True:
            deadline.check()
            n, m = rng.randint(2, limit), rng.randint(2, limit)
            cells = rng.randint(1, n * m)
            colors = rng.randint(1, min(n, m, cells))
            cuts = sorted(rng.sample(range(1, cells), colors - 1))
            xs = [b - a for a, b in zip([0] + cuts, cuts + [cells])]
            mod = rng.randint(2, self.max_mod)
            # No colouring at all means a count of 0: draw again. Colours own a_k rows and b_k
            # columns with a_k b_k >= X[k], so (Cauchy-Schwarz) sum sqrt(X[k]) <= sqrt(N M).
            if sum(map(sqrt, xs)) > sqrt(n * m) * (1 + 1e-9) or fits(n, m, xs) > m:
                continue
            answer = solve_coloring(n, m, xs, mod)
            if answer > 0:
                parameter.update(N=n, M=m, C=colors, Xs=xs, MOD=mod, reference_answer=answer)
                return

    def solve(self, parameter):
        p = parameter
        return {"reference_answer": solve_coloring(p["N"], p["M"], p["Xs"], p["MOD"])}

    def prompt(self, parameter):
        n, m, c, mod = parameter["N"], parameter["M"], parameter["C"], parameter["MOD"]
        counts = " ".join("X[%d]=%d" % (i, x) for i, x in enumerate(parameter["Xs"]))
        return (f"Take a grid with {n} rows and {m} columns. Some of its cells are to be painted with "
                f"{c} colours, numbered 0 to {c - 1}; the other cells stay blank. A painting is valid when\n"
                "- no row and no column contains cells of two different colours, and\n"
                f"- colour i is used on exactly X[i] cells, where {counts}.\n\n"
                f"Two paintings differ when some cell is painted differently. How many valid paintings are "
                f"there? Give the count modulo {mod}, as a single integer from 0 to {mod - 1}.")
