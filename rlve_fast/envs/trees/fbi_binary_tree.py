"""FBI_BinaryTree: a binary string of length 2^N is halved recursively into a perfect binary
tree; a node is B (its substring is all 0), I (all 1) or F (mixed). Give the node types in
postorder (left, right, node).

Answer: one string of 2^(N+1) - 1 letters. Reward: (matching positions / length)^5; a string of
another length or with a letter other than F, B, I is -0.5 (after trimming whitespace)."""
from __future__ import annotations

import math

from rlve_fast import deadline, rewards
from rlve_fast.environment import Environment
from rlve_fast.envs.trees._sampling import BLOCK_WORDS, Words, words
from rlve_fast.envs.trees._tree import compiled_module

_compiled = compiled_module("rlve_fast.envs.trees._fbi_binary_tree_kernel")

# Upstream keeps the previous bit with probability 0.7 and otherwise draws a fresh fair bit,
# so a bit differs from the one before with probability 0.15: runs of equal bits have
# geometric lengths, which are drawn directly.
STAY = 0.7
LOG_SAME = math.log(1.0 - (1.0 - STAY) / 2.0)
BULK_WORDS = 1 << 15  # long strings take many words (~0.3 a letter): fetch them in big blocks
# 2^N letters of string, 2^(N+1) - 1 of answer and the prompt's copy of the string: at N = 29
# ~2 GiB and ~3.5 s of CPU (most of it the first touch of fresh memory); N = 30 needs 4 GiB and
# over 10 s on a 2-core machine
LARGEST_N = 29


def block_words(length: int) -> int:
    """Words fetched per block for a string of this length: about what it needs, within bounds."""
    return min(BULK_WORDS, max(BLOCK_WORDS, length // 2))


def run_length(source, log_same: float) -> int:
    """A geometric run length (>= 1) from a 53-bit uniform in (0, 1], made of two words."""
    high, low = source.word() >> 5, source.word() >> 6
    u = (high * 67108864 + low + 1) / 9007199254740992.0
    return 1 + int(math.log(u) / log_same)


def random_bit_string(source, length: int, log_same: float = LOG_SAME) -> str:
    """The string as upstream's bit chain: a fair first bit, then runs of geometric lengths
    (log_same: the log of the chance that a bit repeats the one before)."""
    bit, runs, left = source.below(2), [], length
    while left > 0:
        deadline.check()
        run = min(run_length(source, log_same), left)
        runs.append("01"[bit] * run)
        left -= run
        bit ^= 1
    return "".join(runs)


def postorder_types(string: str) -> str:
    """The F/B/I types of the halving tree of ``string`` (length a power of two), in postorder.

    Leaves come left to right; after leaf i, one subtree closes for each trailing 1 bit of i,
    its type made from the two types on top of the stack."""
    out, stack = [], []
    for i, ch in enumerate(string):
        kind = "B" if ch == "0" else "I"
        out.append(kind)
        stack.append(kind)
        while i & 1:
            right, left = stack.pop(), stack.pop()
            kind = left if left == right and left != "F" else "F"
            out.append(kind)
            stack.append(kind)
            i >>= 1
    return "".join(out)


class FBIBinaryTree(Environment):
    id = "FBI_BinaryTree"
    parameter_types = {"reference_answer": str}

    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        n = 2
        while True:
            yield [{"N": n}]
            n += 1

    def sample(self, rng, parameter):
        n = parameter["N"]
        if not 1 <= n <= LARGEST_N:
            raise ValueError("N must be between 1 and %d" % LARGEST_N)
        source = words(rng, block_words(2 ** n))
        compiled = _compiled is not None and not isinstance(source, Words)
        parameter["string"] = (_compiled.random_bit_string if compiled else random_bit_string)(
            source, 2 ** n, LOG_SAME)

    def solve(self, parameter):
        string = parameter["string"]
        if len(string) != 2 ** parameter["N"]:
            raise ValueError("the string's length is not 2^N")
        solver = _compiled.postorder_types if _compiled is not None else postorder_types
        return {"reference_answer": solver(string)}

    def prompt(self, parameter):
        n = parameter["N"]
        return ("Call a string of 0s and 1s a B-string if it has only 0s, an I-string if it has only 1s, "
                "and an F-string if it has both.\n\n"
                "The FBI tree of a binary string S is a binary tree built like this: its root stands for S "
                "and is labelled B, I or F according to the kind of S; if S is longer than one character, "
                "cut it into two halves of equal length, and the root's left and right subtrees are the "
                "FBI trees of the left half and of the right half.\n\n"
                f"Build the FBI tree of this string of length 2^{n}:\n{parameter['string']}\n\n"
                "Then list the labels of its nodes in postorder (left subtree, right subtree, then the "
                "node itself).\n\n"
                "Answer with the labels as one line of letters F, B and I with nothing between them. "
                "For example, the string 0011 would give BBBIIIF.")

    def parse(self, answer):
        return answer.strip()

    def score(self, parameter, parsed):
        reference = parameter["reference_answer"]
        if len(parsed) != len(reference) or not all(c in ("F", "B", "I") for c in parsed):
            return self.invalid_solution
        return rewards.mean_match(reference, parsed, self.beta)

    def kernel(self, parameter):
        reference = parameter["reference_answer"]
        if _compiled is None or not reference.isascii():
            return None
        return _compiled.PostorderKernel(reference, self.beta, self.invalid_solution)
