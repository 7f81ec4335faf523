"""Ray integration on a local Ray instance started by the test."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

ray = pytest.importorskip("ray", reason="Ray is the optional 'ray' extra (pip install rlve_fast[ray])")

SORTING = {"seed": 0, "parameter": {"N": 3, "array": [3, 1, 2], "gold_answer": [1, 2, 3]},
           "passing_reward_threshold": 1.0}
ANSWERS = ["<answer>1 2 3</answer>", "<answer>3 2 1</answer>", "nothing", "<answer>1 2</answer>"]


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    yield
    ray.shutdown()


def test_single_machine_path_never_imports_ray():
    code = ("import sys, rlve_fast\nfrom rlve_fast.pool import BatchVerifier\nimport rlve_fast.files\n"
            "rlve_fast.verify_batch('Sorting', [%r], ['x'])\nprint('ray' in sys.modules)" % SORTING)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_verify_dataset_scores_rows_and_flags_bad_ones(local_ray):
    from rlve_fast.integrations.ray import verify_dataset

    rows = [{"id": i, "environment": "Sorting", "config": json.dumps(SORTING), "response": ANSWERS[i % 4]}
            for i in range(200)]
    rows[7] = {"id": 7, "environment": "Nope", "config": json.dumps(SORTING), "response": "x"}
    rows[9] = {"id": 9, "metadata": json.dumps({"environment": "Sorting", "config": SORTING}),
               "response": ANSWERS[0]}
    scored = sorted(verify_dataset(ray.data.from_items(rows), batch_size=50).take_all(), key=lambda r: r["id"])
    assert len(scored) == 200
    assert [r["reward"] for r in scored[:4]] == [1.0, (1 / 3) ** 10, -1.0, -0.5]
    assert scored[7]["status"] == "error" and "Nope" in scored[7]["message"]
    assert scored[9]["status"] == "ok" and scored[9]["reward"] == 1.0
    assert sum(r["status"] == "ok" for r in scored) == 199


def test_verify_files_writes_results(local_ray, tmp_path):
    from rlve_fast.integrations.ray import verify_files

    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"environment": "Sorting", "config": json.dumps(SORTING),
                                          "response": ANSWERS[i % 4]}) + "\n" for i in range(40)))
    verify_files(str(source), str(tmp_path / "out"), isolate=False)
    rows = [json.loads(line) for f in (tmp_path / "out").glob("*.json*") for line in f.read_text().splitlines()]
    assert len(rows) == 40 and sorted(r["reward"] for r in rows)[-1] == 1.0
    assert sum(r["reward"] == 1.0 for r in rows) == 10
