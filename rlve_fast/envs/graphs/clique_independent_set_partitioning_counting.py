"""Clique_IndependentSet_Partitioning_Counting: count the ways to split the vertices of a
graph into a non-empty clique S and a non-empty independent set T.

The graph is built as a split graph (a planted clique, the rest independent, random edges
across). Two split partitions of a graph differ by at most one vertex moved each way, so
the count comes from one partition (the highest-degree vertices, Hammer and Simeone) by
trying every single move and swap. Answer: one integer. Reward: (min/max)^10 against the
count; a negative answer is wrong-format."""
from __future__ import annotations

from rlve_fast.envs.graphs._graph_common import adjacency_masks, edge_lines
from rlve_fast.integer_answer import IntegerAnswerEnvironment


def split_partition(n: int, adjacency):
    """(clique mask, independent mask) of a split partition, or None if the graph has none."""
    order = sorted(range(n), key=lambda v: -bin(adjacency[v]).count("1"))
    size = 0
    for i, v in enumerate(order):
        if bin(adjacency[v]).count("1") >= i:
            size = i + 1
    clique = sum(1 << v for v in order[:size])
    rest = ((1 << n) - 1) & ~clique
    if any(clique & ~adjacency[v] & ~(1 << v) for v in order[:size]):
        return None
    if any(adjacency[v] & rest for v in order[size:]):
        return None
    return clique, rest


def count_split_partitions(n: int, edges) -> int:
    """The number of (S, T), both non-empty, S a clique, T an independent set, S + T = V."""
    adjacency = adjacency_masks(n, edges)
    found = split_partition(n, adjacency)
    if found is None:
        return 0
    clique, rest = found
    members = lambda mask: [None] + [v for v in range(n) if mask >> v & 1]  # noqa: E731
    count = 0
    for out in members(clique):      # the clique vertex moved to T (None: none)
        for into in members(rest):   # the independent vertex moved to S (None: none)
            s, t = clique, rest
            if out is not None:
                s, t = s & ~(1 << out), t | 1 << out
            if into is not None:
                s, t = s | 1 << into, t & ~(1 << into)
            if not s or not t:
                continue
            if out is not None and adjacency[out] & t:
                continue  # the moved vertex has a neighbour in T
            if into is not None and s & ~adjacency[into] & ~(1 << into):
                continue  # the moved vertex misses someone in S
            count += 1
    return count


class CliqueIndependentSetPartitioningCounting(IntegerAnswerEnvironment):
    id = "Clique_IndependentSet_Partitioning_Counting"
    rule = "min_max"
    beta = 10.0
    lowest_valid = 0

    @staticmethod
    def schedule():
        n = 3
        while True:
            yield [{"N": n}]
            n += 1

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 3:
            raise ValueError("need N >= 3")
        clique = rng.sample(range(n), rng.randint(2, n - 1))
        inside = set(clique)
        others = [v for v in range(n) if v not in inside]
        edges = [[min(u, v), max(u, v)] for i, u in enumerate(clique) for v in clique[i + 1:]]
        across = [[min(u, v), max(u, v)] for u in clique for v in others]
        edges += rng.sample(across, rng.randint(0, len(across)))
        rng.shuffle(edges)
        parameter["edges"] = edges

    def solve(self, parameter):
        count = count_split_partitions(parameter["N"], parameter["edges"])
        if count <= 0:
            raise ValueError("the graph is not a split graph")
        return {"reference_answer": count}

    def prompt(self, parameter):
        n = parameter["N"]
        return (f"An undirected graph has {n} vertices, numbered 0 to {n - 1}, and these edges:\n"
                f"{edge_lines(parameter['edges'])}\n\n"
                "Count the ways to divide all the vertices into two groups S and T, where every vertex lies "
                "in exactly one group, neither group is empty, every two vertices of S are joined by an edge "
                "(S is a clique), and no two vertices of T are joined by an edge (T is an independent set). "
                "S and T play different roles, so swapping them gives a different division.\n\n"
                "Answer with the count as a single integer.")
