"""BanyanHeart: a tree on 1..N is grown from vertex 1, one vertex at a time; a marker (the
heart) starts on 1 and, after each addition, steps one edge towards the new vertex. Which
vertices can hold the heart at the end, over all growth orders?

Answer: N letters T/F (the i-th is T when vertex i can). Reward: (|both T| / |either T|)^5;
anything but exactly N letters T or F (after trimming whitespace) is -1."""
from __future__ import annotations

from rlve_fast.environment import Environment
from rlve_fast.envs.trees._sampling import words
from rlve_fast.envs.trees._tree import compiled_module, rooted

_compiled = compiled_module("rlve_fast.envs.trees._banyan_heart_kernel")


def heart_positions(n: int, edges) -> str:
    """The T/F string of the final heart positions (vertices 1..n).

    Rooted at 1, let rest(v) be the least distance the heart can end from v after v's whole
    subtree is grown (v included), moves into different child subtrees cancelling in pairs:
    only the largest child subtree h can be left over, by rest(h) - (the others' vertex
    count), else just the parity of the count.  A vertex u can end as the heart when the
    vertex count n and its depth (root depth 1) have the same parity and the largest
    subtree hanging off the path 1..u (u's children included), of size s, has
    rest <= n - depth(u) - s: the other vertices off the path cancel its moves."""
    parent, order, children = rooted(n, edges, root=0, first=1)
    size, rest = [1] * n, [0] * n
    biggest, runner_up = [-1] * n, [-1] * n  # the two largest children
    for v in reversed(order):
        for c in children[v]:
            size[v] += size[c]
            if biggest[v] < 0 or size[c] > size[biggest[v]]:
                biggest[v], runner_up[v] = c, biggest[v]
            elif runner_up[v] < 0 or size[c] > size[runner_up[v]]:
                runner_up[v] = c
        h = biggest[v]
        below = size[v] - 1
        if h < 0 or rest[h] <= below - size[h]:
            rest[v] = below % 2 + 1
        else:
            rest[v] = rest[h] - (below - size[h]) + 1

    def larger(a, b):
        if a < 0:
            return b
        if b < 0:
            return a
        return a if size[a] > size[b] else b

    depth, off_path = [1] * n, [-1] * n  # largest subtree hanging off the path root..v
    answer = ["F"] * n
    for v in order:
        t = larger(biggest[v], off_path[v])
        left, count = (rest[t], size[t]) if t >= 0 else (0, 0)
        if depth[v] % 2 == n % 2 and left <= n - depth[v] - count:
            answer[v] = "T"
        for c in children[v]:
            depth[c] = depth[v] + 1
            off_path[c] = larger(runner_up[v] if c == biggest[v] else biggest[v], off_path[v])
    return "".join(answer)


class BanyanHeart(Environment):
    id = "BanyanHeart"
    parameter_types = {"N": int, "reference_answer": str}

    beta = 5.0

    @staticmethod
    def schedule():
        n = 4
        while True:
            yield [{"N": n}]
            n += 1

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 4:
            raise ValueError("N must be at least 4")
        parameter["edges"] = words(rng).tree_edges(n, first=1)

    def solve(self, parameter):
        solver = _compiled.heart_positions if _compiled is not None else heart_positions
        answer = solver(parameter["N"], parameter["edges"])
        if "T" not in answer:
            raise ValueError("no vertex can end as the heart")
        return {"reference_answer": answer}

    def prompt(self, parameter):
        n = parameter["N"]
        edges = "\n".join("(%d, %d)" % (u, v) for u, v in parameter["edges"])
        return (f"A tree on the vertices 1 to {n} is built one vertex at a time. It starts as the "
                "single vertex 1, which also holds a marker called the heart. Then, one by one, every "
                f"other vertex i (2 <= i <= {n}) is added, joined by an edge to a vertex already in the "
                "tree, and right after each addition the heart moves one edge along the path towards "
                "the vertex just added. Vertices may be added in any order that keeps the tree "
                "connected.\n\n"
                f"When all {n} vertices are in, the tree has exactly these edges:\n{edges}\n\n"
                "Over all the ways this tree could have been built, which vertices can hold the heart "
                f"at the end?\n\nAnswer with one line of {n} letters and nothing between them: the "
                "i-th letter is T if vertex i can end up as the heart and F if it cannot "
                f"(for example {'T' + 'F' * (n - 1)}).")

    def parse(self, answer):
        text = answer.strip()
        return text if all(c in ("T", "F") for c in text) else None

    def score(self, parameter, parsed):
        if len(parsed) != parameter["N"]:
            return self.wrong_format
        pairs = list(zip(parsed, parameter["reference_answer"]))
        both = sum(a == "T" and b == "T" for a, b in pairs)
        either = sum(a == "T" or b == "T" for a, b in pairs)
        return (both / either) ** self.beta

    def kernel(self, parameter):
        if _compiled is None:
            return None
        return _compiled.HeartKernel(parameter["N"], parameter["reference_answer"], self.beta,
                                     self.wrong_format)
