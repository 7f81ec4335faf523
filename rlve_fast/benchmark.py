"""Throughput measurements shared by ``rlve-fast bench``, ``rlve-fast demo`` and bench/.

Everything is measured in one process and one run, so ratios between the compiled and the
pure-Python path are meaningful even on a noisy machine."""
from __future__ import annotations

import gc
import gzip
import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple


import rlve_fast
from rlve_fast import _impl
from rlve_fast.jsonl import loads
from rlve_fast.errors import GenerationError, GenerationTimeout, MissingDependency

Rows = Tuple[List[str], List[dict], List[str]]


def corrupted_answers(reference: str) -> List[str]:
    """A correct completion and a few near misses and format failures."""
    tokens = reference.split()
    near = tokens[:-1] + [str(int(tokens[-1]) + 1)] if tokens and tokens[-1].lstrip("-").isdigit() else tokens + ["0"]
    return [
        "Let me think step by step. <answer>%s</answer>" % reference,
        "Assistant: thinking... <answer>%s</answer>" % " ".join(near),
        "<answer>%s</answer>" % " ".join(reversed(tokens)),
        "I am not sure. <answer>%s" % reference,
        "<answer>not a number</answer>",
    ]


def usable_environments() -> Tuple[List[str], List[str]]:
    """The environments this installation can run, and why the others cannot (an optional
    dependency missing, e.g. sympy for the symbolic ones)."""
    usable, missing = [], []
    for env_id in rlve_fast.environments():
        try:
            rlve_fast.make(env_id)
        except MissingDependency as exc:
            missing.append(str(exc))
        else:
            usable.append(env_id)
    return usable, missing


def generated_rows(env_ids: Sequence[str], problems_per_env: int = 20,
                   levels: Sequence[int] = (0, 1, 2, 3, 4, 5)) -> Dict[str, Rows]:
    """Rows built from freshly generated problems (no data files needed)."""
    out: Dict[str, Rows] = {}
    for env_id in env_ids:
        env = rlve_fast.make(env_id)
        ids, configs, responses = [], [], []
        for i in range(problems_per_env):
            problem = _first_problem(env, i, levels[i % len(levels)])
            reference = str(problem.parameter.get("reference_answer", "0"))
            for response in corrupted_answers(reference):
                ids.append(env_id)
                configs.append(problem.config)
                responses.append(response)
        out[env_id] = (ids, configs, responses)
    return out


def _first_problem(env, seed: int, difficulty: int, attempts: int = 50):
    """The problem of the first seed from ``seed`` on whose generation succeeds."""
    for offset in range(attempts):
        try:
            return env.generate(seed + 1000 * offset, difficulty=difficulty)
        except GenerationError:
            continue
    raise GenerationError("%s: no problem at level %d in %d seeds" % (env.id, difficulty, attempts))


def corpus_rows(path: Path, env_ids: Sequence[str]) -> Dict[str, Rows]:
    """Rows of upstream's parity corpus for the given environments."""
    wanted = set(env_ids)
    out: Dict[str, Rows] = defaultdict(lambda: ([], [], []))
    with gzip.open(path, "rb") as fh:
        for line in fh:
            problem = loads(line)
            if problem["environment"] not in wanted:
                continue
            ids, configs, responses = out[problem["environment"]]
            for case in problem["cases"]:
                if tuple(case["answer_markers"]) != rlve_fast.DEFAULT_MARKERS:
                    continue
                ids.append(problem["environment"])
                configs.append(problem["config"])
                responses.append(case["response"])
    return dict(out)


def _best_rate(call, units: float, min_seconds: float) -> float:
    """Units per second of the fastest of many short timed batches of calls (each batch at
    least 50 us, so the clock's overhead does not count), measured as ``timeit`` does: the
    best batch, since other processes on a shared machine only ever add time (a preemption
    costs a whole scheduler slice, many times a batch), and the garbage collector paused while
    timing (its cost depends on everything else the process holds, such as a loaded corpus)."""
    call()  # warm caches and imports
    per_batch, start = 1, time.perf_counter()
    call()
    once = time.perf_counter() - start
    if once < 50e-6:
        per_batch = int(50e-6 / max(once, 1e-8)) + 1
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        deadline = time.perf_counter() + min_seconds
        batches = 0
        while batches < 3 or time.perf_counter() < deadline:
            start = time.perf_counter()
            for _ in range(per_batch):
                call()
            best = min(best, (time.perf_counter() - start) / per_batch)
            batches += 1
    finally:
        gc.enable()
    return units / best


def rows_per_second(rows: Rows, implementation: str, min_seconds: float = 0.3) -> float:
    """verify_batch throughput (configs prepared inside the timed call, as in real use)."""
    ids, configs, responses = rows
    with _impl.implementation(implementation):
        return _best_rate(lambda: rlve_fast.verify_batch(ids, configs, responses), len(responses), min_seconds)


def extraction_mb_per_second(size: int, implementation: str, min_seconds: float = 0.2) -> float:
    filler = ("The answer follows after some reasoning. " * (size // 40 + 1))[: max(size - 40, 0)]
    text = filler + "<answer>1 2 3</answer>"
    with _impl.implementation(implementation):
        extract = _impl.extract_answer
        return _best_rate(lambda: extract(text), len(text) / 1e6, min_seconds)


GENERATION_LEVELS = (0, 5, 10, 20, 30)


def generation_ms(env_id: str, difficulty: int, seeds: int = 5, time_budget: float = 10.0) -> float:
    """Median wall time of generating one problem (ms) over ``seeds`` seeds; a generation
    that runs out of its budget counts as infinite. A seed that cannot be generated at all
    (GenerationError) is replaced by the next one, and the time it took is added to the next
    problem's: what a caller waits for one problem includes the refused seeds before it.
    Each problem is released after its clock stops (a caller keeps it)."""
    env = rlve_fast.make(env_id)
    times: List[float] = []
    refused_ms = 0.0
    seed = 0
    # once more than half the seeds ran out of budget the median is "timeout" whatever follows
    while len(times) < seeds and seed < 20 * seeds and times.count(float("inf")) <= seeds // 2:
        start = time.perf_counter()
        try:
            problem = env.generate(seed, difficulty=difficulty, time_budget=time_budget)
            times.append(refused_ms + (time.perf_counter() - start) * 1e3)
            del problem  # freed after the clock stops: making it is timed, not letting it go
            refused_ms = 0.0
        except GenerationTimeout:
            times.append(float("inf"))
            refused_ms = 0.0
        except GenerationError:
            refused_ms += (time.perf_counter() - start) * 1e3
        seed += 1
    if times.count(float("inf")) > seeds // 2:
        return float("inf")
    return statistics.median(times) if times else float("nan")


def format_table(header: Sequence[str], rows: Sequence[Sequence], file=None) -> str:
    cells = [[str(h) for h in header]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in cells]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def _fmt(value) -> str:
    if isinstance(value, float):
        if value == float("inf"):
            return "timeout"
        if value >= 100:
            return "{:,.0f}".format(value)
        return "%.3g" % value
    return str(value)


def verification_table(rows_by_env: Dict[str, Rows], min_seconds: float = 0.3):
    table, total_fast, total_slow = [], [], []
    all_ids, all_configs, all_responses = [], [], []
    for env_id in sorted(rows_by_env):
        rows = rows_by_env[env_id]
        fast = rows_per_second(rows, "compiled", min_seconds) if _impl.HAVE_COMPILED else float("nan")
        slow = rows_per_second(rows, "python", min_seconds)
        table.append((env_id, len(rows[2]), fast, slow, fast / slow))
        all_ids += rows[0]
        all_configs += rows[1]
        all_responses += rows[2]
    mixed = (all_ids, all_configs, all_responses)
    fast = rows_per_second(mixed, "compiled", min_seconds) if _impl.HAVE_COMPILED else float("nan")
    slow = rows_per_second(mixed, "python", min_seconds)
    table.append(("ALL (mixed batch)", len(all_responses), fast, slow, fast / slow))
    return ("environment", "rows", "compiled rows/s", "python rows/s", "speedup"), table


def run(corpus: Optional[Path] = None, quick: bool = False) -> str:
    """The full benchmark report (markdown tables)."""
    env_ids, missing = usable_environments()
    min_seconds = 0.1 if quick else 0.5
    parts = ["Not measured (optional dependency missing):\n" + "\n".join(missing)] if missing else []
    if corpus is not None and corpus.exists():
        rows = corpus_rows(corpus, env_ids)
        source = "upstream parity corpus (%s)" % corpus
    else:
        rows = generated_rows(env_ids, problems_per_env=4 if quick else 20)
        source = "generated problems (5 completions each)"
    header, table = verification_table(rows, min_seconds)
    parts.append("Verification throughput, verify_batch, %s:\n\n%s" % (source, format_table(header, table)))

    sizes = (1_000, 100_000, 10_000_000)
    ext = [("%s" % _size(s), extraction_mb_per_second(s, "compiled", min_seconds / 2) if _impl.HAVE_COMPILED else float("nan"),
            extraction_mb_per_second(s, "python", min_seconds / 2)) for s in sizes]
    parts.append("Answer extraction (ASCII completion, answer at the end):\n\n%s" % format_table(
        ("completion", "compiled MB/s", "python MB/s"), ext))

    levels = GENERATION_LEVELS
    gen = [(env_id,) + tuple(generation_ms(env_id, lv, seeds=3 if quick else 5) for lv in levels) for env_id in env_ids]
    parts.append("Generation time, median ms per problem over %d seeds (timeout: past the 10 s budget):\n\n%s" % (
        3 if quick else 5, format_table(("environment",) + tuple("level %d" % lv for lv in levels), gen)))
    return "\n\n".join(parts)


def _size(n: int) -> str:
    return "%d KB" % (n // 1000) if n < 1_000_000 else "%d MB" % (n // 1_000_000)
