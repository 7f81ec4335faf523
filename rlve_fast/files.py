"""Scoring files on the worker pool: each worker reads its own piece of the input.

A JSONL input is cut at line boundaries into byte ranges of about ``chunk_bytes``; a Parquet
input into row slices of about ``chunk_bytes`` of data (a large row group gives several).
A worker reads its piece from the file itself (completions never travel through pipes),
``SUB_BATCH`` rows at a time, so its memory is bounded whatever the file size, scores it and
writes a part file beside the output (temporary name, then rename).  When every part is
there, they are concatenated in order into the output (again through a temporary file and a
rename), so the output is never half-written.

The parts directory (``OUTPUT.parts/``) holds a plan (the pieces, and the input's size and
mtime and the answer markers) and each part's totals (written before the part itself);
``resume=True`` keeps the parts already written and scores only the missing ones, so a
killed run finishes with exactly the output and totals an uninterrupted run gives.

Every non-blank input line gives one output line, in order: a line that cannot be parsed or
scored, or a piece whose worker died twice outside any row, is written flagged.
"""
from __future__ import annotations

import collections
import itertools
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from rlve_fast.jsonl import JSONError, dumps, loads
from rlve_fast.records import Record, score_records

PLAN_VERSION = 2  # 2: per-part totals, row slices of Parquet row groups, answer markers
SUB_BATCH = 2048  # records read and scored at a time inside a piece


@dataclass
class RangeTask:
    """One piece of the input, and the part file it is scored into.

    JSONL: ``start``/``end`` are byte offsets.  Parquet: ``start`` is the row group and
    ``end`` the first row of the slice within it.  ``lines`` counts the piece's lines
    (blank ones included) or rows."""
    index: int
    path: str
    kind: str  # "jsonl" or "parquet"
    start: int
    end: int
    first_line: int
    lines: int
    part: str
    flagged: Dict[int, Tuple[str, str]] = field(default_factory=dict)
    starts: int = 0

    def args(self):
        return (self.path, self.kind, self.start, self.end, self.first_line, self.lines, self.part, self.flagged)

    def message(self):
        return "range", self.args()

    def done(self, reply, sink) -> None:
        sink.add(self, reply)

    def fail_row(self, position, status, reason, sink):
        # Run the piece again with that row decided: it is written flagged, not rescored.
        self.flagged = dict(self.flagged)
        self.flagged[position] = (status, reason)
        return self

    def fail_all(self, reason, sink) -> None:
        # Its worker could not get through it (it died or hung twice outside any row, reading
        # it most likely, or it raised): every line is written flagged, here, without parsing.
        sink.add(self, score_range(*self.args(), fail=reason))

    def unsendable(self, reason, sink):
        self.fail_all(reason, sink)
        return None


def _lines(path: str, start: int, end: int) -> Iterator[bytes]:
    """The lines (without their newline) of a byte range, read 1 MiB at a time."""
    with open(path, "rb") as fh:
        fh.seek(start)
        remaining, tail = end - start, b""
        while remaining > 0:
            block = fh.read(min(remaining, 1 << 20))
            if not block:
                break  # the file shrank under us: what is left is not there
            remaining -= len(block)
            lines = (tail + block).split(b"\n")
            tail = lines.pop()
            yield from lines
        if tail:
            yield tail  # a last line without its newline


def _jsonl_records(path: str, start: int, end: int, first_line: int, fail: Optional[str]) -> Iterator[Record]:
    for number, line in enumerate(_lines(path, start, end), first_line):
        if not line.strip():
            continue
        if fail is not None:
            yield number, None, "line %d: %s" % (number, fail)
            continue
        try:
            yield number, loads(line), None
        except JSONError as exc:
            yield number, None, "line %d is not valid JSON: %s" % (number, exc)


def _parquet_rows(path: str, group: int, offset: int, count: int) -> Iterator[dict]:
    import pyarrow.parquet as pq

    # No pre-buffering and a read buffer: the row group is streamed, not loaded whole.
    reader = pq.ParquetFile(path, pre_buffer=False, buffer_size=1 << 20)
    seen = 0
    for batch in reader.iter_batches(batch_size=SUB_BATCH, row_groups=[group], use_threads=False):
        lo, hi = max(offset - seen, 0), min(offset + count - seen, batch.num_rows)
        if lo < hi:
            yield from batch.slice(lo, hi - lo).to_pylist()
        seen += batch.num_rows
        if seen >= offset + count:
            break


def _records(path, kind, start, end, first_line, lines, fail: Optional[str] = None) -> Iterator[Record]:
    """The piece's records; with ``fail``, every one flagged with that reason, unread."""
    if kind == "jsonl":
        return _jsonl_records(path, start, end, first_line, fail)
    if fail is not None:
        return ((first_line + i, None, "line %d: %s" % (first_line + i, fail)) for i in range(lines))
    return ((first_line + i, row, None) for i, row in enumerate(_parquet_rows(path, start, end, lines)))


def _totals_path(part: str) -> str:
    return part[:-len(".jsonl")] + ".totals.json"


def score_range(path, kind, start, end, first_line, lines, part, flagged, *, answer_markers=None,
                progress=None, fail: Optional[str] = None) -> Dict[str, float]:
    """Score one piece into its part file (worker side); returns its totals.

    ``flagged`` maps a record's position in the piece to a verdict decided beforehand (see
    ``RangeTask.fail_row``); ``fail`` flags every record instead (``RangeTask.fail_all``)."""
    totals = {"rows": 0, "flagged": 0, "reward": 0.0}
    records = _records(path, kind, start, end, first_line, lines, fail)
    tmp = part + ".tmp"
    with open(tmp, "wb") as out:
        for base in itertools.count(0, SUB_BATCH):
            batch = list(itertools.islice(records, SUB_BATCH))
            if not batch:
                break
            local = {k - base: v for k, v in flagged.items() if base <= k < base + SUB_BATCH}
            lines_out, sub = score_records(batch, answer_markers, progress=progress, base=base, flagged=local)
            out.writelines(lines_out)
            for key in totals:
                totals[key] += sub[key]
    # The totals first, then the part: a part that is there always has its totals.
    _write_atomic(_totals_path(part), dumps(totals))
    os.replace(tmp, part)
    return totals


def _write_atomic(path: str, data: bytes) -> None:
    with open(path + ".tmp", "wb") as fh:
        fh.write(data)
    os.replace(path + ".tmp", path)


def _finished_totals(part: str) -> Optional[Dict[str, float]]:
    """The totals of a part written by an earlier run; None if it has to be scored."""
    if not os.path.exists(part):
        return None
    try:
        with open(_totals_path(part), "rb") as fh:
            totals = loads(fh.read())
        return {key: totals[key] for key in ("rows", "flagged", "reward")}
    except (OSError, JSONError, KeyError, TypeError):
        return None


def _line_ranges(path: Path, chunk_bytes: int) -> List[Tuple[int, int, int, int]]:
    """(start, end, first line number, lines) ranges cut after a newline, ~chunk_bytes each."""
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
            if end == size and block[-1:] != b"\n":
                newlines += 1  # a last line without its newline is a line too
            ranges.append((start, end, line, newlines))
            line += newlines
            start = end
    return ranges


def _parquet_ranges(path: Path, chunk_bytes: int) -> List[Tuple[int, int, int, int]]:
    """(row group, first row in it, first line number, rows) slices of ~chunk_bytes of data."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    ranges, line = [], 1
    for group in range(meta.num_row_groups):
        info = meta.row_group(group)
        rows = info.num_rows
        per_row = max(1, info.total_byte_size // max(rows, 1))
        step = max(SUB_BATCH, chunk_bytes // per_row // SUB_BATCH * SUB_BATCH)  # whole batches
        for offset in range(0, rows, step):
            count = min(step, rows - offset)
            ranges.append((group, offset, line, count))
            line += count
    return ranges


def piece_bytes(path, chunk_bytes: int, workers: int) -> int:
    """``chunk_bytes``, or less for a small file, so that it is still cut into about four
    pieces per worker (but none under 64 KiB): every worker gets work."""
    size = Path(path).stat().st_size
    return max(1, min(chunk_bytes, max(64 << 10, size // (4 * max(1, workers)))))


def _plan(path: Path, chunk_bytes: int, answer_markers) -> dict:
    stat = path.stat()
    kind = "parquet" if path.suffix == ".parquet" else "jsonl"
    ranges = _parquet_ranges(path, chunk_bytes) if kind == "parquet" else _line_ranges(path, chunk_bytes)
    return {"version": PLAN_VERSION, "input": str(path.resolve()), "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns, "answer_markers": answer_markers, "kind": kind, "ranges": ranges}


# What a resumed run must share with the run that wrote the plan.
_RESUME_KEYS = ("version", "input", "size", "mtime_ns", "answer_markers")


class FileRun:
    """One input file's run: its plan, the pieces still to score (``tasks``), the totals so
    far and a progress bar (input lines, at this run's rows/s).  It is the sink the pool
    reports finished pieces to (``add``); ``finish()`` writes the output.  ``verify_file``
    runs one on a :class:`rlve_fast.BatchVerifier`; the Ray integration runs several at once."""

    def __init__(self, source, output, *, chunk_bytes: int = 4 << 20, resume: bool = False,
                 answer_markers: Optional[Sequence[str]] = None, progress_bar: Optional[bool] = None):
        self.started = time.perf_counter()
        self.source, self.output = Path(source), Path(output)
        markers = list(answer_markers) if answer_markers is not None else None
        self.parts_dir = self.output.with_name(self.output.name + ".parts")
        plan_file = self.parts_dir / "plan.json"
        plan = _plan(self.source, chunk_bytes, markers)
        if resume and plan_file.exists():
            try:
                old = loads(plan_file.read_bytes())
            except JSONError as exc:
                raise ValueError("cannot resume: %s is damaged (%s); delete %s to start over"
                                 % (plan_file, exc, self.parts_dir)) from None
            if not isinstance(old, dict) or any(old.get(key) != plan[key] for key in _RESUME_KEYS):
                raise ValueError("cannot resume: %s was written for another input, version or answer "
                                 "markers; delete %s to start over" % (plan_file, self.parts_dir))
            plan = old
        else:
            shutil.rmtree(self.parts_dir, ignore_errors=True)
            self.parts_dir.mkdir(parents=True)
            _write_atomic(str(plan_file), dumps(plan))
        self.pieces = len(plan["ranges"])
        self.tasks = collections.deque()
        self.totals = {"rows": 0, "flagged": 0, "reward": 0.0}
        self._done = set()  # pieces whose part is written
        self._appended = 0  # parts 0 .. _appended - 1 are in the temporary output
        self._tmp = self.output.with_name("." + self.output.name + ".tmp")
        self._out = None
        done_lines = 0
        for index, (start, end, first_line, lines) in enumerate(plan["ranges"]):
            task = RangeTask(index, str(self.source), plan["kind"], start, end, first_line, lines, self._part(index))
            finished = _finished_totals(task.part)
            if finished is None:
                self.tasks.append(task)
                continue
            for key in self.totals:  # resumed: scored by an earlier run
                self.totals[key] += finished[key]
            self._done.add(index)
            done_lines += lines
        from tqdm import tqdm

        if progress_bar is None:
            progress_bar = sys.stderr.isatty()
        self.bar = tqdm(total=sum(r[3] for r in plan["ranges"]), initial=done_lines, unit=" rows",
                        unit_scale=True, disable=not progress_bar, file=sys.stderr, desc="verify", smoothing=0.1)

    def _part(self, index: int) -> str:
        return str(self.parts_dir / ("part-%06d.jsonl" % index))

    def add(self, task: RangeTask, totals: Dict[str, float]) -> None:
        for key in self.totals:
            self.totals[key] += totals[key]
        self.bar.update(task.lines)
        self._done.add(task.index)
        self._append_ready()

    def _append_ready(self) -> None:
        """Append the parts that are next in order to the temporary output, while the
        workers score the rest (so little is left to copy at the end)."""
        if self._out is None:
            self._out = open(self._tmp, "wb")
        while self._appended in self._done:
            with open(self._part(self._appended), "rb") as part:
                _append_file(part, self._out)
            self._appended += 1

    def abort(self) -> None:
        """The run failed: close what is open (the parts stay, for ``resume``)."""
        self.bar.close()
        if self._out is not None:
            self._out.close()

    def finish(self) -> Dict[str, float]:
        """Every part is there: complete the output and rename it into place (atomic); the
        whole output's totals (rows, flagged, reward sum, seconds), resumed parts included."""
        self.bar.close()
        self._append_ready()
        self._out.close()
        if self._appended != self.pieces:
            raise RuntimeError("%s: parts %d.. of %d are missing" % (self.parts_dir, self._appended, self.pieces))
        os.replace(self._tmp, self.output)
        shutil.rmtree(self.parts_dir, ignore_errors=True)
        return dict(self.totals, seconds=time.perf_counter() - self.started)


def _append_file(part, out) -> None:
    """Copy ``part`` to the end of ``out`` inside the kernel where the platform allows it
    (the parent copies every output byte while the workers score, on the same cores)."""
    out.flush()
    base = out.seek(0, os.SEEK_END)
    size = os.fstat(part.fileno()).st_size
    copy = getattr(os, "copy_file_range", None)
    done = 0
    try:
        while copy is not None and done < size:
            sent = copy(part.fileno(), out.fileno(), size - done, done, base + done)
            if sent == 0:
                break
            done += sent
    except OSError:  # not supported between these files: copy through user space instead
        done = 0
    out.seek(base + done)  # the buffered file's idea of its position, set from the kernel's
    if done < size:
        out.truncate()
        part.seek(done)
        shutil.copyfileobj(part, out, 1 << 20)


def verify_file(source, output, *, workers: Optional[int] = None, chunk_bytes: int = 4 << 20,
                resume: bool = False, answer_markers: Optional[Sequence[str]] = None,
                timeout: float = 10.0, verifier=None, progress_bar: Optional[bool] = None,
                preload: Sequence[str] = ()) -> Dict[str, float]:
    """Score a JSONL or Parquet file into a JSONL output, on a pool of workers (``verifier``,
    or a :class:`rlve_fast.BatchVerifier` of ``workers`` made for the run), in pieces of at
    most ``chunk_bytes`` (see :func:`piece_bytes`).

    Returns the totals of the whole output (rows, flagged, reward sum, seconds), resumed
    parts included."""
    from rlve_fast.pool import BatchVerifier, _available_cores

    if verifier is not None:
        answer_markers = verifier.answer_markers
    n_workers = verifier.n_workers if verifier is not None else workers or _available_cores()
    run = FileRun(source, output, chunk_bytes=piece_bytes(source, chunk_bytes, n_workers), resume=resume,
                  answer_markers=answer_markers, progress_bar=progress_bar)
    try:
        if run.tasks:
            pool = verifier or BatchVerifier(workers=workers, timeout=timeout, answer_markers=answer_markers,
                                             preload=preload)
            try:
                pool.run_tasks(run.tasks, run)
            finally:
                if verifier is None:
                    pool.close()
    except BaseException:
        run.abort()
        raise
    return run.finish()
