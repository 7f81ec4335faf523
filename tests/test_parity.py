"""Parity with upstream RLVE on its own outputs (../shared): the compatibility contract.

* verifier parity: for every corpus case of every implemented environment, our reward dict
  equals upstream's (accuracy and format_score equal, reward within 1e-9), on the compiled
  path and on the pure-Python path;
* solver parity: our solver recomputes the answer keys upstream stored in each config
  (visible corpus and held-out set), or, where answers are not unique, our answer scores 1.
"""
from __future__ import annotations

import copy

import pytest

import rlve_fast
from rlve_fast import _impl
from corpora import EXTRA, HELD_OUT, VISIBLE, extra_problems, held_out_problems, require, visible_problems

IMPLEMENTED = rlve_fast.environments()
TOLERANCE = 1e-9
# Parametrized over what the files hold (read at collection), so no test exists only to skip.
HELD_OUT_IDS = sorted(held_out_problems()) or ["(no held-out file)"]
EXTRA_IDS = sorted(e for e in extra_problems() if e in IMPLEMENTED) or ["(no extra corpus)"]


def _cases(env_id, problems=None):
    for problem in (visible_problems() if problems is None else problems)[env_id]:
        for case in problem["cases"]:
            if "raises" in case["expected"]:
                continue  # upstream itself raised on this one (see the corpus README)
            yield problem, case


def _matches(got, want):
    return (got["accuracy"] == want["accuracy"] and got["format_score"] == want["format_score"]
            and abs(got["reward"] - want["reward"]) <= TOLERANCE)


@pytest.mark.parametrize("implementation", ["compiled", "python"])
@pytest.mark.parametrize("env_id", IMPLEMENTED)
def test_verifier_parity(env_id, implementation):
    require(VISIBLE)
    if implementation == "compiled" and not _impl.HAVE_COMPILED:
        pytest.fail("the compiled core is not built")
    _check_verifier(env_id, implementation, list(_cases(env_id)))


def _check_verifier(env_id, implementation, cases):
    assert cases, "%s is implemented but has no corpus cases" % env_id
    failures = []
    with _impl.implementation(implementation):
        env_by_markers = {}
        for problem, case in cases:
            markers = tuple(case["answer_markers"])
            env = env_by_markers.setdefault(markers, rlve_fast.make(env_id, markers))
            got = env.verify(problem["config"], case["response"])
            if not _matches(got, case["expected"]):
                failures.append((problem["config"]["seed"], problem["difficulty"], case["family"],
                                 got, case["expected"]))
    assert not failures, "%d of %d cases differ, first: %r" % (len(failures), len(cases), failures[:3])


@pytest.mark.parametrize("env_id", IMPLEMENTED)
def test_verify_batch_parity(env_id):
    """The batch path gives the same rewards as upstream, in input order."""
    require(VISIBLE)
    cases = list(_cases(env_id))
    assert cases
    result = rlve_fast.verify_batch(env_id, [p["config"] for p, _ in cases],
                                    [c["response"] for _, c in cases])
    for i, (_, case) in enumerate(cases):
        assert result.status[i] == "ok", result.message.get(i)
        assert _matches(result[i], case["expected"]), (i, case["family"], result[i], case["expected"])


def _check_solver(env, config):
    parameter = config["parameter"]
    ours = env.solve(copy.deepcopy(parameter))
    keys = ours.keys() if env.exact_answer_keys is None else env.exact_answer_keys
    assert all(key in ours for key in keys)
    for key in keys:
        if key in parameter:
            assert ours[key] == parameter[key], (key, ours[key], parameter[key])
    if "reference_answer" in ours:  # ours must be right too (where several answers are)
        text = "<answer>%s</answer>" % ours["reference_answer"]
        assert env.verify(config, text)["accuracy"] == 1, (text, config)


@pytest.mark.parametrize("env_id", IMPLEMENTED)
def test_solver_parity_visible(env_id):
    require(VISIBLE)
    problems = visible_problems()[env_id]
    assert problems, "%s is implemented but has no corpus problems" % env_id
    env = rlve_fast.make(env_id)
    for problem in problems:
        _check_solver(env, problem["config"])


def test_every_held_out_environment_is_implemented():
    require(HELD_OUT)
    missing = sorted(set(held_out_problems()) - set(IMPLEMENTED))
    assert not missing, "held-out environments without an implementation: %s" % missing


@pytest.mark.parametrize("env_id", HELD_OUT_IDS)
def test_solver_parity_held_out(env_id):
    require(HELD_OUT)
    configs = held_out_problems()[env_id]
    assert len(configs) == 50, (env_id, len(configs))
    env = rlve_fast.make(env_id)
    for config in configs:
        _check_solver(env, config)
        if "reference_answer" in config["parameter"]:
            answer = config["parameter"]["reference_answer"]
            text = "<answer>%s</answer>" % answer
            assert env.verify(config, text)["accuracy"] == 1


def _require_extra():
    if not EXTRA:
        pytest.skip("no extra corpus: set RLVE_FAST_EXTRA_CORPUS to files made by bench/upstream_corpus.py")


@pytest.mark.parametrize("implementation", ["compiled", "python"])
@pytest.mark.parametrize("env_id", EXTRA_IDS)
def test_verifier_parity_extra_corpus(env_id, implementation):
    _require_extra()
    _check_verifier(env_id, implementation, list(_cases(env_id, extra_problems())))


@pytest.mark.parametrize("env_id", EXTRA_IDS)
def test_solver_parity_extra_corpus(env_id):
    _require_extra()
    env = rlve_fast.make(env_id)
    for problem in extra_problems()[env_id]:
        _check_solver(env, problem["config"])
