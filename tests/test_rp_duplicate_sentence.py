"""RP102 duplicate-sentence: exact and reworded repeats, runs, and parallel structure left alone."""

from __future__ import annotations

import random
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint import lint_text
from contentlint.checks import rp_duplicate_sentence as rp102_module
from contentlint.checks._repetition import earlier_similar, is_label, jaccard, prose_sentences
from contentlint.checks.rp_duplicate_sentence import DuplicateSentence
from contentlint.markdown import parse_markdown


def rp102(text: str):
    return [f for f in lint_text(text, "a.md", select=["RP102"]) if f.code == "RP102"]


def test_exact_repeat_reported_at_the_later_sentence_naming_the_earlier_line() -> None:
    text = (
        "# Walking\n\n"
        "Walking after meals helps keep blood sugar steady. Start slowly.\n\n"
        "Choose shoes with good support.\n\n"
        "Take the stairs when you can. Walking after meals helps keep blood sugar steady.\n"
    )
    findings = rp102(text)
    assert [(f.line, f.column, f.end_line, f.end_column) for f in findings] == [(7, 31, 7, 81)]
    assert findings[0].message == "Sentence repeats the one at line 3"


def test_light_rewording_still_counts() -> None:
    text = (
        "Regular stretching improves flexibility and reduces muscle soreness after exercise.\n\n"
        "Warm up first.\n\n"
        "After exercise, regular stretching reduces soreness in muscles and improves flexibility.\n"
    )
    findings = rp102(text)
    assert [(f.line, f.column) for f in findings] == [(5, 1)]
    assert findings[0].message.startswith("Sentence restates the one at line 1 (content words ")


def test_a_run_of_repeated_sentences_is_one_finding() -> None:
    block = ("Sleep loss raises stress hormones in healthy adults. Stress hormones keep the mind alert at night. "
             "An alert mind makes falling asleep even harder for most people.")
    text = f"{block}\n\nKeep a regular bedtime.\n\n{block}\n"
    findings = rp102(text)
    assert len(findings) == 1
    assert (findings[0].line, findings[0].column, findings[0].end_line) == (5, 1, 5)
    assert findings[0].end_column == len(block) + 1
    assert findings[0].message == "These 3 sentences repeat the sentences starting at line 1"


def test_repeat_on_the_same_line() -> None:
    sentence = "Keep a bottle of water on your desk every day."
    findings = rp102(f"{sentence} Refill it at lunch. {sentence}\n")
    assert [(f.line, f.column, f.message) for f in findings] == [
        (1, 68, "Sentence repeats an earlier one on the same line")
    ]


SPANISH = ("El ejercicio regular mejora el sueño y reduce el estrés en los adultos de todas las edades que viven "
           "en la ciudad. Los médicos recomiendan caminar cada día.\n\n"
           "El ejercicio regular mejora el sueño y reduce el estrés en los adultos de todas las edades que viven "
           "en la ciudad.\n")


def test_text_that_is_not_english_is_skipped_unless_declared_english() -> None:
    assert rp102(SPANISH) == []
    assert [f.line for f in rp102(f"---\nlang: en\n---\n{SPANISH}")] == [6]
    assert rp102(f"---\nlang: es-MX\n---\n{SPANISH}") == []


def test_different_numbers_are_different_statements() -> None:
    text = ("Visitors on the health site at noon numbered 41,865 across all pages.\n\n"
            "Visitors on the health site at 3 pm numbered 52,310 across all pages.\n")
    assert rp102(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # parallel list items and table rows
        "- Your doctor offers the flu shot during office hours.\n"
        "- Your pharmacy offers the flu shot during store hours.\n"
        "- Your doctor offers the flu shot during office hours.\n",
        "| Drink water with every meal each day | yes |\n| --- | --- |\n| Drink water with every meal each day | no |\n",
        # headings
        "## Talk with your doctor about the side effects\n\nText.\n\n## Talk with your doctor about the side effects\n",
        # quotations
        "> Exercise helps the heart pump more blood with every beat.\n\n"
        "> Exercise helps the heart pump more blood with every beat.\n",
        # code and front matter
        "---\ntitle: Exercise helps the heart pump more blood with every beat\n---\n\n"
        "```\nExercise helps the heart pump more blood with every beat.\n```\n\n"
        "Exercise helps the heart pump more blood with every beat.\n",
        # short sentences
        "Learn more. Yes. Learn more. Yes.\n",
        # interview questions in bold and record fields
        "**What made you want to work in public health?**\n\nI liked helping people.\n\n"
        "**What made you want to work in public health?**\n\nMy mother was a nurse.\n",
        "**Duration:** Two to four weeks, not including recruiting time.\n\n"
        "**Duration:** Two to four weeks, not including recruiting time.\n",
    ],
)
def test_quiet_on_structure_and_non_prose(text: str) -> None:
    assert rp102(text) == []


def test_options_threshold_and_min_words() -> None:
    text = "Swimming builds strength in the arms and legs.\n\nSwimming builds strength in the back and shoulders.\n"
    document = parse_markdown(text)
    rule = DuplicateSentence()
    assert list(rule.check(document, {"threshold": 0.7, "min-words": 5})) == []
    loose = list(rule.check(document, {"threshold": 0.4, "min-words": 5}))
    assert [document.position(v.start) for v in loose] == [(3, 1)]
    assert list(rule.check(document, {"threshold": 0.4, "min-words": 9})) == []


def brute_force(sets: list[frozenset[str]], threshold: float) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for later in range(len(sets)):
        for earlier in range(later):
            if sets[later] and jaccard(sets[earlier], sets[later]) >= threshold - 1e-9:
                found.setdefault(later, set()).add(earlier)
    return found


@settings(max_examples=80, deadline=None)
@given(st.lists(st.frozensets(st.sampled_from("abcdefghijkl"), max_size=8), max_size=25),
       st.sampled_from([0.3, 0.5, 0.6, 0.7, 0.8, 1.0]))
def test_prefix_filtering_finds_exactly_what_comparing_every_pair_finds(sets, threshold) -> None:
    fast = {later: {earlier for earlier, _ in found} for later, found in earlier_similar(sets, threshold).items()}
    assert fast == brute_force(sets, threshold)


def test_long_article_with_many_sentences_is_checked_without_pairwise_blow_up() -> None:
    rng = random.Random(3)
    vocabulary = [f"word{i}" for i in range(3000)]
    sentences = ["The " + " and the ".join(rng.sample(vocabulary, 10)) + "." for _ in range(3000)]
    sentences.append(sentences[10])
    findings = rp102("\n\n".join(sentences) + "\n")
    assert [(f.line, f.message) for f in findings] == [(6001, "Sentence repeats the one at line 21")]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.frozensets(st.sampled_from("abcdefghijklmnopqrst"), max_size=14), max_size=30),
       st.sampled_from([1e-6, 0.1, 0.25, 1 / 3, 0.45, 2 / 3, 0.7000000001, 0.75, 0.9, 0.999, 1.2]))
def test_leaving_out_sets_with_few_shared_tokens_loses_no_pair(sets, threshold) -> None:
    """earlier_similar() skips sets with fewer tokens found in other sets than a similar
    pair needs: on larger sets and thresholds near a ratio of set sizes it still finds
    every pair comparing each with each finds."""
    fast = {later: {earlier for earlier, _ in found} for later, found in earlier_similar(sets, threshold).items()}
    assert fast == brute_force(sets, threshold)


POOL = ["Walking after meals keeps blood sugar steady for most adults.",
        "Most adults keep blood sugar steady by walking after meals.",
        "Drink plenty of water during hot summer afternoons outside.",
        "Sleep seven hours each night to protect heart health.",
        "Pick comfortable shoes before starting any long daily walk."]
LABELLED = ["**{}**", "**Q:** {}", "_{}_", "{}"]


@settings(max_examples=120, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(POOL), st.sampled_from(LABELLED), st.booleans()), max_size=12))
def test_labels_left_out_after_comparing_find_what_leaving_them_out_before_finds(parts) -> None:
    text = ""
    for sentence, form, new_paragraph in parts:
        text += ("\n\n" if new_paragraph else " ") + form.format(sentence)
    document = parse_markdown(text.strip() + "\n", "a.md")
    rule = DuplicateSentence()
    options = rule.default_options()
    found = [(v.start, v.end, v.message) for v in rule.check(document, options)]
    unlabelled = [(sentence, span) for sentence, span in prose_sentences(document)
                  if not is_label(document.text, sentence.start, sentence.end)]
    with mock.patch.object(rp102_module, "prose_sentences", lambda _: unlabelled):
        expected = [(v.start, v.end, v.message) for v in rule.check(document, options)]
    assert found == expected
