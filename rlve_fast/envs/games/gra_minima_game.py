"""GraMinimaGame: two players alternately remove any non-empty subset of the remaining numbers
and score its smallest member; with optimal play, what is first player's score minus second's?

Answer: one integer. Reward: 1 for the exact value, 0 for another integer, -1 otherwise."""
from __future__ import annotations

from rlve_fast.integer_answer import IntegerAnswerEnvironment


def minima_game_value(numbers) -> int:
    """The first player's optimal margin.

    In sorted order, an optimal move always takes a suffix of the sorted numbers (its minimum is
    the smallest taken, so taking everything above it as well costs nothing).  So with best[k]
    the margin of the player to move when the k smallest numbers remain, taking the suffix that
    starts at the i-th smallest gives a_i - best[i - 1]; best[k] is the largest of these, which
    is max(best[k - 1], a_k - best[k - 1]) (the candidates up to k - 1 are best[k - 1] itself)."""
    best = 0
    for value in sorted(numbers):
        if value - best > best:
            best = value - best
    return best


class GraMinimaGame(IntegerAnswerEnvironment):
    id = "GraMinimaGame"
    rule = "exact"
    parameter_types = {"reference_answer": int}

    @staticmethod
    def schedule():
        n = 3
        while True:
            yield [{"N": n}]
            n = int(n * 1.1 + 1)

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 1:
            raise ValueError("N must be at least 1")
        parameter["A"] = [rng.randint(1, 2 * n) for _ in range(n)]

    def solve(self, parameter):
        return {"reference_answer": minima_game_value(parameter["A"])}

    def prompt(self, parameter):
        numbers = " ".join(map(str, parameter["A"]))
        return (f"Consider these {parameter['N']} numbers: {numbers}\n\n"
                "Alice and Bob play a game on them, taking turns, Alice first. In a turn the player "
                "picks any non-empty group of the numbers still in play, removes the whole group, and "
                "gains points equal to the smallest number of that group. When no numbers are left the "
                "game is over. Each player plays so as to make (own points - other player's points) "
                "as large as possible.\n\n"
                "What is Alice's final total minus Bob's final total? Answer with that single integer.")
