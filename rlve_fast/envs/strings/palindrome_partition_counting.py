"""PalindromePartitionCounting: in how many ways can a binary string be cut into pieces that
are all palindromes (any number of pieces)?

Answer: one integer. Reward: (min/max)^10 against the true count; an answer <= 0 is
wrong-format (-1). The count is found with a palindromic tree (eertree) whose series links
group the palindromic suffixes of each prefix into O(log N) arithmetic progressions."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.envs._schedules import grow_by_tenth
from rlve_fast.integer_answer import IntegerAnswerEnvironment


def count_palindrome_partitions(text: str) -> int:
    """Ways to write ``text`` as a concatenation of non-empty palindromes, in O(N log N)
    additions.

    Node 0 is the root of odd palindromes (length -1), node 1 the empty palindrome.  For a
    node v, ``gap[v]`` is len(v) - len(link(v)) and ``jump[v]`` the first palindromic suffix
    down the link chain whose gap differs; ``group[v]`` sums ways[] over the suffixes from v
    down to (not including) jump[v], reusing the group of link(v) computed gap[v] positions
    earlier."""
    size = [-1, 0]
    link = [0, 0]
    gap = [0, 0]
    jump = [0, 0]
    group = [0, 0]
    children = [{}, {}]
    ways = [1] * (len(text) + 1)
    last = 1
    for i, ch in enumerate(text):
        if not i & 1023:
            deadline.check()
        node = last
        while True:
            before = i - size[node] - 1
            if before >= 0 and text[before] == ch:
                break
            node = link[node]
        child = children[node].get(ch)
        if child is None:
            child = len(size)
            length = size[node] + 2
            if length == 1:
                suffix = 1
            else:
                suffix = link[node]
                while True:
                    before = i - size[suffix] - 1
                    if before >= 0 and text[before] == ch:
                        break
                    suffix = link[suffix]
                suffix = children[suffix][ch]
            children[node][ch] = child
            size.append(length)
            link.append(suffix)
            step = length - size[suffix]
            gap.append(step)
            jump.append(jump[suffix] if step == gap[suffix] else suffix)
            group.append(0)
            children.append({})
        last = child
        end = i + 1
        total = 0
        node = child
        while size[node] > 0:
            value = ways[end - size[jump[node]] - gap[node]]
            if gap[node] == gap[link[node]]:
                value += group[link[node]]
            group[node] = value
            total += value
            node = jump[node]
        ways[end] = total
    return ways[len(text)]


class PalindromePartitionCounting(IntegerAnswerEnvironment):
    id = "PalindromePartitionCounting"
    lowest_valid = 1

    @staticmethod
    def schedule():
        return grow_by_tenth("N", 5)

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 2:
            raise ValueError("N must be at least 2")
        p_one = rng.randint(1, 9) / 10  # each character is "1" with this probability
        parameter["S"] = "".join(rng.choices("01", cum_weights=(1.0 - p_one, 1.0), k=n))

    def solve(self, parameter):
        return {"reference_answer": count_palindrome_partitions(parameter["S"])}

    def prompt(self, parameter):
        return (f"Consider the binary string `{parameter['S']}`. Cut it into one or more non-empty "
                "contiguous pieces so that every piece is a palindrome (it reads the same from left "
                "to right as from right to left); the number of pieces is up to you. Two cuttings "
                "are different when their sets of cut positions differ.\n\n"
                "How many such cuttings are there? Answer with a single integer.")
