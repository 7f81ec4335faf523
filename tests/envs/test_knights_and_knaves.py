"""KnightsAndKnaves: the solver against trying every assignment, reading statements back
from prose, the scorer's rules on hand-written answers."""
from __future__ import annotations

import random
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast.envs.puzzles.knights_and_knaves import (NAMES, SAYINGS, read_statements, sample_statement,
                                                       say, solutions, truth)


def test_solutions_against_every_assignment():
    rng = random.Random(11)
    for _ in range(300):
        n = rng.randint(2, 9)
        statements = [sample_statement(rng, n, p, 2, rng.choice((2, 3))) for p in range(n)]
        every = [roles for roles in product((True, False), repeat=n)
                 if all(roles[p] == truth(s, roles) for p, s in enumerate(statements))]
        assert sorted(solutions(statements, limit=1 << n)) == sorted(every)
        assert len(solutions(statements)) == min(2, len(every))


def test_statements_never_have_the_speaker_call_themself_a_knave():
    rng = random.Random(12)
    for _ in range(500):
        statement = sample_statement(rng, 4, 2, 1, 2)
        assert statement != ("lying", 2)


def test_statements_read_back_from_the_prose():
    rng = random.Random(13)
    for _ in range(100):
        n = rng.randint(2, 12)
        names = rng.sample(NAMES, n)
        statements = [sample_statement(rng, n, p, 2, 2) for p in range(n)]
        sentences = " ".join(rng.choice(SAYINGS).format(name=names[p], content=say(names, statements[p]))
                             for p in range(n))
        quiz = "Some islanders: %s, and %s. %s So who is who?" % (", ".join(names[:-1]), names[-1], sentences)
        assert read_statements(quiz, names) == statements


def test_generated_quizzes_solve_to_their_reference():
    env = rlve_fast.make("KnightsAndKnaves")
    for seed in range(10):
        problem = env.generate(seed, difficulty=seed)
        ours = env.solve(problem.parameter)
        assert ours["reference_answer"] == problem.parameter["reference_answer"]
        assert ours["gold_answer"] == problem.parameter["gold_answer"]


CONFIG = {"seed": 0, "parameter": {"N": 3, "names": ["Ann", "Bo", "Cy"],
                                   "gold_answer": {"Ann": "knight", "Bo": "knave", "Cy": "knight"}}}


def reward(answer):
    return rlve_fast.make("KnightsAndKnaves").verify(CONFIG, "<answer>%s</answer>" % answer)["reward"]


@pytest.mark.parametrize("answer, expected", [
    ("Ann is a knight, Bo is a knave, and Cy is a knight.", 1.0),
    ("Cy is a knight. Bo is a knave. Ann is a knight.", 1.0),
    ("ANN IS A KNIGHT, bo is a KNAVE, cy   is\na knight", 1.0),
    ("Ann is a knight, Bo is a knight, and Cy is a knight.", (2 / 3) ** 10),
    ("Ann is a knave, Bo is a knight, and Cy is a knave.", 0.0),
    ("Ann is a knight, Bo is a knave, Cy is a knight; no more knights", -1.0),  # four role words
    ("Ann is a knight, Bo is a knave.", -1.0),                                # two role words
    ("Ann is a knight, Bo is the knave, Cy is a knight.", -1.0),              # "is the"
    ("Anne is a knight, Bo is a knave, Cy is a knight.", -1.0),               # no "Ann is"
    ("Ann is a knight, Bo is a knave, Cy is an knight.", -1.0),
    ("Ann is a \u212anight, Bo is a knave, and Cy is a knight.", 1.0),        # the Kelvin sign folds to k
])
def test_rewards(answer, expected):
    assert reward(answer) == expected


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Ann", "Bo", "Cy", "Dee"]),
                          st.sampled_from(["knight", "knave", "Knight", "knaves"])), max_size=5))
def test_reward_is_the_share_of_right_roles_or_wrong_format(claims):
    text = ", ".join("%s is a %s" % claim for claim in claims)
    got = reward(text)
    words = sum(role.lower().startswith(("knight", "knave")) for _, role in claims)
    first = {}
    for name, role in claims:
        first.setdefault(name, "knight" if role.lower() == "knight" else "knave")  # "knaves" reads as knave
    if words != 3 or not all(name in first for name in ("Ann", "Bo", "Cy")):
        assert got == -1.0
    else:
        right = sum(first[name] == CONFIG["parameter"]["gold_answer"][name] for name in ("Ann", "Bo", "Cy"))
        assert got == (right / 3) ** 10


# ---------------------------------------------------------------------- the compiled kernel
KK_NAMES = ["Tom", "Uma", "Al"]
KK_CONFIG = {"seed": 0, "parameter": {"N": 3, "names": KK_NAMES,
                                      "gold_answer": {"Tom": "knight", "Uma": "knave", "Al": "knight"}}}
KK_WORDS = st.sampled_from(["Tom", "tom", "TOM", "Atom", "Tom_", "Tomas", "Uma", "uMA", "Al", "Alice", "is",
                            "IS", "iS", "a", "A", "an", "knight", "KNIGHT", "Knight", "knave", "KnAvE", "knights",
                            "knaves", "knightknave", "and", ",", ".", "isa", "k", "ſ", "\u212a", "K\u0131", "é", ""])
KK_SEPARATORS = st.sampled_from([" ", "", "  ", "\t", "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f", "\x85",
                                 "\xa0", "\u2028", ", ", "-"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(KK_WORDS, KK_SEPARATORS), max_size=16), st.sampled_from([3, 2, 0, 4]))
def test_kernel_matches_the_python_twin(tokens, n):
    from scoring_paths import reward_on_both_paths, uses_kernel

    config = {"seed": 0, "parameter": dict(KK_CONFIG["parameter"], N=n)}
    assert uses_kernel("KnightsAndKnaves", config)
    reward_on_both_paths("KnightsAndKnaves", config, "".join(w + s for w, s in tokens))


@settings(max_examples=300, deadline=None)
@given(st.permutations(["knight", "knave", "KNIGHT", "Knave"]).map(lambda r: r[:3]),
       st.sampled_from([" ", "\n", "\t ", "  "]), st.sampled_from([", ", " and ", ". "]))
def test_kernel_on_well_formed_answers(roles, space, joint):
    from scoring_paths import reward_on_both_paths

    answer = joint.join("%s%sis%sa%s%s" % (name, space, space, space, role) for name, role in zip(KK_NAMES, roles))
    got = reward_on_both_paths("KnightsAndKnaves", KK_CONFIG, answer)
    gold = KK_CONFIG["parameter"]["gold_answer"]
    assert got == (sum(r.lower() == gold[name] for name, r in zip(KK_NAMES, roles)) / 3) ** 10.0


def test_kernel_scores_ascii_and_hands_unicode_to_python():
    from rlve_fast import _impl
    from rlve_fast._core.text import markers_for

    with _impl.implementation("compiled"):
        kernel = rlve_fast.make("KnightsAndKnaves").prepare(KK_CONFIG).kernel
    markers = markers_for(None)
    assert kernel.score("<answer>Tom is a knight, Uma is a knave, and Al is a knight.</answer>", markers) == 1.0
    assert kernel.score("<answer>Tom is a knight, Uma is a knave, and Al is a knave.</answer>", markers) == (2 / 3) ** 10
    assert kernel.score("<answer>Tom is a knight, Uma is a knave, and Al is a \u212anight.</answer>", markers) is None


@pytest.mark.parametrize("parameter", [
    {"N": 2, "names": ["Tom", "O'Neil"], "gold_answer": {"Tom": "knight", "O'Neil": "knave"}},
    {"N": 2, "names": ["Tom", "Zoë"], "gold_answer": {"Tom": "knight", "Zoë": "knave"}},
    {"N": 2, "names": ["Tom", ""], "gold_answer": {"Tom": "knight", "": "knave"}},
    {"N": 2, "names": ["Tom", "Uma"], "gold_answer": {"Tom": "knight"}},
    {"N": 0, "names": [], "gold_answer": {}},
    {"N": 2**70, "names": ["Tom", "Uma"], "gold_answer": {"Tom": "knight", "Uma": "knave"}}])
def test_unusual_configs_stay_on_the_python_scorer(parameter):
    from scoring_paths import reward_on_both_paths, uses_kernel

    config = {"seed": 0, "parameter": parameter}
    assert not uses_kernel("KnightsAndKnaves", config)
    for answer in ("Tom is a knight, Uma is a knave", "Tom is a knight", "", "O'Neil is a knave, Tom is a knight"):
        reward_on_both_paths("KnightsAndKnaves", config, answer)


def test_search_and_truth_tables_agree(monkeypatch):
    """Up to TRUTH_TABLE_PEOPLE people the solver reads whole truth tables; beyond, it searches.
    Both, forced onto the same instances (small and just past the switch), find the same sets."""
    from rlve_fast.envs.puzzles import knights_and_knaves as kk
    rng = random.Random(21)
    cases = [(rng.randint(2, 10), 2) for _ in range(120)] + [(rng.randint(15, 16), 2) for _ in range(6)]
    for n, width in cases:
        statements = [sample_statement(rng, n, p, 2, width) for p in range(n)]
        by_table, by_search = [], []
        for switch, out in ((20, by_table), (0, by_search)):
            monkeypatch.setattr(kk, "TRUTH_TABLE_PEOPLE", switch)
            out.append(sorted(solutions(statements, limit=1 << n)))
            out.append(len(solutions(statements)))
        assert by_table == by_search
