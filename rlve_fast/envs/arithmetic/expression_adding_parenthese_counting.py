"""Expression_AddingParenthese_Counting: how many distinct values an expression
a1 o1 a2 o2 ... an (operators +, -, *) takes over all ways of bracketing it, keeping the
order of the terms.

The values of every stretch of consecutive terms form a set, built from the sets of its
two parts at every split point (compiled, exact multi-word integers).  Answer: one integer.
Reward: (min/max)^10 against the count; an answer <= 0 or no integer is -1."""
from __future__ import annotations

from rlve_fast import deadline
from rlve_fast.envs._generation import finished
from rlve_fast.envs._schedules import plus_one, single_parameter
from rlve_fast.integer_answer import IntegerAnswerEnvironment

OPERATORS = ("+", "-", "*")


def count_bracketing_values_python(operands, operators) -> int:
    n = len(operands)
    values = {(i, i): {v} for i, v in enumerate(operands)}
    for length in range(2, n + 1):
        for left in range(n - length + 1):
            right = left + length - 1
            out = set()
            for split in range(left, right):
                xs, ys, op = values[left, split], values[split + 1, right], operators[split]
                if op not in OPERATORS:
                    raise ValueError("unknown operator %r" % (op,))
                for x in xs:
                    deadline.check()
                    if op == "+":
                        out.update(x + y for y in ys)
                    elif op == "-":
                        out.update(x - y for y in ys)
                    else:
                        out.update(x * y for y in ys)
            values[left, right] = out
    return len(values[0, n - 1])


def count_bracketing_values(operands, operators) -> int:
    try:
        from rlve_fast.envs.arithmetic._wide_integer_solvers import count_bracketing_values as compiled
    except ImportError:
        compiled = None
    if compiled is not None:
        try:
            out = compiled(operands, operators, deadline.deadline_at())
        except OverflowError:
            pass  # values wider than 512 bits: Python's integers
        except MemoryError as exc:
            raise ValueError("too many distinct values to enumerate: %s" % exc) from exc
        else:
            return finished(out)
    return count_bracketing_values_python(operands, operators)


class ExpressionAddingParentheseCounting(IntegerAnswerEnvironment):
    id = "Expression_AddingParenthese_Counting"
    lowest_valid = 1

    @staticmethod
    def schedule():
        return single_parameter("num_operands", 3, plus_one)

    def sample(self, rng, parameter):
        n = parameter["num_operands"]
        if n < 3:
            raise ValueError("num_operands must be at least 3")
        parameter["operands"] = [rng.randint(1, n * n) for _ in range(n)]
        parameter["operations"] = [rng.choice(OPERATORS) for _ in range(n - 1)]

    def solve(self, parameter):
        return {"reference_answer": count_bracketing_values(parameter["operands"], parameter["operations"])}

    def prompt(self, parameter):
        terms = [str(parameter["operands"][0])]
        for op, value in zip(parameter["operations"], parameter["operands"][1:]):
            terms += [op, str(value)]
        return (f"Consider the expression {' '.join(terms)}. You may insert parentheses into it in "
                f"any valid way (the numbers and operators stay in their order; nothing is "
                f"rearranged), and each way of doing so evaluates to some integer. How many "
                f"different integer values can be obtained in total?\n\n"
                f"Answer with that count as a single integer.")
