"""The public API and its behaviour on bad input."""
from __future__ import annotations

import math

import pytest

import rlve_fast
from rlve_fast import ConfigError, UnknownEnvironmentError, _impl

SORTING_CONFIG = {"seed": 0, "parameter": {"N": 3, "array": [3, 1, 2], "gold_answer": [1, 2, 3],
                                           "reference_answer": "1 2 3"},
                  "passing_reward_threshold": 1.0}


def test_environments_lists_sorted_ids():
    ids = rlve_fast.environments()
    assert "Sorting" in ids and ids == sorted(ids)


def test_unknown_environment_suggests_the_closest_ids():
    with pytest.raises(UnknownEnvironmentError) as info:
        rlve_fast.make("sorting")
    assert "Sorting" in str(info.value)
    assert info.value.suggestions[0] == "Sorting"
    with pytest.raises(UnknownEnvironmentError):
        rlve_fast.verify("NoSuchEnvironment", SORTING_CONFIG, "")


def test_verify_returns_upstreams_reward_dict():
    assert rlve_fast.verify("Sorting", SORTING_CONFIG, "<answer>1 2 3</answer>") == \
        {"reward": 1.0, "accuracy": 1, "format_score": 1}
    # two of three positions right: (2/3) ** 10
    assert rlve_fast.verify("Sorting", SORTING_CONFIG, "<answer>1 3 3</answer>") == \
        {"reward": 0.017341529915832606, "accuracy": 0, "format_score": 1}
    assert rlve_fast.verify("Sorting", SORTING_CONFIG, "<answer>1 2</answer>")["reward"] == -0.5
    assert rlve_fast.verify("Sorting", SORTING_CONFIG, "no answer") == \
        {"reward": -1.0, "accuracy": 0, "format_score": 0}


def test_answer_markers_are_honoured():
    boxed = ("\\boxed{", "}")
    assert rlve_fast.verify("Sorting", SORTING_CONFIG, "\\boxed{1 2 3}", answer_markers=boxed)["reward"] == 1.0
    assert rlve_fast.make("Sorting", boxed).verify(SORTING_CONFIG, "<answer>1 2 3</answer>")["reward"] == -1.0


def test_config_as_json_text_and_threshold_default():
    import json
    config = dict(SORTING_CONFIG)
    del config["passing_reward_threshold"]
    assert rlve_fast.verify("Sorting", json.dumps(config), "<answer>1 2 3</answer>")["accuracy"] == 1


@pytest.mark.parametrize("config, key", [
    ({"parameter": SORTING_CONFIG["parameter"]}, "seed"),
    ({"seed": 0}, "parameter"),
    ({"seed": 0, "parameter": {"N": 3}}, "gold_answer"),
    ({"seed": 0, "parameter": {"N": "3", "gold_answer": [1]}}, "N"),
    ({"seed": 0, "parameter": {"N": 3, "gold_answer": [1, "2", 3]}}, "gold_answer"),
])
def test_config_errors_name_the_environment_and_key(config, key):
    with pytest.raises(ConfigError) as info:
        rlve_fast.verify("Sorting", config, "<answer>1</answer>")
    assert info.value.key == key and info.value.env_id == "Sorting"
    assert "Sorting" in str(info.value) and repr(key) in str(info.value)


def test_config_that_is_not_json_is_a_config_error():
    with pytest.raises(ConfigError):
        rlve_fast.verify("Sorting", "{not json", "<answer>1</answer>")


def test_non_text_response_is_rejected_not_coerced():
    with pytest.raises(TypeError):
        rlve_fast.verify("Sorting", SORTING_CONFIG, b"<answer>1 2 3</answer>")
    with pytest.raises(TypeError):
        rlve_fast.verify("Sorting", SORTING_CONFIG, None)


@pytest.mark.parametrize("implementation", ["compiled", "python"])
def test_verify_batch_flags_bad_rows_and_keeps_order(implementation):
    bad_config = {"seed": 0, "parameter": {"N": 3}}
    rows = [
        ("Sorting", SORTING_CONFIG, "<answer>1 2 3</answer>"),
        ("Sortng", SORTING_CONFIG, "<answer>1 2 3</answer>"),
        ("Sorting", bad_config, "<answer>1 2 3</answer>"),
        ("Sorting", SORTING_CONFIG, 12),
        ("Sorting", SORTING_CONFIG, "nothing"),
        ("Sorting", SORTING_CONFIG, "<answer>3 2 1</answer>"),
    ]
    with _impl.implementation(implementation):
        result = rlve_fast.verify_batch(*map(list, zip(*rows)))
    assert result.status == ["ok", "error", "error", "error", "ok", "ok"]
    assert "Sorting" in result.message[1]  # the suggestion
    assert "gold_answer" in result.message[2]
    assert "str" in result.message[3]
    assert result[0] == {"reward": 1.0, "accuracy": 1, "format_score": 1, "status": "ok"}
    assert result[1]["reward"] is None and math.isnan(result.reward[1])
    assert result[4]["reward"] == -1.0
    assert result[5]["reward"] == pytest.approx((1 / 3) ** 10, abs=0)
    assert list(result.ok) == [True, False, False, False, True, True]


def test_verify_batch_rejects_mismatched_lengths():
    with pytest.raises(ValueError):
        rlve_fast.verify_batch(["Sorting"], [SORTING_CONFIG, SORTING_CONFIG], ["a"])


@pytest.mark.parametrize("implementation", ["compiled", "python"])
@pytest.mark.parametrize("response, reward", [
    ("x" * 10_000_000 + "<answer>1 2 3</answer>", 1.0),           # 10 MB of junk first
    ("<answer>" * 1_000_000 + "1 2 3</answer>", -1.0),            # "<answer>"*k + "1 2 3" is not ints
    ("<answer>1 2 3" + "\x00" * 1000, -1.0),                       # unclosed, NUL bytes
    ("<answer>1 2 3</answer>\ud800", 1.0),                          # a lone surrogate after it
    ("<answer>1 2 \ud800</answer>", -1.0),
    ("<answer>" + "9" * 100_000 + " 2 3</answer>", -1.0),         # beyond int()'s 4300 digits
    ("<answer>" + "1" * 4300 + " 2 3</answer>", (2 / 3) ** 10),   # a legal huge int
    ("<answer>١ ٢ ٣</answer>", 1.0),                               # Arabic-Indic digits, as int()
    ("<answer>1_0 2 3</answer>", (2 / 3) ** 10),                  # '_' separators, as int()
    ("</answer>1 2 3<answer>", -1.0),                              # markers the wrong way round
])
def test_hostile_completions(implementation, response, reward):
    with _impl.implementation(implementation):
        got = rlve_fast.verify("Sorting", SORTING_CONFIG, response)
    assert got["reward"] == reward


def test_problem_metadata_is_upstreams_record():
    problem = rlve_fast.make("Sorting").generate(3, difficulty=2)
    assert problem.metadata == {"environment": "Sorting", "problem_difficulty": 2, "config": problem.config}
    assert set(problem.config) == {"seed", "parameter", "passing_reward_threshold"}
    assert problem.config["seed"] == 3 and problem.difficulty == 2


def test_generate_with_explicit_parameter_and_bad_arguments():
    env = rlve_fast.make("Sorting")
    problem = env.generate(1, parameter={"N": 4})
    assert len(problem.parameter["array"]) == 4
    with pytest.raises(ValueError):
        env.generate(-1)
    with pytest.raises(ValueError):
        env.parameters(-2)
    with pytest.raises(rlve_fast.GenerationError):
        env.generate(0, parameter={"N": 0})


def test_tuples_where_upstream_keeps_them_in_memory():
    """Upstream's generators leave tuples in configs held in memory (edge lists); they load."""
    config = {"seed": 0, "parameter": {"N": 3, "edges": ((0, 1, 4), (1, 2, 3), (0, 2, 9)), "gold_answer": 7}}
    assert rlve_fast.verify("MinimumSpanningTree", config, "<answer>0 1 1 2</answer>")["reward"] == 1.0
    assert rlve_fast.verify("MinimumSpanningTree", config, "<answer>0 1 0 2</answer>")["reward"] == (7 / 13) ** 5
