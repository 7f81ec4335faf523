"""PowerShortcut: in a directed graph, find the shortest sequence 0 = p1, ..., pm = N-1 in
which each step p(i) -> p(i+1) can be done by a walk of exactly 2^k edges for some 0 <= k <= K.

Answer: the sequence "p1 p2 ... pm". Reward: (optimal m / m)^5 for a valid sequence; a
vertex out of range, wrong ends or a step that is not such a walk is -0.5; no integers (or
none at all) is -1.  The config stores the table ``achievable`` of allowed steps, which the
scorer reads; the solver builds it by repeated boolean squaring (bit-mask rows), then a
breadth-first search gives a shortest sequence."""
from __future__ import annotations

from collections import deque

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs._schedules import plus_tenth, steps
from rlve_fast.envs.graphs._graph_common import bulk_generator, edge_lines, sample_new_pairs, shuffled

try:
    from rlve_fast.envs.graphs._power_shortcut_kernel import shortcut_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None

SMALL_GRAPH = 32  # vertices up to which sample() draws from rng itself rather than numpy


def power_steps(n: int, edges, k_max: int):
    """Row masks: bit t of row s is set when some walk s -> t has 2^k edges, 0 <= k <= k_max."""
    layer = [0] * n
    for s, t in edges:
        layer[s] |= 1 << t
    allowed = layer[:]
    for _ in range(k_max):
        deadline.check()
        doubled = []
        for s in range(n):
            row, mask = 0, layer[s]
            while mask:
                low = mask & -mask
                row |= layer[low.bit_length() - 1]
                mask ^= low
            doubled.append(row)
        layer = doubled
        allowed = [a | b for a, b in zip(allowed, layer)]
    return allowed


def shortest_sequence(n: int, allowed):
    """A shortest list of vertices from 0 to n-1 moving along ``allowed`` (None if none)."""
    previous = {0: None}
    queue = deque([0])
    while queue:
        s = queue.popleft()
        if s == n - 1:
            path = []
            while s is not None:
                path.append(s)
                s = previous[s]
            return path[::-1]
        mask = allowed[s]
        while mask:
            low = mask & -mask
            t = low.bit_length() - 1
            mask ^= low
            if t not in previous:
                previous[t] = s
                queue.append(t)
    return None


class PowerShortcut(Environment):
    id = "PowerShortcut"
    parameter_types = {"N": int, "achievable": [[bool]], "gold_answer": int}
    exact_answer_keys = ("achievable", "gold_answer")  # several shortest sequences may exist

    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        for n in steps(4, plus_tenth):
            yield [{"N": n, "edge_density": d, "K": k} for d in (0.01, 0.02, 0.03) for k in (1, 2, 3)]

    def sample(self, rng, parameter):
        n, k, density = parameter["N"], parameter["K"], parameter["edge_density"]
        if n < 3 or k < 0 or not 0.0 <= density <= 1.0:
            raise ValueError("need N >= 3, K >= 0 and 0 <= edge_density <= 1")
        wanted = int(density * n * (n - 1))
        if n <= SMALL_GRAPH:  # the same draws from rng itself: numpy's overhead dominates small graphs
            middle = list(range(1, n - 1))
            rng.shuffle(middle)
            route = [0] + middle + [n - 1]
            edges = [[s, t] for s, t in zip(route, route[1:])]  # a Hamiltonian route from 0 to N-1
            if len(edges) < wanted:
                present = set(zip(route, route[1:]))
                absent = [[s, t] for s in range(n) for t in range(n) if s != t and (s, t) not in present]
                edges += rng.sample(absent, min(len(absent), wanted - len(edges)))
            rng.shuffle(edges)
            parameter["edges"] = edges
            return
        gen = bulk_generator(rng)
        route = [0] + (gen.permutation(n - 2) + 1).tolist() + [n - 1]
        edges = list(zip(route, route[1:]))  # a Hamiltonian route from 0 to N-1
        if len(edges) < wanted:
            edges += sample_new_pairs(gen, n, edges, min(n * (n - 1) - len(edges), wanted - len(edges)), directed=True)
        parameter["edges"] = shuffled(gen, [[s, t] for s, t in edges])

    def solve(self, parameter):
        n = parameter["N"]
        allowed = power_steps(n, parameter["edges"], parameter["K"])
        path = shortest_sequence(n, allowed)
        if path is None:
            raise ValueError("vertex N-1 cannot be reached from 0")
        return {"achievable": [[bool(row >> t & 1) for t in range(n)] for row in allowed],
                "reference_answer": " ".join(map(str, path)), "gold_answer": len(path)}

    def prompt(self, parameter):
        n, k = parameter["N"], parameter["K"]
        return (f"A directed graph has {n} vertices, numbered 0 to {n - 1}. Its edges are listed one per line; "
                f"(s, t) is an edge leading from s to t:\n{edge_lines(parameter['edges'])}\n\n"
                f"Find a sequence of vertices p[1], p[2], ..., p[m] that starts with p[1] = 0 and ends with "
                f"p[m] = {n - 1}, where for every consecutive pair (p[i], p[i + 1]) the graph has a walk from "
                f"p[i] to p[i + 1] made of exactly 2^k edges for some integer k with 0 <= k <= {k} (the walk "
                "may repeat vertices). Make m, the number of vertices in the sequence, as small as possible.\n\n"
                f"Answer with the sequence on one line, separated by spaces; for example 0 1 {n - 1} would mean "
                f"m = 3 with p[1] = 0, p[2] = 1 and p[3] = {n - 1}.")

    def parse(self, answer):
        parsed = int_list_answer(answer)
        return parsed if parsed else None  # no vertices at all is wrong-format

    def score(self, parameter, parsed):
        n, allowed = parameter["N"], parameter["achievable"]
        if not all(0 <= v < n for v in parsed):
            return self.invalid_solution
        if parsed[0] != 0 or parsed[-1] != n - 1:
            return self.invalid_solution
        if not all(allowed[s][t] for s, t in zip(parsed, parsed[1:])):
            return self.invalid_solution
        gold = parameter["gold_answer"]
        if gold > len(parsed):
            raise ValueError("a sequence shorter than the stored optimum: the config is wrong")
        return (gold / len(parsed)) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for a table that is not N x N: the Python scorer reproduces upstream there
        return _compiled_kernel(parameter["N"], parameter["achievable"], parameter["gold_answer"], self.beta,
                                self.wrong_format, self.invalid_solution)
