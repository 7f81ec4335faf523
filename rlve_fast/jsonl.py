"""JSON for configs and JSONL rows: upstream's values exactly, at C speed.

Upstream writes configs with Python's ``json``, whose integers have any size; counting
environments store answers far beyond 64 bits.  ``loads`` decodes with msgspec (exact big
integers, as fast as orjson, which would turn them into floats) and falls back to ``json`` for
what only Python's decoder accepts (lone surrogate escapes, NaN and Infinity), so every text
``json.loads`` reads gives the same value here.  ``dumps`` writes compact UTF-8 JSON, escaping to
ASCII only for strings UTF-8 cannot hold (lone surrogates).

A row is either ``{"environment": ..., "config": {...} or "<json>", "response": ...}`` or
upstream's ``{"metadata": "<json: {environment, config}>", "response": ...}``."""
from __future__ import annotations

import json
import math
from typing import Any, Iterator, Tuple

import msgspec

_decoder = msgspec.json.Decoder()


def _plain(value):
    """numpy scalars and arrays as the Python values they hold."""
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError("cannot write %s as JSON" % type(value).__name__)


_encoder = msgspec.json.Encoder(enc_hook=_plain)


class JSONError(ValueError):
    """Text that is not JSON (the message says where)."""


def loads(text) -> Any:
    """Python's ``json.loads`` result for ``text`` (str or bytes); JSONError if it has none."""
    try:
        return _decoder.decode(text)
    except (msgspec.DecodeError, RecursionError):
        pass
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, too many digits, nesting
        raise JSONError(str(exc)) from None


def _has_nonfinite(value) -> bool:
    kind = type(value)
    if kind is float:
        return not math.isfinite(value)
    if kind is dict:
        return any(_has_nonfinite(item) for item in value.values())
    if kind in (list, tuple):
        return any(_has_nonfinite(item) for item in value)
    return isinstance(value, float) and not math.isfinite(value)


def _python_dumps(value) -> bytes:
    return json.dumps(value, separators=(",", ":"), default=_plain).encode("ascii")


def dumps(value: Any) -> bytes:
    """Compact JSON as UTF-8 bytes (no newline), with Python's json for what msgspec would
    change: a lone surrogate (escaped) and NaN or infinity (written as json writes them,
    where msgspec writes null)."""
    try:
        out = _encoder.encode(value)
    except (msgspec.EncodeError, UnicodeEncodeError):  # a lone surrogate
        return _python_dumps(value)
    if b"null" in out and _has_nonfinite(value):
        return _python_dumps(value)
    return out


def dumps_line(value: Any) -> bytes:
    """One JSONL line."""
    return dumps(value) + b"\n"


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
                meta = loads(meta)
            except JSONError as exc:
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
            yield number, loads(line), None
        except JSONError as exc:
            yield number, None, "line %d is not valid JSON: %s" % (number, exc)


