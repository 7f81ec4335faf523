"""JugPuzzle: N empty jugs of given capacities; with Fill / Empty / Pour actions, get exactly the
target volume of water into some jug. The generator plants a sequence by a random walk.

Answer: one action per line, "Fill i", "Empty i" or "Pour i j". Reward: 1 if some jug holds the
target at the end, 0 otherwise; a jug number out of range (or pouring a jug into itself) is
-0.5; a line that is not one of the three actions is -1."""
from __future__ import annotations

from collections import deque
from itertools import combinations

from rlve_fast import deadline
from rlve_fast.environment import Environment

try:
    from rlve_fast.envs.games._jug_puzzle_kernel import JugKernel
except ImportError:  # not built: the Python scorer only
    JugKernel = None

ARITY = {"Fill": 1, "Empty": 1, "Pour": 2}


def apply_action(volumes, capacities, action):
    """Run one (name, jug[, jug]) action on ``volumes`` in place (jug numbers already checked)."""
    name = action[0]
    if name == "Fill":
        volumes[action[1]] = capacities[action[1]]
    elif name == "Empty":
        volumes[action[1]] = 0
    else:
        source, sink = action[1], action[2]
        amount = min(volumes[source], capacities[sink] - volumes[sink])
        volumes[source] -= amount
        volumes[sink] += amount


def plan_on(capacities, jugs, target):
    """Breadth-first search over the volumes of ``jugs`` only (the others stay empty): the
    shortest action list leaving ``target`` in one of them, or None."""
    start = (0,) * len(jugs)
    parent = {start: None}
    queue = deque([start])
    caps = [capacities[j] for j in jugs]
    while queue:
        deadline.check()
        state = queue.popleft()
        if target in state:
            actions = []
            while parent[state] is not None:
                state, action = parent[state]
                actions.append(action)
            return actions[::-1]
        moves = []
        for a in range(len(jugs)):
            moves.append(("Fill", a))
            moves.append(("Empty", a))
            moves.extend(("Pour", a, b) for b in range(len(jugs)) if b != a)
        for move in moves:
            volumes = list(state)
            apply_action(volumes, caps, move)
            following = tuple(volumes)
            if following not in parent:
                parent[following] = (state, (move[0],) + tuple(jugs[k] for k in move[1:]))
                queue.append(following)
    return None


def plan_actions(capacities, target):
    """Some action list that leaves ``target`` in a jug, or None: searches one jug, then every
    pair, then every triple, ... (a few jugs usually suffice, and small searches are cheap)."""
    for size in range(1, len(capacities) + 1):
        for jugs in combinations(range(len(capacities)), size):
            if max(capacities[j] for j in jugs) >= target:
                actions = plan_on(capacities, jugs, target)
                if actions is not None:
                    return actions
    return None


def render(actions) -> str:
    return "".join(" ".join(map(str, action)) + "\n" for action in actions)


class JugPuzzle(Environment):
    id = "JugPuzzle"
    parameter_types = {"N": int, "jug_capacities": [int], "target_volumn": int}
    exact_answer_keys = ()  # any action list reaching the target is right
    planted_answer = True

    capacity_multiple = 10
    action_weights = (0.1, 0.1, 0.8)  # Fill, Empty, Pour
    invalid_solution = -0.5

    @staticmethod
    def schedule():
        n = 3
        steps = [3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 35, 40, 45, 50]
        while True:
            yield [{"N": n, "steps": s} for s in steps]
            n += 1

    def sample(self, rng, parameter):
        n, steps = parameter["N"], parameter["steps"]
        if n < 2 or steps < 2:
            raise ValueError("need N >= 2 and steps >= 2")
        capacities = [rng.randint(2, n * self.capacity_multiple) for _ in range(n)]
        excluded = {a - b for a in capacities for b in capacities if a != b} | set(capacities)
        jug = rng.randint(0, n - 1)
        reference, target = "Fill %d" % jug, capacities[jug]
        # a random walk of legal, state-changing actions; a volume that appears for the first
        # time (and is no capacity or difference of capacities) becomes the target
        volumes, walk, seen = [0] * n, [], set()
        for _ in range(steps):
            while True:
                kind = rng.choices(("Fill", "Empty", "Pour"), self.action_weights)[0]
                if kind == "Pour":
                    action = ("Pour", rng.randint(0, n - 1), rng.randint(0, n - 1))
                    legal = (action[1] != action[2] and volumes[action[1]] > 0
                             and volumes[action[2]] < capacities[action[2]])
                else:
                    action = (kind, rng.randint(0, n - 1))
                    legal = (volumes[action[1]] < capacities[action[1]] if kind == "Fill"
                             else volumes[action[1]] > 0)
                if legal:
                    break
            apply_action(volumes, capacities, action)
            walk.append(action)
            fresh = {v for v in volumes if v > 0} - seen - excluded
            if fresh:
                reference, target = render(walk), rng.choice(sorted(fresh))
                seen |= fresh
        parameter.update(jug_capacities=capacities, reference_answer=reference, target_volumn=target)

    def solve(self, parameter):
        actions = plan_actions(parameter["jug_capacities"], parameter["target_volumn"])
        if actions is None:
            raise ValueError("the target volume cannot be measured")
        return {"reference_answer": render(actions)}

    def prompt(self, parameter):
        n = parameter["N"]
        jugs = "\n".join("Jug %d holds up to %d liters" % (i, c) for i, c in enumerate(parameter["jug_capacities"]))
        return (f"You have {n} jugs, numbered 0 to {n - 1}, all empty at first:\n{jugs}\n\n"
                f"Your goal is that some jug (any one) ends up containing exactly "
                f"{parameter['target_volumn']} liters. The allowed actions are:\n"
                "Fill i - fill jug i up to its capacity;\n"
                "Empty i - pour all water out of jug i;\n"
                "Pour i j - pour from jug i into jug j until jug i is empty or jug j is full, "
                "whichever happens first.\n\n"
                "Answer with the actions in the order you perform them, one per line, each written "
                "exactly as above with the jug numbers filled in (for example: Fill 0, then Pour 0 1 "
                "on the next line).")

    def parse(self, answer):
        actions = []
        for line in answer.splitlines():
            words = line.split()
            if not words:
                continue
            if ARITY.get(words[0]) != len(words) - 1:
                return None
            try:
                actions.append((words[0],) + tuple(int(w) for w in words[1:]))
            except ValueError:
                return None
        return actions

    def kernel(self, parameter):
        if JugKernel is None:
            return None  # not built: the Python scorer
        return JugKernel(parameter["N"], parameter["jug_capacities"], parameter["target_volumn"],
                         self.wrong_format, self.invalid_solution)

    def score(self, parameter, actions):
        n, capacities = parameter["N"], parameter["jug_capacities"]
        volumes = [0] * n
        for action in actions:
            jugs = action[1:]
            if not all(0 <= j < n for j in jugs) or (len(jugs) == 2 and jugs[0] == jugs[1]):
                return self.invalid_solution
            apply_action(volumes, capacities, action)
        return 1.0 if parameter["target_volumn"] in volumes else 0.0
