"""The rlve-fast command line, run as a user would (a subprocess) and in-process."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import rlve_fast
from rlve_fast.cli import main

SORTING_CONFIG = {"seed": 0, "parameter": {"N": 3, "array": [3, 1, 2], "gold_answer": [1, 2, 3]},
                  "passing_reward_threshold": 1.0}


def run_cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "rlve_fast", *args], input=stdin,
                          capture_output=True, text=True, timeout=300)


def test_list_prints_the_ids():
    out = run_cli("list")
    assert out.returncode == 0 and "Sorting" in out.stdout.split()


def test_list_where_names_each_environments_file():
    out = run_cli("list", "--where")
    rows = dict(line.split() for line in out.stdout.splitlines())
    assert rows["Sorting"].endswith("rlve_fast/envs/sequences/sorting.py")
    assert len(rows) == len(rlve_fast.environments())


def test_generate_writes_jsonl_rows(tmp_path):
    target = tmp_path / "problems.jsonl"
    assert main(["generate", "Sorting", "--difficulty", "2", "--count", "5", "--seed", "10", "-o", str(target)]) == 0
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert [r["seed"] for r in rows] == [10, 11, 12, 13, 14]
    for row in rows:
        assert row["environment"] == "Sorting" and row["difficulty"] == 2
        assert json.loads(row["metadata"]) == {"environment": "Sorting", "problem_difficulty": 2,
                                               "config": row["config"]}
        assert row["prompt"]


def test_generate_can_end_prompts_with_the_answer_instruction(tmp_path):
    from rlve_fast.integrations._common import BOXED, answer_instruction

    plain, tagged, boxed = (tmp_path / name for name in ("plain.jsonl", "tagged.jsonl", "boxed.jsonl"))
    assert main(["generate", "Sorting", "--count", "2", "-o", str(plain)]) == 0
    assert main(["generate", "Sorting", "--count", "2", "--answer-instruction", "-o", str(tagged)]) == 0
    assert main(["generate", "Sorting", "--count", "2", "--answer-instruction",
                 "--answer-markers", "\\boxed{", "}", "-o", str(boxed)]) == 0
    rows = [[json.loads(line) for line in path.read_text().splitlines()] for path in (plain, tagged, boxed)]
    for p, t, b in zip(*rows):
        assert "<answer>" not in p["prompt"]
        assert t["prompt"] == p["prompt"] + answer_instruction() and "<answer>" in t["prompt"]
        assert b["prompt"] == p["prompt"] + answer_instruction(BOXED)
        assert t["metadata"] == p["metadata"]
    assert main(["generate", "Sorting", "--answer-markers", "[", "]"]) == 2  # markers without the sentence


def test_verify_scores_both_row_shapes_and_flags_bad_lines(tmp_path):
    lines = [
        json.dumps({"environment": "Sorting", "config": SORTING_CONFIG, "response": "<answer>1 2 3</answer>", "id": 1}),
        json.dumps({"environment": "Sorting", "config": json.dumps(SORTING_CONFIG), "response": "<answer>3 2 1</answer>"}),
        "{this is not json",
        json.dumps({"metadata": json.dumps({"environment": "Sorting", "config": SORTING_CONFIG}),
                    "response": "<answer>1 2 3</answer>"}),
        json.dumps({"environment": "Nope", "config": SORTING_CONFIG, "response": "x"}),
        "",
        json.dumps({"environment": "Sorting", "config": {"seed": 1}, "response": "x"}),
        json.dumps({"environment": "Sorting", "config": SORTING_CONFIG}),
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n")
    target = tmp_path / "out.jsonl"
    out = run_cli("verify", str(source), "-o", str(target), "--chunk-size", "2")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert len(rows) == 7  # every non-blank input line, in order
    assert rows[0]["reward"] == 1.0 and rows[0]["status"] == "ok" and rows[0]["id"] == 1
    assert rows[1]["reward"] == pytest.approx((1 / 3) ** 10, abs=0) and rows[1]["accuracy"] == 0
    assert rows[2]["status"] == "error" and rows[2]["line"] == 3 and "line 3" in rows[2]["message"]
    assert rows[3]["reward"] == 1.0 and rows[3]["format_score"] == 1
    assert rows[4]["status"] == "error" and "Nope" in rows[4]["message"]
    assert rows[5]["status"] == "error" and "parameter" in rows[5]["message"] and "line 7" in rows[5]["message"]
    assert rows[6]["status"] == "error" and "response" in rows[6]["message"]
    assert "line 3" in out.stderr and "7 rows: 3 scored" in out.stderr
    assert run_cli("verify", str(source), "-o", str(target), "--strict").returncode == 1


def test_verify_reads_stdin_and_writes_stdout():
    row = json.dumps({"environment": "Sorting", "config": SORTING_CONFIG, "response": "<answer>1 2 3</answer>"})
    out = run_cli("verify", "-", stdin=row + "\n")
    assert out.returncode == 0
    assert json.loads(out.stdout)["reward"] == 1.0


def test_unknown_environment_is_a_clear_error():
    out = run_cli("generate", "Sortin")
    assert out.returncode == 2 and "Sorting" in out.stderr


def test_demo_runs_on_builtin_defaults():
    out = run_cli("demo", "--problems", "2")
    assert out.returncode == 0, out.stderr
    assert "compiled rows/s" in out.stdout and "Sorting" in out.stdout


def test_eval_heldout_reports_accuracy_per_environment(tmp_path):
    meta = json.dumps({"environment": "Sorting", "config": SORTING_CONFIG})
    rows = [{"user_prompt": "p", "metadata": meta, "response": r}
            for r in ["<answer>1 2 3</answer>", "<answer>1 2 3</answer>", "<answer>3 2 1</answer>", "x"]]
    rows.append({"user_prompt": "p", "metadata": json.dumps({"environment": "Nope", "config": {}}), "response": "x"})
    source = tmp_path / "completions.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = run_cli("eval-heldout", str(source), "-o", str(tmp_path / "scored.jsonl"))
    assert out.returncode == 0, out.stderr
    table = {line.split("|")[1].strip(): [c.strip() for c in line.split("|")[2:-1]]
             for line in out.stdout.splitlines() if line.startswith("| ") and "---" not in line}
    assert table["Sorting"][:2] == ["4", "0.5"]
    assert table["Nope"][3] == "1"  # flagged, not scored 0
    assert table["OVERALL"][:2] == ["5", "0.4"]
    assert len((tmp_path / "scored.jsonl").read_text().splitlines()) == 5


def test_verify_reads_parquet_without_workers(tmp_path):
    """A Parquet input goes to file mode (it has no lines to read), with or without --workers."""
    import pyarrow as pa  # the test extra installs it
    import pyarrow.parquet as pq

    problem = rlve_fast.make("Sorting").generate(3, difficulty=1)
    right = "<answer>%s</answer>" % problem.parameter["reference_answer"]
    rows = [{"environment": "Sorting", "config": json.dumps(problem.config), "response": r}
            for r in (right, "<answer>x</answer>")]
    source, target = tmp_path / "in.parquet", tmp_path / "out.jsonl"
    pq.write_table(pa.Table.from_pylist(rows), source)
    assert main(["verify", str(source), "-o", str(target)]) == 0
    scored = [json.loads(line) for line in target.read_text().splitlines()]
    assert [(r["status"], r["reward"]) for r in scored] == [("ok", 1.0), ("ok", -1.0)]
    assert main(["verify", str(source)]) == 2  # file mode needs -o OUTPUT
