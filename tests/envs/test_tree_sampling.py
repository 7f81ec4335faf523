"""The shared tree helpers: the compiled word source and rooted tree against their Python twins."""
from __future__ import annotations

import random
from collections import Counter

import pytest

from rlve_fast.envs.trees import _sampling, _tree

core = pytest.importorskip("rlve_fast.envs.trees._sampling_core")
tree_core = pytest.importorskip("rlve_fast.envs.trees._tree_core")


def draws(source):
    out = [source.below(1), source.below(2), source.below(7), source.below(1 << 32), source.randint(-3, 3)]
    out.append(source.ints(20, 1, 10))
    items = list(range(30))
    source.shuffle(items)
    out.append(items)
    out.append(source.sample(50, 10))
    out.append(source.attachments(12, True))
    out.append(source.attachments(12, False))
    out.append(source.tree_edges(40, first=1))
    out.append(source.tree_edges(300, shuffled=False))  # crosses block boundaries
    out.append(source.word())
    return out


@pytest.mark.parametrize("seed", range(5))
def test_compiled_words_draw_what_the_twin_draws(seed):
    assert draws(core.Words(random.Random(seed))) == draws(_sampling.Words(random.Random(seed)))


def test_below_is_uniform():
    source = _sampling.words(random.Random(1))
    counts = Counter(source.below(5) for _ in range(50000))
    assert sorted(counts) == [0, 1, 2, 3, 4]
    assert all(abs(c - 10000) < 600 for c in counts.values())


def test_tree_edges_form_a_tree_with_every_shape_possible():
    source = _sampling.words(random.Random(2))
    shapes = Counter()
    for _ in range(3000):
        edges = source.tree_edges(4, first=1)
        _tree.rooted(4, edges, 0, first=1)  # raises unless a tree
        assert all(u < v for u, v in edges)
        shapes[tuple(sorted(map(tuple, edges)))] += 1
    assert len(shapes) == 16  # Cayley: every labelled tree on 4 vertices appears


def test_rooted_tree_twins_agree_and_reject_non_trees():
    source = _sampling.words(random.Random(3))
    for n in (1, 2, 5, 60):
        edges = source.tree_edges(n, first=2)
        root = n // 2
        assert tree_core.RootedTree(edges, n, root, 2).layout() == _tree.rooted(n, edges, root, 2)
    for n, edges in [(3, [[0, 1]]), (3, [[0, 1], [0, 1]]), (3, [[0, 1], [1, 3]]), (3, [[0, 1], [2, 2]]),
                     (2, [[0, 1, 1]])]:
        with pytest.raises(ValueError):
            _tree.rooted(n, edges)
        with pytest.raises(ValueError):
            tree_core.RootedTree(edges, n, 0, 0)
