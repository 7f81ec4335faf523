"""Gymnasium wrapper: registered ids, one-step episodes with upstream's reward, the env checker."""
from __future__ import annotations

import warnings

import pytest

gymnasium = pytest.importorskip("gymnasium", reason="gymnasium is in the test extras")

import rlve_fast  # noqa: E402
import rlve_fast.integrations.gymnasium  # noqa: E402,F401  (registers the ids)
from gymnasium.utils.env_checker import check_env  # noqa: E402


def test_every_environment_is_registered():
    for env_id in rlve_fast.environments():
        assert "rlve_fast/%s-v0" % env_id in gymnasium.envs.registry


def test_episode_is_one_problem_and_one_answer():
    env = gymnasium.make("rlve_fast/Sorting-v0", difficulty=3)
    prompt, info = env.reset(seed=4)
    assert info["environment"] == "Sorting" and info["difficulty"] == 3
    assert prompt.startswith(rlve_fast.make("Sorting").prompt(info["config"]["parameter"]))
    reference = info["config"]["parameter"]["reference_answer"]
    _, reward, terminated, truncated, info = env.step("<answer>%s</answer>" % reference)
    assert (reward, terminated, truncated, info["accuracy"], info["format_score"]) == (1.0, True, False, 1, 1)
    with pytest.raises(RuntimeError, match="reset"):
        env.step("<answer>1</answer>")
    env.reset()
    _, reward, *_ = env.step("no answer")
    assert reward == -1.0


def test_reset_seed_is_reproducible_and_options_pick_the_problem():
    env = gymnasium.make("rlve_fast/CRT-v0")
    first = env.reset(seed=11)
    assert env.reset(seed=11) == first
    _, info = env.reset(seed=11, options={"difficulty": 5})
    assert info["difficulty"] == 5
    config = rlve_fast.make("CRT").generate(0, difficulty=2).config
    prompt, info = env.reset(options={"config": config})
    assert info["config"] == config
    _, reward, *_ = env.step("<answer>%s</answer>" % config["parameter"]["reference_answer"])
    assert reward == 1.0
    with pytest.raises(rlve_fast.ConfigError):
        env.reset(options={"config": {"seed": 0, "parameter": {}}})


def test_the_action_must_be_text():
    env = gymnasium.make("rlve_fast/Sorting-v0")
    env.reset(seed=0)
    with pytest.raises(TypeError):
        env.unwrapped.step(7)


def test_gymnasium_env_checker_passes_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_env(gymnasium.make("rlve_fast/Knapsack-v0").unwrapped)
