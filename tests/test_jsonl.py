"""JSON text is read as Python's json reads it (upstream's configs hold integers of any size)."""
from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rlve_fast
from rlve_fast.jsonl import JSONError, dumps, dumps_line, loads

VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10 ** 60), 10 ** 60) | st.floats(allow_nan=False)
    | st.text(),  # includes lone surrogates
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=20)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_loads_agrees_with_json_and_dumps_round_trips(value):
    for text in (json.dumps(value), json.dumps(value, ensure_ascii=False)):
        assert loads(text) == json.loads(text)
    written = dumps(value)
    assert isinstance(written, bytes)
    assert json.loads(written) == value
    assert dumps_line(value) == written + b"\n"


def test_big_integers_stay_exact():
    big = 3 ** 200
    assert loads('{"reference_answer": %d}' % big) == {"reference_answer": big}
    assert loads(dumps({"x": -big})) == {"x": -big}


def test_what_only_pythons_json_accepts():
    assert math.isnan(loads("NaN")) and loads("[Infinity]") == [math.inf]
    assert loads('"\\ud800"') == "\ud800"
    assert dumps([math.inf, -math.inf, None]) == b"[Infinity,-Infinity,null]"
    assert math.isnan(loads(dumps({"x": math.nan}))["x"])


@pytest.mark.parametrize("text", ["{", "[1,]", "1 2", "", "[" + "7" * 5000 + "]", "[" * 100000],
                         ids=["open", "trailing comma", "two values", "empty", "5000 digits", "deep nesting"])
def test_bad_text_is_a_json_error(text):
    with pytest.raises(JSONError):
        loads(text)


def test_a_config_with_a_huge_answer_verifies_from_json_text():
    config = {"seed": 0, "parameter": {"MAX_R": 10, "R": 9, "L": 2, "reference_answer": 7 ** 40},
              "passing_reward_threshold": 1.0}
    text = json.dumps(config)
    assert rlve_fast.verify("Sum_DivisorNum", text, "<answer>%d</answer>" % 7 ** 40)["reward"] == 1.0
