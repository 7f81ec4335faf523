"""CycleCounting: the number of simple cycles (at least 3 vertices, counted as edge sets) of
a random undirected graph.

Answer: one integer. Reward: (min/max)^10 against the true count; when the count is 0 only 0
earns 1; a negative answer is wrong-format (-1).  Solver (compiled, the cheapest of three by
an estimate of their work):

* path table: per lowest vertex, path counts over vertex subsets, O(2^N * N * degree), N <= 23;
* frontier DP (sparse graphs): vertices added in an order with a small frontier (greedy, then
  simulated annealing); a state gives each frontier vertex untouched / saturated / path end
  with its partner end; a cycle closes when no other path is open;
* complement (dense graphs): inclusion-exclusion over the edges of the sparse complement H
  that a cycle of the complete graph would use, a frontier DP over the linear forests of H
  carrying a polynomial (see ``linear_forests`` in the compiled module), plus the cycles of H
  with sign (-1)^length.
Counts are exact: modulo 2^64 or 2^128 where a bound (Bregman's on the permanent of A + I,
or the cycles of K_N) shows it suffices, with further 61/62-bit primes otherwise."""
from __future__ import annotations

from math import comb, factorial, lgamma, log, log2

from rlve_fast import deadline
from rlve_fast.envs._generation import finished
from rlve_fast.errors import GenerationTimeout
from rlve_fast.envs.graphs._graph_common import adjacency_masks, density_schedule, edge_lines, pair_count, random_edges
from rlve_fast.integer_answer import IntegerAnswerEnvironment

PRIMES = (2 ** 61 - 1, 2 ** 62 - 57, 2 ** 62 - 87, 2 ** 62 - 117, 2 ** 62 - 143, 2 ** 62 - 153)
SUBSET_LIMIT = 23      # the path table of the first start takes N * 2^(N-2) 8-byte counts
DIRECT_SLOTS = 15      # frontier slots of the 64-bit frontier DP
FOREST_SLOTS = 25      # and of the linear-forest DP
# seconds of work per unit of each estimate (measured on one core)
SUBSET_SECONDS = 5e-9
DIRECT_SECONDS = 5e-8
FOREST_SECONDS = 5e-7


def count_cycles_python(n: int, edges) -> int:
    """The same count by the same path table, in plain Python (tests, no compiled core)."""
    neighbours = adjacency_masks(n, edges)
    directed = 0
    for s in range(n):
        paths = {(1 << v, v): 1 for v in range(s + 1, n) if neighbours[s] >> v & 1}
        for size in range(1, n - s):
            deadline.check()
            grown = {}
            for (seen, end), count in paths.items():
                if size >= 2 and neighbours[s] >> end & 1:
                    directed += count
                for nxt in range(s + 1, n):
                    if neighbours[end] >> nxt & 1 and not seen >> nxt & 1:
                        key = (seen | 1 << nxt, nxt)
                        grown[key] = grown.get(key, 0) + count
            paths = grown
    return directed // 2


def cycle_bound_log2(n: int, neighbours) -> float:
    """log2 of an upper bound on the number of simple cycles: a cycle with a direction is a
    permutation supported by A + I, whose permanent is at most prod (r_v!)^(1/r_v) with r_v
    the row sums (Bregman); and no more than the cycles of K_N."""
    bregman = sum(lgamma(d + 2) / (d + 1) for d in (bin(m).count("1") for m in neighbours)) / log(2)
    complete = log2(sum(comb(n, k) * factorial(k - 1) // 2 for k in range(3, n + 1)) + 1)
    return min(bregman, complete)


def greedy_order(n: int, neighbours):
    """Vertices one at a time, each time the one leaving the smallest frontier (vertices
    added with an edge not yet decided), ties to the lowest label."""
    placed = frontier = 0
    order = []
    for _ in range(n):
        best = None
        for v in range(n):
            if placed >> v & 1:
                continue
            now = placed | 1 << v
            grown = frontier | 1 << v
            touched = grown & (neighbours[v] | 1 << v)
            done = 0
            while touched:
                u = (touched & -touched).bit_length() - 1
                touched &= touched - 1
                if neighbours[u] & ~now == 0:
                    done |= 1 << u
            key = (bin(grown & ~done).count("1"), bin(grown).count("1"))
            if best is None or key < best[0]:
                best = (key, v, grown & ~done)
        _, v, frontier = best
        placed |= 1 << v
        order.append(v)
    return order


def frontier_plan(n: int, neighbours, order):
    """Per step of ``order``: the slot of the new vertex, the slots of its earlier neighbours,
    the slots freed after the step, and the slots whose vertex has at most one undecided
    edge left; plus the work estimate (sum over steps of 3^frontier * successors)."""
    pos = {v: i for i, v in enumerate(order)}
    last = [max([pos[v]] + [pos[u] for u in range(n) if neighbours[v] >> u & 1]) for v in range(n)]
    left = [bin(m).count("1") for m in neighbours]
    free = list(range(n))
    slot = {}
    slots, backs, leaves, blocks = [], [], [], []
    work = 0.0
    alive = []
    for i, v in enumerate(order):
        slot[v] = free.pop(0)
        alive.append(v)
        back = [u for u in alive if neighbours[v] >> u & 1]
        slots.append(slot[v])
        backs.append([slot[u] for u in back])
        left[v] -= len(back)
        for u in back:
            left[u] -= 1
        gone = [u for u in alive if last[u] == i]
        alive = [u for u in alive if last[u] > i]
        leaves.append([slot[u] for u in gone])
        blocks.append([slot[u] for u in alive if left[u] <= 1])
        free = sorted(free + [slot[u] for u in gone])
        d = len(back)
        work += 3.0 ** len(alive) * (1 + d + d * (d - 1) / 2)
    return (slots, backs, leaves, blocks), work


def planned(n: int, neighbours):
    """A frontier plan after annealing the greedy order; (plan, work, slots used)."""
    from rlve_fast.envs.graphs._cycle_counting_solver import improve_order
    start = greedy_order(n, neighbours)
    best = None
    for seed in (1, 2, 3):  # a few annealing runs: the work varies severalfold between them
        _, order = improve_order(neighbours, start, 1000 * n, 3.0, seed)
        plan, work = frontier_plan(n, neighbours, order)
        if best is None or work < best[1]:
            best = (plan, work)
    plan, work = best
    return plan, work, max(plan[0]) + 1 if n else 0


def chinese(residues, moduli):
    value, modulus = 0, 1
    for r, m in zip(residues, moduli):
        value += modulus * ((r - value) * pow(modulus, -1, m) % m)
        modulus *= m
    return value, modulus


def moduli_for(first: int, bound_log2: float):
    """``first`` and as many primes as it takes for the product to pass 2^(bound_log2 + 1)."""
    moduli, reach = [first], log2(first)
    for p in PRIMES:
        if reach > bound_log2 + 1:
            break
        moduli.append(p)
        reach += log2(p)
    if reach <= bound_log2 + 1:
        raise ValueError("the count may exceed the residues this solver combines")
    return moduli


def cycles_direct(plan, bound_log2: float, sign: bool = False) -> int:
    """The frontier DP's count (with sign (-1)^length when ``sign``), exact."""
    from rlve_fast.envs.graphs._cycle_counting_solver import cycles_frontier
    moduli = moduli_for(1 << 64, bound_log2)
    residues = [finished(cycles_frontier(*plan, sign, m & ((1 << 64) - 1), deadline.deadline_at()))
                for m in moduli]
    value, modulus = chinese(residues, moduli)
    return value - modulus if sign and value > modulus // 2 else value


def cycles_by_complement(n: int, neighbours, plan, complement) -> int:
    """Inclusion-exclusion over the complement's edges (``plan``: a frontier plan of the
    complement, whose adjacency masks are ``complement``)."""
    from rlve_fast.envs.graphs._cycle_counting_solver import linear_forests
    slots, backs, leaves, blocks = plan
    h_edges = sum(bin(m).count("1") for m in complement) // 2
    signed = cycles_direct(plan, cycle_bound_log2(n, complement), sign=True)
    bound = cycle_bound_log2(n, [0] * n) + 1 if n >= 3 else 1.0  # the cycles of K_N
    residues, moduli = [], []
    for m in moduli_for(1 << 127, bound):
        poly = finished(linear_forests(slots, backs, leaves, n, 0 if m == 1 << 127 else m, deadline.deadline_at()))
        twice = (sum(poly[i] * factorial(i - 1) for i in range(1, n + 1)) - n - comb(n, 2)
                 + 2 * h_edges + 2 * signed)
        if m == 1 << 127:  # the polynomial is known modulo 2^128: halve there
            twice %= 1 << 128
            residues.append(twice >> 1)
        else:
            residues.append(twice * pow(2, -1, m) % m)
        moduli.append(m)
    return chinese(residues, moduli)[0]


def count_cycles(n: int, edges) -> int:
    try:
        from rlve_fast.envs.graphs._cycle_counting_solver import count_cycles as by_subsets
    except ImportError:
        return count_cycles_python(n, edges)
    neighbours = adjacency_masks(n, edges)
    m = len(edges)
    subset_cost = SUBSET_SECONDS * 2.0 ** max(n - 1, 0) * (m + n) if n <= SUBSET_LIMIT else float("inf")
    if subset_cost < 0.05:  # small: no planning
        return finished(by_subsets(n, neighbours, deadline.deadline_at()))
    options = [(subset_cost, "subsets", None)]
    plan = complement = None
    if n <= 64:  # the order annealing works on 64-bit masks
        plan, work, used = planned(n, neighbours)
        if used <= DIRECT_SLOTS:
            options.append((DIRECT_SECONDS * work, "direct", plan))
        full = (1 << n) - 1
        complement = [full & ~(neighbours[v] | 1 << v) for v in range(n)]
    if n <= 64 and m > n * (n - 1) // 4:  # dense: its complement is the sparse one
        c_plan, c_work, c_used = planned(n, complement)
        if c_used <= min(DIRECT_SLOTS, FOREST_SLOTS):
            options.append((FOREST_SECONDS * c_work, "complement", c_plan))
    cost, method, plan = min(options, key=lambda option: option[0])
    if cost == float("inf"):  # N > 23 and every frontier needs more slots than the DPs have
        if deadline.remaining() < float("inf"):
            # such a frontier means hours of work: the budget cannot suffice
            raise GenerationTimeout("CycleCounting: no method fits N = %d with this graph's frontier" % n)
        raise ValueError("no method of this solver fits N = %d with this graph's frontier" % n)
    if method == "subsets":
        return finished(by_subsets(n, neighbours, deadline.deadline_at()))
    if method == "direct":
        return cycles_direct(plan, cycle_bound_log2(n, neighbours))
    return cycles_by_complement(n, neighbours, plan, complement)


class CycleCounting(IntegerAnswerEnvironment):
    id = "CycleCounting"
    zero_exact = True  # upstream: a count of 0 is matched exactly

    @staticmethod
    def schedule():
        densities = (0.25, 0.45, 0.65, 0.85)
        return density_schedule(4, densities, lambda n, d: pair_count(n, d) > 0)

    def sample(self, rng, parameter):
        parameter["edges"] = random_edges(rng, parameter["N"], parameter["edge_density"])

    def solve(self, parameter):
        return {"reference_answer": count_cycles(parameter["N"], parameter["edges"])}

    def prompt(self, parameter):
        n = parameter["N"]
        return (f"Here is an undirected graph with {n} vertices, numbered 0 to {n - 1}, and these edges, "
                f"one per line:\n{edge_lines(parameter['edges'])}\n\n"
                "How many simple cycles does it have? A simple cycle passes through at least 3 distinct "
                "vertices and returns to its start without repeating a vertex or an edge. A cycle is "
                "identified by its set of edges: where you start and which way you go around do not "
                "matter, so (0, 1, 2, 3) and (1, 0, 3, 2) are one cycle, while (0, 1, 2, 3) and "
                "(1, 0, 2, 3) are two different ones.\n\nAnswer with that count as a single integer.")
