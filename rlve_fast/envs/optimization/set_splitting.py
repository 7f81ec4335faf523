"""SetSplitting: split {0, ..., N-1} into S1 and its complement S2 so that every given subset
meets both sides (hypergraph 2-colouring); the generator plants such a split.

Answer: the members of S1 on one line. Reward: (split subsets / M)^10; a number out of range
or a repeated one is -0.5; no list of integers is -1."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment


try:
    from rlve_fast.envs.optimization._set_splitting_kernel import set_splitting_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None


def find_splitting(n: int, subsets):
    """A list S1 such that every subset has members both in S1 and outside it, or None.

    Depth-first search over the elements in order with propagation: once all but one member
    of a subset sit on the same side, the last one is forced to the other side."""
    side = [None] * n  # True: in S1
    containing = [[] for _ in range(n)]
    for index, subset in enumerate(subsets):
        for element in set(subset):
            containing[element].append(index)
    members = [sorted(set(s)) for s in subsets]

    def propagate(element, trail):
        """Place forced elements after ``element`` got its side; False on a conflict."""
        queue = [element]
        while queue:
            placed = queue.pop()
            for index in containing[placed]:
                open_members = [m for m in members[index] if side[m] is None]
                sides = {side[m] for m in members[index] if side[m] is not None}
                if len(sides) == 2:
                    continue
                if not open_members:
                    return False
                if len(open_members) == 1:
                    last = open_members[0]
                    side[last] = not side[placed]
                    trail.append(last)
                    queue.append(last)
        return True

    def search(start):
        deadline.check()
        element = next((e for e in range(start, n) if side[e] is None), None)
        if element is None:
            return True
        for choice in ((True,) if element == 0 else (True, False)):  # S1 <-> S2 is a symmetry
            trail = [element]
            side[element] = choice
            if propagate(element, trail) and search(element + 1):
                return True
            for e in trail:
                side[e] = None
        return False

    if any(len(m) < 2 for m in members):
        return None
    return [e for e in range(n) if side[e]] if search(0) else None


class SetSplitting(Environment):
    id = "SetSplitting"
    parameter_types = {"N": int, "M": int, "Sets": [[int]]}
    exact_answer_keys = ()  # any split that separates every subset is right
    planted_answer = True

    invalid_solution = -0.5
    beta = 10.0

    @staticmethod
    def schedule():
        n = 3
        multiples = [1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0,
                     2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.7, 2.8, 2.9, 3.0]
        while True:
            yield [{"N": n, "M": int(m * n)} for m in multiples]
            n += 1

    def sample(self, rng, parameter):
        n, m = parameter["N"], parameter["M"]
        if n < 3 or m < 2:
            raise ValueError("need N >= 3 and M >= 2")
        first = rng.sample(range(n), rng.randint(1, n - 1))
        chosen = set(first)
        second = [e for e in range(n) if e not in chosen]
        subsets = []
        for _ in range(m):
            subset = (rng.sample(first, rng.randint(1, len(first)))
                      + rng.sample(second, rng.randint(1, len(second))))
            rng.shuffle(subset)
            subsets.append(subset)
        parameter["reference_answer"] = " ".join(map(str, first))
        parameter["Sets"] = subsets

    def solve(self, parameter):
        first = find_splitting(parameter["N"], parameter["Sets"])
        if first is None:
            raise ValueError("no split separates every subset")
        return {"reference_answer": " ".join(map(str, first))}

    def prompt(self, parameter):
        n = parameter["N"]
        subsets = "\n".join("{ " + ", ".join(map(str, s)) + " }" for s in parameter["Sets"])
        return (f"Let S be the set of the {n} integers 0, 1, ..., {n - 1}. Split S into two parts, S1 and "
                "S2 = S \\ S1 (every integer in exactly one part), so that each of the "
                f"{len(parameter['Sets'])} subsets below has at least one member in S1 and at least one "
                f"member in S2, i.e. no subset lies entirely inside one part:\n{subsets}\n\n"
                "Answer with the members of S1 on a single line, separated by spaces; S2 is then "
                "everything else.")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n = parameter["N"]
        if not all(0 <= x < n for x in parsed) or len(set(parsed)) != len(parsed):
            return self.invalid_solution
        first = set(parsed)
        second = set(range(n)) - first
        split = sum(int(not (set(s) <= first or set(s) <= second)) for s in parameter["Sets"])
        if split > parameter["M"]:
            raise ValueError("more split subsets than M: the config is wrong")
        return (split / parameter["M"]) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for N out of 0..2^24 or numbers beyond int64: the Python scorer decides there
        return _compiled_kernel(parameter["N"], parameter["M"], parameter["Sets"], self.beta,
                                self.wrong_format, self.invalid_solution)
