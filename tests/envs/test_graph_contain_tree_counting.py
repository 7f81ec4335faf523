"""GraphContainTreeCounting: the inclusion-exclusion count against all permutations, the scorer."""
from __future__ import annotations

import random
import time
from itertools import permutations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast.deadline import GenerationTimeout, budget
from rlve_fast.envs.graphs import _graph_contain_tree_counting_solver as compiled
from rlve_fast.envs.graphs._graph_common import SMALL_GRAPH, adjacency_masks
from rlve_fast.envs.graphs.graph_contain_tree_counting import (GraphContainTreeCounting, count_embeddings,
                                                               count_embeddings_python, cut_vertices,
                                                               subtree_plan, sweep_cost)
from rlve_fast.seeding import ProblemRandom
from scoring_paths import reward_on_both_paths

ENV = "GraphContainTreeCounting"


def random_tree(rng, n):
    return [(min(v, rng.randrange(v)), v) for v in range(1, n)]


def brute(n, graph, tree):
    edges = {(min(u, v), max(u, v)) for u, v in graph}
    return sum(all((min(p[u], p[v]), max(p[u], p[v])) in edges for u, v in tree) for p in permutations(range(n)))


def test_count_against_all_permutations():
    rng = random.Random(10)
    for _ in range(80):
        n = rng.randint(1, 7)
        tree = random_tree(rng, n)
        pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
        graph = rng.sample(pairs, rng.randint(0, len(pairs)))
        expected = brute(n, graph, tree)
        assert count_embeddings(n, graph, tree) == expected
        assert count_embeddings_python(n, graph, tree) == expected


def all_sets_sum(n, graph, tree):
    """The plain inclusion-exclusion over every vertex set X of G, with the tree DP per X."""
    adj = adjacency_masks(n, graph)
    links = [[] for _ in range(n)]
    for u, v in tree:
        links[u].append(v)
        links[v].append(u)
    parent, order = [-1] * n, [0]
    for u in order:
        for v in links[u]:
            if v != parent[u]:
                parent[v] = u
                order.append(v)
    total = 0
    for X in range(1, 1 << n):
        inside = [x for x in range(n) if X >> x & 1]
        f = {}
        for u in reversed(order):
            f[u] = {}
            for x in inside:
                product = 1
                for c in links[u]:
                    if c != parent[u]:
                        product *= sum(f[c][y] for y in inside if adj[x] >> y & 1)
                f[u][x] = product
        hom = sum(f[0].values())
        total += -hom if (n - len(inside)) % 2 else hom
    return total


def planted_graph(rng, n, tree, extra):
    perm = list(range(n))
    rng.shuffle(perm)
    edges = {(min(perm[u], perm[v]), max(perm[u], perm[v])) for u, v in tree}
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    return sorted(edges | set(rng.sample(pairs, min(extra, len(pairs)))))


def test_connected_dominating_sum_against_all_sets():
    # sparse graphs (many cut vertices, few connected dominating sets) through dense ones,
    # disconnected graphs (count 0), stars and paths (one class, a chain of classes)
    rng = random.Random(11)
    for trial in range(120):
        n = rng.randint(2, 10)
        tree = [(0, v) for v in range(1, n)] if trial % 10 == 0 else (
            [(v - 1, v) for v in range(1, n)] if trial % 10 == 1 else random_tree(rng, n))
        if trial % 3 == 2:
            pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
            graph = rng.sample(pairs, rng.randint(0, len(pairs)))
        else:
            graph = planted_graph(rng, n, tree, rng.randint(0, n * n // 2))
        expected = all_sets_sum(n, graph, tree)
        assert count_embeddings(n, graph, tree) == expected, (n, graph, tree)
        assert count_embeddings_python(n, graph, tree) == expected, (n, graph, tree)


def test_medium_instances_compiled_against_twin():
    rng = random.Random(12)
    for n, extra in ((12, 4), (12, 40), (13, 20), (14, 70)):
        tree = random_tree(rng, n)
        graph = planted_graph(rng, n, tree, extra)
        assert count_embeddings(n, graph, tree) == count_embeddings_python(n, graph, tree)


def test_cut_vertices_and_plan():
    # a path 0-1-2-3: the inner vertices cut it; a triangle has none
    assert cut_vertices(4, adjacency_masks(4, [(0, 1), (1, 2), (2, 3)])) == 0b0110
    assert cut_vertices(3, adjacency_masks(3, [(0, 1), (1, 2), (0, 2)])) == 0
    # a star: rooted at its centre, one class (the root) with n - 1 leaves
    assert subtree_plan(5, [(0, v) for v in range(1, 5)]) == [[(-1, 4)]]
    # a path on 5 vertices: rooted at the middle, one inner class (a vertex above a leaf)
    assert subtree_plan(5, [(v - 1, v) for v in range(1, 5)]) == [[(-1, 1)], [(0, 2)]]


def test_complete_graph_takes_every_permutation():
    n = 8
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    assert count_embeddings(n, pairs, [(0, v) for v in range(1, n)]) == 40320  # 8!


def test_homomorphism_sums_wrap_safely():
    # a star into K_n: all n! permutations qualify; the alternating sum of homomorphism counts
    # goes negative on the way (it wraps modulo 2^128) and still comes out exact
    n = 13
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    assert count_embeddings(n, pairs, [(0, v) for v in range(1, n)]) == 6227020800  # 13!


def test_path_into_cycle():
    # a path on 5 vertices maps onto the 5-cycle in 5 * 2 ways (start, direction)
    assert count_embeddings(5, [(0, 1), (1, 2), (2, 3), (3, 4), (0, 4)], [(0, 1), (1, 2), (2, 3), (3, 4)]) == 10


CONFIG = {"seed": 0, "parameter": {"N": 4, "edge_density": 0.8, "G_edges": [[0, 1], [1, 2], [2, 3], [0, 3]],
                                   "T_edges": [[0, 1], [1, 2], [2, 3]], "reference_answer": 8}}


@pytest.mark.parametrize("answer, reward", [("8", 1.0), ("4", 0.5 ** 10), ("16", 0.5 ** 10), ("0", -1.0),
                                            ("-8", -1.0), ("8 8", -1.0), ("eight", -1.0)])
def test_rewards(answer, reward):
    assert brute(4, CONFIG["parameter"]["G_edges"], CONFIG["parameter"]["T_edges"]) == 8
    assert reward_on_both_paths(ENV, CONFIG, answer) == reward


@settings(max_examples=100, deadline=None)
@given(st.integers(-5, 10 ** 22))
def test_paths_agree_on_arbitrary_integers(value):
    assert -1.0 <= reward_on_both_paths(ENV, CONFIG, str(value)) <= 1.0


def test_small_graph_draw_plants_the_tree():
    """Below SMALL_GRAPH the instance is drawn by random.Random: T is a spanning tree, G holds
    a relabelled copy of it, the edge count is upstream's, pairs are distinct, and every
    labelled tree shape comes up (the draw is not stuck on one)."""
    env = rlve_fast.make("GraphContainTreeCounting")
    shapes = set()
    for seed in range(300):
        problem = env.generate(seed, difficulty=seed % 12)
        p = problem.config["parameter"]
        n, tree, graph = p["N"], p["T_edges"], p["G_edges"]
        assert len(tree) == n - 1 and all(0 <= u < v < n for u, v in tree)
        assert len({tuple(e) for e in graph}) == len(graph) and all(0 <= u < v < n for u, v in graph)
        assert len(graph) == max(n - 1, min(int(p["edge_density"] * n * (n - 1) / 2), n * (n - 1) // 2))
        assert p["reference_answer"] >= 1  # a copy of T lies in G
        if n == 4:
            shapes.add(tuple(sorted(map(tuple, tree))))
    assert len(shapes) >= 10  # 16 labelled trees on 4 vertices


def test_compiled_draw_is_the_python_draw():
    """The compiled small draw makes the same calls as _tree_and_graph_small: the same tree,
    graph and edge orders, and the generator left in the same state; both branches of
    random.sample (a pool, and redraws when few of many absent pairs are wanted), no extra
    edges, a complete graph."""
    branches = set()
    for seed in range(1500):
        n = 3 + seed % 14
        pairs = n * (n - 1) // 2
        wanted = (seed * 7919) % (pairs + 4)
        ours, theirs = ProblemRandom(seed), ProblemRandom(seed)
        tree, graph = GraphContainTreeCounting._tree_and_graph_small(theirs, n, wanted)
        assert compiled.draw_small(ours, n, wanted) == ([list(e) for e in tree], [list(e) for e in graph])
        assert ours.getstate() == theirs.getstate()
        k = min(pairs - (n - 1), wanted - (n - 1))
        if k > 0:
            branches.add("pool" if pairs - (n - 1) <= 21 or k > 5 else "redraw")
    assert branches == {"pool", "redraw"}
    with pytest.raises(ValueError):
        compiled.draw_small(ProblemRandom(0), 17, 20)


def test_sample_without_the_compiled_draw_gives_the_same_instance():
    class OtherRandom(random.Random):  # not a type the compiled draw takes: the Python twin
        pass

    env = rlve_fast.make(ENV)
    for seed in range(40):
        n = 3 + seed % (SMALL_GRAPH - 2)
        parameter = {"N": n, "edge_density": (1 + seed % 9) / 10}
        drawn, twin = dict(parameter), dict(parameter)
        env.sample(ProblemRandom(seed), drawn)
        env.sample(OtherRandom(seed), twin)
        assert drawn == twin


def test_compiled_classes_are_the_python_plan():
    # the same classes in the same order, and the same root on every sweep cost
    rng = random.Random(13)
    for trial in range(400):
        n = rng.randint(2, 34)
        tree = [(rng.randrange(v), v) for v in range(1, n)] if trial % 5 else [(v - 1, v) for v in range(1, n)]
        rng.shuffle(tree)
        cost = (0.4, 1.0, 2.7, 1000.0)[trial % 4]
        assert compiled.tree_plan(n, tree, cost) == subtree_plan(n, tree, cost), (n, tree, cost)
    graph = [(0, 1), (1, 2), (0, 2), (2, 3)]
    assert sweep_cost(4, adjacency_masks(4, graph)) == pytest.approx(0.4 * ((1 - 8 / 12) * 2 + 2))


def test_compiled_count_edge_cases():
    path = [(0, 1), (1, 2), (2, 3)]
    assert count_embeddings(1, [], []) == 1
    assert compiled.count_embeddings(1, [], [], float("inf")) == 1
    assert count_embeddings(2, [(0, 1)], [(0, 1)]) == 2
    assert count_embeddings(2, [], [(0, 1)]) == 0
    assert count_embeddings(4, [(0, 1), (2, 3)], path) == 0  # disconnected
    # a loop of the graph is no use to a bijection
    assert count_embeddings(4, [(0, 1), (1, 2), (2, 3), (1, 1)], path) == 2
    # duplicated graph edges count once
    assert count_embeddings(4, [(0, 1), (1, 0), (1, 2), (2, 3)], path) == 2
    for bad_tree in ([(0, 1), (1, 2)], [(0, 1), (1, 2), (0, 2)], [(0, 1), (1, 2), (2, 2)], [(0, 1), (1, 2), (2, 4)]):
        with pytest.raises(ValueError):
            count_embeddings(4, path, bad_tree)
    with pytest.raises(ValueError):
        count_embeddings(4, [(0, 5)], path)
    with pytest.raises(ValueError):
        count_embeddings(35, [], [(v - 1, v) for v in range(1, 35)])


def test_count_stops_at_the_deadline():
    n = 26  # about 2^26 vertex sets: far past the budget
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    tree = [(v - 1, v) for v in range(1, n)]
    assert compiled.count_embeddings(n, pairs, tree, time.monotonic() - 1.0) is None
    started = time.monotonic()
    with pytest.raises(GenerationTimeout):
        with budget(0.05, "test"):
            count_embeddings(n, pairs, tree)
    assert time.monotonic() - started < 1.0
