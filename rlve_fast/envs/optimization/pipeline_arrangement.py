"""PipelineArrangement: order N products through machine A then machine B (two-machine flow
shop) so that the last one leaves B as early as possible.

Answer: the order, a permutation of 0..N-1 on one line. Reward: (optimum/makespan)^5 for a
permutation; a list of another length, with repeats or out-of-range numbers is -0.5; no list
of integers is -1."""
from __future__ import annotations

from rlve_fast.answers import int_list_answer
from rlve_fast.environment import Environment

try:
    from rlve_fast.envs.optimization._pipeline_arrangement_kernel import pipeline_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None


def makespan(order, first, second) -> int:
    """When the last product leaves machine B, processing in ``order``."""
    done_a = done_b = 0
    for product in order:
        done_a += first[product]
        done_b = max(done_a, done_b) + second[product]
    return done_b


def johnson_order(first, second):
    """Johnson's rule (optimal for two machines): products quicker on A than on B go first, by
    increasing A time; the others go last, by decreasing B time.  Equal times keep the lower
    index first among the early products and last among the late ones."""
    early = sorted((i for i in range(len(first)) if first[i] < second[i]), key=lambda i: (first[i], i))
    late = sorted((i for i in range(len(first)) if first[i] >= second[i]), key=lambda i: (second[i], i))
    return early + late[::-1]


class PipelineArrangement(Environment):
    id = "PipelineArrangement"
    parameter_types = {"N": int, "A": [int], "B": [int], "gold_answer": int}

    invalid_solution = -0.5
    beta = 5.0

    @staticmethod
    def schedule():
        n = 3
        while True:
            yield [{"N": n}]
            n = int(n * 1.1 + 1)

    def sample(self, rng, parameter):
        n = parameter["N"]
        if n < 2:
            raise ValueError("N must be at least 2")
        parameter["A"] = [rng.randint(1, n) for _ in range(n)]
        parameter["B"] = [rng.randint(1, n) for _ in range(n)]

    def solve(self, parameter):
        order = johnson_order(parameter["A"], parameter["B"])
        return {"reference_answer": " ".join(map(str, order)),
                "gold_answer": makespan(order, parameter["A"], parameter["B"])}

    def prompt(self, parameter):
        n = parameter["N"]
        times = "\n".join("A[%d]=%d, B[%d]=%d" % (i, a, i, b)
                          for i, (a, b) in enumerate(zip(parameter["A"], parameter["B"])))
        return (f"A workshop must process {n} products, numbered 0 to {n - 1}. Every product is first "
                "worked on by machine A and afterwards by machine B. Product i needs A[i] time units on "
                f"machine A and B[i] time units on machine B:\n{times}\n\n"
                "You choose one order of the products, used on both machines. Machine A handles the "
                "products back to back in that order, never idle. Each machine handles one product at a "
                "time; a product can start on machine B only once it has left machine A and machine B has "
                "finished the product before it (so it may have to wait).\n\n"
                "Find an order that makes the moment the last product leaves machine B as early as "
                "possible. Answer with the order on one line: the product numbers separated by spaces "
                f"(for example: {' '.join(map(str, range(n)))}).")

    def parse(self, answer):
        return int_list_answer(answer)

    def score(self, parameter, parsed):
        n = parameter["N"]
        if len(parsed) != n or len(set(parsed)) != n or not all(0 <= i < n for i in parsed):
            return self.invalid_solution
        span, gold = makespan(parsed, parameter["A"], parameter["B"]), parameter["gold_answer"]
        if gold > span:
            raise ValueError("an order faster than the stored optimum: the config is wrong")
        return (gold / span) ** self.beta

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None where upstream errs (too few times) and for times beyond exact doubles: the
        # Python scorer decides there
        return _compiled_kernel(parameter["N"], parameter["A"], parameter["B"], parameter["gold_answer"], self.beta,
                                self.wrong_format, self.invalid_solution)
