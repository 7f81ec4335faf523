"""The residue rule shared by every environment whose answer is one residue modulo a modulus
(rlve_fast/envs/_residue.py, compiled twin rlve_fast/envs/_residue_kernel.pyx): hand-computed
rewards on both paths, the config checks, and the kernel against the Python twin."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast import _impl
from rlve_fast.envs._residue import ResidueAnswerEnvironment
from rlve_fast.errors import ConfigError
from rlve_fast.textparse import DEFAULT_MARKERS

# environment id -> its config check (parameter_types, in the order the keys are checked)
COUNT_FIRST = {"reference_answer": int, "MOD": int}
MOD_FIRST = {"MOD": int, "reference_answer": int}
MOD_KEYED = {
    "BannedPointSupersetPathCounting": COUNT_FIRST,
    "GridColoringCounting": COUNT_FIRST,
    "LandformGenerationCounting": COUNT_FIRST,
    "MatrixRMQCounting": COUNT_FIRST,
    "NotContainingStringCounting": COUNT_FIRST,
    "Canon": MOD_FIRST,
    "FixedModK_Selection_Counting": MOD_FIRST,
    "GCDFibonacciProduct": MOD_FIRST,
    "PythagoreanGraph_IndependentSetCounting": MOD_FIRST,
}
FIXED = {"Path_NoGoingBack_Counting": 10000}  # id -> its constant modulus (no MOD in the config)
MODULAR_ENVS = [e for e in MOD_KEYED if e in rlve_fast.environments()]
FIXED_ENVS = [e for e in FIXED if e in rlve_fast.environments()]


def test_every_residue_environment_is_listed():
    found = {env_id for env_id in rlve_fast.environments()
             if isinstance(rlve_fast.make(env_id), ResidueAnswerEnvironment)}
    assert found == set(MOD_KEYED) | set(FIXED)


@pytest.mark.parametrize("env_id", MODULAR_ENVS + FIXED_ENVS)
def test_config_checks(env_id):
    env = rlve_fast.make(env_id)
    if env_id in FIXED:
        assert env.parameter_types == {"reference_answer": int}
        assert env.modulus({}) == FIXED[env_id]
        return
    assert list(env.parameter_types.items()) == list(MOD_KEYED[env_id].items())
    with pytest.raises(ConfigError) as missing:
        env.verify({"seed": 0, "parameter": {}}, "<answer>1</answer>")
    assert missing.value.key == next(iter(MOD_KEYED[env_id]))
    with pytest.raises(ConfigError) as missing:
        env.verify({"seed": 0, "parameter": {"reference_answer": 1}}, "<answer>1</answer>")
    assert missing.value.key == "MOD"


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


@pytest.mark.parametrize("env_id", FIXED_ENVS)
@pytest.mark.parametrize("answer, reward", [
    ("7", 1.0), ("17", 0.0), ("9999", 0.0), ("10000", -0.5), ("-1", -0.5), ("7.0", -1.0), ("x", -1.0),
])
def test_fixed_modulus_rewards(env_id, answer, reward):
    # a MOD in the config is not read: the modulus is the environment's constant
    config = {"seed": 0, "parameter": {"MOD": 10, "reference_answer": 7}}
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            assert rlve_fast.verify(env_id, config, "<answer>%s</answer>" % answer)["reward"] == reward


def test_missing_answer_is_wrong_format():
    config = {"seed": 0, "parameter": {"MOD": 10, "reference_answer": 7}}
    for env_id in MODULAR_ENVS + FIXED_ENVS:
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


# ----------------------------------------------------------------------------- kernel vs twin
def _answers(mod, reference):
    near = st.sampled_from([reference, mod - 1, mod, mod + 1, 0, -1, -mod, -reference])
    huge = st.sampled_from([2 ** 62 - 1, 2 ** 62, 2 ** 63 - 1, 2 ** 63, 2 ** 64, 10 ** 30])
    number = st.one_of(near, huge, huge.map(lambda v: -v), st.integers(-10 ** 25, 10 ** 25))
    as_text = number.flatmap(lambda v: st.sampled_from(
        [str(v), " %d\n" % v, "+%d" % v if v >= 0 else str(v), "%d.0" % v, "%d %d" % (v, v), "0x%x" % v,
         "%d_0" % v]))
    return st.one_of(as_text, st.text(max_size=12), st.sampled_from(["", " ", "-", "+", "1e3", "NaN", "٣"]))


@settings(max_examples=400, deadline=None)
@given(st.integers(1, 2 ** 63 - 1), st.data())
def test_kernel_matches_the_python_twin(mod, data):
    compiled_text = pytest.importorskip("rlve_fast._core.text")
    ResidueKernel = pytest.importorskip("rlve_fast.envs._residue_kernel").ResidueKernel

    reference = data.draw(st.one_of(st.integers(0, mod - 1), st.integers(-2 ** 63, 2 ** 63 - 1)))
    answer = data.draw(_answers(mod, reference))
    twin = ResidueAnswerEnvironment()
    parameter = {"MOD": mod, "reference_answer": reference}
    kernel = ResidueKernel(reference, mod, twin.correct, twin.wrong, twin.wrong_range, twin.wrong_format)
    response = "<answer>%s</answer>" % answer
    with _impl.implementation("python"):
        want = twin.python_reward(parameter, response)
    got = kernel.score(response, compiled_text.markers_for(DEFAULT_MARKERS))
    parsed = twin.parse(answer)
    if got is None:  # a number beyond what the kernel holds: the Python twin decides
        assert parsed is None or not -(1 << 62) <= parsed < (1 << 62)
    else:
        assert got == want, (mod, reference, answer)
    if parsed is None:
        assert want == -1.0
    else:
        assert want == (-0.5 if not 0 <= parsed < mod else 1.0 if parsed == reference else 0.0)


def test_moduli_beyond_int64_use_the_python_scorer():
    config = {"seed": 0, "parameter": {"MOD": 10 ** 30, "reference_answer": 10 ** 25}}
    for env_id in MODULAR_ENVS:
        with _impl.implementation("compiled"):
            assert rlve_fast.make(env_id).prepare(config).kernel is None
        for answer, reward in ((str(10 ** 25), 1.0), ("5", 0.0), (str(10 ** 30), -0.5)):
            assert rlve_fast.verify(env_id, config, "<answer>%s</answer>" % answer)["reward"] == reward
