"""Environments that need an optional package: a clear MissingDependency where it is absent,
a flagged row in a batch, and the demo/bench leave them out and say why."""
from __future__ import annotations

import importlib.util

import pytest

import rlve_fast
from rlve_fast import benchmark, environment
from rlve_fast.environment import Environment
from rlve_fast.errors import MissingDependency


class _NeedsAbsentPackage(Environment):
    id = "Test_NeedsAbsentPackage"
    hidden = True
    requires = {"rlve_fast_no_such_module": "nowhere"}
    parameter_types = {}

    @staticmethod
    def schedule():
        while True:
            yield [{}]


@pytest.fixture
def fresh_requirement_checks():
    environment._check_requirements.cache_clear()
    yield
    environment._check_requirements.cache_clear()


def test_make_names_the_package_and_the_extra(fresh_requirement_checks):
    with pytest.raises(MissingDependency, match=r"Test_NeedsAbsentPackage needs rlve_fast_no_such_module: "
                                                r"pip install 'rlve_fast\[nowhere\]'"):
        rlve_fast.make("Test_NeedsAbsentPackage")


def test_a_batch_flags_the_rows_and_scores_the_rest(fresh_requirement_checks):
    sorting = rlve_fast.make("Sorting").generate(0, difficulty=1)
    answer = "<answer>%s</answer>" % sorting.parameter["reference_answer"]
    result = rlve_fast.verify_batch(["Test_NeedsAbsentPackage", "Sorting"],
                                    [{"seed": 0, "parameter": {}}, sorting.config], ["<answer>1</answer>", answer])
    assert list(result.status) == ["error", "ok"]
    assert "pip install 'rlve_fast[nowhere]'" in result.message[0]
    assert result.reward[1] == 1.0


def test_symbolic_environments_without_sympy_are_left_out_and_reported(monkeypatch, fresh_requirement_checks):
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "sympy" else real_find_spec(name, *a))
    usable, missing = benchmark.usable_environments()
    assert {"Differentiate", "Integral", "PolynomialMinimum"}.isdisjoint(usable)
    assert "Sorting" in usable and len(usable) == len(rlve_fast.environments()) - 3
    assert sorted(m.split()[0] for m in missing) == ["Differentiate", "Integral", "PolynomialMinimum"]
    assert all("pip install 'rlve_fast[symbolic]'" in m for m in missing)
