"""CardColoringCounting: orbit counts against a search over all colourings; the group limits."""
from __future__ import annotations

import random
from itertools import permutations

import pytest

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.counting import card_coloring_counting as ccc


def brute_orbits(n, counts, shuffles):
    colorings = set(permutations("r" * counts[0] + "g" * counts[1] + "b" * counts[2]))
    orbits, seen = 0, set()
    for start in colorings:
        if start in seen:
            continue
        orbits += 1
        seen.add(start)
        stack = [start]
        while stack:
            c = stack.pop()
            for x in shuffles:
                moved = [None] * n
                for i in range(n):
                    moved[x[i] - 1] = c[i]  # the card at i goes to X_i
                moved = tuple(moved)
                if moved not in seen:
                    seen.add(moved)
                    stack.append(moved)
    return orbits


def test_orbits_against_search():
    env = rlve_fast.make("CardColoringCounting")
    rng = random.Random(41)
    for _ in range(250):
        p = {"N": rng.randint(2, 7), "K": rng.randint(0, 3)}
        env.sample(rng, p)
        counts = (p["R"], p["G"], p["B"])
        want = brute_orbits(p["N"], counts, p["shuffling_methods"])
        assert ccc.coloring_orbits(p["N"], counts, p["shuffling_methods"]) == want, p


def test_cyclic_formula_against_the_group():
    rng = random.Random(43)
    for _ in range(200):
        n = rng.randint(1, 12)
        g = list(range(1, n + 1))
        rng.shuffle(g)
        red = rng.randint(0, n)
        green = rng.randint(0, n - red)
        counts = (red, green, n - red - green)
        types = ccc.group_cycle_types(n, [g], 10 ** 6)
        burnside = sum(k * ccc.fixed_colorings(t, counts) for t, k in types.items()) // sum(types.values())
        assert ccc.cyclic_orbits(tuple(ccc.cycle_lengths(g)), counts) == burnside


def test_packed_polynomial_count_against_the_table():
    # fixed_colorings reads a coefficient of a product packed into one big integer: against
    # the table over (red, green) totals, with counts that do not add up or are negative too
    rng = random.Random(17)
    for _ in range(2000):
        n = rng.randint(0, 30)
        lengths, left = [], n
        while left:
            lengths.append(rng.randint(1, left))
            left -= lengths[-1]
        lengths = tuple(sorted(lengths))
        red, green = rng.randint(-1, n + 1), rng.randint(-1, n + 1)
        counts = (red, green, rng.choice([n - red - green, n - red - green, rng.randint(-1, n + 1)]))
        assert ccc.fixed_colorings(lengths, counts) == ccc.fixed_colorings_table(lengths, counts)


def test_hand_examples():
    # 4 cards in a cycle, 2 red 2 blue: the rotations leave rrbb and rbrb: 2
    assert ccc.coloring_orbits(4, (2, 0, 2), [[2, 3, 4, 1]]) == 2
    # no shuffles: every arrangement counts: 4! / (2! 1! 1!) = 12
    assert ccc.coloring_orbits(4, (2, 1, 1), []) == 12
    # swapping cards 1, 2 and cycling 1 -> 2 -> 3 -> 1 reorder cards 1-3 freely while card 4 stays:
    # the colour of card 4 decides the orbit: 3
    assert ccc.coloring_orbits(4, (1, 1, 2), [[2, 1, 3, 4], [2, 3, 1, 4]]) == 3


@pytest.mark.skipif(ccc._compiled is None, reason="compiled closure not built")
def test_compiled_closure_matches_the_twin_and_refuses_large_groups():
    rng = random.Random(47)
    for _ in range(60):
        n = rng.randint(2, 7)
        shuffles = []
        for _ in range(rng.randint(1, 3)):
            g = list(range(1, n + 1))
            rng.shuffle(g)
            shuffles.append(g)
        assert ccc._compiled.group_cycle_types(n, shuffles, 10 ** 5) == ccc.group_cycle_types(n, shuffles, 10 ** 5)
    s6 = [[2, 1, 3, 4, 5, 6], [2, 3, 4, 5, 6, 1]]  # a transposition and a 6-cycle: all 720
    assert sum(ccc._compiled.group_cycle_types(6, s6, 720).values()) == 720
    assert ccc._compiled.group_cycle_types(6, s6, 719) is None
    assert ccc.group_cycle_types(6, s6, 719) is None


def _random_shuffles(rng, n, k):
    """Random shuffles, or a few transpositions (small groups, several orbits), half each."""
    shuffles = []
    for _ in range(k):
        g = list(range(1, n + 1))
        if rng.random() < 0.5:
            rng.shuffle(g)
        else:
            for _ in range(rng.randint(0, 2)):
                i, j = rng.sample(range(n), 2)
                g[i], g[j] = g[j], g[i]
        shuffles.append(g)
    return shuffles


def test_group_order_lower_bound_never_exceeds_the_order():
    """The bound is what lets a too-large group be refused without listing it: it must never
    pass the true order (counted by closing the group), and it should usually reach it."""
    rng = random.Random(5)
    reached = 0
    for _ in range(800):
        n = rng.randint(2, 7)
        shuffles = _random_shuffles(rng, n, rng.randint(1, 3))
        order = sum(ccc.group_cycle_types(n, shuffles, 10 ** 6).values())
        bound = ccc.group_order_lower_bound(n, shuffles, 10 ** 9)
        assert 1 <= bound <= order, (n, shuffles)
        reached += bound == order
        if ccc._compiled is not None:
            assert ccc._compiled.group_order_lower_bound(n, shuffles, 10 ** 9) == bound
    assert reached >= 700
    # hand cases: S_6 from a transposition and a 6-cycle, the cyclic group of a 5-cycle
    assert ccc.group_order_lower_bound(6, [[2, 1, 3, 4, 5, 6], [2, 3, 4, 5, 6, 1]], 10 ** 6) == 720
    assert ccc.group_order_lower_bound(5, [[2, 3, 4, 5, 1]], 10 ** 6) == 5


def test_symmetric_and_alternating_groups_against_listing_them():
    """coloring_orbits answers S_n and A_n from the order bound without listing the group."""
    for n in range(2, 8):
        s_n = [list(range(2, n + 1)) + [1], [2, 1] + list(range(3, n + 1))]
        a_n = [[2, 3, 1] + list(range(4, n + 1))] + [  # 3-cycles (1 2 k) generate A_n
            [{1: 2, 2: k, k: 1}.get(i, i) for i in range(1, n + 1)] for k in range(4, n + 1)]
        groups = [s_n] + ([a_n + a_n] if n >= 3 else [])  # doubled: at least two shuffles
        for shuffles in groups:
            types = ccc.group_cycle_types(n, shuffles, 10 ** 6)
            for red in range(n + 1):
                for green in range(n + 1 - red):
                    counts = (red, green, n - red - green)
                    listed = sum(k * ccc.fixed_colorings_table(t, counts) for t, k in types.items())
                    assert ccc.coloring_orbits(n, counts, shuffles) == listed // sum(types.values())


def test_orbits_of_random_shuffles_agree_with_listing_the_group():
    """coloring_orbits takes S_n / A_n from the order bound; listing the group must agree."""
    rng = random.Random(12)
    for _ in range(200):
        n = rng.randint(2, 7)
        shuffles = _random_shuffles(rng, n, rng.randint(2, 3))
        red = rng.randint(0, n)
        green = rng.randint(0, n - red)
        counts = (red, green, n - red - green)
        types = ccc.group_cycle_types(n, shuffles, 10 ** 6)
        listed = sum(k * ccc.fixed_colorings_table(t, counts) for t, k in types.items()) // sum(types.values())
        assert ccc.coloring_orbits(n, counts, shuffles) == listed, (n, counts, shuffles)


def test_group_order_lower_bound_passes_the_limit_for_the_symmetric_group():
    for n in (10, 16, 33):
        shuffles = [list(range(2, n + 1)) + [1], [2, 1] + list(range(3, n + 1))]  # generate S_n
        assert ccc.group_order_lower_bound(n, shuffles, 400_000) > 400_000
        if ccc._compiled is not None:
            assert ccc._compiled.group_order_lower_bound(n, shuffles, 400_000) > 400_000


def test_large_groups_are_refused():
    env = rlve_fast.make("CardColoringCounting")
    with pytest.raises(ValueError):
        env.solve({"N": 12, "K": 2, "R": 4, "G": 4, "B": 4,
                   "shuffling_methods": [[2, 1] + list(range(3, 13)), list(range(2, 13)) + [1]]})


CONFIG = {"seed": 0, "parameter": {"N": 4, "K": 1, "R": 2, "G": 0, "B": 2,
                                   "shuffling_methods": [[2, 3, 4, 1]], "reference_answer": 2}}


@pytest.mark.parametrize("answer, reward", [("2", 1.0), ("1", 0.5 ** 10), ("4", 0.5 ** 10),
                                            ("0", -1.0), ("-2", -1.0), ("2 2", -1.0), ("x", -1.0)])
def test_rewards(answer, reward):
    env = rlve_fast.make("CardColoringCounting")
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            assert env.verify(CONFIG, "<answer>%s</answer>" % answer)["reward"] == reward
