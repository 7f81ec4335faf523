"""Batch verification at scale: pool scaling, file mode, and the trainer's verify_async cost.

    python bench/run_pool_bench.py [--rows 1000000] [--workers 1 2]

Prints markdown tables (the README's numbers) and PASS/FAIL against the targets:

* file mode on 2 workers at least 1.8x the rows/s of 1 worker;
* file mode on ``--rows`` rows (1,000,000 by default) under 1 GB peak RSS;
* a verify_async step of 2,048 rows (128 prompts x 16 samples) under 50 ms median.

Each file-mode run is a fresh process (``--file-child``), so its peak RSS is that run's alone.
Uses upstream's parity corpus from ../shared when present, else generated problems."""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import rlve_fast
from rlve_fast import benchmark
from rlve_fast.files import verify_file
from rlve_fast.jsonl import dumps, dumps_line, loads

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "visible.jsonl.gz"
SCALING_TARGET = 1.8  # file mode, 2 workers over 1
RSS_TARGET_MB = 1000.0  # file mode, whole run
ASYNC_TARGET_MS = 50.0  # verify_async step of 2,048 rows, median
PROMPTS, SAMPLES = 128, 16


def corpus_mix():
    env_ids = rlve_fast.environments()
    by_env = benchmark.corpus_rows(CORPUS, env_ids) if CORPUS.exists() else benchmark.generated_rows(env_ids)
    ids, configs, responses = [], [], []
    for env_id in sorted(by_env):
        ids += by_env[env_id][0]
        configs += by_env[env_id][1]
        responses += by_env[env_id][2]
    return ids, configs, responses


def vm_hwm_mb(pid) -> float:
    """Peak resident memory of a process (VmHWM), in MB."""
    try:
        for line in open("/proc/%s/status" % pid):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def write_file(path: Path, rows: int, mix) -> int:
    ids, configs, responses = mix
    encoded = [dumps_line({"environment": e, "config": c, "response": r})
               for e, c, r in zip(ids, configs, responses)]
    with open(path, "wb") as fh:
        for i in range(rows):
            fh.write(encoded[i % len(encoded)])
    return path.stat().st_size


def pool_scaling(mix, worker_counts, repeat: int):
    ids, configs, responses = (column * repeat for column in mix)
    table = []
    start = time.perf_counter()
    rlve_fast.verify_batch(ids, configs, responses)
    table.append(("in-process verify_batch", len(responses), len(responses) / (time.perf_counter() - start)))
    for workers in worker_counts:
        with rlve_fast.BatchVerifier(workers=workers, preload=["sympy"]) as verifier:
            verifier.verify(*mix)  # workers up and warm
            start = time.perf_counter()
            verifier.verify(ids, configs, responses)
            table.append(("BatchVerifier, %d workers" % workers, len(responses),
                          len(responses) / (time.perf_counter() - start)))
    return table


def file_child(source: str, workers: int) -> int:
    """One file-mode run in this fresh process; prints its numbers as JSON.  The workers are
    started and warm first (sympy imported, the corpus mix scored once): the rate is the
    steady state, which is what a long run sees."""
    with tempfile.TemporaryDirectory() as tmp, rlve_fast.BatchVerifier(workers=workers, preload=["sympy"]) as verifier:
        verifier.verify(*corpus_mix())
        start = time.perf_counter()
        totals = verify_file(source, Path(tmp) / "out.jsonl", verifier=verifier, progress_bar=False)
        elapsed = time.perf_counter() - start
        worker_rss = [vm_hwm_mb(w.process.pid) for w in verifier._workers]
    print(json.dumps({"rows": totals["rows"], "flagged": totals["flagged"], "rows_per_s": totals["rows"] / elapsed,
                      "parent_mb": vm_hwm_mb(os.getpid()), "worker_mb": worker_rss}))
    return 0


def file_mode(mix, rows: int, worker_counts):
    """rows/s and peak RSS of file mode, each worker count in a fresh process."""
    table, rates, peaks = [], {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.jsonl"
        size = write_file(source, rows, mix)
        for workers in worker_counts:
            run = subprocess.run([sys.executable, __file__, "--file-child", str(source), "--workers", str(workers)],
                                 capture_output=True, text=True, check=True)
            numbers = json.loads(run.stdout.strip().splitlines()[-1])
            # Sum of each process's own peak: an upper bound on the run's peak (shared pages counted
            # once per process, and the peaks need not coincide).
            total = numbers["parent_mb"] + sum(numbers["worker_mb"])
            rates[workers], peaks[workers] = numbers["rows_per_s"], total
            table.append((workers, int(numbers["rows"]), "%.0f MB" % (size / 1e6), numbers["rows_per_s"],
                          "%.0f MB" % numbers["parent_mb"], "%.0f MB" % max(numbers["worker_mb"]), "%.0f MB" % total))
    return table, rates, peaks


def step_rows(mix):
    """A trainer's step: PROMPTS prompts spread over the corpus, SAMPLES completions each."""
    ids, configs, responses = mix
    cases = {}
    for e, c, r in zip(ids, configs, responses):
        cases.setdefault(id(c), (e, c, []))[2].append(r)
    prompts = list(cases.values())
    prompts = [prompts[k * len(prompts) // PROMPTS] for k in range(PROMPTS)]
    return [(e, c, answers[s % len(answers)]) for e, c, answers in prompts for s in range(SAMPLES)]


def async_latency(rows, workers: int, steps: int = 20):
    times = []

    async def step(verifier):
        return await asyncio.gather(*(verifier.verify_async(e, c, r) for e, c, r in rows))

    with rlve_fast.BatchVerifier(workers=workers, preload=["sympy"]) as verifier:
        async def main():
            await step(verifier)  # warm
            for _ in range(steps):
                start = time.perf_counter()
                await step(verifier)
                times.append((time.perf_counter() - start) * 1e3)
        asyncio.run(main())
    return statistics.median(times), max(times)


def verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in the file-mode test file")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=20, help="copies of the corpus mix for pool scaling")
    parser.add_argument("--file-child", metavar="INPUT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.file_child:
        return file_child(args.file_child, args.workers[0])

    mix = corpus_mix()
    print("corpus mix: %d rows over %d environments, %d cores\n"
          % (len(mix[2]), len(set(mix[0])), os.cpu_count()))
    print(benchmark.format_table(("path", "rows", "rows/s"), pool_scaling(mix, args.workers, args.repeat)))
    print()
    table, rates, peaks = file_mode(mix, args.rows, args.workers)
    print(benchmark.format_table(("workers", "rows", "file", "rows/s", "peak RSS parent", "peak RSS per worker",
                                  "peak RSS total"), table))
    print()
    shared = step_rows(mix)
    # As a trainer that parses each row's metadata: every row its own (equal) config dict.
    separate = [(e, loads(dumps(c)), r) for e, c, r in shared]
    latency = []
    for workers in args.workers:
        for label, rows in (("shared", shared), ("one dict per row", separate)):
            latency.append((workers, label) + async_latency(rows, workers))
    print(benchmark.format_table(("workers", "configs", "verify_async %d-row step, median ms" % len(shared), "max ms"),
                                 latency))
    print()

    verdicts = []
    if 1 in rates and 2 in rates:
        ratio = rates[2] / rates[1]
        verdicts.append(ratio >= SCALING_TARGET)
        print("file mode, 2 workers / 1 worker: %.2fx (target >= %.1fx): %s"
              % (ratio, SCALING_TARGET, verdict(verdicts[-1])))
    else:
        print("file mode, 2 workers / 1 worker: not measured (needs --workers 1 2)")
    peak = max(peaks.values())
    verdicts.append(peak < RSS_TARGET_MB)
    print("file mode, %d rows, peak RSS %.0f MB (target < %.0f MB): %s%s"
          % (args.rows, peak, RSS_TARGET_MB, verdict(verdicts[-1]),
             "" if args.rows >= 1_000_000 else " (the target is for 1,000,000 rows)"))
    worst = max(row[2] for row in latency)
    verdicts.append(worst < ASYNC_TARGET_MS)
    print("verify_async %d-row step, slowest median %.1f ms (target < %.0f ms): %s"
          % (len(shared), worst, ASYNC_TARGET_MS, verdict(verdicts[-1])))
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
