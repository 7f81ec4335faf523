"""JSONL rows for the CLI: read upstream's two row shapes, write scored rows back.

A row is either ``{"environment": ..., "config": {...} or "<json>", "response": ...}`` or
upstream's ``{"metadata": "<json: {environment, config}>", "response": ...}``."""
from __future__ import annotations

from typing import Any, Iterator, Tuple

import orjson

ROW_FIELDS = ("reward", "accuracy", "format_score", "status")


class RowError(ValueError):
    pass


def row_task(row: Any) -> Tuple[Any, Any, Any]:
    """(environment id, config, response) of an input row; RowError when it has none."""
    if not isinstance(row, dict):
        raise RowError("a row must be a JSON object, got %s" % type(row).__name__)
    if "response" not in row:
        raise RowError("row has no 'response'")
    # Columnar sources (Parquet, Ray) give every row every column, absent ones as None.
    if row.get("environment") is not None and row.get("config") is not None:
        return row["environment"], row["config"], row["response"]
    if row.get("metadata") is not None:
        meta = row["metadata"]
        if isinstance(meta, (str, bytes)):
            try:
                meta = orjson.loads(meta)
            except orjson.JSONDecodeError as exc:
                raise RowError("'metadata' is not valid JSON (%s)" % exc) from None
        if not isinstance(meta, dict) or "environment" not in meta or "config" not in meta:
            raise RowError("'metadata' must hold 'environment' and 'config'")
        return meta["environment"], meta["config"], row["response"]
    raise RowError("row needs 'environment' and 'config', or upstream's 'metadata'")


def read_rows(stream) -> Iterator[Tuple[int, Any, str]]:
    """(line number, parsed row or None, error message or None) for each non-blank line."""
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            yield number, orjson.loads(line), None
        except orjson.JSONDecodeError as exc:
            yield number, None, "line %d is not valid JSON: %s" % (number, exc)


def dumps(row: Any) -> bytes:
    return orjson.dumps(row, option=orjson.OPT_APPEND_NEWLINE | orjson.OPT_SERIALIZE_NUMPY)
