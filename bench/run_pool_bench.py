"""Batch verification at scale: pool scaling, file mode, and the trainer's verify_async cost.

    python bench/run_pool_bench.py [--rows 1000000] [--workers 1 2 4 8 16]

Prints markdown tables (the README's numbers). Uses upstream's parity corpus from ../shared
when present, else generated problems."""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


import rlve_fast
from rlve_fast import benchmark
from rlve_fast.files import verify_file
from rlve_fast.jsonl import dumps_line

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "visible.jsonl.gz"


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
        with rlve_fast.BatchVerifier(workers=workers) as verifier:
            verifier.verify(ids[:100], configs[:100], responses[:100])  # workers up
            start = time.perf_counter()
            verifier.verify(ids, configs, responses)
            table.append(("BatchVerifier, %d workers" % workers, len(responses),
                          len(responses) / (time.perf_counter() - start)))
    return table


def file_mode(mix, rows: int, worker_counts):
    table = []
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.jsonl"
        size = write_file(source, rows, mix)
        for workers in worker_counts:
            with rlve_fast.BatchVerifier(workers=workers) as verifier:
                start = time.perf_counter()
                totals = verify_file(source, Path(tmp) / "out.jsonl", verifier=verifier, progress_bar=False)
                elapsed = time.perf_counter() - start
                worker_rss = [vm_hwm_mb(w.process.pid) for w in verifier._workers]
            parent = vm_hwm_mb(os.getpid())
            table.append((workers, int(totals["rows"]), "%.0f MB" % (size / 1e6), totals["rows"] / elapsed,
                          "%.0f MB" % parent, "%.0f MB" % max(worker_rss),
                          "%.0f MB" % (parent + sum(worker_rss))))
    return table


def async_latency(mix, workers: int, steps: int = 20):
    ids, configs, responses = mix
    n = 2048  # 128 prompts x 16 samples
    rows = [(ids[i % len(ids)], configs[i % len(ids)], responses[i % len(ids)]) for i in range(n)]
    times = []

    async def step(verifier):
        return await asyncio.gather(*(verifier.verify_async(e, c, r) for e, c, r in rows))

    with rlve_fast.BatchVerifier(workers=workers) as verifier:
        async def main():
            await step(verifier)  # warm
            for _ in range(steps):
                start = time.perf_counter()
                await step(verifier)
                times.append((time.perf_counter() - start) * 1e3)
        asyncio.run(main())
    return statistics.median(times), max(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in the file-mode test file")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=20, help="copies of the corpus mix for pool scaling")
    args = parser.parse_args()
    mix = corpus_mix()
    print("corpus mix: %d rows over %d environments, %d cores\n"
          % (len(mix[2]), len(set(mix[0])), os.cpu_count()))
    print(benchmark.format_table(("path", "rows", "rows/s"), pool_scaling(mix, args.workers, args.repeat)))
    print()
    print(benchmark.format_table(("workers", "rows", "file", "rows/s", "peak RSS parent", "peak RSS per worker",
                                  "peak RSS total"), file_mode(mix, args.rows, args.workers)))
    print()
    latency = [(w,) + async_latency(mix, w) for w in args.workers]
    print(benchmark.format_table(("workers", "verify_async 2048-row step, median ms", "max ms"), latency))
    return 0


if __name__ == "__main__":
    sys.exit(main())
