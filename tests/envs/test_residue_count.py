"""The residue scorer shared by the counting environments whose answer is a count modulo MOD
(rlve_fast/envs/counting/_residue_count.py): hand-computed rewards and both paths."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl

MODULAR_ENVS = [e for e in ("LandformGenerationCounting", "BannedPointSupersetPathCounting",
                            "GridColoringCounting", "MatrixRMQCounting", "NotContainingStringCounting")
                if e in rlve_fast.environments()]


@pytest.mark.parametrize("env_id", MODULAR_ENVS)
@pytest.mark.parametrize("answer, reward", [
    ("7", 1.0), (" +7\n", 1.0), ("0_7", 1.0), ("٧", 1.0), ("6", 0.0), ("0", 0.0), ("9", 0.0),
    ("10", -0.5), ("17", -0.5), ("-1", -0.5), ("-7", -0.5), ("99999999999999999999999", -0.5),
    ("7.0", -1.0), ("7 7", -1.0), ("", -1.0), ("seven", -1.0),
])
def test_residue_rewards(env_id, answer, reward):
    config = {"seed": 0, "parameter": {"MOD": 10, "reference_answer": 7}, "passing_reward_threshold": 1.0}
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            got = rlve_fast.verify(env_id, config, "<answer>%s</answer>" % answer)
            assert got["reward"] == reward, implementation
            assert got["accuracy"] == (reward == 1.0) and got["format_score"] == (reward != -1.0)


def test_missing_answer_is_wrong_format():
    config = {"seed": 0, "parameter": {"MOD": 10, "reference_answer": 7}}
    for env_id in MODULAR_ENVS:
        assert rlve_fast.verify(env_id, config, "7")["reward"] == -1.0


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(MODULAR_ENVS or ["LandformGenerationCounting"]), st.integers(2, 10**12),
       st.data(), st.integers(-10**20, 10**20), st.sampled_from(["%d", " %d ", "%d.5", "+%d", "%d,"]))
def test_paths_agree_and_follow_the_rule(env_id, mod, data, answer, template):
    reference = data.draw(st.integers(0, mod - 1))
    answer = data.draw(st.sampled_from([answer, reference, mod, mod - 1, -reference]))
    config = {"seed": 0, "parameter": {"MOD": mod, "reference_answer": reference}}
    text = "<answer>%s</answer>" % template.replace("%d", str(answer))
    with _impl.implementation("compiled"):
        fast = rlve_fast.verify(env_id, config, text)["reward"]
    with _impl.implementation("python"):
        slow = rlve_fast.verify(env_id, config, text)["reward"]
    assert fast == slow
    if template in ("%d.5", "%d,") or (template == "+%d" and answer < 0):
        assert fast == -1.0
    elif not 0 <= answer < mod:
        assert fast == -0.5
    else:
        assert fast == (1.0 if answer == reference else 0.0)
