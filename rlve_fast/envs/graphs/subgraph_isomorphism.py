"""SubgraphIsomorphism: map the N1 vertices of a graph G1 one-to-one into the N2 vertices of
a graph G2 so that two vertices are adjacent in G1 exactly when their images are adjacent
in G2 (G1 is planted as an induced subgraph of G2).

Answer: "p(0) p(1) ... p(N1-1)". Reward: (agreeing pairs / all N1(N1-1)/2 pairs)^10 for an
injection into 0..N2-1; a list of the wrong length, a repeated or out-of-range image is
-0.5; no list of integers is -1."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment
from rlve_fast.envs.graphs._graph_common import (adjacency_masks, density_schedule, edge_lines,
                                                  pair_count, random_pairs)


try:
    from rlve_fast.envs.graphs._subgraph_isomorphism_kernel import induced_map_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None


def distinct_choice_exists(domains, vertices) -> bool:
    """Whether the vertices can take pairwise different values from their candidate masks
    (a bipartite matching that saturates them; augmenting paths, Kuhn's algorithm)."""
    owner = {}

    def place(w, tried):
        options = domains[w] & ~tried[0]
        while options:
            low = options & -options
            options ^= low
            tried[0] |= low
            if low not in owner or place(owner[low], tried):
                owner[low] = w
                return True
        return False

    for w in sorted(vertices, key=lambda w: bin(domains[w]).count("1")):
        if not place(w, [0]):
            return False
    return True


def induced_embedding(n1: int, edges1, n2: int, edges2):
    """An injection p of G1 into G2 with (u, v) in G1 iff (p(u), p(v)) in G2, or None.

    Backtracking with forward checking on bit masks: every unmapped vertex keeps the set
    of G2 vertices it may still take (adjacent to the images of its mapped neighbours, not
    adjacent to the images of its mapped non-neighbours, unused); the search maps the
    vertex with the fewest candidates next, and backs up as soon as the unmapped vertices
    can no longer take distinct candidates (a matching test).

    Twins of G1 (vertices with the same neighbours apart from each other) are
    interchangeable in any embedding, so a twin class takes increasing images; this cuts
    the factorial search over them when a placement of the rest fails."""
    adj1, adj2 = adjacency_masks(n1, edges1), adjacency_masks(n2, edges2)
    everyone = (1 << n2) - 1
    apart2 = [everyone & ~adj2[x] & ~(1 << x) for x in range(n2)]
    deg1 = [bin(m).count("1") for m in adj1]
    deg2 = [bin(m).count("1") for m in adj2]
    domains = []
    for u in range(n1):
        allowed = 0
        for x in range(n2):  # a vertex needs at least as many neighbours and non-neighbours
            if deg2[x] >= deg1[u] and n2 - 1 - deg2[x] >= n1 - 1 - deg1[u]:
                allowed |= 1 << x
        domains.append(allowed)
    image = [-1] * n1
    below = [0] * n1  # twins that must take smaller (earlier in class) / larger images
    above = [0] * n1
    classes = {}
    for u in range(n1):
        classes.setdefault(("apart", adj1[u]), []).append(u)
        classes.setdefault(("joined", adj1[u] | 1 << u), []).append(u)
    for members in classes.values():
        for i, u in enumerate(members):
            for w in members[:i]:
                below[u] |= 1 << w
            for w in members[i + 1:]:
                above[u] |= 1 << w

    def search(domains, left):
        if not left:
            return True
        deadline.check()
        u = min(left, key=lambda w: bin(domains[w]).count("1"))
        rest = [w for w in left if w != u]
        options = domains[u]
        while options:
            low = options & -options
            options ^= low
            x = low.bit_length() - 1
            narrowed = domains[:]
            smaller, larger = low - 1, everyone & ~(2 * low - 1)
            for w in rest:
                keep = adj2[x] if adj1[u] >> w & 1 else apart2[x]
                if below[u] >> w & 1:
                    keep &= smaller
                elif above[u] >> w & 1:
                    keep &= larger
                narrowed[w] &= keep
                if not narrowed[w]:
                    break
            else:
                if distinct_choice_exists(narrowed, rest):
                    image[u] = x
                    if search(narrowed, rest):
                        return True
        image[u] = -1
        return False

    if not distinct_choice_exists(domains, range(n1)):
        return None
    return image if search(domains, list(range(n1))) else None


class SubgraphIsomorphism(Environment):
    id = "SubgraphIsomorphism"
    parameter_types = {"N1": int, "N2": int, "G1_edges": [[int]], "G2_edges": [[int]]}
    exact_answer_keys = ()  # every induced embedding is right; the planted one is stored
    planted_answer = True

    invalid_solution = -0.5
    beta = 10.0

    @staticmethod
    def schedule():
        densities = [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95]
        return density_schedule(3, densities, lambda n, d: pair_count(n, d) > 0, n_key="N2")

    def sample(self, rng, parameter):
        n2, density = parameter["N2"], parameter["edge_density"]
        if n2 < 3 or not 0.0 < density <= 1.0 or pair_count(n2, density) <= 0:
            raise ValueError("need N2 >= 3 and a density giving at least one edge")
        edges2 = random_pairs(rng, n2, pair_count(n2, density))
        n1 = rng.randint(3, n2)
        mapping = rng.sample(range(n2), n1)
        adj2 = adjacency_masks(n2, edges2)
        edges1 = [[u, v] for u in range(n1) for v in range(u + 1, n1) if adj2[mapping[u]] >> mapping[v] & 1]
        rng.shuffle(edges1)
        parameter.update(G2_edges=edges2, N1=n1, G1_edges=edges1,
                         reference_answer=" ".join(map(str, mapping)))

    def solve(self, parameter):
        image = induced_embedding(parameter["N1"], parameter["G1_edges"], parameter["N2"], parameter["G2_edges"])
        if image is None:
            raise ValueError("G1 is not an induced subgraph of G2")
        return {"reference_answer": " ".join(map(str, image))}

    def prompt(self, parameter):
        n1, n2 = parameter["N1"], parameter["N2"]
        return (f"Graph G1 is undirected, with {n1} vertices numbered 0 to {n1 - 1} and these edges:\n"
                f"{edge_lines(parameter['G1_edges'])}\n\n"
                f"Graph G2 is undirected, with {n2} vertices numbered 0 to {n2 - 1} and these edges:\n"
                f"{edge_lines(parameter['G2_edges'])}\n\n"
                f"Assign to every vertex u of G1 an image p(u), a vertex of G2, so that distinct vertices get "
                "distinct images and G1 is copied exactly onto the images: for any two vertices "
                "u and v of G1, (u, v) must be an edge of G1 precisely when (p(u), p(v)) is an edge of G2, "
                "so edges go to edges and non-edges go to non-edges.\n\n"
                f"Answer with the images p(0) p(1) ... p({n1 - 1}) on one line, as {n1} integers "
                "separated by spaces.")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n1, n2 = parameter["N1"], parameter["N2"]
        if len(parsed) != n1 or len(set(parsed)) != n1:
            return self.invalid_solution
        if not all(0 <= x < n2 for x in parsed):
            return self.invalid_solution
        edges1 = set(map(tuple, parameter["G1_edges"]))
        edges2 = set(map(tuple, parameter["G2_edges"]))
        agree = 0
        for u in range(n1):
            for v in range(u + 1, n1):
                a, b = min(parsed[u], parsed[v]), max(parsed[u], parsed[v])
                agree += ((u, v) in edges1) == ((a, b) in edges2)
        pairs = n1 * (n1 - 1) // 2
        return (agree / pairs) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for graphs past 4096 vertices: the Python scorer decides there
        return _compiled_kernel(parameter["N1"], parameter["G1_edges"], parameter["N2"], parameter["G2_edges"],
                                self.beta, self.wrong_format, self.invalid_solution)
