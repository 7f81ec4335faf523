"""MostComponentTreeRemovingTwoPaths: the optimum against every pair of paths; the scorer."""
from __future__ import annotations

import random

import pytest

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.trees import most_component_tree_removing_two_paths as mctr
from rlve_fast.envs.trees._sampling import words


def brute_most_components(n, edges):
    adjacent = {v: [] for v in range(1, n + 1)}
    for u, v in edges:
        adjacent[u].append(v)
        adjacent[v].append(u)

    def path(a, b):  # vertex list from a to b
        back, queue = {a: None}, [a]
        for x in queue:
            for y in adjacent[x]:
                if y not in back:
                    back[y] = x
                    queue.append(y)
        out = [b]
        while out[-1] != a:
            out.append(back[out[-1]])
        return out

    def components(removed):
        seen, count = set(removed), 0
        for s in range(1, n + 1):
            if s not in seen:
                count += 1
                seen.add(s)
                stack = [s]
                while stack:
                    for y in adjacent[stack.pop()]:
                        if y not in seen:
                            seen.add(y)
                            stack.append(y)
        return count

    paths = [path(a, b) for a in range(1, n + 1) for b in range(a, n + 1)]
    edge_sets = [{frozenset(e) for e in zip(p, p[1:])} for p in paths]
    return max(components(set(p) | set(q)) for p, ep in zip(paths, edge_sets)
               for q, eq in zip(paths, edge_sets) if not ep & eq)


def test_solvers_against_every_pair_of_paths():
    rng = random.Random(13)
    solvers = [mctr.most_components] + ([mctr._compiled.most_components] if mctr._compiled else [])
    for _ in range(300):
        n = rng.randint(1, 10)
        edges = words(rng).tree_edges(n, first=1)
        want = brute_most_components(n, edges)
        for solver in solvers:
            assert solver(n, edges) == want, (n, edges)


def test_hand_examples():
    star = [[1, v] for v in range(2, 8)]
    assert mctr.most_components(7, star) == 6  # remove the centre
    # two stars of 4 leaves whose centres 1 and 2 are joined: removing both centres (two
    # single-vertex paths, or one path 1-2) leaves 8 leaves
    double = [[1, 2]] + [[1, v] for v in range(3, 7)] + [[2, v] for v in range(7, 11)]
    assert mctr.most_components(10, double) == 8
    # the same centres 1 and 2 but joined through 11: the two paths avoid 11, which stays a
    # component of its own: 4 + 4 + 1
    apart = [[1, 11], [2, 11]] + [[1, v] for v in range(3, 7)] + [[2, v] for v in range(7, 11)]
    assert mctr.most_components(11, apart) == 9


CONFIG = {"seed": 0, "parameter": {"N": 4, "edges": [[1, 3], [1, 4], [1, 2]], "reference_answer": 3}}


@pytest.mark.parametrize("answer, reward", [("3", 1.0), (" +3\n", 1.0), ("2", 0.0), ("-3", 0.0),
                                            ("3 3", -1.0), ("three", -1.0), ("", -1.0)])
def test_rewards(answer, reward):
    env = rlve_fast.make("MostComponentTreeRemovingTwoPaths")
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            assert env.verify(CONFIG, "<answer>%s</answer>" % answer)["reward"] == reward


@pytest.mark.skipif(mctr._compiled is None, reason="compiled solver not built")
def test_compiled_solver_matches_the_twin_on_larger_trees():
    rng = random.Random(17)
    for _ in range(100):
        n = rng.randint(10, 300)
        hubs = rng.randint(1, 6)  # attach most vertices to a few hubs: high degrees
        edges = [[rng.randint(1, min(v - 1, hubs)) if rng.random() < 0.7 else rng.randint(1, v - 1), v]
                 for v in range(2, n + 1)]
        assert mctr._compiled.most_components(n, edges) == mctr.most_components(n, edges)
