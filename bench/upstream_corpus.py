"""Build a fresh parity corpus by running upstream RLVE here, and compare our rewards with it.

    python bench/upstream_corpus.py --upstream /path/to/RLVE [--envs Sorting CRT ...]
        [--levels 2 4 5 8] [--seeds 11 12] [-o extra.jsonl.gz] [--budget 20]

The shipped corpus (../shared/corpus) covers levels 0, 1, 3, 6, seeds 0-2 and the default
markers. This tool makes more of the same kind of evidence on demand: other levels and seeds,
``\\boxed{}`` markers, and answers that probe parsing (Unicode digits and spaces, ``+``/``_``,
leading zeros, thousands of digits, commas, nested markers). ``--upstream`` is a checkout of
github.com/Zhiyuan-Zeng/RLVE (the folder holding ``Gym/``), imported at run time, never copied;
it needs ``networkx`` and ``numpy``.

Every problem is generated and scored by upstream in a forked child that is killed past
``--budget`` seconds. For environments whose configs store no ``reference_answer``, our solver's
answer to upstream's instance stands in as the "correct" completion. The output has the shipped
corpus's format, so the parity tests read it too:

    RLVE_FAST_EXTRA_CORPUS=$PWD/extra.jsonl.gz pytest tests/test_parity.py

and the tool prints, per environment, how many cases differ (with the first few) and whether
our solver recomputed upstream's stored answers.
"""
from __future__ import annotations

import argparse
import copy
import gzip
import json
import multiprocessing
import random
import re
import sys
import traceback

import rlve_fast
from rlve_fast import _impl
from upstream import load_upstream, upstream_parameters

FILLER = "Let me work through this carefully before answering. "


# ---- answers that probe the scorer ---------------------------------------------------------

INT = re.compile(r"-?\d+")


def _retoken(text: str, rng: random.Random, change) -> str:
    tokens = text.split()
    if not tokens:
        return text
    i = rng.randrange(len(tokens))
    tokens[i] = change(tokens[i])
    return " ".join(tokens)


def _bump(token: str) -> str:
    return INT.sub(lambda m: str(int(m.group()) + 1), token, count=1) if INT.search(token) else token + "1"


def answer_variants(reference: str, other: str, rng: random.Random):
    """(family, answer text) pairs around a reference answer."""
    tokens = reference.split()
    lines = reference.split("\n")
    out = [
        ("correct", reference),
        ("padded", "\n  %s \t\n" % reference),
        ("off_by_one", _retoken(reference, rng, _bump)),
        ("negated", _retoken(reference, rng, lambda t: t[1:] if t.startswith("-") else "-" + t)),
        ("plus_sign", _retoken(reference, rng, lambda t: "+" + t)),
        ("leading_zero", _retoken(reference, rng, lambda t: "0" + t if t.isdigit() else t)),
        ("underscore", _retoken(reference, rng, lambda t: t[0] + "_" + t[1:] if len(t) > 1 and t.isdigit() else t)),
        ("fullwidth_digits", reference.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})),
        ("ideographic_space", reference.replace(" ", "\u3000")),
        ("commas", ", ".join(tokens)),
        ("one_line", " ".join(tokens)),
        ("swap_tokens", " ".join(tokens[1:2] + tokens[:1] + tokens[2:]) if len(tokens) > 1 else reference + " 0"),
        ("drop_last", " ".join(tokens[:-1])),
        ("dup_token", " ".join(tokens + tokens[-1:])),
        ("reversed", " ".join(reversed(tokens))),
        ("swap_lines", "\n".join(lines[1:2] + lines[:1] + lines[2:]) if len(lines) > 1 else reference),
        ("other_instance", other),
        ("float", reference + ".0"),
        ("huge_int", "9" * 5000),
        ("long_int", "1" + "0" * 200),
        ("empty", ""),
        ("zero", "0"),
        ("minus_one", "-1"),
        ("letters", "ABC"),
    ]
    return out


def completions(reference: str, other: str, rng: random.Random):
    """(family, markers, completion) triples: the answer variants wrapped several ways."""
    default = ("<answer>", "</answer>")
    boxed = ("\\boxed{", "}")
    for family, answer in answer_variants(reference, other, rng):
        yield family, default, FILLER + "<answer>%s</answer>" % answer
        if family in ("correct", "off_by_one", "commas", "fullwidth_digits", "empty", "other_instance"):
            yield family + "_boxed", boxed, FILLER + "\\boxed{%s}" % answer
    yield "correct_assistant", default, "User: <answer>0</answer>\nAssistant: <answer>%s</answer>" % reference
    yield "im_start", default, "<answer>0</answer><|im_start|>assistant\n<answer>%s</answer>" % reference
    yield "correct_then_wrong", default, "<answer>%s</answer> on second thought <answer>0</answer>" % reference
    yield "wrong_then_correct", default, "<answer>0</answer> no: <answer>%s</answer>" % reference
    yield "nested", default, "<answer><answer>%s</answer>" % reference
    yield "unclosed", default, FILLER + "<answer>%s" % reference
    yield "no_answer", default, FILLER + reference
    yield "nul_bytes", default, "\x00<answer>%s</answer>\x00" % reference


# ---- the upstream side (in a forked child) -------------------------------------------------

def _plain(value):
    """The config as it is once stored: through JSON (tuples become lists)."""
    return json.loads(json.dumps(value))


def _our_reference(env_id, config):
    """Our solver's reference answer on upstream's instance, for configs that store none."""
    try:
        ours = rlve_fast.make(env_id).solve(copy.deepcopy(config["parameter"]))
        return str(ours.get("reference_answer", "0"))
    except Exception:  # noqa: BLE001 - a solver failure shows up as a solver-parity miss
        return "0"


def _upstream_problem(root, env_id, level, seed, conn):
    try:
        environments, controllers = load_upstream(root)
        parameters = upstream_parameters(controllers, env_id, level)
        env = environments[env_id]()
        if not env.generator(seed=seed, parameter=copy.deepcopy(parameters[seed % len(parameters)]),
                             timeout_second=10 ** 6):
            conn.send(None)
            return
        config = _plain(env.get_config())
        parameter = config["parameter"]
        reference = parameter.get("reference_answer")
        reference = str(reference) if reference is not None else _our_reference(env_id, config)
        rng = random.Random("%s/%d/%d" % (env_id, level, seed))
        other = _our_reference(env_id, config) if "reference_answer" not in parameter else str(
            parameter["reference_answer"]).replace("1", "2", 1)
        cases = []
        for family, markers, response in completions(reference, other, rng):
            scorer = environments[env_id](answer_markers=markers)
            scorer.set_config(_plain(config))
            try:
                expected = scorer.verifier(response)
            except Exception as exc:  # noqa: BLE001 - upstream raising is a fact to record
                expected = {"raises": type(exc).__name__}
            cases.append({"family": family, "answer_markers": list(markers), "response": response,
                          "expected": expected})
        conn.send({"environment": env_id, "difficulty": level, "config": config, "cases": cases})
    except Exception:  # noqa: BLE001
        conn.send({"error": traceback.format_exc()})


def upstream_problem(root, env_id, level, seed, budget):
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_upstream_problem, args=(root, env_id, level, seed, send))
    child.start()
    record = receive.recv() if receive.poll(budget) else "timeout"
    child.kill()
    child.join()
    return record


# ---- our side ------------------------------------------------------------------------------

def _matches(got, want):
    return (got["accuracy"] == want["accuracy"] and got["format_score"] == want["format_score"]
            and abs(got["reward"] - want["reward"]) <= 1e-9)


def compare(record):
    """Differences between our rewards and upstream's on one problem, on both paths."""
    env_id = record["environment"]
    diffs = []
    for implementation in ("compiled", "python"):
        with _impl.implementation(implementation):
            for case in record["cases"]:
                if "raises" in case["expected"]:
                    continue
                env = rlve_fast.make(env_id, tuple(case["answer_markers"]))
                try:
                    got = env.verify(record["config"], case["response"])
                except Exception as exc:  # noqa: BLE001
                    got = {"raises": repr(exc)}
                if "raises" in got or not _matches(got, case["expected"]):
                    diffs.append((implementation, case["family"], case["response"][-120:], got, case["expected"]))
    return diffs


def solver_mismatch(record):
    env = rlve_fast.make(record["environment"])
    parameter = record["config"]["parameter"]
    try:
        ours = env.solve(copy.deepcopy(parameter))
    except Exception as exc:  # noqa: BLE001
        return "solve raised %r" % exc
    keys = ours.keys() if env.exact_answer_keys is None else env.exact_answer_keys
    for key in keys:
        if key in parameter and ours.get(key) != parameter[key]:
            return "%s: ours %r, upstream %r" % (key, str(ours.get(key))[:200], str(parameter[key])[:200])
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--upstream", required=True)
    parser.add_argument("--envs", nargs="*")
    parser.add_argument("--levels", nargs="*", type=int, default=[2, 4, 5, 8])
    parser.add_argument("--seeds", nargs="*", type=int, default=[11, 12])
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per upstream problem")
    parser.add_argument("-o", "--output", help="write the corpus here (.jsonl.gz)")
    args = parser.parse_args()
    load_upstream(args.upstream)  # imported once; every child is forked from here
    env_ids = args.envs or rlve_fast.environments()
    out = gzip.open(args.output, "wt", encoding="utf-8") if args.output else None
    bad_envs = 0
    for env_id in env_ids:
        problems = cases = 0
        diffs, solver, notes = [], [], []
        for level in args.levels:
            for seed in args.seeds:
                record = upstream_problem(args.upstream, env_id, level, seed, args.budget)
                if record is None or record == "timeout":
                    notes.append("L%d/s%d: upstream %s" % (level, seed, "timed out" if record else "gave up"))
                    continue
                if "error" in record:
                    notes.append("L%d/s%d: upstream error %s" % (level, seed, record["error"].splitlines()[-1]))
                    continue
                problems += 1
                cases += len(record["cases"])
                if out:
                    out.write(json.dumps(record) + "\n")
                diffs += [(level, seed) + d for d in compare(record)]
                miss = solver_mismatch(record)
                if miss:
                    solver.append("L%d/s%d %s" % (level, seed, miss))
        status = "ok" if not diffs and not solver else "DIFF"
        bad_envs += status != "ok"
        print("%-45s %s problems=%d cases=%d reward_diffs=%d solver_diffs=%d %s" % (
            env_id, status, problems, cases, len(diffs), len(solver), "; ".join(notes)), flush=True)
        for d in diffs[:4]:
            print("    reward", d, flush=True)
        for s in solver[:2]:
            print("    solver", s, flush=True)
    if out:
        out.close()
    print("environments with differences: %d of %d" % (bad_envs, len(env_ids)))
    return 1 if bad_envs else 0


if __name__ == "__main__":
    sys.exit(main())
