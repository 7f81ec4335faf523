"""File mode: workers read their own ranges; order, faults, truncation, resume, Parquet."""
from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rlve_fast.files import verify_file
from rlve_fast.jsonl import read_rows
from rlve_fast.records import score_records

SORTING = {"seed": 0, "parameter": {"N": 3, "array": [3, 1, 2], "gold_answer": [1, 2, 3]},
           "passing_reward_threshold": 1.0}
ANSWERS = ["<answer>1 2 3</answer>", "<answer>3 2 1</answer>", "nothing", "<answer>1 2</answer>"]


def _row(i):
    return {"id": i, "environment": "Sorting", "config": dict(SORTING, seed=i // 8), "response": ANSWERS[i % 4]}


def _write(path: Path, rows, tail: bytes = b""):
    with open(path, "wb") as fh:
        for row in rows:
            fh.write((row if isinstance(row, str) else json.dumps(row)).encode() + b"\n")
        fh.write(tail)


def _in_process(path: Path):
    with open(path, "rb") as fh:
        lines, _ = score_records(list(read_rows(fh)))
    return [json.loads(line) for line in lines]


def _read(path: Path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_file_mode_equals_in_process_and_keeps_order(tmp_path):
    rows = [_row(i) for i in range(3000)]
    rows[17] = "{broken json"
    rows[1200] = {"environment": "Nope", "config": SORTING, "response": "x"}
    source = tmp_path / "in.jsonl"
    _write(source, rows, tail=b'{"environment": "Sorting", "conf')  # a truncated last line
    out = tmp_path / "out.jsonl"
    totals = verify_file(source, out, workers=2, chunk_bytes=8192, progress_bar=False)
    got, want = _read(out), _in_process(source)
    assert got == want
    assert len(got) == 3001 and totals["rows"] == 3001 and totals["flagged"] == 3
    assert [r.get("id") for r in got[:5]] == [0, 1, 2, 3, 4]
    assert got[17]["status"] == "error" and "line 18" in got[17]["message"]
    assert got[1200]["status"] == "error" and "Nope" in got[1200]["message"]
    assert got[-1]["status"] == "error" and got[-1]["line"] == 3001
    assert not (tmp_path / "out.jsonl.parts").exists()


def test_file_mode_isolates_hangs_and_crashes(tmp_path):
    rows = [_row(i) for i in range(400)]
    empty = {"seed": 0, "parameter": {}}
    rows[50] = {"environment": "Debug_Sleep", "config": empty, "response": "<answer>60</answer>"}
    rows[51] = {"environment": "Debug_Crash", "config": empty, "response": "<answer>segfault</answer>"}
    rows[300] = {"environment": "Debug_Crash", "config": empty, "response": "<answer>exit</answer>"}
    source = tmp_path / "in.jsonl"
    _write(source, rows)
    out = tmp_path / "out.jsonl"
    start = time.monotonic()
    verify_file(source, out, workers=2, chunk_bytes=4096, timeout=1.0, progress_bar=False,
                preload=["rlve_fast.testing"])
    assert time.monotonic() - start < 60
    got = _read(out)
    assert len(got) == 400
    assert got[50]["status"] == "timeout" and "line 51" in got[50]["message"]
    assert got[51]["status"] == "error" and "SIGSEGV" in got[51]["message"]
    assert got[300]["status"] == "error" and "exit code 3" in got[300]["message"]
    clean = [r for i, r in enumerate(got) if i not in (50, 51, 300)]
    assert all(r["status"] == "ok" for r in clean)
    assert [r["reward"] for r in clean[:4]] == [1.0, (1 / 3) ** 10, -1.0, -0.5]


def _cli(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "rlve_fast", "verify", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True, **kwargs)


def test_killed_run_resumes_to_the_uninterrupted_output(tmp_path):
    rows = [_row(i) for i in range(2000)]
    rows[1000] = {"environment": "Debug_Sleep", "config": {"seed": 0, "parameter": {}}, "response": "<answer>1.5</answer>"}
    source = tmp_path / "in.jsonl"
    _write(source, rows)
    full, partial = tmp_path / "full.jsonl", tmp_path / "partial.jsonl"
    common = ["--workers", "1", "--chunk-bytes", "4096", "--preload", "rlve_fast.testing", "--timeout", "30"]
    assert _cli(str(source), "-o", str(full), *common).wait(timeout=120) == 0

    run = _cli(str(source), "-o", str(partial), *common)
    parts = tmp_path / "partial.jsonl.parts"
    deadline = time.monotonic() + 60
    while len(list(parts.glob("part-*.jsonl"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    assert not partial.exists()  # never half-written
    done = len(list(parts.glob("part-*.jsonl")))
    assert done >= 3
    resumed = _cli(str(source), "-o", str(partial), *common, "--resume")
    assert resumed.wait(timeout=120) == 0, resumed.stderr.read()
    assert partial.read_bytes() == full.read_bytes()


def test_resume_refuses_a_plan_for_another_input(tmp_path):
    source = tmp_path / "in.jsonl"
    _write(source, [_row(i) for i in range(10)])
    parts = tmp_path / "out.jsonl.parts"
    parts.mkdir()
    (parts / "plan.json").write_text('{"version": 1, "input": "/elsewhere", "size": 1, "mtime_ns": 1}')
    with pytest.raises(ValueError, match="another input"):
        verify_file(source, tmp_path / "out.jsonl", workers=1, resume=True, progress_bar=False)
    (parts / "plan.json").write_text('{"version": 1, "inp')  # truncated
    with pytest.raises(ValueError, match="damaged"):
        verify_file(source, tmp_path / "out.jsonl", workers=1, resume=True, progress_bar=False)
    assert (parts / "plan.json").read_text() == '{"version": 1, "inp'  # left as it was


def _parquet_file(tmp_path, rows, row_group_size):
    """The rows as a Parquet file (configs as JSON text, as RLVE's data loaders keep them)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"id": [r["id"] for r in rows], "environment": [r["environment"] for r in rows],
                      "config": [json.dumps(r["config"]) for r in rows],
                      "response": [r["response"] for r in rows]})
    source = tmp_path / "in.parquet"
    pq.write_table(table, source, row_group_size=row_group_size)
    return source


def test_parquet_input(tmp_path):
    pytest.importorskip("pyarrow", reason="pyarrow is the optional 'arrow' extra")

    rows = [_row(i) for i in range(500)]
    source = _parquet_file(tmp_path, rows, row_group_size=64)
    out = tmp_path / "out.jsonl"
    totals = verify_file(source, out, workers=2, progress_bar=False)
    got = _read(out)
    assert totals["rows"] == 500 and [r["id"] for r in got] == list(range(500))
    assert [r["reward"] for r in got[:4]] == [1.0, (1 / 3) ** 10, -1.0, -0.5]


# ---------------------------------------------------------------------- deaths and hangs outside any row
# Imported as a worker's preload (``preload=[__name__]``), this module makes the file reader
# die, hang or raise on a line holding READER_FAULT: a stand-in for a parser that crashes,
# hangs or fails, which is outside any row, so the supervisor cannot blame a row for it.
READER_FAULT = "reader-fault"

if multiprocessing.parent_process() is not None and multiprocessing.current_process().name.startswith("rlve-fast"):
    import rlve_fast.files as _files

    _real_records = _files._jsonl_records

    def _faulty_read(path, start, end, first_line, fail):
        for record in _real_records(path, start, end, first_line, fail):
            fault = record[1].get(READER_FAULT) if isinstance(record[1], dict) else None
            if fault == "exit":
                os._exit(7)
            if fault == "hang":
                time.sleep(60)
            if fault == "raise":
                raise RuntimeError("reader fault")
            yield record

    _files._jsonl_records = _faulty_read


@pytest.mark.parametrize("fault, reason", [("exit", "exit code 7"), ("hang", "longer than 1 s outside any row"),
                                           ("raise", "could not run these rows: RuntimeError: reader fault")])
def test_a_piece_whose_worker_dies_outside_any_row_is_written_flagged(tmp_path, fault, reason):
    rows = [_row(i) for i in range(300)]
    rows[150] = dict(_row(150), **{READER_FAULT: fault})
    source = tmp_path / "in.jsonl"
    _write(source, rows)
    out = tmp_path / "out.jsonl"
    totals = verify_file(source, out, workers=2, chunk_bytes=4096, timeout=1.0, progress_bar=False,
                         preload=[__name__])
    got, want = _read(out), _in_process(source)
    bad = [i for i, r in enumerate(got) if r["status"] != "ok"]
    assert len(got) == 300 and bad and 150 in bad  # the piece holding line 151, every line of it
    assert bad == list(range(bad[0], bad[-1] + 1)) and len(bad) < 100
    for i in bad:
        assert got[i] == {"line": i + 1, "reward": None, "accuracy": None, "format_score": None,
                          "status": "error", "message": got[i]["message"]}
        assert got[i]["message"].startswith("line %d: " % (i + 1)) and reason in got[i]["message"]
    assert [r for i, r in enumerate(got) if i not in bad] == [r for i, r in enumerate(want) if i not in bad]
    assert totals["rows"] == 300 and totals["flagged"] == len(bad)


def test_config_missing_keys_in_file_mode(tmp_path):
    rows = [_row(i) for i in range(40)]
    rows[3] = {"id": 3, "environment": "Sorting", "config": {"seed": 1}, "response": "x"}
    rows[4] = {"id": 4, "environment": "Sorting", "config": {"parameter": SORTING["parameter"]}, "response": "x"}
    source = tmp_path / "in.jsonl"
    _write(source, rows)
    out = tmp_path / "out.jsonl"
    totals = verify_file(source, out, workers=1, progress_bar=False)
    got = _read(out)
    assert got == _in_process(source) and totals["flagged"] == 2
    assert got[3]["status"] == got[4]["status"] == "error"
    assert "line 4" in got[3]["message"] and "parameter" in got[3]["message"]
    assert "line 5" in got[4]["message"]
    assert got[3]["id"] == 3 and got[5]["status"] == "ok"


def test_resumed_totals_count_the_parts_of_the_earlier_run(tmp_path):
    from rlve_fast.cli import main
    from rlve_fast.files import _plan, _write_atomic, score_range
    from rlve_fast.jsonl import dumps

    rows = [_row(i) for i in range(600)]
    rows[10] = "{broken"  # flagged, in a part the first run finishes
    source = tmp_path / "in.jsonl"
    _write(source, rows)
    full = verify_file(source, tmp_path / "full.jsonl", workers=1, chunk_bytes=8192, progress_bar=False)
    # What a run killed after its first two parts leaves behind:
    out = tmp_path / "out.jsonl"
    parts = tmp_path / "out.jsonl.parts"
    parts.mkdir()
    plan = _plan(source, 8192, None)
    _write_atomic(str(parts / "plan.json"), dumps(plan))
    for index in (0, 1):
        start, end, first_line, lines = plan["ranges"][index]
        score_range(str(source), "jsonl", start, end, first_line, lines, str(parts / ("part-%06d.jsonl" % index)), {})
    assert len(plan["ranges"]) > 3
    resumed = verify_file(source, out, workers=1, chunk_bytes=8192, resume=True, progress_bar=False)
    assert out.read_bytes() == (tmp_path / "full.jsonl").read_bytes()
    assert {k: resumed[k] for k in ("rows", "flagged")} == {k: full[k] for k in ("rows", "flagged")} == \
        {"rows": 600, "flagged": 1}
    assert resumed["reward"] == pytest.approx(full["reward"])
    # --strict sees the flagged row of the earlier run too
    parts.mkdir()
    _write_atomic(str(parts / "plan.json"), dumps(plan))
    start, end, first_line, lines = plan["ranges"][0]
    score_range(str(source), "jsonl", start, end, first_line, lines, str(parts / "part-000000.jsonl"), {})
    assert main(["verify", str(source), "-o", str(out), "--workers", "1", "--resume", "--strict",
                 "--chunk-bytes", "8192"]) == 1


def test_resume_refuses_a_plan_for_other_answer_markers(tmp_path):
    source = tmp_path / "in.jsonl"
    _write(source, [_row(i) for i in range(10)])
    out = tmp_path / "out.jsonl"
    parts = tmp_path / "out.jsonl.parts"
    from rlve_fast.files import _plan, _write_atomic
    from rlve_fast.jsonl import dumps

    parts.mkdir()
    _write_atomic(str(parts / "plan.json"), dumps(_plan(source, 4 << 20, ["<final>", "</final>"])))
    with pytest.raises(ValueError, match="answer markers"):
        verify_file(source, out, workers=1, resume=True, progress_bar=False)


def test_a_large_parquet_row_group_is_cut_into_row_slices(tmp_path):
    pytest.importorskip("pyarrow", reason="pyarrow is the optional 'arrow' extra")

    from rlve_fast.files import _plan

    rows = [_row(i) for i in range(5000)]
    source = _parquet_file(tmp_path, rows, row_group_size=5000)  # one row group
    plan = _plan(source, 16384, None)
    assert [(g, offset, count) for g, offset, _, count in plan["ranges"]] == [(0, 0, 2048), (0, 2048, 2048), (0, 4096, 904)]
    assert [first for _, _, first, _ in plan["ranges"]] == [1, 2049, 4097]
    out = tmp_path / "out.jsonl"
    totals = verify_file(source, out, workers=2, chunk_bytes=16384, progress_bar=False)
    got = _read(out)
    assert totals["rows"] == 5000 and [r["id"] for r in got] == list(range(5000))
    assert [r["reward"] for r in got[4096:4100]] == [1.0, (1 / 3) ** 10, -1.0, -0.5]


@pytest.mark.parametrize("kernel_copy", ["native", "missing", "fails"])
def test_parts_are_appended_byte_for_byte(tmp_path, monkeypatch, kernel_copy):
    """Parts reach the output in the kernel (copy_file_range) or, where that is missing or
    refused, through user space; either way the bytes are the parts' in order."""
    import os

    from rlve_fast import files

    if kernel_copy == "missing":
        monkeypatch.delattr(os, "copy_file_range", raising=False)
    elif kernel_copy == "fails":
        def refuse(*args):
            raise OSError(18, "cross-device")
        monkeypatch.setattr(os, "copy_file_range", refuse, raising=False)
    parts = [os.urandom(n) for n in (0, 1, 70_000, 3_000_000)]
    with open(tmp_path / "out", "wb") as out:
        out.write(b"head")
        for i, data in enumerate(parts):
            (tmp_path / str(i)).write_bytes(data)
            with open(tmp_path / str(i), "rb") as part:
                files._append_file(part, out)
        out.write(b"tail")
    assert (tmp_path / "out").read_bytes() == b"head" + b"".join(parts) + b"tail"
