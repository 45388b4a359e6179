"""count_text's one-pass counts equal textstat's per-sentence, per-word definitions.

count_text counts sentences, letters and characters from a few whole-text
passes, and looks words up in a per-process memo; hyphenation_points stops
extending a substring once no pattern starts with it. The reference
functions below are the straightforward definitions (textstat 0.7.13's, as
contentlint computed them before): on arbitrary text, including
punctuation-heavy and non-Latin text, both must agree exactly.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.checks import _readability as readability

NON_CONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
PUNCTUATION = re.compile(r"[^\w\s\']")
SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)


def reference_list_words(text: str) -> list[str]:
    return PUNCTUATION.sub("", NON_CONTRACTION_APOSTROPHE.sub("", text)).split()


def reference_counts(text: str) -> readability.Counts:
    """textstat's counts, sentence by sentence and word by word."""
    if not text:
        return readability.Counts()
    words = reference_list_words(text)
    easy = readability.easy_words()
    total = poly = hard = unfamiliar = 0
    for word in words:
        lower = word.lower()
        count = readability.syllables(lower)
        total += count
        familiar = lower in easy
        if count >= 3:
            poly += 1
            hard += not familiar
        unfamiliar += not familiar
    return readability.Counts(
        length=len(text),
        words=len(words),
        tokens=len(text.split()),
        sentences=sum(1 for sentence in SENTENCE.findall(text) if len(reference_list_words(sentence)) > 2),
        syllables=total,
        polysyllables=poly,
        letters=len(re.findall(r"\w", text)),
        characters=len(re.sub(r"\s", "", text)),
        hard_words=hard,
        unfamiliar_words=unfamiliar,
    )


@lru_cache(maxsize=1)
def shipped_patterns() -> dict[str, tuple[str, str]]:
    parts = Path(readability.__file__).with_name("rd_hyphenation.txt").read_text(encoding="utf-8").split()
    return {letters: tuple(value.split(":")) for letters, value in zip(parts[0::2], parts[1::2]) if value != "-"}


def reference_hyphenation_points(word: str) -> list[int]:
    """Liang's algorithm trying every substring up to the longest pattern's length."""
    patterns = shipped_patterns()
    longest = max(map(len, patterns))
    pointed = f".{word.lower()}."
    references = [0] * (len(pointed) + 1)
    for i in range(len(pointed) - 1):
        for j in range(i + 1, min(i + longest, len(pointed)) + 1):
            pattern = patterns.get(pointed[i:j])
            if pattern:
                values = [int(digit) for digit in pattern[1]]
                window = slice(i + int(pattern[0]), i + int(pattern[0]) + len(values))
                references[window] = map(max, values, references[window])
    right = len(word) - 2
    return [i - 1 for i, value in enumerate(references) if value % 2 and 2 <= i - 1 <= right]


# Characters that matter to the counts: stops, apostrophes (straight and curly)
# and the letters after which textstat keeps one, other punctuation, digits,
# the underscore (a word character), white space of several kinds, and
# letters outside ASCII.
TRICKY = list("aeiostdvlrAT'’.!?,;:-—()\"_0123456789 \n\t\u00a0\u2028\x1c") + ["é", "ß", "Σ", "ж", "中", "١"]
texts = st.text(alphabet=st.sampled_from(TRICKY), max_size=80)
words_and_marks = st.lists(
    st.one_of(st.sampled_from(["the", "don't", "we'll", "psychological", "U.S.", "e-mail", "...", " - ", "'tis",
                               "dogs'", "5", "Anxiety", "naïve", "selfharm", "'", "!?",
                               # edge punctuation, which token_counts strips before asking str.isalnum
                               "“Yes,”", "(e.g.", "health,", "__init__", "…", "‘quoted’", "[1]", "—", "x_"]),
              st.sampled_from(TRICKY)),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, words_and_marks, st.text(max_size=60)))
def test_count_text_equals_the_per_sentence_definition(text: str) -> None:
    assert readability.count_text(text) == reference_counts(text)


@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, words_and_marks, st.text(max_size=60)))
def test_count_words_is_the_length_of_list_words(text: str) -> None:
    assert readability.count_words(text) == len(readability.list_words(text)) == len(reference_list_words(text))


def test_tokens_with_edge_punctuation_and_apostrophes_count_as_textstat_words() -> None:
    """token_counts strips punctuation off a token's edges before asking str.isalnum; an
    apostrophe is never stripped: textstat keeps one before t, s, d, ve, ll or re."""
    text = "'s and 's, 're 'tis (\"'em\") dogs' “Yes,” __init__ (e.g. [1] … — x_ ‘quoted’ don't 'table."
    assert readability.count_text(text) == reference_counts(text)
    assert readability.syllables("'table") != readability.syllables("table")  # so stripping "'" would show


def test_sentences_are_counted_between_stops_with_three_words_or_more() -> None:
    text = "Go now. Stop! Wait here for me... Is it 5 o'clock? U.S. health — care is here"
    assert readability.count_text(text).sentences == 3  # "Wait here for me", "Is it 5 o'clock", "S. health — care is here"
    assert reference_counts(text).sentences == 3


def test_words_are_counted_the_same_when_the_memo_is_emptied(monkeypatch) -> None:
    monkeypatch.setattr(readability, "_MEMO_LIMIT", 3)
    text = "Individuals experiencing persistent psychological distress often recover. Ask for help."
    assert readability.count_text(text) == reference_counts(text)
    assert len(readability._TOKEN_COUNTS) <= 3 and len(readability._WORD_COUNTS) <= 3


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyz'éﬀﬁﬂ2")), min_size=1, max_size=24))
def test_hyphenation_points_equal_trying_every_substring(word: str) -> None:
    assert readability.hyphenation_points(word) == reference_hyphenation_points(word)


def test_hyphenation_points_of_long_and_pattern_words() -> None:
    for word in ("academies", "acrylaldehyde", "selfharmawareness", "hyphenation", "supercalifragilistic",
                 "oﬃce", "ﬁnancial", "ﬂuﬀy", "eﬀﬁa"):  # a one-letter pattern decides "eﬀﬁa"
        assert readability.hyphenation_points(word) == reference_hyphenation_points(word)
    assert readability.hyphenation_points("selfharmawareness") == [4, 7, 13]


def test_shipped_pattern_beginnings_are_exactly_the_missing_prefixes() -> None:
    """rd_hyphenation.txt marks with "-" each shorter beginning of a pattern that is not a pattern."""
    parts = Path(readability.__file__).with_name("rd_hyphenation.txt").read_text(encoding="utf-8").split()
    assert len(parts[0::2]) == len(set(parts[0::2]))
    letters = {word for word, value in zip(parts[0::2], parts[1::2]) if value != "-"}
    shipped = {word for word, value in zip(parts[0::2], parts[1::2]) if value == "-"}
    assert len(letters) == 11_015
    # hyphenation_points looks one-letter pieces up only outside ASCII.
    assert {word for word in letters if len(word) == 1} == {"ﬀ", "ﬁ", "ﬂ"}
    assert shipped == {word[:end] for word in letters for end in range(1, len(word))} - letters


# Block texts that are empty, hold the separator or a NUL, end without a stop, or hold stops only.
block_texts = st.lists(
    st.one_of(
        st.text(alphabet=st.sampled_from(TRICKY + ["\x1e", "\x00"]), max_size=60),
        words_and_marks,
        st.sampled_from(["", "Ask your doctor", "psychological distress. Often", "...", "'tis U.S. e-mail"]),
    ),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(block_texts)
def test_texts_counted_together_equal_each_text_counted_alone(texts: list[str]) -> None:
    """_ScoredText counts each of a document's blocks once: each block's counts, and their
    sum, equal the definitions applied to each text, and to the texts joined by blank
    lines (scoring_text) when each text ends a sentence, as block_text makes it."""
    alone = [reference_counts(text) for text in texts]
    together = readability._ScoredText(texts)
    assert together.texts_counts() == alone
    assert together.texts_counts(3) == [counts if counts.words >= 3 else None for counts in alone]
    ended = [readability.ended_as_sentence(text) for text in texts]
    assert readability._ScoredText(ended).total() == reference_counts("\n\n".join(filter(None, ended)))


def test_a_text_not_ended_as_a_sentence_runs_into_the_next() -> None:
    """Why block texts are ended as sentences: otherwise a sentence spans two blocks."""
    texts = ["Ask your", "doctor today"]
    assert reference_counts("\n\n".join(texts)).sentences == 1
    assert [counts.sentences for counts in readability._ScoredText(texts).texts_counts()] == [0, 0]
    ended = [readability.ended_as_sentence(text) for text in texts]
    assert ended == ["Ask your.", "doctor today."]
    assert readability._ScoredText(ended).total().sentences == reference_counts("\n\n".join(ended)).sentences == 0
