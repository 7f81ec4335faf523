"""In-process batch verification: many rows, each config prepared once.

Rows are (environment id, config, response).  Rows with the same config (the same dict
object, an equal dict, or equal JSON text) share one check and one compiled scorer, so the
8 to 64 completions RL samples per prompt cost one preparation.  A row that cannot be scored
is never given a reward: its status says why (``error``) and its reward is NaN."""
from __future__ import annotations

from typing import Any, Dict, Iterator, List, Optional, Sequence, Union

import marshal
import time

import numpy as np

from rlve_fast import _impl
from rlve_fast.environment import ACCURACY_EPS, Environment, in_range, registry_make
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
        return iter(self.to_dicts())

    def to_dicts(self) -> List[Dict[str, Any]]:
        """Every row's dict (as ``self[i]``), made in bulk."""
        rows = [{"reward": r, "accuracy": a, "format_score": f, "status": OK} for r, a, f in
                zip(self.reward.tolist(), self.accuracy.tolist(), self.format_score.tolist())]
        for i in self.message:  # the flagged rows
            rows[i] = self[i]
        return rows

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


# The progress slot a supervising process reads (see rlve_fast.pool): (row id, start time).
NOT_ON_A_ROW = -1.0  # row id while the process works between rows (reading, preparing, writing)


def mark_progress(progress, row: float) -> None:
    """Announce what this process is now on: the time first, then the row id.  The supervisor
    reads them the other way round, so a row id it sees never comes with an older row's time
    (the compiled row loop writes its slot in the same order)."""
    progress[1] = time.monotonic()
    progress[0] = row


_SCALARS = frozenset((int, float, str, bool, type(None)))


class ConfigSharing:
    """Equal dict configs made one object, so they are prepared once.

    Trainers often parse each row's metadata on its own, giving every completion of a prompt
    a separate but equal config dict.  ``share(config)`` returns the first equal config seen
    (or ``config`` itself), memoised by identity so each object is looked at once.  Objects are
    first sorted by a cheap key (size and seed); only those whose key was seen before are
    compared, by their ``marshal`` bytes, which tell 1, 1.0 and True (and lists and tuples)
    apart as the config checks do.  The compiled path also keys on the parameter's key names
    and compares candidates with ``rlve_fast._core.share.same`` (the same strictness, walked
    in C and stopped at the first difference), so it encodes nothing."""

    __slots__ = ("_by_id", "_first", "_bytes", "_buckets", "_same")

    def __init__(self):
        # the compiled twin walks both configs once, in C, instead of == plus marshal
        self._same = _compiled_same() if _impl.USE_COMPILED else None
        self._by_id: Dict[int, Any] = {}  # id(config) -> stand-in (the caller's list keeps both alive)
        self._first: Dict[Any, Any] = {}  # cheap key -> first config with it
        self._buckets: Dict[Any, List[Any]] = {}  # compiled: finer key -> distinct configs with it
        self._bytes: Dict[Any, Dict[bytes, Any]] = {}  # cheap key -> {marshal bytes: config}

    def __call__(self, config: Any) -> Any:
        if type(config) is not dict:
            return config
        found = self._by_id.get(id(config))
        if found is None:
            found = self._by_id[id(config)] = self._find(config)
        return found

    def _find(self, config: dict) -> Any:
        seed = config.get("seed")
        same = self._same
        if same is not None:
            parameter = config.get("parameter")
            key = (len(config), seed if type(seed) in _SCALARS else None,
                   tuple(parameter) if type(parameter) is dict else None)
            bucket = self._buckets.get(key)
            if bucket is None:
                self._buckets[key] = [config]
                return config
            for other in bucket:
                if same(other, config):
                    return other
            bucket.append(config)
            return config
        key = (len(config), seed if type(seed) in _SCALARS else None)
        first = self._first.setdefault(key, config)
        if first is config:
            return config
        known = self._bytes.get(key)
        if known is None:
            known = self._bytes[key] = {}
            _add(known, first)
        return _add(known, config)


def _add(known: Dict[bytes, Any], config: dict) -> Any:
    try:
        # version 2: no back-references, so the bytes depend on values, not on sharing
        return known.setdefault(marshal.dumps(config, 2), config)
    except ValueError:  # holds something marshal cannot write (numpy...): kept apart
        return config


def _compiled_same():
    from rlve_fast._core.share import same
    return same


def _error_message(exc: BaseException) -> str:
    if isinstance(exc, RLVEError):
        return str(exc)
    return "%s: %s" % (type(exc).__name__, exc)


def row_env_ids(env_ids: Union[str, Sequence[str]], configs: Sequence[Any],
                responses: Sequence[Any]) -> Sequence[str]:
    """The environment id of each row (one id given for all rows is repeated), after checking
    that the three columns have one entry per row."""
    n = len(responses)
    if isinstance(env_ids, str):
        return [env_ids] * n
    if len(env_ids) != n or len(configs) != n:
        raise ValueError("env_ids, configs and responses must have one entry per row "
                         "(got %d, %d, %d)" % (len(env_ids), len(configs), n))
    return env_ids


def verify_batch(env_ids: Union[str, Sequence[str]], configs: Sequence[Any], responses: Sequence[Any],
                 answer_markers: Optional[Sequence[str]] = None, *, progress=None,
                 progress_ids=None) -> BatchResult:
    """Score many rows in this process; see the module docstring.

    ``progress`` (for supervisors such as :class:`rlve_fast.BatchVerifier`): a float64 buffer
    of two slots that receives (row id, ``time.monotonic()``) as each row starts (see
    :func:`mark_progress`), and ``NOT_ON_A_ROW`` when the rows are done; the row id is
    ``progress_ids[i]`` (an int64 array) when given, else the row index."""
    env_ids = row_env_ids(env_ids, configs, responses)
    n = len(responses)
    markers = tuple(answer_markers) if answer_markers is not None else None
    envs: Dict[str, Environment] = {}
    share = ConfigSharing()
    shared: Dict[Any, Any] = {}  # (env id, id of a shared dict config) -> prepared

    def prepare_one(env_id, config):
        try:
            env = envs.get(env_id)
            if env is None:
                env = envs[env_id] = registry_make(env_id, markers)
            return env.prepare(config)
        except Exception as exc:  # noqa: BLE001 (reported on the row)
            return _error_message(exc)

    def prepare(env_id, config):
        """The prepared config, or the reason it cannot be scored.  The row loop calls this
        once per distinct (environment, config object); equal dicts share one preparation."""
        if type(config) is not dict:
            return prepare_one(env_id, config)
        config = share(config)
        key = (env_id, id(config))
        entry = shared.get(key)
        if entry is None:
            entry = shared[key] = prepare_one(env_id, config)
        return entry

    def python_reward(entry, response):
        return entry.env.python_reward(entry.config.parameter, response)

    result = BatchResult(n)

    def flag(i, message):
        result.flag(i, ERROR, message)

    if _impl.USE_COMPILED:
        from rlve_fast._core.batch import score_rows
        # the per-config step (sharing, checking, the kernel) is compiled too: twin of prepare()
        score_rows(list(env_ids), list(configs), list(responses), _impl.text.markers_for(markers),
                   lambda env_id: registry_make(env_id, markers), _error_message, flag, result.reward, result.accuracy, result.format_score,
                   progress, progress_ids)
    else:
        _python_rows(env_ids, configs, responses, prepare, python_reward, flag, result, progress,
                     progress_ids)
    if progress is not None:
        mark_progress(progress, NOT_ON_A_ROW)  # what follows is no row's time
    return result


def _python_rows(env_ids, configs, responses, prepare, python_reward, flag, result, progress,
                 progress_ids) -> None:
    """The row loop on the pure-Python path (twin of ``_core/batch.pyx``)."""
    cache: Dict[Any, Any] = {}
    for i, (env_id, config, response) in enumerate(zip(env_ids, configs, responses)):
        if progress is not None:
            mark_progress(progress, i if progress_ids is None else progress_ids[i])
        key = (env_id, config if isinstance(config, (str, bytes)) else id(config))
        entry = cache.get(key)
        if entry is None:
            entry = cache[key] = prepare(env_id, config)
        if type(entry) is str:
            flag(i, entry)
            continue
        if type(response) is not str:
            flag(i, "response must be str, got %s" % type(response).__name__)
            continue
        value = python_reward(entry, response)
        if not in_range(value):
            flag(i, "reward %r is outside [-1, 1]" % (value,))
            continue
        result.reward[i] = value
        result.accuracy[i] = value >= entry.config.passing_reward_threshold - ACCURACY_EPS
        result.format_score[i] = value >= -1.0 + ACCURACY_EPS
