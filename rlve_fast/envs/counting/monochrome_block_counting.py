"""MonochromeBlockCounting: a tower has layers of 1, 2, ..., N blocks, each layer all black or
all white, with at most A black and at most B white blocks; count the colourings of the
tallest such tower.

The tallest tower has T layers, the largest T with T(T+1)/2 <= A + B. A colouring is the set
S of black layers: count the subsets of {1..T} with sum in [T(T+1)/2 - B, A], a window at
most T wide. Complementing S reflects the window, so it is taken in its lower position; a
subset-sum DP over partial sums keeps only those that can still end in the window
(compiled and cache-blocked, one prime below 2**31 per pass, exact count by the Chinese
remainder theorem). Only the lower half of each table is kept (complements mirror it): about
0.05 T^3 row updates per prime for a central window and T/30 primes, so T^4 in all. From
T = 1200 the primes are shared out over the machine's cores (the passes run without the GIL).
Reward: (min/max)^10 against the true count; an answer <= 0 is wrong-format."""
from __future__ import annotations

import os
import threading

from rlve_fast import deadline
from rlve_fast.envs.counting._multimodular import from_residues, primes
from rlve_fast.integer_answer import IntegerAnswerEnvironment

try:
    from rlve_fast.envs.counting._monochrome_block_counting_solver import window_subsets_mod as _compiled
except ImportError:  # the extension is not built: the Python twin does the work
    _compiled = None


def tallest(a: int, b: int) -> int:
    t = 0
    while (t + 1) * (t + 2) // 2 <= a + b:
        t += 1
    return t


def window_subsets(t: int, low: int, high: int) -> int:
    """Subsets of {1..t} with sum in [low, high] (Python twin: exact subset-sum DP)."""
    total = t * (t + 1) // 2
    low, high = max(low, 0), min(high, total)
    if low > high:
        return 0
    ways = [1] + [0] * high
    for i in range(1, t + 1):
        for s in range(high, i - 1, -1):
            ways[s] += ways[s - i]
        deadline.check()
    return sum(ways[low:high + 1])


def count_towers(a: int, b: int) -> int:
    t = tallest(a, b)
    total = t * (t + 1) // 2
    low, high = max(total - b, 0), min(a, total)
    if low > high:
        return 0
    if total - high < low:  # complements: black sums in [low, high] <-> [total - high, total - low]
        low, high = total - high, total - low
    if _compiled is None:
        return window_subsets(t, low, high)
    moduli = primes((t + 2) // 30 + 1, 31)  # the count is at most 2^t, each prime above 2^30
    residues = residues_in_parallel(t, low, high, moduli, deadline.deadline_at())
    if residues is None:
        deadline.check()
    return from_residues(residues, moduli)


PARALLEL_FROM_T = 1200  # below this a problem takes well under a second: one thread


def residues_in_parallel(t: int, low: int, high: int, moduli, deadline_at: float):
    """The compiled residues, the primes shared out over the machine's cores: each pass runs
    without the GIL, so threads run them side by side. The threads are joined before this
    returns (past the deadline too: every pass stops at it), so nothing runs behind it."""
    workers = min(len(moduli), len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                  else (os.cpu_count() or 1))
    if t < PARALLEL_FROM_T or workers < 2:
        return _compiled(t, low, high, moduli, deadline_at)
    shares = [list(moduli[k::workers]) for k in range(workers)]
    results, errors = [None] * workers, []

    def run(k):
        try:
            results[k] = _compiled(t, low, high, shares[k], deadline_at)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the calling thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(1, workers)]
    for thread in threads:
        thread.start()
    try:
        run(0)
    finally:
        for thread in threads:
            thread.join()
    if errors:
        raise errors[0]
    if any(r is None for r in results):
        return None
    residues = [0] * len(moduli)
    for k, share in enumerate(results):
        residues[k::workers] = share
    return residues


class MonochromeBlockCounting(IntegerAnswerEnvironment):
    id = "MonochromeBlockCounting"
    lowest_valid = 1

    @staticmethod
    def schedule():
        limit = 5
        while True:
            yield [{"MAX_A_B": limit}]
            limit = int(limit * 1.5 + 1)

    def sample(self, rng, parameter):
        if parameter["MAX_A_B"] < 1:
            raise ValueError("MAX_A_B must be at least 1")
        parameter["A"] = rng.randint(1, parameter["MAX_A_B"])
        parameter["B"] = rng.randint(1, parameter["MAX_A_B"])

    def solve(self, parameter):
        return {"reference_answer": count_towers(parameter["A"], parameter["B"])}

    def prompt(self, parameter):
        a, b = parameter["A"], parameter["B"]
        return (f"You have {a} black blocks and {b} white blocks (you need not use them all). A tower is a "
                "stack of layers where, counting from the top, layer i consists of exactly i blocks: a "
                "tower with N layers uses 1 + 2 + ... + N blocks. Every layer must be a single colour, all "
                "black or all white.\n\n"
                "Among the towers you can build, consider only those with the largest possible number of "
                "layers. Two such towers differ when some layer has a different colour. How many different "
                "towers with the largest possible number of layers can you build?\n\n"
                "Answer with a single integer.")
