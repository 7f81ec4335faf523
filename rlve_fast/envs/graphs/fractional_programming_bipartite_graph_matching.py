"""FractionalProgramming_BipartiteGraphMatching: find a permutation P maximising
(sum A[i][P[i]]) / (sum B[i][P[i]]) for two N x N matrices of positive integers.

Answer: "P[0] P[1] ... P[N-1]". Reward: (answer ratio / best ratio)^5 for a permutation (the
config stores the best ratio as gold_SumA / gold_SumB); a list that is not a permutation of
0..N-1 is -0.5; no list of integers is -1.  Solver: Dinkelbach's method in exact integers:
with the best ratio so far p/q, an assignment maximising sum(q*A - p*B) either proves p/q
optimal (its value is 0) or yields a better ratio."""
from __future__ import annotations


from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._generation import finished
from rlve_fast.envs._schedules import plus_tenth, steps
from rlve_fast.envs.graphs._graph_common import bulk_generator

try:
    from rlve_fast.envs.graphs._fractional_programming_bipartite_graph_matching_kernel import (
        ratio_kernel as _compiled_kernel)
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None


def best_assignment_python(weights):
    """A permutation maximising the total weight (Hungarian algorithm, plain Python)."""
    n = len(weights)
    inf = float("inf")
    u, v, match, way = [0] * (n + 1), [0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        deadline.check()
        match[0], j0 = i, 0
        low, used = [inf] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = -weights[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < low[j]:
                        low[j], way[j] = cur, j0
                    if low[j] < delta:
                        delta, j1 = low[j], j
            for j in range(n + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    low[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    p = [0] * n
    for j in range(1, n + 1):
        p[match[j] - 1] = j - 1
    return p


def best_assignment(weights):
    largest = max((abs(w) for row in weights for w in row), default=0)
    if (len(weights) + 1) * largest < 1 << 58:  # potentials and reduced costs stay within int64
        try:
            from rlve_fast.envs.graphs._fractional_programming_bipartite_graph_matching_solver import (
                best_assignment as compiled)
        except ImportError:
            compiled = None
        if compiled is not None:
            return finished(compiled(weights, deadline.deadline_at()))
    return best_assignment_python(weights)


def best_ratio_permutation(a, b):
    """A permutation maximising sum(a[i][p[i]]) / sum(b[i][p[i]]) (b positive)."""
    n = len(a)
    p = list(range(n))
    while True:
        deadline.check()
        top, bottom = sum(a[i][p[i]] for i in range(n)), sum(b[i][p[i]] for i in range(n))
        weights = [[bottom * a[i][j] - top * b[i][j] for j in range(n)] for i in range(n)]
        better = best_assignment(weights)
        if sum(weights[i][better[i]] for i in range(n)) <= 0:
            return p
        p = better


class FractionalProgrammingBipartiteGraphMatching(Environment):
    id = "FractionalProgramming_BipartiteGraphMatching"
    parameter_types = {"N": int, "A": [[int]], "B": [[int]], "gold_SumA": int, "gold_SumB": int}
    exact_answer_keys = ()  # the best ratio is unique, its numerator and denominator need not be

    max_proportion = 2
    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        return ([{"N": n}] for n in steps(3, plus_tenth))

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 3:
            raise ValueError("N must be at least 3")
        gen = bulk_generator(rng)
        b = gen.integers(1, n + 1, size=(n, n))
        parameter["B"] = b.tolist()
        parameter["A"] = gen.integers(1, self.max_proportion * b + 1).tolist()

    def solve(self, parameter):
        a, b = parameter["A"], parameter["B"]
        p = best_ratio_permutation(a, b)
        return {"reference_answer": " ".join(map(str, p)),
                "gold_SumA": sum(a[i][p[i]] for i in range(len(p))),
                "gold_SumB": sum(b[i][p[i]] for i in range(len(p)))}

    def prompt(self, parameter):
        n = parameter["N"]
        rows = lambda m: "\n".join(" ".join(map(str, row)) for row in m)  # noqa: E731
        return (f"Here are two {n} x {n} matrices A and B with rows and columns numbered from 0, one row per "
                f"line.\n\nA:\n{rows(parameter['A'])}\n\nB:\n{rows(parameter['B'])}\n\n"
                f"Find a permutation P of the numbers 0 to {n - 1} (each used exactly once) that makes the "
                f"ratio (A[0][P[0]] + A[1][P[1]] + ... + A[{n - 1}][P[{n - 1}]]) / "
                f"(B[0][P[0]] + B[1][P[1]] + ... + B[{n - 1}][P[{n - 1}]]) as large as possible.\n\n"
                f"Answer with P[0], P[1], ..., P[{n - 1}] on one line, separated by spaces.")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n = parameter["N"]
        if len(parsed) != n or set(parsed) != set(range(n)):
            return self.invalid_solution
        top = sum(parameter["A"][i][parsed[i]] for i in range(n))
        bottom = sum(parameter["B"][i][parsed[i]] for i in range(n))
        gold_top, gold_bottom = parameter["gold_SumA"], parameter["gold_SumB"]
        if gold_top * bottom < top * gold_bottom:
            raise ValueError("a ratio above the stored optimum: the config is wrong")
        return ((top * gold_bottom) / (bottom * gold_top)) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (odd shapes, huge numbers): the Python scorer reproduces upstream
        return _compiled_kernel(parameter["N"], parameter["A"], parameter["B"], parameter["gold_SumA"],
                                parameter["gold_SumB"], self.beta, self.wrong_format, self.invalid_solution)
