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


def test_verify_files_keeps_order_bad_lines_and_each_rows_own_keys(local_ray, tmp_path):
    """Malformed and truncated lines are flagged rows (not a failed job), rows of other shapes
    keep exactly their own keys (no merged schema), a crash costs its row, order is kept."""
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    from rlve_fast.integrations.ray import verify_files
    from rlve_fast.jsonl import read_rows
    from rlve_fast.records import score_records

    rows = [{"id": i, "environment": "Sorting", "config": dict(SORTING, seed=i // 4), "response": ANSWERS[i % 4]}
            for i in range(120)]
    rows[5] = "{broken json"
    rows[6] = {"environment": "Nope", "config": {"other": [1, 2]}, "response": "x", "extra": {"a": 1}}
    rows[7] = {"environment": "Debug_Crash", "config": {"seed": 0, "parameter": {}}, "response": "<answer>segfault</answer>"}
    rows[8] = {"metadata": json.dumps({"environment": "Sorting", "config": SORTING}), "response": ANSWERS[0]}
    source = tmp_path / "in.jsonl"
    source.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)
                      + '{"environment": "Sorting", "conf')  # truncated last line
    table = pa.table({"id": list(range(50)), "environment": ["Sorting"] * 50,
                      "config": [json.dumps(SORTING)] * 50, "response": [ANSWERS[i % 4] for i in range(50)]})
    pq.write_table(table, tmp_path / "other.parquet", row_group_size=20)

    totals = verify_files([str(source), str(tmp_path / "other.parquet")], str(tmp_path / "out"),
                          chunk_bytes=2048, preload=["rlve_fast.testing"], timeout=5.0)
    got = [json.loads(line) for line in (tmp_path / "out" / "in.jsonl").read_text().splitlines()]
    with open(source, "rb") as fh:  # the reference, scored here: without the crashing row
        records = [(n, {} if n == 8 else row, error) for n, row, error in read_rows(fh)]
    want = [json.loads(line) for line in score_records(records)[0]]
    assert len(got) == 121
    assert [r for i, r in enumerate(got) if i != 7] == [r for i, r in enumerate(want) if i != 7]
    assert got[5]["status"] == "error" and "line 6 is not valid JSON" in got[5]["message"]
    assert got[6]["config"] == {"other": [1, 2]} and got[6]["extra"] == {"a": 1} and "Nope" in got[6]["message"]
    assert got[7]["status"] == "error" and "SIGSEGV" in got[7]["message"]
    assert set(got[0]["config"]) == set(SORTING) and got[8]["reward"] == 1.0
    assert got[-1]["status"] == "error" and got[-1]["line"] == 121
    parquet = [json.loads(line) for line in (tmp_path / "out" / "other.jsonl").read_text().splitlines()]
    assert [r["id"] for r in parquet] == list(range(50)) and parquet[0]["reward"] == 1.0
    assert totals[str(tmp_path / "out" / "in.jsonl")]["flagged"] == 4
    assert totals[str(tmp_path / "out" / "other.jsonl")]["rows"] == 50


def test_default_concurrency_is_the_clusters_cpus(local_ray):
    from rlve_fast.integrations.ray import _cluster_cpus

    assert _cluster_cpus() == 2
