"""Scoring JSONL records: shared by ``rlve-fast verify`` in-process and the file workers.

An input record is ``(line number, parsed row or None, error or None)``; the output is each
row written back with ``reward``, ``accuracy``, ``format_score`` and ``status`` (and
``message`` when flagged), one JSON line per input line, in input order."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

from rlve_fast.batch import verify_batch
from rlve_fast.jsonl import RowError, dumps_line, row_task

Record = Tuple[int, Any, Optional[str]]


def score_records(records: Sequence[Record], answer_markers=None, *, progress=None, base: int = 0,
                  flagged: Optional[Dict[int, Tuple[str, str]]] = None) -> Tuple[List[bytes], Dict[str, float]]:
    """(output lines, totals) for a list of records.

    ``flagged`` maps a record's position to (status, message) decided beforehand (a row whose
    scoring hung or crashed a worker): it is written flagged and not scored again.
    ``progress`` receives ``base`` + the record's position as each row starts."""
    flagged = flagged or {}
    errors: Dict[int, Tuple[str, str]] = {}
    tasks, positions = [], []
    # Rows parsed from text each carry their own config dict: verify_batch prepares equal
    # ones once.
    for index, (number, row, error) in enumerate(records):
        if index in flagged:
            status, message = flagged[index]
            errors[index] = (status, "line %d: %s" % (number, message))
        elif error is not None:
            errors[index] = ("error", error)
        else:
            try:
                tasks.append(row_task(row))
                positions.append(index)
            except RowError as exc:
                errors[index] = ("error", "line %d: %s" % (number, exc))
    result = verify_batch([t[0] for t in tasks], [t[1] for t in tasks], [t[2] for t in tasks],
                          answer_markers, progress=progress,
                          progress_ids=np.asarray(positions, dtype=np.int64) + base)
    totals = {"rows": len(records), "flagged": 0, "reward": 0.0}
    lines: List[bytes] = []
    slot = 0
    for index, (number, row, error) in enumerate(records):
        record = dict(row) if isinstance(row, dict) else {"line": number}
        if index in errors:
            status, message = errors[index]
            record.update(reward=None, accuracy=None, format_score=None, status=status, message=message)
        else:
            record.update(result[slot])
            if record["status"] != "ok":
                record["message"] = "line %d: %s" % (number, record.get("message", ""))
            slot += 1
        if record["status"] == "ok":
            totals["reward"] += record["reward"]
        else:
            totals["flagged"] += 1
        lines.append(dumps_line(record))
    return lines, totals
