"""CowDanceShow: N cows dance in label order on a stage with K places; cow i dances d[i] time
units and the next cow steps in the moment a place frees. When does the last cow finish?

Answer: one integer. Reward: 1 for the finishing time, 0 for another integer, -1 when the
answer is not an integer. Simulated with a heap of the K places' free times."""
from __future__ import annotations

import heapq

from rlve_fast.envs._schedules import step_by_one
from rlve_fast.integer_answer import IntegerAnswerEnvironment


def finishing_time(durations, places: int) -> int:
    stage = list(durations[:places])
    heapq.heapify(stage)
    for d in durations[places:]:
        heapq.heapreplace(stage, stage[0] + d)  # the earliest free place takes the next cow
    return max(stage)


class CowDanceShow(IntegerAnswerEnvironment):
    id = "CowDanceShow"
    rule = "exact"

    @staticmethod
    def schedule():
        return step_by_one("N", 4)

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 3:
            raise ValueError("N must be at least 3")
        parameter["d"] = [rng.randint(1, n) for _ in range(n)]
        parameter["K"] = rng.randint(2, n - 1)

    def solve(self, parameter):
        return {"reference_answer": finishing_time(parameter["d"], parameter["K"])}

    def prompt(self, parameter):
        n, k = parameter["N"], parameter["K"]
        times = ", ".join("d[%d]=%d" % (i, d) for i, d in enumerate(parameter["d"], start=1))
        return (f"{n} cows, labelled 1 to {n}, perform a dance show. Cow i dances for d[i] time units, where "
                f"{times}.\n"
                f"The stage holds {k} cows at once. At time 0 cows 1 to {k} start dancing. Whenever a cow "
                "finishes, she leaves and the lowest-labelled cow that has not danced yet takes her place "
                f"at that same moment (so cow {k + 1} enters when the first of them leaves).\n\n"
                "At what time has every cow finished dancing? Answer with a single integer.")
