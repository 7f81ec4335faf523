"""EvenDegreeGraphPartitioning: put each vertex of an undirected graph in group 1 or 2 so
that every vertex has an even number of neighbours in its own group.

Answer: N labels "l0 l1 ... l(N-1)", each 1 or 2. Reward: (satisfied vertices / N)^10; a list
of the wrong length or with a label other than 1 and 2 is -0.5; no list of integers is -1.
Such a split always exists (Gallai); the solver finds one by elimination over GF(2)."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._schedules import plus_one, steps
from rlve_fast.envs.graphs._graph_common import bulk_generator, edge_lines, shuffled

try:
    from rlve_fast.envs.graphs._even_degree_graph_partitioning_kernel import (
        even_split_kernel as _compiled_kernel)
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None


def even_split(n: int, edges):
    """Labels (1 or 2 per vertex) with an even number of same-group neighbours everywhere.

    With x_v = 1 for group 2, the same-group count of v is sum over neighbours u of
    (1 + x_u + x_v) mod 2, i.e. deg(v) * (1 + x_v) + sum(x_u): one linear equation over GF(2)
    per vertex.  Each equation is a bit mask (bit n holds the right-hand side)."""
    rows = [0] * n
    for u, v in edges:
        rows[u] ^= (1 << v) | (1 << u) | (1 << n)  # x_v, plus deg(u) parity on x_u and rhs
        rows[v] ^= (1 << u) | (1 << v) | (1 << n)
    pivots = []  # (column, row) in elimination order
    remaining = rows
    for col in range(n):
        deadline.check()
        pick = next((i for i, r in enumerate(remaining) if r >> col & 1), None)
        if pick is None:
            continue
        row = remaining.pop(pick)
        remaining = [r ^ row if r >> col & 1 else r for r in remaining]
        pivots = [(c, r ^ row if r >> col & 1 else r) for c, r in pivots]
        pivots.append((col, row))
    if any(remaining):  # 0 = 1 left over: no split (never for a simple graph)
        raise ValueError("no even-degree split exists")
    x = [0] * n  # free variables 0; every pivot row now holds only its pivot and free columns
    for col, row in pivots:
        x[col] = row >> n & 1
    return [1 + b for b in x]


class EvenDegreeGraphPartitioning(Environment):
    id = "EvenDegreeGraphPartitioning"
    parameter_types = {"N": int, "edges": [[int]]}
    exact_answer_keys = ()  # many splits can be right; ours must score 1
    planted_answer = True

    invalid_solution = -0.5
    beta = 10.0

    @staticmethod
    def schedule():
        return ([{"N": n}] for n in steps(3, plus_one))

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 3:
            raise ValueError("N must be at least 3")
        while True:
            order = list(range(n))
            rng.shuffle(order)
            cut = rng.randint(0, n)
            groups = (order[:cut], order[cut:])
            edges = []
            for group in groups:
                edges += self._even_group(rng, group)
            first, second = groups
            if first and second:
                across = [(u, v) if u < v else (v, u) for u in first for v in second]
                picks = bulk_generator(rng).choice(len(across), rng.randint(0, len(across)), replace=False)
                edges += [across[i] for i in picks.tolist()]
            if edges:
                break
        edges = shuffled(bulk_generator(rng), edges)
        labels = [0] * n
        for label, group in enumerate(groups, 1):
            for v in group:
                labels[v] = label
        parameter["edges"] = [[u, v] for u, v in edges]
        parameter["reference_answer"] = " ".join(map(str, labels))

    @staticmethod
    def _even_group(rng, group):
        """Random edges inside ``group`` with every degree even: each middle vertex links to a
        random subset of the earlier ones, then the last vertex fixes the odd degrees."""
        if len(group) <= 2:
            return []
        edges, odd = [], set()
        for i in range(1, len(group) - 1):
            for other in rng.sample(group[:i], rng.randint(0, i)):
                edges.append((min(group[i], other), max(group[i], other)))
                odd ^= {group[i], other}
        last = group[-1]
        for v in group[:-1]:
            if v in odd:
                edges.append((min(last, v), max(last, v)))
        return edges

    def solve(self, parameter):
        return {"reference_answer": " ".join(map(str, even_split(parameter["N"], parameter["edges"])))}

    def prompt(self, parameter):
        n = parameter["N"]
        return (f"Take the undirected graph on the vertices 0 to {n - 1} with these edges, one per line:\n"
                f"{edge_lines(parameter['edges'])}\n\n"
                "Assign every vertex to exactly one of two groups, group 1 or group 2, so that each vertex "
                "has an even number of neighbours lying in its own group (zero counts as even).\n\n"
                f"Answer with {n} integers on one line, separated by spaces: the i-th is the group (1 or 2) "
                f"of vertex i, for i = 0 to {n - 1}.")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n = parameter["N"]
        if len(parsed) != n or not all(label in (1, 2) for label in parsed):
            return self.invalid_solution
        same = [0] * n
        for u, v in parameter["edges"]:
            inside = parsed[u] == parsed[v]
            same[u] += inside
            same[v] += inside
        satisfied = sum(count % 2 == 0 for count in same)
        return (satisfied / n) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (N out of 1..2^20, an edge not two endpoints in 0..N-1):
        # the Python scorer reproduces upstream there
        return _compiled_kernel(parameter["N"], parameter["edges"], self.beta, self.wrong_format,
                                self.invalid_solution)
