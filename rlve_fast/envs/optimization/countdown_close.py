"""CountdownClose: combine every given number exactly once with + - * / and parentheses so that
the expression's value is as close as possible to a target.

Answer: the expression. Reward: 1 / (1 + |value - target|); an expression whose numbers are not
exactly the given ones (or whose value is not a finite number) is -0.5; anything that does not
evaluate is -1. With at most 6 numbers the best reachable value is stored as
``reference_result`` and the passing threshold is that value's reward; beyond 6 none is."""
from __future__ import annotations

import ast
import math
import operator
import re
import warnings

from rlve_fast import deadline
from rlve_fast.environment import Environment
from rlve_fast.errors import GenerationTimeout

SEARCH_LIMIT = 6  # upstream searches for the reference only up to this many numbers
# Largest int ** int result we compute (in bits); a bigger one counts as an evaluation error,
# as the MemoryError (or endless computation) it is in a plain Python eval.
POWER_BITS_LIMIT = 1 << 22

_NUMBERS = re.compile(r"\d+")
_ALLOWED = re.compile(r"^[\d+\-*/().\s]+$")
_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
           ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv, ast.Pow: operator.pow}
_UNARY = {ast.UAdd: operator.pos, ast.USub: operator.neg}


def closest_value_py(operands, target):
    """Python twin of ``_countdown_close_search.closest_value``: depth-first over (i, j, op)
    in order, + and * only for i < j, no division by zero; a multiset of intermediate values
    equal to an earlier one after round(x, 5) is skipped; the first value strictly closest
    to the target wins."""
    seen = set()
    best = [None]

    def visit(values):
        if len(values) == 1:
            if best[0] is None or abs(values[0] - target) < abs(best[0] - target):
                best[0] = values[0]
            return
        key = tuple(sorted(str(round(v, 5)) for v in values))
        if key in seen:
            return
        seen.add(key)
        deadline.check()
        for i, x in enumerate(values):
            for j, y in enumerate(values):
                if i == j:
                    continue
                rest = [v for k, v in enumerate(values) if k != i and k != j]
                if i < j:
                    visit(rest + [x + y])
                visit(rest + [x - y])
                if i < j:
                    visit(rest + [x * y])
                if y != 0:
                    visit(rest + [x / y])

    visit([float(v) for v in operands])
    return best[0]


def _evaluate(node):
    """Evaluate a parsed arithmetic expression with Python's own operators, as eval would,
    refusing integer powers too large to compute."""
    if isinstance(node, ast.Expression):
        return _evaluate(node.body)
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_evaluate(node.operand))
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _evaluate(node.left), _evaluate(node.right)
        if (isinstance(node.op, ast.Pow) and type(left) is int and type(right) is int and right > 0
                and abs(left) > 1 and right * left.bit_length() > POWER_BITS_LIMIT):
            raise MemoryError("power too large")
        return _BINARY[type(node.op)](left, right)
    raise TypeError("not an arithmetic expression")  # e.g. a call: eval raises too


def evaluate_answer(answer: str, operands):
    """("ok", value), ("invalid",) or ("format",), as upstream reads an answer: first the
    numbers in it must be exactly the operands (else invalid, nothing evaluated), then only
    digits, + - * / . ( ) and whitespace may appear and it must evaluate (else format); a
    value that is not a finite float is invalid."""
    answer = answer.strip()
    try:
        if sorted(int(n) for n in _NUMBERS.findall(answer)) != sorted(operands):
            return ("invalid",)
        if not _ALLOWED.match(answer):
            return ("format",)
        with warnings.catch_warnings():  # e.g. "'int' object is not callable" hints
            warnings.simplefilter("ignore", SyntaxWarning)
            code = compile(answer, "<answer>", "eval")  # eval's own syntax errors and limits
        if "**" in answer:  # a power can be too large to compute: evaluate step by step
            value = _evaluate(ast.parse(answer, mode="eval"))
        else:  # only + - * / // on at most a few numbers: Python's eval is safe and exact
            value = eval(code, {"__builtins__": None}, {})
    except Exception:
        return ("format",)
    try:
        if not math.isfinite(float(value)):
            return ("invalid",)
    except Exception:
        return ("invalid",)
    return ("ok", value)


class CountdownClose(Environment):
    id = "CountdownClose"
    parameter_types = {"operands": [int], "target": int}

    invalid_expression = -0.5
    weight = 1.0

    @staticmethod
    def schedule():
        count = 3
        while True:
            yield [{"num_operands": count, "max_operand": m, "max_target": 10 * m}
                   for m in (8, 16, 24, 32, 40, 48)]
            count += 1

    def sample(self, rng, parameter):
        count, top, top_target = parameter["num_operands"], parameter["max_operand"], parameter["max_target"]
        if count < 2 or top < 1 or top_target < 0:
            raise ValueError("need num_operands >= 2, max_operand >= 1, max_target >= 0")
        parameter["target"] = rng.randint(0, top_target)
        parameter["operands"] = [rng.randint(1, top) for _ in range(count)]

    def solve(self, parameter):
        operands = parameter["operands"]
        if parameter.get("num_operands", len(operands)) > SEARCH_LIMIT:
            return {}
        try:
            from rlve_fast.envs.optimization._countdown_close_search import closest_value
        except ImportError:
            return {"reference_result": closest_value_py(operands, parameter["target"])}
        result = closest_value(operands, parameter["target"], deadline.deadline_at())
        if result is None:
            deadline.check()
            raise GenerationTimeout("CountdownClose ran past its time budget")
        return {"reference_result": result}

    def passing_threshold(self, parameter):
        result = parameter.get("reference_result")
        if result is None:
            return self.passing_reward_threshold
        return self.weight / (1 + abs(result - parameter["target"]))  # as close as the best expression

    def prompt(self, parameter):
        return (f"Numbers: {' '.join(map(str, parameter['operands']))}\n"
                f"Target: {parameter['target']}\n\n"
                "Write one arithmetic expression that uses each of the numbers above exactly once "
                "(no other numbers) and whose value is as close to the target as you can get; the "
                "smaller the absolute difference, the better. Only +, -, *, / and parentheses may be "
                "used.\n\n"
                "Answer with the expression alone, without any explanation (for example: (3 + 5) * 2).")

    def parse(self, answer):
        return answer  # read against the operands in score, as upstream does

    def score(self, parameter, answer):
        outcome = evaluate_answer(answer, parameter["operands"])
        if outcome[0] == "format":
            return self.wrong_format
        if outcome[0] == "invalid":
            return self.invalid_expression
        return self.weight / (1 + abs(outcome[1] - parameter["target"]))
