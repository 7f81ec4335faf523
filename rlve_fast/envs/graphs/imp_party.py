"""ImpParty: a graph on 3N vertices contains a clique of 2N vertices; name any N vertices
that are pairwise adjacent.

Answer: N distinct vertices "v1 v2 ... vN". Reward: (adjacent pairs among them / C(N, 2))^5;
the wrong count, a vertex outside 0..3N-1 or a repeated vertex is -0.5; no list of integers
is -1.  Solver: remove both ends of non-edges until none is left; at most N such pairs
exist, each holding a vertex outside the big clique, so N vertices remain, pairwise adjacent."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._schedules import plus_one, steps
from rlve_fast.envs.graphs._graph_common import bulk_generator, edge_lines, shuffled

try:
    from rlve_fast.envs.graphs._imp_party_kernel import clique_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None


def find_clique(n: int, edges):
    """N pairwise adjacent vertices of a graph on 3N vertices holding a 2N-clique."""
    size = 3 * n
    neighbours = [0] * size  # bit masks
    for u, v in edges:
        neighbours[u] |= 1 << v
        neighbours[v] |= 1 << u
    alive = (1 << size) - 1
    for u in range(size):
        deadline.check()
        if not alive >> u & 1:
            continue
        missing = alive & ~neighbours[u] & ~(1 << u)
        if missing:  # u and some v are not adjacent: at most one of them is in the clique
            v = (missing & -missing).bit_length() - 1
            alive &= ~((1 << u) | (1 << v))
    left = [u for u in range(size) if alive >> u & 1]
    if len(left) < n:
        raise ValueError("the graph has no clique of 2N vertices")
    return left[:n]


class ImpParty(Environment):
    id = "ImpParty"
    parameter_types = {"N": int, "edges": [[int]]}
    exact_answer_keys = ()  # any N-clique is right; ours must score 1
    planted_answer = True

    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        return ([{"N": n}] for n in steps(3, plus_one))

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 3:
            raise ValueError("N must be at least 3")
        gen = bulk_generator(rng)
        clique = rng.sample(range(3 * n), 2 * n)
        edges = [[u, v] for u in clique for v in clique if u < v]
        inside = set(clique)
        outside = [v for v in range(3 * n) if v not in inside]
        across = [[u, v] if u < v else [v, u] for u in clique for v in outside]
        edges += [across[i] for i in gen.choice(len(across), rng.randint(0, len(across)), replace=False).tolist()]
        parameter["edges"] = shuffled(gen, edges)
        parameter["reference_answer"] = " ".join(map(str, rng.sample(clique, n)))

    def solve(self, parameter):
        return {"reference_answer": " ".join(map(str, find_clique(parameter["N"], parameter["edges"])))}

    def prompt(self, parameter):
        n = parameter["N"]
        return (f"An undirected graph has {3 * n} vertices (3 x {n}), numbered 0 to {3 * n - 1}, and these edges, "
                f"one per line:\n{edge_lines(parameter['edges'])}\n\n"
                f"Some {2 * n} of its vertices (2 x {n}) are known to be pairwise adjacent. Find {n} distinct "
                "vertices of which every two are joined by an edge (a clique of size "
                f"{n}).\n\nAnswer with those {n} vertex numbers on one line, separated by spaces.")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n = parameter["N"]
        if len(parsed) != n or not all(0 <= v < 3 * n for v in parsed) or len(set(parsed)) != n:
            return self.invalid_solution
        edges = set(map(tuple, parameter["edges"]))
        adjacent = sum(int((u, v) in edges) for u in parsed for v in parsed if u < v)
        return (adjacent / (n * (n - 1) // 2)) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for unusual configs (odd pairs): the Python scorer reproduces upstream exactly
        return _compiled_kernel(parameter["N"], parameter["edges"], self.beta, self.wrong_format,
                                self.invalid_solution)
