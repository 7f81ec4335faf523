"""verl adapter: verl's call signatures, upstream's rewards under verl's names, flagged bad rows."""
from __future__ import annotations

import asyncio
import inspect
import json
import math

import pytest

import rlve_fast
from rlve_fast.cli import main
from rlve_fast.integrations import verl

PROBLEM = rlve_fast.make("Sorting").generate(3, difficulty=2)
LABEL = json.dumps(PROBLEM.metadata)
REFERENCE = PROBLEM.parameter["reference_answer"]


def test_signatures_are_verls():
    assert list(inspect.signature(verl.compute_score).parameters)[:4] == [
        "data_source", "solution_str", "ground_truth", "extra_info"]
    assert list(inspect.signature(verl.compute_score_batch).parameters)[:4] == [
        "data_sources", "solution_strs", "ground_truths", "extra_infos"]
    assert inspect.iscoroutinefunction(verl.compute_score_async)


def test_scores_are_upstreams_reward_dict():
    right = verl.compute_score("rlve/Sorting", "<answer>%s</answer>" % REFERENCE, LABEL, {"index": 0})
    assert right == {"score": 1.0, "acc": 1, "format": 1, "error": ""}
    assert verl.compute_score("rlve/Sorting", "no answer here", LABEL) == {
        "score": -1.0, "acc": 0, "format": 0, "error": ""}
    swapped = " ".join(reversed(REFERENCE.split()))
    expected = rlve_fast.verify("Sorting", PROBLEM.config, "<answer>%s</answer>" % swapped)
    got = verl.compute_score("rlve/Sorting", "<answer>%s</answer>" % swapped, PROBLEM.metadata)  # a dict label too
    assert (got["score"], got["acc"], got["format"]) == (expected["reward"], expected["accuracy"], expected["format_score"])


def test_other_answer_markers_through_reward_kwargs():
    boxed = "so \\boxed{%s}" % REFERENCE
    assert verl.compute_score("rlve/Sorting", boxed, LABEL)["score"] == -1.0
    assert verl.compute_score("rlve/Sorting", boxed, LABEL, answer_markers=["\\boxed{", "}"])["score"] == 1.0


@pytest.mark.parametrize("label, reason", [
    ("{not json", "not valid JSON"),
    (json.dumps({"config": PROBLEM.config}), "RLVE's metadata"),
    (json.dumps({"environment": "Sortin", "config": PROBLEM.config}), "Did you mean: Sorting"),
    (json.dumps({"environment": "Sorting", "config": {"seed": 0, "parameter": {}}}), "missing from parameter"),
    (None, "RLVE's metadata"),
])
def test_a_bad_label_is_flagged_never_a_silent_zero(label, reason):
    got = verl.compute_score("rlve/Sorting", "<answer>1</answer>", label)
    assert reason in got["error"]
    assert got["score"] == 0.0 and math.isnan(got["acc"]) and math.isnan(got["format"])
    assert verl.compute_score("rlve/Sorting", "x", label, invalid_score=-1.0)["score"] == -1.0


def test_a_completion_that_is_not_text_is_flagged():
    assert "response must be str" in verl.compute_score("rlve/Sorting", None, LABEL)["error"]


def test_label_from_extra_info_metadata():
    got = verl.compute_score("rlve/Sorting", "<answer>%s</answer>" % REFERENCE, None, {"metadata": LABEL})
    assert got["score"] == 1.0


def test_batch_form_keeps_order_and_matches_per_sample_form():
    solutions = ["<answer>%s</answer>" % REFERENCE, "junk", "<answer>1 2</answer>", "<answer>%s</answer>" % REFERENCE]
    truths = [LABEL, LABEL, "{bad", LABEL]
    batch = verl.compute_score_batch(["rlve/Sorting"] * 4, solutions, truths, [{}] * 4)
    singles = [verl.compute_score("rlve/Sorting", s, t) for s, t in zip(solutions, truths)]
    assert [b for i, b in enumerate(batch) if i != 2] == [s for i, s in enumerate(singles) if i != 2]
    assert batch[2]["error"] == singles[2]["error"] and math.isnan(batch[2]["acc"])
    assert [row["score"] for row in batch] == [1.0, -1.0, 0.0, 1.0] and batch[2]["error"]


def reward_manager_loop(scores):
    """verl's reward managers (workers/reward_manager/naive.py, batch.py): the score goes into
    the reward tensor, every key of the dict is appended to reward_extra_info[key]."""
    reward_tensor, extra = [], {}
    for score in scores:
        reward_tensor.append(float(score["score"]))
        for key, value in score.items():
            extra.setdefault(key, []).append(value)
    return reward_tensor, extra


def validation_means(extra):
    """trainer/ppo/metric_utils.py process_validation_metrics: text columns are skipped,
    numbers averaged with np.mean."""
    import numpy as np

    return {k: float(np.mean(v)) for k, v in extra.items() if v and not isinstance(v[0], str)}


def test_flagged_rows_through_verls_reward_manager_and_validation_metrics():
    solutions = ["<answer>%s</answer>" % REFERENCE, "junk", "<answer>%s</answer>" % REFERENCE]
    good = verl.compute_score_batch(["rlve/Sorting"] * 3, solutions, [LABEL] * 3)
    rewards, extra = reward_manager_loop(good)
    assert rewards == [1.0, -1.0, 1.0] and all(len(v) == 3 for v in extra.values())
    assert validation_means(extra) == {"score": 1 / 3, "acc": 2 / 3, "format": 2 / 3}

    flagged = verl.compute_score_batch(["rlve/Sorting"] * 3, solutions, [LABEL, LABEL, "{bad"])
    rewards, extra = reward_manager_loop(flagged)
    assert all(math.isfinite(r) for r in rewards)  # the reward tensor stays finite
    assert all(len(v) == 3 for v in extra.values())  # same keys on every row: lists stay aligned
    means = validation_means(extra)
    assert math.isnan(means["acc"]) and math.isnan(means["format"])  # shown, not averaged in as 0


def test_async_form_gives_the_same_result():
    got = asyncio.run(verl.compute_score_async("rlve/Sorting", "<answer>%s</answer>" % REFERENCE, LABEL))
    assert got == {"score": 1.0, "acc": 1, "format": 1, "error": ""}


def test_dataset_rows_are_verl_ready_and_their_references_score_one():
    rows = verl.problem_rows(["Sorting", "CRT"], 3, difficulty=2, seed=5)
    assert len(rows) == 6 and [r["extra_info"]["index"] for r in rows] == list(range(6))
    for row in rows:
        assert set(row) == {"data_source", "prompt", "ability", "reward_model", "extra_info"}
        assert row["reward_model"]["style"] == "rule"
        assert row["prompt"][0]["role"] == "user" and "<answer>" in row["prompt"][0]["content"]
        meta = json.loads(row["reward_model"]["ground_truth"])
        assert row["data_source"] == "rlve/" + meta["environment"]
        assert meta["config"]["seed"] == row["extra_info"]["seed"]
    scores = verl.compute_score_batch(
        [r["data_source"] for r in rows],
        ["<answer>%s</answer>" % json.loads(r["reward_model"]["ground_truth"])["config"]["parameter"]["reference_answer"]
         for r in rows],
        [r["reward_model"]["ground_truth"] for r in rows])
    assert [s["score"] for s in scores] == [1.0] * 6


def test_cli_writes_a_parquet_dataset(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is in the test extras")
    out = tmp_path / "train.parquet"
    assert main(["verl-dataset", "Sorting", "CRT", "--count", "2", "--difficulty", "1", "-o", str(out)]) == 0
    table = pq.read_table(out)
    assert table.num_rows == 4
    assert table.column("data_source").to_pylist() == ["rlve/Sorting"] * 2 + ["rlve/CRT"] * 2
    assert not list(tmp_path.glob("*.tmp-*"))
    assert main(["verl-dataset", "Sortin", "-o", str(tmp_path / "x.parquet")]) == 2
