"""Sorting: the solver against a permutation search, the scorer against its rule on both paths."""
from __future__ import annotations

from itertools import permutations

from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl

ENV = rlve_fast.make("Sorting")


def test_solver_against_the_only_ascending_permutation():
    for seed in range(40):
        array = ENV.generate(seed, difficulty=0).parameter["array"]
        ascending = {p for p in permutations(array) if all(a <= b for a, b in zip(p, p[1:]))}
        assert len(ascending) == 1
        assert ENV.solve({"N": len(array), "array": array})["gold_answer"] == list(ascending.pop())


def _rewards(config, text):
    out = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            out.append(ENV.verify(config, "<answer>%s</answer>" % text))
    assert out[0] == out[1], (config, text)
    return out[0]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 30).flatmap(lambda n: st.tuples(st.lists(st.integers(0, 5 * n), min_size=n, max_size=n),
                                                      st.lists(st.integers(-3, 5 * n + 3), min_size=0, max_size=n + 2))))
def test_scorer_rule(case):
    array, answer = case
    gold = sorted(array)
    config = {"seed": 0, "parameter": {"N": len(array), "array": array, "gold_answer": gold,
                                       "reference_answer": " ".join(map(str, gold))},
              "passing_reward_threshold": 1.0}
    got = _rewards(config, " ".join(map(str, answer)))
    if len(answer) != len(array):
        expected = -0.5  # a list of another length, the empty one included
    else:
        expected = (sum(a == g for a, g in zip(answer, gold)) / len(array)) ** 10.0
    assert got["reward"] == expected
    assert got["accuracy"] == int(answer == gold)


def test_format_failures_score_minus_one():
    config = ENV.generate(0, difficulty=1).config
    for text in ("1, 2, 3", "one two", "1.5 2"):
        assert _rewards(config, text)["reward"] == -1.0
