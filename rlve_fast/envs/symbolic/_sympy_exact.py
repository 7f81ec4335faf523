"""Faster routes to exactly the results SymPy computes, for the expressions that Differentiate and
Integral meet (answers, references and generated functions in one variable x).

Each function here returns what the named SymPy call returns, object for object, and falls back to
that very call for anything outside the shapes it knows:

* :func:`parse` is ``sympify(text)``. Text in the everyday answer grammar (integers, decimals, x,
  ``+ - * / ** ^``, unary signs, parentheses, one-argument calls of SymPy's elementary functions,
  pi, E, I) is evaluated by performing the very operations that ``parse_expr``'s generated code
  performs, in Python's evaluation order, on the same SymPy numbers (``Integer(int(t))``,
  ``Float(t)``). ``sympify`` runs Python's tokenizer and transformations and joins the tokens
  again with ``untokenize``, which glues neighbouring operator tokens (``x* *2`` becomes
  ``x**2``); the scanner below does the same. Text that Python's grammar rejects in that subset
  (``3 x``, ``sin(x) +``) is reported as a parse error without running ``sympify``, since
  ``sympify`` raises there too. Everything else goes to ``sympify``.
* :func:`count_ops` is ``sympy.count_ops(expr)`` (visual=False) for an ``Expr``. SymPy collects
  symbolic operation counts (``ADD``, ``NEG``, ...) into an ``Add`` and sums their integer
  coefficients; here the same traversal (with the same negations and ``fraction`` calls) adds
  the integers directly. The count is a sum over the traversal's subexpressions, so it is
  memoized per subexpression.
* :func:`diff_x` is ``sympy.diff(expr, x)``: for Add, Mul, Pow, x, numbers and one-argument
  elementary functions it calls SymPy's own differentiation rules (the same ``Add``/``Mul``/
  ``Pow`` constructions, in the same order, including the ``is_zero`` test that the function
  rule makes) without the ``Derivative`` wrapper around every node, whose only other effect is an
  ``is_zero`` query on each partial result (it returns that result either way) and a
  ``replace`` walk that changes nothing when no unevaluated derivative is left.
* :func:`lambdified_check` runs the point loop of the numeric zero test on the code that
  ``lambdify(x, expr, modules=["math"])`` generates (the same printer, settings and namespace),
  compiled once into a function holding the whole loop, without lambdify's docstring and
  linecache work.

The equalities are tested against plain SymPy on many thousands of generated and mutated inputs
(tests/envs/test_symbolic_exact.py). They are tied to the SymPy release they were tested with
(``TESTED_SYMPY``); with another release every function here simply calls SymPy.
"""
from __future__ import annotations

import builtins
import functools
import keyword
import math
import types

TESTED_SYMPY = ("1.14",)
MAX_PARSE_CHARS = 2000    # longer text goes straight to sympify
MAX_NESTING = 60          # deeper nesting goes to sympify / SymPy (far below Python's limits)
MAX_NUMBER_DIGITS = 100   # longer literals go to sympify


@functools.lru_cache(maxsize=1)
def sympy():
    try:
        import sympy as module
    except ImportError:  # pragma: no cover - depends on the installation
        raise ImportError("this environment needs sympy: pip install 'rlve_fast[symbolic]'") from None
    # SymPy imports some of its modules on first use (the first Add imports sympy.tensor and
    # sympy.combinatorics, a tenth of a second): done here, once, with the import
    x = module.Symbol("x")
    module.count_ops(2 * module.sin(x) + x ** 2 - 1 / x)
    return module


@functools.lru_cache(maxsize=1)
def enabled() -> bool:
    """Whether the installed SymPy is one the exact routes were tested against."""
    return ".".join(sympy().__version__.split(".")[:2]) in TESTED_SYMPY


class ParseError(ValueError):
    """``sympify`` raises on this text (any exception)."""


# --------------------------------------------------------------------------------------------
# parse: sympify(text)


class _Outside(Exception):
    """Valid or possibly valid text that the fast parser does not evaluate: ask sympify."""


class _Invalid(Exception):
    """Python's grammar rejects the code sympify would evaluate."""


_DIGITS = frozenset("0123456789")
_NAME_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_NAME_CHARS = _NAME_START | _DIGITS
_OPERATOR_CHARS = frozenset("+-*/^")
_BLANKS = frozenset(" \t")

# names the fast parser evaluates (looked up, like parse_expr does, in SymPy's namespace)
_FUNCTIONS = ("sin", "cos", "tan", "cot", "sec", "csc", "asin", "acos", "atan", "sinh", "cosh", "tanh",
              "exp", "log", "ln", "sqrt")
_CONSTANTS = ("pi", "E", "I")


@functools.lru_cache(maxsize=1)
def _names():
    """parse_expr's global namespace (``from sympy import *``, Python's built-in functions, Max
    and Min as max and min), restricted to the names the fast parser evaluates."""
    sp = sympy()
    namespace = {}
    exec("from sympy import *", namespace)  # noqa: S102 - the same statement parse_expr runs
    for name, obj in vars(builtins).items():
        if isinstance(obj, types.BuiltinFunctionType):
            namespace[name] = obj
    namespace["max"], namespace["min"] = sp.Max, sp.Min
    functions = {name: namespace[name] for name in _FUNCTIONS if name in namespace}
    constants = {name: namespace[name] for name in _CONSTANTS if name in namespace}
    return functions, constants, frozenset(namespace)


@functools.lru_cache(maxsize=1)
def _global_parameters():
    from sympy.core.parameters import global_parameters
    return global_parameters


def _scan(text: str):
    """The tokens of the code parse_expr evaluates: ("num", literal, is_float), ("name", name),
    ("op", op) with op in + - * / ** ( ). Operator characters that only blanks separate become
    one run, as untokenize writes them, and the run is split the way Python's tokenizer reads
    it (longest match)."""
    tokens = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _BLANKS:
            i += 1
        elif c in _DIGITS or (c == "." and i + 1 < n and text[i + 1] in _DIGITS):
            j = i
            while j < n and text[j] in _DIGITS:
                j += 1
            is_float = j < n and text[j] == "."
            if is_float:
                j += 1
                while j < n and text[j] in _DIGITS:
                    j += 1
            if j < n and (text[j] in _NAME_CHARS or text[j] == "."):
                raise _Outside  # exponents, suffixes, "2x", "1.2.3": left to Python's tokenizer
            literal = text[i:j]
            if len(literal) > MAX_NUMBER_DIGITS or (not is_float and len(literal) > 1 and literal[0] == "0"):
                raise _Outside
            tokens.append(("num", literal, is_float))
            i = j
        elif c in _NAME_START:
            j = i + 1
            while j < n and text[j] in _NAME_CHARS:
                j += 1
            name = text[i:j]
            if name == "lambda":
                raise _Outside  # parse_expr rewrites a leading lambda
            tokens.append(("kw" if keyword.iskeyword(name) else "name", name))
            i = j
        elif c in _OPERATOR_CHARS:
            run = []
            j = i
            while j < n and (text[j] in _OPERATOR_CHARS or text[j] in _BLANKS):
                if text[j] == "^":
                    run.append("**")      # convert_xor
                elif text[j] not in _BLANKS:
                    run.append(text[j])
                j += 1
            run = "".join(run)
            k = 0
            while k < len(run):
                if run.startswith("**", k):
                    tokens.append(("op", "**"))
                    k += 2
                elif run.startswith("//", k):
                    raise _Outside  # floor division
                else:
                    tokens.append(("op", run[k]))
                    k += 1
            i = j
        elif c == "(" or c == ")":
            tokens.append(("op", c))
            i += 1
        else:
            raise _Outside
    return tokens


class _Grammar:
    """Python's expression grammar restricted to these tokens, building a small tree:
    ("num", literal, is_float) | ("name", name) | ("call", name, argument) | ("neg"|"pos", a) |
    (op, a, b). Valid constructs it does not evaluate raise _Outside; anything Python rejects
    raises _Invalid."""

    def __init__(self, tokens):
        self.tokens, self.at, self.depth = tokens, 0, 0

    def peek(self):
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self):
        token = self.peek()
        if token is None:
            raise _Invalid
        self.at += 1
        return token

    def deeper(self):
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise _Outside

    def whole(self):
        if not self.tokens:
            raise _Invalid
        tree = self.sum()
        if self.at != len(self.tokens):
            # a leftover token: a syntax error, unless the rest is a call's arguments etc.
            raise _Invalid
        return tree

    def sum(self):
        tree = self.term()
        while True:
            token = self.peek()
            if token is not None and token[0] == "op" and token[1] in ("+", "-"):
                self.at += 1
                tree = (token[1], tree, self.term())
            else:
                return tree

    def term(self):
        tree = self.factor()
        while True:
            token = self.peek()
            if token is not None and token[0] == "op" and token[1] in ("*", "/"):
                self.at += 1
                tree = (token[1], tree, self.factor())
            else:
                return tree

    def factor(self):
        token = self.peek()
        if token is not None and token[0] == "op" and token[1] in ("+", "-"):
            self.at += 1
            self.deeper()
            tree = ("neg" if token[1] == "-" else "pos", self.factor())
            self.depth -= 1
            return tree
        return self.power()

    def power(self):
        tree = self.primary()
        token = self.peek()
        if token is not None and token == ("op", "**"):
            self.at += 1
            self.deeper()
            tree = ("**", tree, self.factor())
            self.depth -= 1
        return tree

    def primary(self):
        token = self.take()
        kind = token[0]
        if kind == "num":
            tree = token
        elif kind == "name":
            following = self.peek()
            if following == ("op", "("):
                self.at += 1
                if self.peek() == ("op", ")"):
                    raise _Outside  # a call without arguments: valid, not evaluated here
                self.deeper()
                argument = self.sum()
                self.depth -= 1
                if self.take() != ("op", ")"):
                    raise _Invalid
                tree = ("call", token[1], argument)
            else:
                tree = token
        elif token == ("op", "("):
            if self.peek() == ("op", ")"):
                raise _Outside  # the empty tuple
            self.deeper()
            tree = self.sum()
            self.depth -= 1
            if self.take() != ("op", ")"):
                raise _Invalid
        else:
            raise _Invalid
        if self.peek() == ("op", "("):
            raise _Outside  # calling a number, a symbol or a call's result: valid syntax
        return tree


def _python_rejects(tokens) -> bool:
    """Confirms a syntax error with Python's compiler: the tokens as parse_expr's code has them,
    keywords kept, every number and other name standing for the same one-atom placeholder (its
    code writes each as a call such as ``Integer (3 )``, which is one atom too)."""
    code = " ".join(value if kind in ("op", "kw") else "_" for kind, value, *_ in tokens)
    try:
        compile(code, "<answer>", "eval")
    except SyntaxError:
        return True
    except Exception:  # noqa: BLE001 - e.g. too deep for the compiler: let sympify decide
        return False
    return False


def _evaluate(tree, functions, constants, sp):
    """The value parse_expr's code computes, with the same operations in the same order."""
    kind = tree[0]
    if kind == "num":
        return sp.Float(tree[1]) if tree[2] else sp.Integer(int(tree[1]))
    if kind == "name":
        name = tree[1]
        if name == "x" and name not in _names()[2]:
            return sp.Symbol("x")
        value = constants.get(name)
        if value is None:
            raise _Outside
        return value
    if kind == "call":
        function = functions.get(tree[1])
        if function is None:
            raise _Outside
        return function(_evaluate(tree[2], functions, constants, sp))
    if kind == "neg":
        return -_evaluate(tree[1], functions, constants, sp)
    if kind == "pos":
        return +_evaluate(tree[1], functions, constants, sp)
    left = _evaluate(tree[1], functions, constants, sp)
    right = _evaluate(tree[2], functions, constants, sp)
    if kind == "+":
        return left + right
    if kind == "-":
        return left - right
    if kind == "*":
        return left * right
    if kind == "/":
        return left / right
    return left ** right


def fast_parse(text: str):
    """("value", expr) | ("invalid", None) | ("outside", None) for sympify(text)."""
    if len(text) > MAX_PARSE_CHARS or not _global_parameters().evaluate:
        return "outside", None  # (under evaluate(False) parse_expr rewrites the code instead)
    text = text.replace("\n", "").strip()
    try:
        tokens = _scan(text)
        if any(token[0] == "kw" for token in tokens):  # is, not, and, if, None, ...: Python decides
            return ("invalid" if _python_rejects(tokens) else "outside"), None
        tree = _Grammar(tokens).whole()
    except _Outside:
        return "outside", None
    except _Invalid:
        return ("invalid" if _python_rejects(tokens) else "outside"), None
    functions, constants, _ = _names()
    try:
        return "value", _evaluate(tree, functions, constants, sympy())
    except _Outside:
        return "outside", None
    except Exception:  # noqa: BLE001 - let sympify itself decide what happens
        return "outside", None


def parse(text: str):
    """``sympify(text)``; raises :class:`ParseError` where sympify raises anything."""
    if enabled():
        verdict, value = fast_parse(text)
        if verdict == "value":
            return value
        if verdict == "invalid":
            raise ParseError(text)
    try:
        return sympy().sympify(text)
    except Exception as exc:  # noqa: BLE001 - every failure of sympify counts the same
        raise ParseError(text) from exc


# --------------------------------------------------------------------------------------------
# count_ops


@functools.lru_cache(maxsize=1)
def _count_ops_tools():
    sp = sympy()
    from sympy.core.function import Derivative, _coeff_isneg
    from sympy.core.operations import LatticeOp
    from sympy.concrete.summations import Sum
    from sympy.integrals.integrals import Integral
    from sympy.simplify.radsimp import fraction
    return sp.S.One, sp.S.NegativeOne, sp.S.Exp1, _coeff_isneg, fraction, LatticeOp, (Derivative, Integral, Sum)


_OPS_MEMO: dict = {}
_OPS_MEMO_LIMIT = 50_000


def _local_ops(a, pushed, tools):
    """The operations count_ops records for the popped subexpression ``a``, appending what it
    pushes onto its stack to ``pushed``."""
    one, minus_one, exp1, coeff_isneg, fraction, lattice, calculus = tools
    count = 0
    if a.is_Rational:
        if a is not one:
            if a.p < 0:
                count += 1
            if a.q != 1:
                count += 1
            return count
    elif a.is_Mul or a.is_MatMul:
        if coeff_isneg(a):
            count += 1
            if a.args[0] is minus_one:
                a = a.as_two_terms()[1]
            else:
                a = -a
        n, d = fraction(a)
        if n.is_Integer:
            count += 1
            if n < 0:
                count += 1
            pushed.append(d)
            return count
        elif d is not one:
            if not d.is_Integer:
                pushed.append(d)
            count += 1
            pushed.append(n)
            return count
    elif a.is_Add or a.is_MatAdd:
        terms = list(a.args)
        negatives = 0
        for i, term in enumerate(terms):
            if coeff_isneg(term):
                negatives += 1
                pushed.append(-term)
            else:
                pushed.append(term)
            if i > 0:
                count += 1          # SUB or ADD
        if negatives == len(terms):
            count += 1              # NEG
        # (-x + y records SUB - ADD on top: no change to the total)
        return count
    if a.is_Pow and a.exp is minus_one:
        pushed.append(a.base)
        return count + 1
    if a == exp1:
        return count + 1
    if a.is_Pow and a.base == exp1:
        pushed.append(a.exp)
        return count + 1
    if a.is_Mul or isinstance(a, lattice):
        count += len(a.args) - 1
    elif a.args and (a.is_Pow or a.is_Function or isinstance(a, calculus)):
        count += 1
    if not a.is_Symbol:
        pushed.extend(a.args)
    return count


def _count(expr, tools, depth: int) -> int:
    known = _OPS_MEMO.get(expr)
    if known is not None:
        return known
    if depth > MAX_NESTING:
        raise RecursionError
    pushed = []
    total = _local_ops(expr, pushed, tools)
    for sub in pushed:
        total += _count(sub, tools, depth + 1)
    if len(_OPS_MEMO) >= _OPS_MEMO_LIMIT:
        _OPS_MEMO.clear()
    _OPS_MEMO[expr] = total
    return total


def count_ops(expr) -> int:
    """``sympy.count_ops(expr)`` for a SymPy expression (exceptions as SymPy raises them)."""
    sp = sympy()
    if enabled() and isinstance(expr, sp.Expr) and not expr.is_Relational:
        try:
            return _count(expr, _count_ops_tools(), 0)
        except Exception:  # noqa: BLE001 - SymPy's own traversal decides (and raises) below
            pass
    return sp.count_ops(expr)


# --------------------------------------------------------------------------------------------
# diff_x


@functools.lru_cache(maxsize=1)
def _diff_tools():
    sp = sympy()
    from sympy.core.basic import Basic
    from sympy.core.function import ArgumentIndexError, Function
    from sympy.ntheory.multinomial import multinomial_coefficients_iterator
    x = sp.Symbol("x")
    plain_functions = tuple(getattr(sp, name) for name in ("sin", "cos", "tan", "cot", "sec", "csc", "asin", "acos",
                                                             "atan", "sinh", "cosh", "tanh", "exp", "log"))
    if any(cls._eval_derivative is not Function._eval_derivative or  # the generic chain rule...
           cls._eval_derivative_n_times is not Basic._eval_derivative_n_times  # ...in Basic's loop
           for cls in plain_functions):
        return None
    return sp, x, frozenset(plain_functions), Function, ArgumentIndexError, multinomial_coefficients_iterator


class _Unknown(Exception):
    pass


def _derivative(e, tools, depth: int):
    sp, x, plain_functions, Function, ArgumentIndexError, multinomials = tools
    if x not in e.free_symbols:
        return sp.S.Zero              # Derivative's quick exit
    if e is x:
        return sp.S.One
    if depth > MAX_NESTING:
        raise _Unknown
    cls = type(e)
    if cls is sp.Add:
        return sp.Add(*[_derivative(a, tools, depth + 1) for a in e.args])
    if cls is sp.Mul:                 # Mul's own n-th derivative rule (general Leibniz), n = 1
        args = e.args
        terms = []
        for orders, c in multinomials(len(args), 1):
            p = sp.Mul(*[(_derivative(arg, tools, depth + 1) if k else arg) for k, arg in zip(orders, args)])
            terms.append(c * p)
        return sp.Add(*terms)
    if cls is sp.Pow:
        base, exponent = e.args
        dbase = _derivative(base, tools, depth + 1)
        dexp = _derivative(exponent, tools, depth + 1)
        return e * (dexp * sp.log(base) + dbase * exponent / base)
    if cls in plain_functions and len(e.args) == 1:
        (argument,) = e.args
        da = _derivative(argument, tools, depth + 1)
        if da.is_zero:
            return sp.Add()
        try:
            df = e.fdiff(1)
        except ArgumentIndexError:
            df = Function.fdiff(e, 1)
        return sp.Add(df * da)
    raise _Unknown


_DERIVATIVES: dict = {}


def diff_x(expr):
    """``sympy.diff(expr, Symbol("x"))`` (remembered per expression)."""
    sp = sympy()
    if enabled() and isinstance(expr, sp.Expr) and _diff_tools() is not None:
        known = _DERIVATIVES.get(expr)
        if known is not None:
            return known
        try:
            derivative = _derivative(expr, _diff_tools(), 0)
        except _Unknown:
            pass
        else:
            if len(_DERIVATIVES) >= 5_000:
                _DERIVATIVES.clear()
            _DERIVATIVES[expr] = derivative
            return derivative
    return sp.diff(expr, sp.Symbol("x"))


# --------------------------------------------------------------------------------------------
# text: str(expr)


_TEXTS: dict = {}


@functools.lru_cache(maxsize=1)
def _text_printer():
    """``str``'s printer (StrPrinter with order=None), made to remember what it printed: as
    for the code printer below, a subexpression's text depends only on it, the settings and,
    for a Float, whether it is printed at the top level."""
    from sympy.printing.str import StrPrinter

    class RememberingStrPrinter(StrPrinter):
        def _print(self, expr, **kwargs):
            if kwargs:
                return super()._print(expr, **kwargs)
            key = (expr, self._print_level > 0)
            text = _TEXTS.get(key)
            if text is None:
                text = super()._print(expr)
                if len(_TEXTS) >= 20_000:
                    _TEXTS.clear()
                _TEXTS[key] = text
            return text

    return RememberingStrPrinter


def text(expr) -> str:
    """``str(expr)`` for a SymPy expression."""
    if enabled() and isinstance(expr, sympy().Basic):
        return _text_printer()({"order": None}).doprint(expr)
    return str(expr)


# --------------------------------------------------------------------------------------------
# the numeric zero test on lambdify's code


_PRINTED: dict = {}


@functools.lru_cache(maxsize=1)
def _lambdify_parts():
    """lambdify's printer (its class and settings for modules=["math"]), made to remember what
    it printed, and the namespace its generated function runs in.

    Printing a subexpression depends only on the subexpression, the settings and, for a
    Float, whether it is printed at the top level (``_print_level``); nothing else in the
    printer's state feeds into it for the nodes :func:`_plain` admits (no unsupported node, no
    number symbol held back, and the module imports it records name functions the namespace
    already holds). So each (subexpression, nested) prints once."""
    sp = sympy()
    from sympy.printing.pycode import PythonCodePrinter

    class RememberingPrinter(PythonCodePrinter):
        def _print(self, expr, **kwargs):
            if kwargs:
                return super()._print(expr, **kwargs)
            key = (expr, self._print_level > 0)
            text = _PRINTED.get(key)
            if text is None:
                text = super()._print(expr)
                if len(_PRINTED) >= 20_000:
                    _PRINTED.clear()
                _PRINTED[key] = text
            return text

    x = sp.Symbol("x")
    template = sp.lambdify(x, x, modules=["math"])
    namespace = dict(template.__globals__)
    printer_settings = {"fully_qualified_modules": False, "inline": True, "allow_unknown_functions": True,
                        "user_functions": {}}
    return RememberingPrinter, printer_settings, namespace


_LOOP = """def _check(_points, _tolerance, _needed):
    _near = 0
    for x in _points:
        try:
            _value = _rlve_float({code})
        except Exception:
            continue
        if not _rlve_isfinite(_value):
            continue
        if _rlve_abs(_value) > _tolerance:
            return False
        _near += 1
    return _near >= _needed
"""

_CHECKS: dict = {}


def _plain(expr, sp, allowed, depth=0) -> bool:
    """Built only from x, numbers, the known constants, Add, Mul, Pow and the elementary
    functions lambdify prints from math (so the code holds nothing lambdify treats specially)."""
    if depth > MAX_NESTING:
        return False
    if expr.is_Atom:
        return expr.is_Symbol and expr.name == "x" or expr.is_Integer or expr.is_Rational or expr.is_Float \
            or expr in (sp.pi, sp.E, sp.I)
    if type(expr) not in allowed:
        return False
    return all(_plain(a, sp, allowed, depth + 1) for a in expr.args)


def zero_on_points(expr, points, tolerance: float, needed: int) -> bool:
    """The numeric zero test of both scorers: ``lambdify(x, expr, modules=["math"])``
    evaluated at each point (a point that raises or is not finite is skipped): False at the
    first finite value above ``tolerance`` in size, else whether at least ``needed`` values
    were near zero. False when lambdify itself fails."""
    sp = sympy()
    if enabled():
        allowed = frozenset([sp.Add, sp.Mul, sp.Pow] + [getattr(sp, f) for f in ("sin", "cos", "tan", "exp", "log",
                                                                                   "sinh", "cosh", "tanh", "asin",
                                                                                   "acos", "atan")])
        if _plain(expr, sp, allowed):
            try:
                printer_class, settings, namespace = _lambdify_parts()
                code = printer_class(settings).doprint(expr)
            except Exception:  # noqa: BLE001 - lambdify would fail the same way: handled below
                code = None
            if code is not None and "\n" not in code and code.count("(") < 150:
                check = _CHECKS.get(code)
                if check is None:
                    local = {}
                    exec(compile(_LOOP.format(code=code), "<zero-check>", "exec"), dict(namespace, _rlve_isfinite=math.isfinite, _rlve_float=float, _rlve_abs=abs), local)
                    check = local["_check"]
                    if len(_CHECKS) > 4096:
                        _CHECKS.clear()
                    _CHECKS[code] = check
                return check(points, tolerance, needed)
    x = sp.Symbol("x")
    try:
        evaluate = sp.lambdify(x, expr, modules=["math"], docstring_limit=0)
    except TypeError:  # pragma: no cover - a SymPy without docstring_limit
        try:
            evaluate = sp.lambdify(x, expr, modules=["math"])
        except Exception:  # noqa: BLE001
            return False
    except Exception:  # noqa: BLE001
        return False
    near = 0
    for point in points:
        try:
            value = float(evaluate(point))
        except Exception:  # noqa: BLE001 - undefined here: skipped
            continue
        if not math.isfinite(value):
            continue
        if abs(value) > tolerance:
            return False
        near += 1
    return near >= needed
