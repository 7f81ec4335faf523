"""MYJ: the best takings against every price list; the scorer, including negative prices."""
from __future__ import annotations

import random
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scoring_paths import reward_on_both_paths

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs.optimization import myj


def test_solvers_against_every_price_list():
    env = rlve_fast.make("MYJ")
    rng = random.Random(53)
    solvers = [myj.best_prices] + ([myj._compiled.best_prices] if myj._compiled else [])
    for _ in range(200):
        p = {"N": rng.randint(1, 4)}
        env.sample(rng, p)
        limits = sorted({c for _, _, c in p["customers"]})
        want = max(myj.takings(prices, p["customers"]) for prices in product(limits, repeat=p["N"]))
        for solver in solvers:
            gold, prices = solver(p["N"], p["customers"])
            assert gold == want == myj.takings(prices, p["customers"]), p


@pytest.mark.skipif(myj._compiled is None, reason="compiled solver not built")
def test_compiled_solver_matches_the_twin_on_larger_instances():
    env = rlve_fast.make("MYJ")
    rng = random.Random(59)
    for _ in range(20):
        p = {"N": rng.randint(5, 12)}
        env.sample(rng, p)
        assert myj._compiled.best_prices(p["N"], p["customers"])[0] == myj.best_prices(p["N"], p["customers"])[0]


# shops 1-3; (1, 3, 5) buys at the lowest of all three if <= 5, (2, 2, 8) looks at shop 2 only:
# prices 5 8 5 earn 5 + 8 = 13, the most (shop 2 at 8 and a 5 elsewhere for the first customer)
CONFIG = {"seed": 0, "parameter": {"N": 3, "M": 2, "customers": [[1, 3, 5], [2, 2, 8]], "gold_answer": 13,
                                   "reference_answer": "5 8 5"}}


def both_paths(text, config=CONFIG):
    return reward_on_both_paths("MYJ", config, text)


@pytest.mark.parametrize("answer, reward", [
    ("5 8 5", 1.0), ("9 8 5", 1.0),
    ("8 8 8", (8 / 13) ** 5),        # the first customer refuses 8
    ("1 1 1", (2 / 13) ** 5),
    ("0 8 9", (8 / 13) ** 5),        # the first customer pays 0
    ("-1 8 9", (7 / 13) ** 5),       # and a negative price is paid too
    ("5 8", -0.5), ("5 8 5 5", -0.5), ("", -0.5),
    ("5 8 x", -1.0),
])
def test_rewards(answer, reward):
    assert both_paths(answer) == reward


def test_takings_above_the_stored_optimum_are_an_error():
    assert both_paths("5 8 5", {"seed": 0, "parameter": dict(CONFIG["parameter"], gold_answer=12)}) == -1.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-2, 10), min_size=2, max_size=4))
def test_paths_agree_on_arbitrary_answers(prices):
    reward = both_paths(" ".join(map(str, prices)))
    assert reward == -0.5 or -1.0 <= reward <= 1.0


def test_a_reward_below_minus_one_raises_on_both_paths_as_upstream_asserts():
    env = rlve_fast.make("MYJ")
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            with pytest.raises(rlve_fast.RewardOutOfRange):
                env.verify(CONFIG, "<answer>-30 8 9</answer>")  # takings -22: (-22 / 13)^5 < -1
