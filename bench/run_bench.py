"""Print the benchmark tables (the README's numbers): ``python bench/run_bench.py [--quick]``."""
import argparse
import sys
from pathlib import Path

from rlve_fast import benchmark
from rlve_fast.memory import keep_freed_memory

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "visible.jsonl.gz"

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    keep_freed_memory()  # as the rlve-fast command does (rlve_fast/memory.py)
    print(benchmark.run(Path(args.corpus), quick=args.quick))
    sys.exit(0)
