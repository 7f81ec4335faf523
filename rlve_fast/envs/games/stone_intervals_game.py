"""StoneIntervalsGame: piles in a row, some empty; players alternately take a whole pile that has
an empty neighbour. With both maximising their own haul, how many stones does the first get?

Answer: one integer. Reward: 1 for the exact value, 0 for another integer, -1 otherwise."""
from __future__ import annotations

from rlve_fast.integer_answer import IntegerAnswerEnvironment


def first_player_stones(piles) -> int:
    """The first player's optimal total (the known reduction for this game).

    1. Scanning left to right with a stack, three consecutive non-empty piles x, y, z with
       y >= x and y >= z collapse into one pile worth x + z - y (a "peak" is split evenly
       between the players whatever they do).
    2. A run of non-empty piles touching either end of the row is peeled two at a time while
       the outer pile is at least its inner neighbour; the peeled pairs are worth a fixed
       difference (inner - outer) that goes to whoever moves last there.
    3. The rest are taken greedily from the largest down, the peeled difference last; the
       alternating sum of that order is the first player's margin."""
    stack = []  # [value, non-empty?]; collapsed piles keep counting as non-empty
    for pile in piles:
        stack.append([pile, pile != 0])
        while (len(stack) >= 3 and stack[-1][1] and stack[-2][1] and stack[-3][1]
               and stack[-2][0] >= stack[-3][0] and stack[-2][0] >= stack[-1][0]):
            right = stack.pop()
            middle = stack.pop()
            left = stack.pop()
            stack.append([left[0] + right[0] - middle[0], True])
    peeled = 0
    low, high = 0, len(stack) - 1
    while (low + 1 < len(stack) and stack[low][1] and stack[low + 1][1]
           and stack[low][0] >= stack[low + 1][0]):
        peeled += stack[low + 1][0] - stack[low][0]
        low += 2
    while (high >= 1 and stack[high][1] and stack[high - 1][1]
           and stack[high][0] >= stack[high - 1][0]):
        peeled += stack[high - 1][0] - stack[high][0]
        high -= 2
    middle_piles = sorted((value for value, full in stack[low:high + 1] if full), reverse=True)
    middle_piles.append(peeled)
    margin = sum(value if k % 2 == 0 else -value for k, value in enumerate(middle_piles))
    return (sum(piles) + margin) // 2


class StoneIntervalsGame(IntegerAnswerEnvironment):
    id = "StoneIntervalsGame"
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
        if n < 3:
            raise ValueError("N must be at least 3")
        piles = [rng.randint(1, 2 * n) for _ in range(n)]
        for index in rng.sample(range(n), rng.randint(1, n - 2)):
            piles[index] = 0
        parameter["A"] = piles

    def solve(self, parameter):
        return {"reference_answer": first_player_stones(parameter["A"])}

    def prompt(self, parameter):
        piles = " ".join("A[%d]=%d" % (i, a) for i, a in enumerate(parameter["A"]))
        return (f"{parameter['N']} piles of stones stand in a row, numbered from 0; pile i starts with "
                f"A[i] stones: {piles}\n\n"
                "Alice and Bob take turns, Alice first. On a turn the player chooses a pile i that still "
                "has stones and that has an empty pile right next to it (pile i - 1 or pile i + 1; the "
                "piles at the two ends have only one neighbour), and takes every stone of pile i, which "
                "then stays empty. Play stops once all piles are empty.\n\n"
                "Both players play to collect as many stones as they can for themselves. How many "
                "stones does Alice collect in total? Answer with that single integer.")
