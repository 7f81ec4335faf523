"""The ``rlve-fast`` command line: list, generate, verify, bench, demo, eval-heldout, serve,
verl-dataset."""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Optional

import rlve_fast
from rlve_fast import benchmark
from rlve_fast.errors import GenerationError, RLVEError
from rlve_fast.files import verify_file
from rlve_fast.jsonl import JSONError, dumps, dumps_line, loads, read_rows
from rlve_fast.memory import keep_freed_memory
from rlve_fast.records import score_records

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "visible.jsonl.gz"


def _progress(total=None, desc=""):
    from tqdm import tqdm
    return tqdm(total=total, desc=desc, unit="rows", disable=not sys.stderr.isatty(), file=sys.stderr)


class _AtomicOutput:
    """Write to a temporary file beside the target and rename it on success, so an
    interrupted run never leaves a half-written output behind."""

    def __init__(self, path: Optional[str]):
        self.path = path
        self.tmp = None

    def __enter__(self):
        if self.path in (None, "-"):
            return sys.stdout.buffer
        target = Path(self.path)
        fd, self.tmp = tempfile.mkstemp(prefix="." + target.name + ".", dir=target.parent or ".")
        self.fh = os.fdopen(fd, "wb")
        return self.fh

    def __exit__(self, exc_type, exc, tb):
        if self.tmp is None:
            sys.stdout.flush()
            return False
        self.fh.close()
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            os.unlink(self.tmp)
        return False


def cmd_list(args) -> int:
    from rlve_fast.registry import environment_class

    for env_id in rlve_fast.environments():
        if not args.where:
            print(env_id)
            continue
        module = sys.modules[environment_class(env_id).__module__]
        print("%-46s %s" % (env_id, os.path.relpath(module.__file__)))
    return 0


def cmd_generate(args) -> int:
    from rlve_fast.integrations._common import ANSWER_TAGS, answer_instruction

    env = rlve_fast.make(args.environment)
    markers = tuple(args.answer_markers) if args.answer_markers else ANSWER_TAGS
    if args.answer_markers and not args.answer_instruction:
        print("error: --answer-markers names the markers of --answer-instruction; add it", file=sys.stderr)
        return 2
    # the sentence every trainer adapter appends: without it a model is not told where the answer goes
    instruction = answer_instruction(markers) if args.answer_instruction else ""
    made, seed, failures = 0, args.seed, 0
    with _AtomicOutput(args.output) as out:
        while made < args.count:
            try:
                problem = env.generate(seed, difficulty=args.difficulty, time_budget=args.time_budget)
            except GenerationError as exc:
                failures += 1
                print("seed %d skipped: %s" % (seed, exc), file=sys.stderr)
                if failures > 10 * args.count + 100:
                    print("error: too many generation failures", file=sys.stderr)
                    return 1
                seed += 1
                continue
            metadata = problem.metadata
            out.write(dumps_line({
                "environment": problem.environment, "difficulty": problem.difficulty,
                "seed": problem.seed, "prompt": problem.prompt + instruction, "config": problem.config,
                "metadata": dumps(metadata).decode(),
            }))
            made += 1
            seed += 1
    return 0


def _summary(totals, elapsed) -> str:
    scored = totals["rows"] - totals["flagged"]
    return ("%d rows: %d scored (mean reward %.4f), %d flagged; %.0f rows/s"
            % (totals["rows"], scored, totals["reward"] / scored if scored else float("nan"),
               totals["flagged"], totals["rows"] / elapsed if elapsed else 0.0))


def _is_parquet(path: str) -> bool:
    """Parquet files start with the magic bytes PAR1; they are read by file mode only."""
    if path == "-":
        return False
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PAR1"
    except OSError:
        return False


def cmd_verify(args) -> int:
    markers = tuple(args.answer_markers) if args.answer_markers else None
    start = time.perf_counter()
    if args.workers is not None or args.resume or _is_parquet(args.input):
        # File mode: workers read their own ranges of the input.
        if args.input == "-" or not args.output or args.output == "-":
            print("error: --workers, --resume and Parquet input need an input file and -o OUTPUT",
                  file=sys.stderr)
            return 2
        totals = verify_file(args.input, args.output, workers=args.workers or None,
                             resume=args.resume, answer_markers=markers, timeout=args.timeout,
                             chunk_bytes=args.chunk_bytes, preload=args.preload)
        print(_summary(totals, time.perf_counter() - start), file=sys.stderr)
        return 1 if args.strict and totals["flagged"] else 0
    totals = {"rows": 0, "flagged": 0, "reward": 0.0}
    source = sys.stdin.buffer if args.input == "-" else open(args.input, "rb")
    try:
        with _AtomicOutput(args.output) as out, _progress(desc="verify") as bar:
            chunk: List = []

            def flush():
                lines, sub = score_records(chunk, markers)
                out.writelines(lines)
                for key in totals:
                    totals[key] += sub[key]
                bar.update(len(chunk))

            for item in read_rows(source):
                if item[2] is not None:
                    print("error: " + item[2], file=sys.stderr)
                chunk.append(item)
                if len(chunk) >= args.chunk_size:
                    flush()
                    chunk = []
            if chunk:
                flush()
    finally:
        if source is not sys.stdin.buffer:
            source.close()
    print(_summary(totals, time.perf_counter() - start), file=sys.stderr)
    return 1 if args.strict and totals["flagged"] else 0


def cmd_bench(args) -> int:
    corpus = Path(args.corpus) if args.corpus else (DEFAULT_CORPUS if DEFAULT_CORPUS.exists() else None)
    print(benchmark.run(corpus, quick=args.quick))
    return 0


def cmd_demo(args) -> int:
    """The main job on a built-in default: generate, verify right and wrong answers, report."""
    env_ids, missing = benchmark.usable_environments()
    print("rlve_fast %s: %d environments\n" % (rlve_fast.__version__, len(env_ids)))
    for reason in missing:
        print("skipped: " + reason)
    start = time.perf_counter()
    rows = benchmark.generated_rows(env_ids, problems_per_env=args.problems)
    print("generated %d problems in %.2f s\n" % (args.problems * len(env_ids), time.perf_counter() - start))
    quality = []
    for env_id, (ids, configs, responses) in sorted(rows.items()):
        result = rlve_fast.verify_batch(ids, configs, responses)
        correct = result.reward[0::5]  # every fifth row is the reference answer
        quality.append((env_id, len(responses), float(correct.mean()),
                        float(result.reward.mean()), int(result.accuracy.sum()),
                        len(result) - int(result.ok.sum())))
    print(benchmark.format_table(
        ("environment", "rows", "reward (reference)", "reward (all)", "accurate rows", "flagged"),
        quality))
    header, table = benchmark.verification_table(rows, min_seconds=0.05)
    print("\n" + benchmark.format_table(header, table))
    example = rlve_fast.make(env_ids[0]).generate(0, difficulty=1)
    print("\nexample prompt (%s, level 1):\n%s" % (env_ids[0], example.prompt))
    return 0


def cmd_eval_heldout(args) -> int:
    """Accuracy per environment and overall on upstream's held-out set (or any such file)."""
    from collections import defaultdict

    markers = tuple(args.answer_markers) if args.answer_markers else None
    per_env = defaultdict(lambda: {"rows": 0, "accuracy": 0, "reward": 0.0, "flagged": 0})
    with open(args.completions, "rb") as source:
        records = list(read_rows(source))
    lines, _ = score_records(records, markers)
    for line in lines:
        row = loads(line)
        env_id = row.get("environment")
        if env_id is None and isinstance(row.get("metadata"), str):
            try:
                env_id = loads(row["metadata"]).get("environment")
            except JSONError:
                env_id = None
        stats = per_env[env_id or "(unreadable row)"]
        stats["rows"] += 1
        if row["status"] == "ok":
            stats["accuracy"] += row["accuracy"]
            stats["reward"] += row["reward"]
        else:
            stats["flagged"] += 1
    table = []
    for env_id in sorted(per_env):
        s = per_env[env_id]
        scored = s["rows"] - s["flagged"]
        table.append((env_id, s["rows"], s["accuracy"] / s["rows"], s["reward"] / scored if scored else float("nan"),
                      s["flagged"]))
    total = {k: sum(s[k] for s in per_env.values()) for k in ("rows", "accuracy", "flagged")}
    table.append(("OVERALL", total["rows"], total["accuracy"] / max(total["rows"], 1), float("nan"), total["flagged"]))
    print(benchmark.format_table(("environment", "problems", "accuracy", "mean reward", "flagged"), table))
    if args.output:
        with _AtomicOutput(args.output) as out:
            out.writelines(lines)
    return 0


def cmd_serve(args) -> int:
    from rlve_fast.integrations.openrlhf import serve

    markers = tuple(args.answer_markers) if args.answer_markers else None
    print("rlve-fast reward server on http://%s:%d (POST /get_reward, GET /health)" % (args.host, args.port),
          file=sys.stderr)
    serve(args.host, args.port, workers=args.workers, max_concurrency=args.max_concurrency,
          max_request_bytes=int(args.max_request_mb * (1 << 20)), answer_markers=markers)
    return 0


def cmd_verl_dataset(args) -> int:
    from rlve_fast.integrations.verl import write_dataset

    for env_id in args.environments:
        rlve_fast.make(env_id)  # unknown ids fail here, naming the closest
    markers = tuple(args.answer_markers) if args.answer_markers else None
    rows = write_dataset(args.output, args.environments, args.count, difficulty=args.difficulty, seed=args.seed,
                         split=args.split, answer_markers=markers, time_budget=args.time_budget)
    print("wrote %d rows to %s" % (rows, args.output), file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rlve-fast", description=__doc__)
    parser.add_argument("--version", action="version", version=rlve_fast.__version__)
    sub = parser.add_subparsers(dest="command", required=True)

    lister = sub.add_parser("list", help="print the environment identifiers")
    lister.add_argument("--where", action="store_true",
                        help="also print the file holding each environment's generator, solver, prompt and scorer")
    lister.set_defaults(func=cmd_list)

    gen = sub.add_parser("generate", help="generate problems as JSONL")
    gen.add_argument("environment")
    gen.add_argument("--difficulty", type=int, default=0)
    gen.add_argument("--count", type=int, default=1)
    gen.add_argument("--seed", type=int, default=0, help="first seed (then seed+1, ...)")
    gen.add_argument("--time-budget", type=float, default=10.0,
                     help="seconds per problem before it is skipped with GenerationTimeout (default 10)")
    gen.add_argument("--answer-instruction", action="store_true",
                     help="end each prompt with the sentence saying where the answer goes (as the trainer "
                          "adapters do; needed when the prompts go to a trainer as they are, e.g. OpenRLHF)")
    gen.add_argument("--answer-markers", nargs=2, metavar=("START", "END"),
                     help="the markers --answer-instruction names (default: <answer> </answer>)")
    gen.add_argument("-o", "--output", help="output file (default: stdout)")
    gen.set_defaults(func=cmd_generate)

    ver = sub.add_parser("verify", help="score completions in a JSONL file")
    ver.add_argument("input", help="JSONL file ('-' for stdin)")
    ver.add_argument("-o", "--output", help="output file (default: stdout)")
    ver.add_argument("--answer-markers", nargs=2, metavar=("START", "END"))
    ver.add_argument("--chunk-size", type=int, default=4096, help="rows scored per batch (bounds memory)")
    ver.add_argument("--strict", action="store_true", help="exit 1 if any row was flagged")
    ver.add_argument("--workers", type=int, help="score on N worker processes (0: all cores), "
                     "each reading its own part of the file (JSONL or Parquet)")
    ver.add_argument("--preload", action="append", default=[], metavar="MODULE",
                     help="module each worker imports first (custom environments)")
    ver.add_argument("--resume", action="store_true", help="continue an interrupted --workers run")
    ver.add_argument("--timeout", type=float, default=10.0, help="per-row limit in seconds (--workers)")
    ver.add_argument("--chunk-bytes", type=int, default=4 << 20, help="bytes per worker task (--workers)")
    ver.set_defaults(func=cmd_verify)

    bench = sub.add_parser("bench", help="print throughput tables")
    bench.add_argument("--corpus", help="parity corpus (default: ../shared/corpus/visible.jsonl.gz if present)")
    bench.add_argument("--quick", action="store_true")
    bench.set_defaults(func=cmd_bench)

    heldout = sub.add_parser("eval-heldout", help="accuracy per environment on upstream's held-out set")
    heldout.add_argument("completions", help="JSONL: held_out_test.json rows (metadata) with a 'response'")
    heldout.add_argument("--answer-markers", nargs=2, metavar=("START", "END"))
    heldout.add_argument("-o", "--output", help="also write every scored row here")
    heldout.set_defaults(func=cmd_eval_heldout)

    srv = sub.add_parser("serve", help="HTTP reward server (OpenRLHF's remote reward protocol)")
    srv.add_argument("--host", default="127.0.0.1")
    srv.add_argument("--port", type=int, default=5000)
    srv.add_argument("--workers", type=int, help="score on a process pool of N workers (default: in-process)")
    srv.add_argument("--max-concurrency", type=int, default=64, help="requests scored at once; others wait")
    srv.add_argument("--max-request-mb", type=float, default=64, help="larger requests get HTTP 413")
    srv.add_argument("--answer-markers", nargs=2, metavar=("START", "END"))
    srv.set_defaults(func=cmd_serve)

    verl = sub.add_parser("verl-dataset", help="write generated problems as a verl-ready Parquet dataset")
    verl.add_argument("environments", nargs="+", metavar="ENV")
    verl.add_argument("-o", "--output", required=True, help="Parquet file to write")
    verl.add_argument("--count", type=int, default=100, help="problems per environment")
    verl.add_argument("--difficulty", type=int, default=0)
    verl.add_argument("--seed", type=int, default=0, help="first seed (then seed+1, ...)")
    verl.add_argument("--split", default="train", help="extra_info.split of every row")
    verl.add_argument("--answer-markers", nargs=2, metavar=("START", "END"))
    verl.add_argument("--time-budget", type=float, default=10.0, help="seconds per problem before it is skipped")
    verl.set_defaults(func=cmd_verl_dataset)

    demo = sub.add_parser("demo", help="generate, verify and report on built-in defaults")
    demo.add_argument("--problems", type=int, default=20, help="problems per environment")
    demo.set_defaults(func=cmd_demo)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except RLVEError as exc:
        print("error: %s" % exc, file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def run() -> None:
    """The ``rlve-fast`` command: this process is ours, so it keeps its freed memory (large
    problems are made and dropped one after another; see rlve_fast.memory)."""
    keep_freed_memory()
    sys.exit(main())


if __name__ == "__main__":
    run()
