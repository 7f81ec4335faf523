"""The text kernels (``rlve_fast._core.text``, C in ``csrc/rlve_text.c``) against their
pure-Python twins (``rlve_fast.textparse``) and against upstream's own procedure, restated
here with ``re`` and ``int()`` as upstream's ``processor`` does it: cut after the first
"Assistant:" (else the first "<|im_start|>assistant"), then the last of
``re.finditer(escape(START) + "(.*?)" + escape(END), text, re.DOTALL)``."""
from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from rlve_fast import textparse

compiled = pytest.importorskip("rlve_fast._core.text", reason="the compiled core is not built")


def upstream_answer(text, markers):
    if "Assistant:" in text:
        text = text.split("Assistant:", 1)[1]
    elif "<|im_start|>assistant" in text:
        text = text.split("<|im_start|>assistant", 1)[1]
    pattern = re.escape(markers[0]) + r"(.*?)" + re.escape(markers[1])
    matches = list(re.finditer(pattern, text, re.DOTALL))
    return matches[-1].group(1) if matches else None


MARKER_PAIRS = [("<answer>", "</answer>"), ("\\boxed{", "}"), ("[[", "]]"), ("<a>", "<a>"),
                ("", ""), ("", "</answer>"), ("<answer>", ""), ("é", "ü"), ("→", "←"),
                ("<" * 70, ">" * 70), ("𝟘", "𝟙"), ("ab", "ba")]

# Pieces that make marker fragments, chat prefixes and their near misses likely.
PIECES = st.sampled_from([
    "<answer>", "</answer>", "<answer", "answer>", "</", "<", ">", "\\boxed{", "}", "{", "[[", "]]",
    "Assistant:", "Assistant", "assistant:", "<|im_start|>assistant", "<|im_start|assistant",
    "<|im_start|>", "im_start", " ", "\n", "1", "-2", "x", "é", "ü", "→", "←", "𝟘", "𝟙", "\x00",
    "\ud800", "ab", "ba", "<a>", "<" * 70, ">" * 70, "a" * 40, "\u2028", "\xa0",
])
TEXTS = st.lists(PIECES, max_size=30).map("".join) | st.text(max_size=200)


@settings(max_examples=3000, deadline=None)
@given(TEXTS, st.sampled_from(MARKER_PAIRS))
@example("user <answer>7</answer> <|im_start|>assistant so", ("<answer>", "</answer>"))
@example("<|im_start|>assistant<answer>1</answer>Assistant:<answer>2</answer>", ("<answer>", "</answer>"))
@example("<|im_start|assistant<answer>5</answer>", ("<answer>", "</answer>"))
def test_extraction_matches_upstream_and_the_twin(text, markers):
    expected = upstream_answer(text, markers)
    assert textparse.extract_answer(text, markers) == expected
    assert compiled.extract_answer(text, markers) == expected
    assert compiled.extract_span(text, markers) == textparse.extract_span(text, markers)


def test_chat_prefix_cut_is_the_whole_im_start_token():
    # the text before "<|im_start|>assistant" is the prompt: its answer must not count
    text = "question <answer>7</answer>\n<|im_start|>assistant\nno tags here"
    assert compiled.extract_answer(text) is None
    assert compiled.extract_answer(text + " <answer>8</answer>") == "8"


@pytest.mark.parametrize("size", [1, 15, 16, 17, 31, 32, 33, 100, 4096, 1 << 15])
def test_markers_at_every_block_boundary(size):
    """The one-byte search looks at 16 positions at a time: put the markers at each offset."""
    for offset in range(0, 40):
        head = "x" * offset + "<answer>" + "9" * size
        assert compiled.extract_answer(head + "</answer>" + "y" * (offset % 17)) == "9" * size
        assert compiled.extract_answer(head + "</answer" + "y" * (offset % 17)) is None


def test_a_ten_megabyte_completion():
    text = "reasoning " * 1_000_000 + "<answer>42</answer>"
    assert compiled.extract_span(text) == textparse.extract_span(text)


NUMBER_TOKENS = st.sampled_from(["0", "7", "-3", "+4", "007", "1_000", "_1", "1__0", "٣", "１２",
                                 "²", "½", "-", "+", "", "x", "9" * 19, "9" * 25, "-" + "9" * 19,
                                 "9223372036854775808", "-9223372036854775809", "1e3", "0x10",
                                 "\x00", "\ud800", "9" * 4301])
SPACES = st.sampled_from([" ", "\t", "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u2028",
                          "\u3000", "  "])
NUMBER_TEXTS = st.lists(st.tuples(NUMBER_TOKENS, SPACES), max_size=8).map(
    lambda parts: "".join(a + b for a, b in parts)) | st.text(max_size=40)


def outcome(function, text):
    try:
        return ("ok", function(text))
    except ValueError:
        return ("ValueError", None)


def upstream_rows(text):
    return [list(map(int, line.split())) for line in text.splitlines() if line.strip()]


@settings(max_examples=3000, deadline=None)
@given(NUMBER_TEXTS)
def test_number_parsing_matches_int(text):
    assert outcome(compiled.parse_int, text) == outcome(textparse.parse_int, text) \
        == outcome(lambda t: int(t.strip()), text)
    assert outcome(compiled.parse_int_list, text) == outcome(textparse.parse_int_list, text) \
        == outcome(lambda t: list(map(int, t.split())), text)
    assert outcome(compiled.parse_int_rows, text) == outcome(textparse.parse_int_rows, text) \
        == outcome(upstream_rows, text)


def test_a_hundred_thousand_digit_number_is_judged_as_int_does():
    text = "1" * 100_000
    with pytest.raises(ValueError):
        int(text)  # past Python's 4300-digit limit
    with pytest.raises(ValueError):
        compiled.parse_int(text)
    with pytest.raises(ValueError):
        compiled.parse_int_list("1 " + text)
