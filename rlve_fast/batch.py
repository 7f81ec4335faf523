"""In-process batch verification: many rows, each config prepared once.

Rows are (environment id, config, response).  Configs are grouped by identity (the same
dict object, or equal JSON text), so the 8 to 64 completions RL samples per prompt share
one check and one compiled scorer.  A row that cannot be scored is never given a reward:
its status says why (``error``) and its reward is NaN."""
from __future__ import annotations

from typing import Any, Dict, Iterator, List, Optional, Sequence, Union

import numpy as np

from rlve_fast import _impl
from rlve_fast.environment import ACCURACY_EPS, Environment, Prepared, registry_make
from rlve_fast.errors import RLVEError

OK = "ok"
ERROR = "error"


class BatchResult:
    """Columnar results in input order; ``result[i]`` is row i as a dict."""

    __slots__ = ("reward", "accuracy", "format_score", "status", "message")

    def __init__(self, n: int):
        self.reward = np.full(n, np.nan, dtype=np.float64)
        self.accuracy = np.zeros(n, dtype=np.int8)
        self.format_score = np.zeros(n, dtype=np.int8)
        self.status: List[str] = [OK] * n
        self.message: Dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.status)

    def __getitem__(self, i: int) -> Dict[str, Any]:
        if self.status[i] != OK:
            return {"reward": None, "accuracy": None, "format_score": None,
                    "status": self.status[i], "message": self.message.get(i, "")}
        return {"reward": float(self.reward[i]), "accuracy": int(self.accuracy[i]),
                "format_score": int(self.format_score[i]), "status": OK}

    def __iter__(self) -> Iterator[Dict[str, Any]]:
        return (self[i] for i in range(len(self)))

    def flag(self, i: int, status: str, message: str) -> None:
        self.status[i] = status
        self.message[i] = message
        self.reward[i] = np.nan
        self.accuracy[i] = 0
        self.format_score[i] = 0

    @property
    def ok(self) -> np.ndarray:
        return np.fromiter((s == OK for s in self.status), dtype=bool, count=len(self))

    def __repr__(self) -> str:
        flagged = len(self) - int(self.ok.sum())
        return "BatchResult(%d rows, %d flagged, mean reward %.4f)" % (
            len(self), flagged, float(np.nanmean(self.reward)) if len(self) > flagged else float("nan"))


def _error_message(exc: BaseException) -> str:
    if isinstance(exc, RLVEError):
        return str(exc)
    return "%s: %s" % (type(exc).__name__, exc)


def verify_batch(env_ids: Union[str, Sequence[str]], configs: Sequence[Any], responses: Sequence[Any],
                 answer_markers: Optional[Sequence[str]] = None) -> BatchResult:
    """Score many rows in this process; see the module docstring."""
    n = len(responses)
    if isinstance(env_ids, str):
        env_ids = [env_ids] * n
    if len(env_ids) != n or len(configs) != n:
        raise ValueError("env_ids, configs and responses must have one entry per row "
                         "(got %d, %d, %d)" % (len(env_ids), len(configs), n))
    markers = tuple(answer_markers) if answer_markers is not None else None
    envs: Dict[str, Environment] = {}
    prepared: Dict[Any, Any] = {}
    result = BatchResult(n)
    reward_out, acc_out, fmt_out = result.reward, result.accuracy, result.format_score
    compiled_markers = _impl.text.markers_for(markers) if _impl.USE_COMPILED else None
    for i in range(n):
        env_id, config, response = env_ids[i], configs[i], responses[i]
        key = (env_id, config if isinstance(config, (str, bytes)) else id(config))
        entry = prepared.get(key)
        if entry is None:
            try:
                env = envs.get(env_id)
                if env is None:
                    env = envs[env_id] = registry_make(env_id, markers)
                entry = env.prepare(config)
            except Exception as exc:  # noqa: BLE001 (reported on the row)
                entry = _error_message(exc)
            prepared[key] = entry
        if type(entry) is str:
            result.flag(i, ERROR, entry)
            continue
        if type(response) is not str:
            result.flag(i, ERROR, "response must be str, got %s" % type(response).__name__)
            continue
        value = None
        if entry.kernel is not None:
            value = entry.kernel.score(response, compiled_markers)
        if value is None:
            value = entry.env.python_reward(entry.config.parameter, response)
        if not (-1.0 <= value <= 1.0):
            result.flag(i, ERROR, "reward %r is outside [-1, 1]" % (value,))
            continue
        reward_out[i] = value
        acc_out[i] = value >= entry.config.passing_reward_threshold - ACCURACY_EPS
        fmt_out[i] = value >= -1.0 + ACCURACY_EPS
    return result
