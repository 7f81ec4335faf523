"""Loaders for the parity corpora in ../shared (upstream's own rewards and data).

Tests that need them skip with the reason below when the folder is absent (a fresh clone
without ../shared); they never pass vacuously."""
from __future__ import annotations

import functools
import gzip
import json
import os
from collections import defaultdict
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("RLVE_FAST_SHARED", Path(__file__).resolve().parents[2] / "shared"))
VISIBLE = SHARED / "corpus" / "visible.jsonl.gz"
HELD_OUT = SHARED / "rlve-data" / "held_out_test.json"

# More corpora of the same format, e.g. made by bench/upstream_corpus.py (os.pathsep-separated).
EXTRA = [Path(p) for p in os.environ.get("RLVE_FAST_EXTRA_CORPUS", "").split(os.pathsep) if p]

MISSING_REASON = ("parity corpora not found under %s (clone with ../shared beside the repo, "
                  "or set RLVE_FAST_SHARED)" % SHARED)


def require(path: Path) -> None:
    if not path.exists():
        pytest.skip(MISSING_REASON)


def _read_corpus(paths):
    """environment id -> list of corpus problems (dicts with config, difficulty, cases)."""
    out = defaultdict(list)
    for path in paths:
        if not path.exists():
            continue
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                out[row["environment"]].append(row)
    return out


@functools.lru_cache(maxsize=1)
def visible_problems():
    """The shipped corpus: environment id -> list of problems."""
    return _read_corpus([VISIBLE])


@functools.lru_cache(maxsize=1)
def extra_problems():
    """The corpora named by RLVE_FAST_EXTRA_CORPUS: environment id -> list of problems."""
    missing = [str(p) for p in EXTRA if not p.exists()]
    if missing:
        raise FileNotFoundError("RLVE_FAST_EXTRA_CORPUS names missing files: %s" % ", ".join(missing))
    return _read_corpus(EXTRA)


@functools.lru_cache(maxsize=1)
def held_out_problems():
    """environment id -> list of configs from upstream's held-out set."""
    out = defaultdict(list)
    if not HELD_OUT.exists():
        return out
    for row in json.loads(HELD_OUT.read_text(encoding="utf-8")):
        meta = json.loads(row["metadata"])
        out[meta["environment"]].append(meta["config"])
    return out
