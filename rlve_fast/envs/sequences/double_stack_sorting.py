"""DoubleStackSorting: with a queue 0..N-1 and two stacks, give the operation letters (a/c: move
the queue's front onto stack 1/2; b/d: pop stack 1/2 to the output) that produce a given output.

Answer: one word over a, b, c, d. Reward: mean([target=output])^10 over the N positions; an
impossible move or an output of another length is -0.5; any other character met while
replaying is -1. The solver 2-colours the conflict graph of the classical two-stack criterion."""
from __future__ import annotations

from collections import deque

from rlve_fast import deadline, rewards
from rlve_fast.environment import Environment
from rlve_fast.envs._schedules import grow_by_tenth

try:
    from rlve_fast.envs.sequences._double_stack_sorting_kernel import DoubleStackKernel
except ImportError:  # not built: the Python scorer only
    DoubleStackKernel = None


def random_walk(n, weights, uniforms):
    """Python twin of the compiled ``random_operations``: (operations, output)."""
    ops, output, stacks, front = [], [], ([], []), 0
    for r in uniforms:
        possible = (front < n, bool(stacks[0]), front < n, bool(stacks[1]))
        r *= sum(w for w, ok in zip(weights, possible) if ok)
        chosen = max(k for k in range(4) if possible[k])
        for k in range(4):
            if possible[k]:
                if r < weights[k]:
                    chosen = k
                    break
                r -= weights[k]
        ops.append("abcd"[chosen])
        if chosen in (0, 2):
            stacks[chosen // 2].append(front)
            front += 1
        else:
            output.append(stacks[chosen // 2].pop())
    return "".join(ops), output


def two_stack_operations(target):
    """An operation word producing ``target`` (a permutation of 0..N-1), or ValueError.

    Elements i < j cannot share a stack exactly when some k > j leaves before i while i
    leaves before j; the sequence is producible iff that conflict graph is bipartite, and then
    pushing lazily along any 2-colouring works."""
    n = len(target)
    if sorted(target) != list(range(n)):
        raise ValueError("the target is not a permutation of 0..N-1")
    leaves = [0] * n
    for t, v in enumerate(target):
        leaves[v] = t
    later_min = [n] * n  # later_min[j] = min(leaves[j+1:])
    for j in range(n - 2, -1, -1):
        later_min[j] = min(later_min[j + 1], leaves[j + 1])
    neighbours = [[] for _ in range(n)]
    for j in range(n):
        deadline.check()
        low, high = later_min[j], leaves[j]
        for i in range(j):
            if low < leaves[i] < high:
                neighbours[i].append(j)
                neighbours[j].append(i)
    colour = [-1] * n
    for start in range(n):
        if colour[start] >= 0:
            continue
        colour[start] = 0
        queue = deque([start])
        while queue:
            v = queue.popleft()
            for w in neighbours[v]:
                if colour[w] < 0:
                    colour[w] = 1 - colour[v]
                    queue.append(w)
                elif colour[w] == colour[v]:
                    raise ValueError("no two stacks can produce this sequence")
    ops, stacks, front = [], ([], []), 0
    for v in target:
        while front <= v:
            stacks[colour[front]].append(front)
            ops.append("ac"[colour[front]])
            front += 1
        stack = stacks[colour[v]]
        if stack[-1] != v:  # cannot happen for a proper colouring
            raise ValueError("two-stack replay failed")
        stack.pop()
        ops.append("bd"[colour[v]])
    return "".join(ops)


class DoubleStackSorting(Environment):
    id = "DoubleStackSorting"
    parameter_types = {"N": int, "output_sequence": [int]}
    planted_answer = True     # the generator's own walk is the reference answer
    exact_answer_keys = ()    # many operation words give the same output

    invalid_solution = -0.5
    beta = 10.0
    weight = 1.0

    @staticmethod
    def schedule():
        return grow_by_tenth("N", 4)

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 4:
            raise ValueError("N must be at least 4")
        weights = [float(rng.randint(1, n)) for _ in range(4)]
        uniforms = [rng.random() for _ in range(2 * n)]
        try:
            from rlve_fast.envs.sequences._double_stack_sorting_kernel import random_operations
        except ImportError:  # the extension did not build
            random_operations = random_walk
        ops, output = random_operations(n, weights, uniforms)
        parameter["reference_answer"] = ops
        parameter["output_sequence"] = output

    def solve(self, parameter):
        return {"reference_answer": two_stack_operations(parameter["output_sequence"])}

    def prompt(self, parameter):
        n = parameter["N"]
        target = " ".join(map(str, parameter["output_sequence"]))
        return (f"A queue holds the {n} integers 0, 1, ..., {n - 1}, with 0 at the front. There are two "
                "stacks, S1 and S2, both empty, and an output sequence, also empty. Four moves are allowed:\n"
                "a: remove the front of the queue and push it onto S1;\n"
                "b: pop the top of S1 and append it to the output;\n"
                "c: remove the front of the queue and push it onto S2;\n"
                "d: pop the top of S2 and append it to the output.\n\n"
                f"Give a sequence of moves after which the output is exactly: {target}\n\n"
                "Answer with the move letters written together on one line, with no spaces or other "
                "characters (for example: aabbcd).")

    def parse(self, answer):
        return answer.strip()

    def score(self, parameter, parsed):
        n = parameter["N"]
        stacks, output, front = ([], []), [], 0
        for op in parsed:
            if op == "a" or op == "c":
                if front >= n:
                    return self.invalid_solution
                stacks[op == "c"].append(front)
                front += 1
            elif op == "b" or op == "d":
                stack = stacks[op == "d"]
                if not stack:
                    return self.invalid_solution
                output.append(stack.pop())
            else:
                return self.wrong_format
        if len(output) != n:
            return self.invalid_solution
        return rewards.mean_match(parameter["output_sequence"], output, self.beta, self.weight, count=n)

    def kernel(self, parameter):
        if DoubleStackKernel is None:
            return None  # not built: the Python scorer
        n = parameter["N"]
        if not 1 <= n <= 10 ** 7:
            return None  # degenerate or enormous configs: the Python scorer decides
        return DoubleStackKernel(n, parameter["output_sequence"], self.beta, self.weight,
                                 self.wrong_format, self.invalid_solution)
