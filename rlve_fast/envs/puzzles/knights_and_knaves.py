"""KnightsAndKnaves: N islanders each make a statement about who is a knight (always truthful)
or a knave (always lying); the statements admit exactly one assignment of roles.

Answer: a sentence naming every role, like "A is a knight, B is a knave, and C is a knight."
It is well formed when "knight" and "knave" occur N times in all and every name is followed
by "is a knight" or "is a knave".  Reward: (names with the right role / N)^10; -1 when not
well formed.

A statement is an atom "X is a knight" / "X is a knave", its negation, or two atoms joined
by and, or, if-then, or if-and-only-if (statements are drawn as upstream draws them; a
person never says that they are a knave).  The stored quiz is prose, so the solver reads
the statements back from it, then finds the consistent assignments: from whole truth tables
(one 2^N-bit integer per statement) up to 14 people, by search with propagation beyond."""
from __future__ import annotations

import functools
import operator
import re

from rlve_fast import deadline
from rlve_fast.environment import Environment

try:
    from rlve_fast.envs.puzzles._knights_and_knaves_kernel import knights_and_knaves_kernel as _compiled_kernel
except ImportError:  # not built: the Python scorer only
    _compiled_kernel = None

# islanders' names (as many as upstream can serve, 51)
NAMES = [
    "Adam", "Alice", "Amber", "Andrew", "Anna", "Arthur", "Beatrice", "Bella", "Caleb", "Carmen",
    "Clara", "Colin", "Daisy", "Dennis", "Diana", "Edgar", "Edith", "Felix", "Fiona", "Frank",
    "Gemma", "George", "Hannah", "Hugo", "Irene", "Isaac", "Ivy", "Jasper", "Julia", "Kevin",
    "Laura", "Leo", "Lydia", "Marcus", "Martha", "Nina", "Oscar", "Paula", "Peter", "Quentin",
    "Rachel", "Rosa", "Rupert", "Sarah", "Simon", "Tessa", "Tobias", "Ursula", "Victor", "Wendy",
    "Xavier",
]

# ways a speaker can be quoted: each ends with a full stop, and the speaker's name is never
# followed by "is", so it cannot be taken for a claim
SAYINGS = [
    '{name} says that {content}.',
    '{name} claims that {content}.',
    '{name} insists: "{content}."',
    '"{content}," says {name}.',
    'When asked, {name} replies that {content}.',
    '{name} tells you: "{content}."',
    'You hear {name} say that {content}.',
    "In {name}'s opinion, {content}.",
    '{name} announces that {content}.',
    '"{content}," {name} whispers.',
]

ROLE_OF = {"telling-truth": "knight", "lying": "knave"}
QUESTION = "So who is a knight here, and who is a knave?"


# ------------------------------------------------------------------ statements
def sample_statement(rng, n, speaker, depth, width):
    """One statement of ``speaker`` (upstream's distribution): with probability 1/6, or at
    depth 1, an atom; else a negation, an and / or of 2..width distinct parts, or an
    implication / equivalence of two distinct parts, each part one level shallower."""
    kind = rng.randrange(6)
    if depth == 1 or kind == 0:
        while True:
            atom = (rng.choice(("telling-truth", "lying")), rng.randrange(n))
            if atom != ("lying", speaker):  # "I am a knave" has no consistent speaker
                return atom
    if kind == 1:
        return ("not", sample_statement(rng, n, speaker, depth - 1, width))
    count = rng.randint(2, width) if kind in (2, 3) else 2
    parts = []
    while len(parts) < count:
        part = sample_statement(rng, n, speaker, depth - 1, width)
        if part not in parts:
            parts.append(part)
    return (("and", "or", "->", "<=>")[kind - 2],) + tuple(parts)


def truth(statement, roles):
    """The truth of a statement when ``roles[i]`` says whether person i is a knight."""
    op = statement[0]
    if op == "telling-truth":
        return roles[statement[1]]
    if op == "lying":
        return not roles[statement[1]]
    values = [truth(part, roles) for part in statement[1:]]
    if op == "not":
        return not values[0]
    if op == "and":
        return all(values)
    if op == "or":
        return any(values)
    if op == "->":
        return not values[0] or values[1]
    if op == "<=>":
        return values[0] == values[1]
    raise ValueError("unknown operator %r" % (op,))


def people_in(statement):
    if statement[0] in ROLE_OF:
        return {statement[1]}
    return set().union(*(people_in(part) for part in statement[1:]))


TRUTH_TABLE_PEOPLE = 14  # up to here, whole truth tables as integers of 2^N bits


@functools.lru_cache(maxsize=64)
def _knight_masks(n: int):
    """For each person i, the 2^n-bit integer whose bit a is set when assignment a (bit i of a:
    person i is a knight) makes i a knight; and the mask of all 2^n assignments."""
    full = (1 << (1 << n)) - 1
    masks = []
    for i in range(n):
        period = 1 << (i + 1)
        block = ((1 << (1 << i)) - 1) << (1 << i)  # 2^i knaves, then 2^i knights
        masks.append(block * (full // ((1 << period) - 1)))  # the block repeated over all 2^n bits
    return tuple(masks), full


def _truth_mask(statement, knights, full):
    """The assignments under which ``statement`` holds, as a bit mask (see _knight_masks)."""
    op = statement[0]
    if op == "telling-truth":
        return knights[statement[1]]
    if op == "lying":
        return full ^ knights[statement[1]]
    values = [_truth_mask(part, knights, full) for part in statement[1:]]
    if op == "not":
        return full ^ values[0]
    if op == "and":
        return functools.reduce(operator.and_, values)
    if op == "or":
        return functools.reduce(operator.or_, values)
    if op == "->":
        return (full ^ values[0]) | values[1]
    if op == "<=>":
        return full ^ values[0] ^ values[1]
    raise ValueError("unknown operator %r" % (op,))


def solutions(statements, limit=2):
    """Up to ``limit`` role assignments (tuples of bools: True = knight) under which every
    knight's statement is true and every knave's false.

    Up to TRUTH_TABLE_PEOPLE people: every statement's truth table over all 2^N assignments
    is one integer (a bit per assignment), built with bitwise operations, and the consistent
    assignments are the AND over the people of "knight exactly when the statement holds";
    they are listed in increasing order of the assignment. Beyond that, a search:

    Each person's constraint "p is a knight exactly when their statement holds" is kept as
    a truth table over the people it involves.  After every choice, propagation narrows the
    people still open: a constraint with no consistent row is a dead end, and a person with
    a single consistent value in some constraint gets it.  Branching picks the open person
    in the most constraints."""
    n = len(statements)
    if n <= TRUTH_TABLE_PEOPLE:
        knights, full = _knight_masks(n)
        consistent = full
        for p, statement in enumerate(statements):
            consistent &= full ^ knights[p] ^ _truth_mask(statement, knights, full)
        found = []
        while consistent and len(found) < limit:
            lowest = consistent & -consistent
            assignment = lowest.bit_length() - 1
            found.append(tuple(bool(assignment >> who & 1) for who in range(n)))
            consistent ^= lowest
        return found
    constraints = []
    for p, statement in enumerate(statements):
        people = sorted(people_in(statement) | {p})
        rows = []
        for bits in range(1 << len(people)):
            roles = [None] * n
            for k, who in enumerate(people):
                roles[who] = bool(bits >> k & 1)
            if roles[p] == truth(statement, roles):
                rows.append(bits)
        constraints.append((people, frozenset(rows)))
    touching = [[] for _ in range(n)]
    for c, (people, _) in enumerate(constraints):
        for who in people:
            touching[who].append(c)
    found = []

    def propagate(roles, queue):
        while queue:
            for c in touching[queue.pop()]:
                people, rows = constraints[c]
                fits = [bits for bits in rows
                        if all(roles[who] is None or roles[who] == bool(bits >> k & 1)
                               for k, who in enumerate(people))]
                if not fits:
                    return False
                for k, who in enumerate(people):
                    if roles[who] is None:
                        seen = {bool(bits >> k & 1) for bits in fits}
                        if len(seen) == 1:
                            roles[who] = seen.pop()
                            queue.append(who)
        return True

    def search(roles):
        deadline.check()
        open_people = [who for who in range(n) if roles[who] is None]
        if not open_people:
            found.append(tuple(roles))
            return len(found) >= limit
        who = max(open_people, key=lambda p: len(touching[p]))
        for value in (True, False):
            trial = roles[:]
            trial[who] = value
            if propagate(trial, [who]) and search(trial):
                return True
        return False

    search([None] * n)
    return found


# ------------------------------------------------------------------ prose
def claim(names, atom, negated=False):
    return "%s is %sa %s" % (names[atom[1]], "not " if negated else "", ROLE_OF[atom[0]])


def say(names, statement):
    """A statement (of depth at most 2) in words."""
    op = statement[0]
    if op in ROLE_OF:
        return claim(names, statement)
    if op == "not" and statement[1][0] in ROLE_OF:
        return claim(names, statement[1], negated=True)
    if all(part[0] in ROLE_OF for part in statement[1:]):
        parts = [claim(names, part) for part in statement[1:]]
        if op in ("and", "or"):
            return (" %s " % op).join(parts)
        if op == "->":
            return "if %s, then %s" % tuple(parts)
        if op == "<=>":
            return "%s if and only if %s" % tuple(parts)
    raise ValueError("statements deeper than two levels have no wording")


def listing(items):
    return ", ".join(items[:-1]) + ", and " + items[-1]


def answer_text(names, roles):
    return listing(["%s is a %s" % (name, "knight" if knight else "knave")
                    for name, knight in zip(names, roles)]) + "."


_BETWEEN = {"and": "and", "or": "or", "then": "->", "if and only if": "<=>"}


def read_statements(quiz, names):
    """The statements of a quiz, read back from its prose (ours or upstream's).

    After the sentence listing the islanders come N sentences, one per islander in order,
    each ending with a full stop; in each, the claims "X is (not) a knight/knave" are the
    atoms, and the words between two claims give the operator."""
    body = quiz
    roll = listing(names) + "."
    if roll in body:
        body = body.split(roll, 1)[1]
    if "So who is" in body:
        body = body.rsplit("So who is", 1)[0]
    sentences = [s for s in body.split(".") if s.strip(' "')]
    if len(sentences) != len(names):
        raise ValueError("expected one sentence per islander")
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    atom = re.compile(r"\b(%s)\s+is\s+(not\s+)?a\s+(knight|knave)\b" % alternatives)
    index = {name: i for i, name in enumerate(names)}
    statements = []
    for sentence in sentences:
        found = list(atom.finditer(sentence))
        if not found:
            raise ValueError("a sentence without a claim: %r" % sentence)
        atoms = [("telling-truth" if m.group(3) == "knight" else "lying", index[m.group(1)]) for m in found]
        if len(atoms) == 1:
            statements.append(("not", atoms[0]) if found[0].group(2) else atoms[0])
            continue
        ops = {_BETWEEN.get(sentence[a.end():b.start()].strip(" ,").lower()) for a, b in zip(found, found[1:])}
        if len(ops) != 1 or None in ops or any(m.group(2) for m in found):
            raise ValueError("cannot read the claim %r" % sentence)
        statements.append((ops.pop(),) + tuple(atoms))
    return statements


class KnightsAndKnaves(Environment):
    id = "KnightsAndKnaves"
    parameter_types = {"N": int, "names": [str], "gold_answer": dict}
    planted_answer = True  # sample() solves the statements it draws; solve() reads the prose

    beta = 10.0
    max_retry = 1000

    @staticmethod
    def schedule():
        n = 3
        while True:
            yield [{"N": n, "depth_constraint": 2, "width_constraint": 2}]
            n += 1

    def sample(self, rng, parameter):
        n, depth, width = parameter["N"], parameter["depth_constraint"], parameter["width_constraint"]
        if n < 2 or depth < 1 or width < 1:
            raise ValueError("need N >= 2, depth_constraint >= 1 and width_constraint >= 1")
        if depth > 2:
            raise ValueError("statements deeper than two levels have no wording")
        if n > len(NAMES):
            raise ValueError("only %d names are available" % len(NAMES))
        for _ in range(self.max_retry):
            statements = [sample_statement(rng, n, p, depth, width) for p in range(n)]
            found = solutions(statements)
            if len(found) == 1:
                break
        else:
            raise ValueError("no statements with a single solution after %d tries" % self.max_retry)
        names = rng.sample(NAMES, n)
        lines = []
        for p in range(n):
            saying, content = rng.choice(SAYINGS), say(names, statements[p])
            if '"{content}' in saying:  # a quotation starts with a capital
                content = content[0].upper() + content[1:]
            lines.append(saying.format(name=names[p], content=content))
        quiz = ("Everyone living on an island is either a knight or a knave: knights only say true "
                "things, and knaves only say false ones. You meet %d islanders: %s. %s %s"
                % (n, listing(names), " ".join(lines), QUESTION))
        parameter.update(names=names, quiz=quiz, reference_answer=answer_text(names, found[0]),
                         gold_answer={name: "knight" if knight else "knave" for name, knight in zip(names, found[0])})

    def solve(self, parameter):
        names = parameter["names"]
        found = solutions(read_statements(parameter["quiz"], names))
        if len(found) != 1:
            raise ValueError("the statements do not fix everyone's role")
        reference = answer_text(names, found[0])
        return {"reference_answer": reference, "gold_answer": self.read_roles(parameter["N"], names, reference)}

    def prompt(self, parameter):
        quiz = parameter["quiz"].split("So who is")[0].strip()
        return (f"{quiz}\n\nWork out which islanders are knights and which are knaves.\n\n"
                "Give your final answer as one sentence that names every islander with their role, "
                "in this form (written here for other names): Tom is a knight, Uma is a knave, and "
                "Val is a knight. Use the words knight and knave only for those roles, once per "
                "islander.")

    @staticmethod
    def read_roles(n, names, answer):
        """Every name's role in ``answer``, or None unless the words "knight" and "knave" occur
        n times in all (ignoring case) and each name is followed by "is a knight/knave"."""
        lowered = answer.lower()
        if lowered.count("knight") + lowered.count("knave") != n:
            return None
        roles = {}
        for name in names:
            found = re.search(re.escape(name) + r"\b\s+is\s+a\s+\b(knight|knave)", answer, re.IGNORECASE)
            if found is None:
                return None
            roles[name] = found.group(1).lower()
        return roles

    def parse(self, answer):
        return answer  # read in score, which knows N and the names

    def kernel(self, parameter):
        if _compiled_kernel is None:
            return None
        # None for names that are not plain ASCII words or gold roles missing: the Python
        # scorer then runs, as for other unusual configs
        return _compiled_kernel(parameter["N"], parameter["names"], parameter["gold_answer"], self.wrong_format,
                                self.beta)

    def score(self, parameter, parsed):
        names, gold = parameter["names"], parameter["gold_answer"]
        roles = self.read_roles(parameter["N"], names, parsed)
        if roles is None:
            return self.wrong_format
        same = sum(int(roles[name] == gold[name]) for name in names)
        return (same / len(names)) ** self.beta
