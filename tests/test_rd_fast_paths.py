"""The RD family's fast paths give exactly what the straightforward versions give.

Each test pins one shortcut against the definition it replaces: the
hyphenation count read off the bits of a bit-parallel code, sentences found
with "!" and "?" made full stops, tokens counted on an ASCII text's bytes, and
RD102/RD103 reading a block's token count (shared with RD101) before counting
any words.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint import lint_text
from contentlint.checks import _readability as readability
from contentlint.markdown import parse_markdown

# Letters in and out of ASCII, the ligatures (one-letter patterns), digits, the
# apostrophe and punctuation Pyphen sees as letters of no pattern.
WORD_ALPHABET = list("abcdefghijklmnopqrstuvwxyzéöİΣﬀﬁﬂ'019-_")
# Every ASCII white space str.split knows (with \x1c-\x1f), others outside ASCII,
# stops, word characters, apostrophes and punctuation.
SPACES = [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x85", "\u00a0", "\u2028", "\u3000"]
TEXT_ALPHABET = SPACES + list("aeiostdvlrAT'’.!?,;:-—()\"_05") + ["é", "ß", "Σ", "中", "\x00"]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(WORD_ALPHABET), max_size=30))
def test_hyphenation_count_is_the_number_of_points(word: str) -> None:
    assert readability.hyphenation_count(word) == len(readability.hyphenation_points(word))


def test_hyphenation_count_of_long_words_and_words_of_few_letters() -> None:
    for word in ("", "a", "abc", "abcd", "hyphenation", "selfharmawareness", "supercalifragilisticexpialidocious",
                 "pneumonoultramicroscopicsilicovolcanoconiosis" * 3, "eﬀﬁa", "1000000"):
        assert readability.hyphenation_count(word) == len(readability.hyphenation_points(word)), word
    assert readability.hyphenation_count("selfharmawareness") == 3


THREE_STOPS = re.compile(r"(?<![^\s.!?])[^\s\w.!?]*\w(?:[^\s.!?]*\s[^\w.!?]*\w){2}[^.!?]*")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(TEXT_ALPHABET), max_size=80))
def test_sentences_found_with_full_stops_only_are_those_of_three_stops(text: str) -> None:
    assert readability._count_sentences(text) == len(THREE_STOPS.findall(text))


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(alphabet=st.sampled_from(TEXT_ALPHABET), max_size=80),
                 st.text(alphabet=st.characters(max_codepoint=127), max_size=80)))
def test_count_tokens_is_the_length_of_split(text: str) -> None:
    assert readability.count_tokens(text) == len(text.split())


# Markdown with paragraphs, list items, quotes, headings, code and tables of
# sentences long and short, so that blocks of every kind are above and below
# the rules' limits (RD102: 40 words, RD103: 150).
def sentence(words: int) -> str:
    return " ".join(["word"] * (words - 1) + ["end."])


blocks = st.one_of(
    st.builds(lambda n, m: f"{sentence(n)} {sentence(m)}", st.integers(1, 60), st.integers(1, 60)),
    st.builds(lambda n: "- " + sentence(n), st.integers(1, 60)),
    st.builds(lambda n: "> " + sentence(n), st.integers(1, 60)),
    st.builds(lambda n: "# " + " ".join(["title"] * n), st.integers(1, 60)),
    st.builds(lambda n: "```\n" + sentence(n) + "\n```", st.integers(1, 60)),
    st.builds(lambda n: "| a | b |\n|---|---|\n| " + sentence(n) + " | x |", st.integers(1, 60)),
    st.builds(lambda n: " ".join([sentence(45)] * n), st.integers(1, 5)),
    st.text(alphabet=st.sampled_from(["a", "b", " ", ".", "!", "—", "'", "\t"]), min_size=1, max_size=120),
)
documents = st.lists(blocks, min_size=1, max_size=6).map(lambda parts: "\n\n".join(parts) + "\n")


@settings(max_examples=150, deadline=None)
@given(documents)
def test_block_tokens_are_the_tokens_of_each_scored_block(markdown: str) -> None:
    """Split for when the document is not counted yet, read off the packed counts when it is."""
    document = parse_markdown(markdown, "x.md")
    expected = [len(document.prose[block.start:block.end].split()) if block.kind in readability.SCORED_KINDS
                else None for block in document.blocks]
    assert readability.block_tokens(document) == expected
    counted_first = parse_markdown(markdown, "x.md")
    readability.document_counts(counted_first)
    assert readability.block_tokens(counted_first) == expected


def reference_long_sentences(markdown: str, limit: int = 40) -> list[tuple[int, int, str]]:
    """RD102 as defined: every sentence of a scored block with more than limit words."""
    document = parse_markdown(markdown, "x.md")
    found = []
    for item in document.sentences:
        if document.blocks[item.block].kind in readability.SCORED_KINDS:
            words = readability.count_words(document.prose[item.start:item.end])
            if words > limit:
                found.append((item.start, item.end, f"This sentence has {words} words (more than {limit}); split it"))
    return found


def reference_long_paragraphs(markdown: str, limit: int = 150) -> list[tuple[int, int, str]]:
    """RD103 as defined (words only, its default): every scored block with more than limit words."""
    document = parse_markdown(markdown, "x.md")
    found = []
    for block in document.blocks:
        if block.kind in readability.SCORED_KINDS:
            words = readability.count_words(document.prose[block.start:block.end])
            if words > limit:
                found.append((block.start, block.end, f"This paragraph has {words} words (more than {limit}); break it up"))
    return found


def offsets(markdown: str, code: str) -> list[tuple[int, int, str]]:
    return [(f.start, f.end, f.message) for f in lint_text(markdown, "x.md", select=[code])]


@settings(max_examples=150, deadline=None)
@given(documents)
def test_long_sentences_and_paragraphs_are_those_of_the_definitions(markdown: str) -> None:
    assert offsets(markdown, "RD102") == reference_long_sentences(markdown)
    assert offsets(markdown, "RD103") == reference_long_paragraphs(markdown)
