"""Scoring files on the worker pool: each worker reads its own byte range.

The input (JSONL) is cut at line boundaries into ranges of about ``chunk_bytes``; a worker
reads one range from the file itself (completions never travel through pipes), scores it
and writes a part file beside the output (temporary name, then rename).  When every part
is there, they are concatenated in order into the output (again through a temporary file
and a rename), so the output is never half-written.

The parts directory (``OUTPUT.parts/``) holds a plan (the ranges and the input's size and
mtime); ``resume=True`` keeps the parts already written and scores only the missing ones,
so a killed run finishes with exactly the output an uninterrupted run writes.

Parquet input (pyarrow, optional) is cut by row groups instead of byte ranges.
"""
from __future__ import annotations

import collections
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple


from rlve_fast.batch import ERROR
from rlve_fast.jsonl import JSONError, dumps, loads
from rlve_fast.records import score_records

PLAN_VERSION = 1
SUB_BATCH = 2048  # records scored per verify_batch call inside a range


@dataclass
class RangeTask:
    """One piece of the input: a byte range of a JSONL file or a row group of a Parquet file."""
    index: int
    path: str
    kind: str  # "jsonl" or "parquet"
    start: int
    end: int  # byte end (jsonl) or unused (parquet: start is the row group)
    first_line: int
    part: str
    flagged: Dict[int, Tuple[str, str]] = field(default_factory=dict)
    starts: int = 0

    def message(self):
        return "range", (self.path, self.kind, self.start, self.end, self.first_line, self.part, self.flagged)

    def done(self, reply, totals) -> None:
        for key in ("rows", "flagged"):
            totals[key] += reply[key]
        totals["reward"] += reply["reward"]

    def fail_row(self, position, status, reason, totals):
        # Run the range again with that row decided: it is written flagged, not rescored.
        self.flagged = dict(self.flagged)
        self.flagged[position] = (status, reason)
        return self

    def fail_all(self, reason, totals) -> None:
        raise RuntimeError("cannot score %s bytes %d-%d: %s" % (self.path, self.start, self.end, reason))


def _jsonl_records(path: str, start: int, end: int, first_line: int):
    with open(path, "rb") as fh:
        fh.seek(start)
        data = fh.read(end - start)
    records = []
    for offset, line in enumerate(data.split(b"\n")):
        if not line.strip():
            continue
        number = first_line + offset
        try:
            records.append((number, loads(line), None))
        except JSONError as exc:
            records.append((number, None, "line %d is not valid JSON: %s" % (number, exc)))
    return records


def _parquet_records(path: str, row_group: int, first_line: int):
    import pyarrow.parquet as pq

    table = pq.ParquetFile(path).read_row_group(row_group)
    return [(first_line + i, row, None) for i, row in enumerate(table.to_pylist())]


def score_range(path, kind, start, end, first_line, part, flagged, *, answer_markers=None, progress=None):
    """Worker side: score one range into its part file; returns its totals."""
    records = (_jsonl_records(path, start, end, first_line) if kind == "jsonl"
               else _parquet_records(path, start, first_line))
    totals = {"rows": 0, "flagged": 0, "reward": 0.0}
    tmp = part + ".tmp"
    with open(tmp, "wb") as out:
        for base in range(0, len(records), SUB_BATCH):
            batch = records[base:base + SUB_BATCH]
            local = {k - base: v for k, v in flagged.items() if base <= k < base + SUB_BATCH}
            lines, sub = score_records(batch, answer_markers, progress=progress, base=base, flagged=local)
            out.writelines(lines)
            for key in totals:
                totals[key] += sub[key]
    os.replace(tmp, part)
    return totals


def _line_ranges(path: Path, chunk_bytes: int) -> List[Tuple[int, int, int]]:
    """(start, end, first line number) ranges cut after a newline, ~chunk_bytes each."""
    size = path.stat().st_size
    ranges, start, line = [], 0, 1
    with open(path, "rb") as fh:
        while start < size:
            end = min(start + chunk_bytes, size)
            if end < size:
                fh.seek(end)
                tail = fh.readline()
                end += len(tail)
            fh.seek(start)
            newlines = 0
            remaining = end - start
            while remaining:
                block = fh.read(min(remaining, 1 << 22))
                newlines += block.count(b"\n")
                remaining -= len(block)
            ranges.append((start, end, line))
            line += newlines
            start = end
    return ranges


def _plan(path: Path, chunk_bytes: int) -> dict:
    stat = path.stat()
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        meta = pq.ParquetFile(path).metadata
        ranges, line = [], 1
        for group in range(meta.num_row_groups):
            ranges.append((group, 0, line))
            line += meta.row_group(group).num_rows
        kind = "parquet"
    else:
        ranges, kind = _line_ranges(path, chunk_bytes), "jsonl"
    return {"version": PLAN_VERSION, "input": str(path.resolve()), "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns, "kind": kind, "ranges": ranges}


def verify_file(source, output, *, workers: Optional[int] = None, chunk_bytes: int = 4 << 20,
                resume: bool = False, answer_markers: Optional[Sequence[str]] = None,
                timeout: float = 10.0, verifier=None, progress_bar: Optional[bool] = None,
                preload: Sequence[str] = ()) -> Dict[str, float]:
    """Score a JSONL or Parquet file into a JSONL output, on a pool of workers.

    Returns the totals (rows, flagged, mean reward, seconds)."""
    from rlve_fast.pool import BatchVerifier

    source, output = Path(source), Path(output)
    parts_dir = output.with_name(output.name + ".parts")
    plan_file = parts_dir / "plan.json"
    plan = _plan(source, chunk_bytes)
    if resume and plan_file.exists():
        try:
            old = loads(plan_file.read_bytes())
        except JSONError as exc:
            raise ValueError("cannot resume: %s is damaged (%s); delete %s to start over"
                             % (plan_file, exc, parts_dir)) from None
        if (old.get("version"), old.get("input"), old.get("size"), old.get("mtime_ns")) != \
                (plan["version"], plan["input"], plan["size"], plan["mtime_ns"]):
            raise ValueError("cannot resume: %s was written for another input or version; "
                             "delete %s to start over" % (plan_file, parts_dir))
        plan = old
    else:
        shutil.rmtree(parts_dir, ignore_errors=True)
        parts_dir.mkdir(parents=True)
        plan_file.write_bytes(dumps(plan))

    tasks = collections.deque()
    done_rows = 0
    for index, (start, end, first_line) in enumerate(plan["ranges"]):
        part = parts_dir / ("part-%06d.jsonl" % index)
        if part.exists():
            continue  # resumed: already scored
        tasks.append(RangeTask(index, str(source), plan["kind"], start, end, first_line, str(part)))

    totals = {"rows": 0, "flagged": 0, "reward": 0.0}
    started = time.perf_counter()
    if progress_bar is None:
        progress_bar = sys.stderr.isatty()
    from tqdm import tqdm

    bar = tqdm(total=len(plan["ranges"]), initial=len(plan["ranges"]) - len(tasks), unit="part",
               disable=not progress_bar, file=sys.stderr, desc="verify")

    def on_done(task, reply):
        bar.update(1)
        elapsed = time.perf_counter() - started
        bar.set_postfix_str("%.0f rows/s" % (totals["rows"] / elapsed if elapsed else 0))

    own = verifier is None
    pool = verifier or BatchVerifier(workers=workers, timeout=timeout, answer_markers=answer_markers,
                                     preload=preload)
    try:
        if tasks:
            pool.run_tasks(tasks, lambda task: task.message(), totals, on_done)
    finally:
        bar.close()
        if own:
            pool.close()

    # Every part is there: concatenate in order, atomically.
    tmp = output.with_name("." + output.name + ".tmp")
    with open(tmp, "wb") as out:
        for index in range(len(plan["ranges"])):
            with open(parts_dir / ("part-%06d.jsonl" % index), "rb") as part:
                shutil.copyfileobj(part, out, 1 << 20)
    os.replace(tmp, output)
    shutil.rmtree(parts_dir, ignore_errors=True)
    totals["seconds"] = time.perf_counter() - started
    return totals
