"""The ST Python rules' shortcuts find what the plain way finds."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.checks.st_empty_article import has_word
from contentlint.checks.st_prompt_left_in import (
    MAX_QUESTIONS, TEXT_KINDS, PromptLeftIn, about_topic, mostly_told, question_lines, sentences_with, starts_again,
    stems_of, title_stems, word_count)
from contentlint.document import WORD, Document
from contentlint.markdown import parse_markdown
from contentlint.plaintext import parse_text
from contentlint.textutil import content_words

# -- ST001: a word is looked for after the leading white space ----------------------


def test_no_white_space_character_is_part_of_a_word() -> None:
    spaces = "".join(chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace())
    assert WORD.search(spaces) is None and not has_word(spaces)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([" ", "\n", "\t", "\u00a0", "\u2003", "a", "é", "1", "_", "-", "'", "’", "#",
                                         "\u3000", "\u0663"]), max_size=20))
def test_has_word_is_a_search_of_the_whole_prose(prose: str) -> None:
    assert has_word(prose) is (WORD.search(prose) is not None)


# -- ST301 ---------------------------------------------------------------------------

LINES = [
    "Gardening can lower stress and lift the mood of people living with depression. Time outdoors helps.",
    "Working with soil exposes gardeners to daylight, which helps set the body clock and improves sleep.",
    "Growing food also gives a sense of purpose, and sharing a harvest builds friendships with neighbours.",
    "Community gardens add company, so people who feel isolated meet others with the same interest.",
    "How does gardening lower stress and lift the mood of people with depression?",
    "Gardening lowers stress and lifts mood in people with depression through time outdoors and movement.",
    "Why do tomatoes need sun?", "So, is gardening good for depression?", "What is it? Nobody knows.",
    "Is it? Yes? Maybe?", "# Gardening and depression", "# How does gardening lift the mood of people with depression?",
    "- How does gardening lower stress?", "> How does gardening lift mood?", "A question mark ? in the middle.",
    "Does gardening lower stress and lift mood\nfor people with depression?",
]


@st.composite
def articles(draw: st.DrawFn) -> str:
    # Mostly the shape the rule looks for (an article, a question, the article again), with other lines mixed in.
    telling = st.lists(st.sampled_from(LINES[:4]), min_size=2, max_size=6)
    question = draw(st.sampled_from([LINES[4], LINES[4], LINES[11], LINES[6], LINES[7], LINES[15]]))
    lines = draw(telling) + [question, LINES[5]] + draw(telling)
    for line in draw(st.lists(st.sampled_from(LINES), max_size=3)):
        lines.insert(draw(st.integers(0, len(lines))), line)
    ends = draw(st.lists(st.sampled_from(["\n", "\n", "\n", "\n\n", "\r\n", " "]), min_size=len(lines), max_size=len(lines)))
    return "".join(line + end for line, end in zip(lines, ends))


def document_of(text: str, name: str) -> Document:
    return parse_markdown(text, name) if name.endswith(".md") else parse_text(text, name)


@settings(max_examples=300, deadline=None)
@given(articles(), st.sampled_from(["a.md", "a.txt"]))
def test_sentences_with_a_char_are_those_that_contain_it(text: str, name: str) -> None:
    document = document_of(text, name)
    prose = document.prose
    assert sentences_with(document, "?") == [s for s in document.sentences if "?" in prose[s.start:s.end]]


def every_test_in_turn(document: Document, before_words: int, after_words: int) -> list[tuple[int, int]]:
    """ST301 as first written: every question line listed, each test run in the order the rule describes."""
    if "?" not in document.prose:
        return []
    text_sentences = [s for s in document.sentences if document.blocks[s.block].kind in TEXT_KINDS]
    if len(text_sentences) < 3:
        return []
    questions = list(question_lines(document))
    if not questions or len(questions) > MAX_QUESTIONS:
        return []
    found = []
    for question in questions:
        before = word_count(document, 0, question.start)
        after = word_count(document, question.end, len(document.prose))
        if before < before_words or after < after_words or after > before:
            continue
        opening = stems_of(document, text_sentences[:2])
        topic = title_stems(document) or opening
        told = frozenset(content_words(document.prose, 0, question.start))
        if not (about_topic(question.stems, topic) and mostly_told(question.stems, told)):
            continue
        following = [s for s in text_sentences if s.start >= question.end][:2]
        if starts_again(stems_of(document, following), opening):
            found.append((question.start, question.end))
    return found


@settings(max_examples=300, deadline=None)
@given(articles(), st.sampled_from(["a.md", "a.txt"]), st.sampled_from([(60, 20), (10, 5), (0, 0)]))
def test_prompt_left_in_finds_what_every_test_in_turn_finds(text: str, name: str, limits: tuple[int, int]) -> None:
    document = document_of(text, name)
    options = {"min-words-before": limits[0], "min-words-after": limits[1]}
    found = [(v.start, v.end) for v in PromptLeftIn().check(document, options)]
    assert found == every_test_in_turn(document, *limits)


def test_the_articles_above_do_reach_the_finding() -> None:
    # The property above is only worth something if some generated articles are reported.
    text = "\n".join(LINES[:5] + LINES[5:6] + LINES[1:3]) + "\n"
    document = document_of(text, "a.md")
    found = every_test_in_turn(document, 10, 5)
    assert found and [(v.start, v.end) for v in PromptLeftIn().check(document, {"min-words-before": 10,
                                                                               "min-words-after": 5})] == found
