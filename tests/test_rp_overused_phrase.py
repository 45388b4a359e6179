"""RP104 overused-phrase: counting, thresholds, merging overlapping n-grams, and what is not filler."""

from __future__ import annotations

import random
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint import lint_text
from contentlint.checks import rp_overused_phrase as rp104_module
from contentlint.checks.rp_overused_phrase import OverusedPhrase
from contentlint.markdown import parse_markdown

FILLER = ("Gardening can help you relax. Music can help you focus. Friends can help you cope. Tea can help you "
          "rest. Walking can help you think. Reading can help you unwind. Stretching can help you recover. "
          "Breathing can help you settle.")


VOCABULARY = ("apple river morning garden window letter bridge candle meadow pencil harbor lantern orchard "
              "blanket compass violin ladder pebble thunder saddle").split()


STOP = "the and of with for to in on by from at as".split()


def varied(phrase: str, count: int, seed: int = 1) -> str:
    """`count` sentences of different words, each with `phrase` somewhere in it."""
    rng = random.Random(seed)
    sentences = []
    for _ in range(count):
        # Content words with stop words between them, so that the text reads as English.
        words = [word for pair in zip(rng.sample(VOCABULARY, 6), rng.sample(STOP, 6)) for word in pair]
        cut = rng.randint(1, 10)
        sentences.append(" ".join(["Every", *words[:cut], phrase, *words[cut:]]) + ".")
    return " ".join(sentences)


def rp104(text: str):
    return [f for f in lint_text(text, "a.md", select=["RP104"]) if f.code == "RP104"]


def test_reports_the_phrase_once_at_its_first_use() -> None:
    findings = rp104(f"# Small habits\n\n{FILLER}\n")
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.line, finding.column, finding.end_column) == (3, 11, 23)
    assert finding.message == "'can help you' is used 8 times (200.0 per 1,000 words); vary or cut it"
    assert finding.severity.label == "info"


def test_overlapping_ngrams_that_always_occur_together_become_one_longer_phrase() -> None:
    sentences = [f"It is important to note that {topic} matters." for topic in
                 ("sleep", "water", "sunlight", "rest", "food", "movement", "company", "quiet")]
    findings = rp104(" ".join(sentences) + "\n")
    assert [f.message.split("'")[1] for f in findings] == ["It is important to note that"]
    assert (findings[0].column, findings[0].end_column) == (1, 29)


def test_below_min_count_or_rate_is_quiet() -> None:
    seven = " ".join(FILLER.split(". ")[:7]) + "\n"
    assert rp104(seven) == []
    rng = random.Random(2)
    padding = " ".join(" ".join(rng.sample(VOCABULARY, 8)).capitalize() + "." for _ in range(120))
    assert rp104(f"{FILLER}\n\n{padding}\n") == []  # 8 uses in about 1,000 words is under 10 per 1,000


def test_options() -> None:
    document = parse_markdown(f"{FILLER}\n")
    rule = OverusedPhrase()
    options = rule.default_options()
    assert len(list(rule.check(document, options))) == 1
    assert list(rule.check(document, {**options, "min-count": 9})) == []
    assert list(rule.check(document, {**options, "per-thousand": 250.0})) == []
    bigrams = list(rule.check(document, {**options, "n": 2}))
    assert [document.text[v.start:v.end] for v in bigrams] == ["can help you"]


@pytest.mark.parametrize(
    "text",
    [
        # a name or acronym is the subject
        varied("the General Services Administration", 9),
        varied("the DAP team", 9),
        # identifiers
        varied("Go.USA.gov links", 9),
        varied("data.json file", 9),
        # a template opening each paragraph
        "\n\n".join(f"In this session you will hear from {word} and others." for word in VOCABULARY[:9]),
        # list items and table cells
        "\n".join(f"- can help you with the {word}" for word in VOCABULARY[:9]),
        "| a | b |\n| --- | --- |\n" + "\n".join(f"| can help you | {word} |" for word in VOCABULARY[:9]),
        # only stop words
        varied("out of the", 9),
    ],
)
def test_not_filler(text: str) -> None:
    assert rp104(text + "\n") == []


def test_phrase_from_the_title_is_the_subject() -> None:
    body = varied("social sharing buttons", 9)
    assert rp104(f"# Social sharing buttons\n\nSee below. {body}\n") == []
    findings = rp104(f"# Page layout\n\nSee below. {body}\n")
    assert [f.message.split("'")[1] for f in findings] == ["social sharing buttons"]


PHRASES = ["can help you", "it is important to", "a sense of", "the DAP team", "search.usa.gov today"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PHRASES + VOCABULARY + STOP + [".", ".\n\n"]), min_size=20, max_size=160),
       st.sampled_from([2, 3, 4]), st.sampled_from([3, 8]))
def test_counting_hashes_first_misses_no_overused_phrase(tokens, size, min_count) -> None:
    """The hash count is a screen: with every n-gram given one hash it never settles
    anything, and the findings must be the same as with it."""
    text = " ".join(tokens).replace(" .", ".") + "\n"
    document = parse_markdown(text, "a.md")
    rule = OverusedPhrase()
    options = {**rule.default_options(), "n": size, "min-count": min_count}
    found = [(v.start, v.end, v.message) for v in rule.check(document, options)]
    with mock.patch.object(rp104_module, "hash", lambda _: 0, create=True):
        document = parse_markdown(text, "a.md")
        assert [(v.start, v.end, v.message) for v in rule.check(document, options)] == found
