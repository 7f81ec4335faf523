"""Path_NoGoingBack_Counting: the number of walks with exactly T edges from vertex 0 to vertex
N-1 of an undirected graph that never step straight back along the edge just used, modulo
10000.

Answer: one integer. Reward: 1 for the count mod 10000, 0 for another value in [0, 10000),
-0.5 outside that range, -1 for no integer.  Solver: with A_k the matrix of such walk counts
of length k, A_2 = A^2 - D and A_(k+1) = A_k A - A_(k-1) (D - I) (D: degrees); the row of
vertex 0 follows a linear map on (A_k row, A_(k-1) row), raised to the power T by squaring
(float64 matrix products are exact here: every entry stays below 2^53). Graphs of up to 64
vertices take a compiled twin instead, which also runs the recurrence step by step when T is
small enough for that to be cheaper than squaring."""
from __future__ import annotations

import numpy as np

from rlve_fast import deadline
from rlve_fast.envs._generation import finished
from rlve_fast.envs._residue import ResidueAnswerEnvironment
from rlve_fast.envs._schedules import plus_tenth, steps
from rlve_fast.envs.graphs._graph_common import bulk_generator, edge_lines, sample_new_pairs, shuffled

MOD = 10000
SMALL_GRAPH = 32  # vertices up to which sample() draws plain Python pairs


def non_backtracking_walks(n: int, edges, length: int, mod: int = MOD) -> int:
    """Walks 0 -> n-1 with ``length`` edges and no immediate reversal, modulo ``mod``."""
    if 2 <= n <= 64 and 1 <= length < 1 << 64 and 2 * n * (mod - 1) ** 2 < 1 << 64:
        try:
            from rlve_fast.envs.graphs._path_no_going_back_counting_solver import walks
        except ImportError:
            pass
        else:
            return finished(walks(n, edges, length, mod, deadline.deadline_at()))
    return non_backtracking_walks_numpy(n, edges, length, mod)


def non_backtracking_walks_numpy(n: int, edges, length: int, mod: int = MOD) -> int:
    """The same count by numpy matrix squaring (any size; the twin of the compiled count)."""
    if 2 * n * (mod - 1) ** 2 >= 1 << 53:
        raise ValueError("float64 products would not be exact for this modulus and size")
    adjacency = np.zeros((n, n))
    for u, v in edges:
        adjacency[u, v] = adjacency[v, u] = 1
    degree = adjacency.sum(axis=1)
    first = adjacency[0] % mod                                   # row 0 of A_1
    second = (first @ adjacency - np.eye(n)[0] * degree) % mod   # row 0 of A_2 = A^2 - D
    if length == 1:
        return int(first[n - 1])
    step = np.zeros((2 * n, 2 * n))
    step[:n, :n] = adjacency
    step[:n, n:] = np.eye(n)
    step[n:, :n] = np.diag((-(degree - 1)) % mod)
    state = np.concatenate([second, first])                      # (row of A_k, row of A_(k-1))
    power = length - 2
    while power:
        deadline.check()
        if power & 1:
            state = (state @ step) % mod
        power >>= 1
        if power:
            step = (step @ step) % mod
    return int(state[n - 1])


class PathNoGoingBackCounting(ResidueAnswerEnvironment):
    id = "Path_NoGoingBack_Counting"
    fixed_modulus = MOD  # the config holds no MOD

    @staticmethod
    def schedule():
        return ([{"MAX_M": m}] for m in steps(10, plus_tenth))

    def sample(self, rng, parameter):
        max_m = parameter["MAX_M"]
        if max_m < 3:
            raise ValueError("MAX_M must be at least 3")
        m = parameter["M"] = rng.randint(3, max_m)
        n = parameter["N"] = rng.choice([n for n in range(3, m + 2) if m <= n * (n - 1) // 2])
        parameter["T"] = rng.randint(1, 2 ** n)
        if n > SMALL_GRAPH:
            gen = bulk_generator(rng)
            order = gen.permutation(n).tolist()
            edges = [(min(u, v), max(u, v)) for u, v in zip(order, order[1:])]  # keeps it connected
            edges += sample_new_pairs(gen, n, edges, m - len(edges))
            parameter["edges"] = shuffled(gen, [[u, v] for u, v in edges])
            return
        # the same draws from rng itself: numpy's per-call overhead dominates small graphs
        order = list(range(n))
        rng.shuffle(order)
        edges = [[u, v] if u < v else [v, u] for u, v in zip(order, order[1:])]  # keeps it connected
        path = {(u, v) for u, v in edges}
        absent = [[u, v] for u in range(n) for v in range(u + 1, n) if (u, v) not in path]
        edges += rng.sample(absent, m - len(edges))
        rng.shuffle(edges)
        parameter["edges"] = edges

    def solve(self, parameter):
        return {"reference_answer": non_backtracking_walks(parameter["N"], parameter["edges"], parameter["T"])}

    def prompt(self, parameter):
        n = parameter["N"]
        return (f"An undirected graph has {n} vertices, numbered 0 to {n - 1}, and these edges (none repeated), "
                f"one per line:\n{edge_lines(parameter['edges'])}\n\n"
                f"Count the walks from vertex 0 to vertex {n - 1} that use exactly {parameter['T']} edges and "
                "never turn straight back: after moving along an edge from u to v, the next move may not "
                "go from v back to u. Vertices and edges may otherwise be visited again.\n\n"
                f"Answer with the number of such walks modulo {MOD}, as a single integer.")
