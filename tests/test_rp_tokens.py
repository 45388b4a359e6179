"""The RP family's shared word list equals word-by-word tokenizing, on any text.

document_words splits the prose once and derives offsets, lower-cased forms,
stems and content keys with C loops and per-process memos; these tests hold
it to the plain definition (textutil.WORD's matches, each lower-cased with
’ as ', stemmed unless a stop word or a number) on arbitrary text,
including curly apostrophes, underscores, capital sigma and letters whose
lower-case form is longer.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.checks import _repetition
from contentlint.checks._repetition import document_words, paragraph_units, prose_sentences, prose_units
from contentlint.markdown import parse_markdown
from contentlint.textutil import STOPWORDS, SUFFIXES, WORD, stem


def reference(prose: str) -> tuple[list[int], list[int], list[str], list[str]]:
    starts, ends, lower, stems = [], [], [], []
    for match in WORD.finditer(prose):
        word = match.group().lower().replace("’", "'")
        starts.append(match.start())
        ends.append(match.end())
        lower.append(word)
        stems.append("" if word in STOPWORDS or word.isdigit() else stem(word))
    return starts, ends, lower, stems


ALPHABET = list("abcdeyst ABCST\n'’-_.,!?0123456789") + ["ΣΑΣ", "Σ", "İ", "ß", "ﬁ", "é", "ǅ", "the", "don’t", "  "]
texts = st.lists(st.sampled_from(ALPHABET), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, st.text(max_size=80)))
def test_words_equal_word_by_word_tokenizing(text: str) -> None:
    document = parse_markdown(text, "x.md")
    words = document_words(document)
    starts, ends, lower, stems = reference(document.prose)
    assert (words.starts, words.ends, words.lower, words.stems) == (starts, ends, lower, stems)
    for start, end in [(0, len(text)), (len(text) // 3, 2 * len(text) // 3)]:
        expected = [stems[i] or lower[i] for i in words.span(start, end) if stems[i] or lower[i].isdigit()]
        assert words.content(start, end) == expected


def test_final_sigma_and_curly_apostrophes_are_lowered_as_words_alone() -> None:
    document = parse_markdown("ΟΔΟΣ ΣΑΣ Don’t İstanbul STRASSE\n", "x.md")
    words = document_words(document)
    assert words.lower == ["οδος", "σας", "don't", "i̇stanbul", "strasse"]
    assert words.lower[0][-1] == "ς" and words.lower[1] == "σας"  # final sigma, as "ΟΔΟΣ".lower() gives


def test_words_are_the_same_after_the_memos_are_emptied(monkeypatch) -> None:
    monkeypatch.setattr(_repetition, "_MEMO_LIMIT", 4)
    text = "Walking helps. Walking daily helps most adults sleep better, and 2024 was good.\n"
    document = parse_markdown(text, "x.md")
    words = document_words(document)
    assert (words.starts, words.ends, words.lower, words.stems) == reference(document.prose)
    assert words.content(0, len(text)) == ["walk", "help", "walk", "dai", "help", "adult", "sleep", "bett",
                                           "2024", "good"]


def test_shared_work_is_done_once_per_document() -> None:
    document = parse_markdown("One paragraph here.\n\nAnother one, with two sentences. See?\n", "x.md")
    assert document_words(document) is document_words(document)
    assert paragraph_units(document) is paragraph_units(document)
    assert paragraph_units(document) == prose_units(document)
    assert [(s.start, span) for s, span in prose_sentences(document)] == [(0, range(0, 3)), (21, range(3, 8)),
                                                                          (54, range(8, 9))]


def reference_is_label(text: str, start: int, end: int) -> bool:
    """is_label without its quick exit."""
    before = text[max(0, start - 3):start].rstrip()
    after = text[end:end + 3].lstrip()
    if before.endswith(("*", "_")) and after.startswith(("*", "_")):
        return True
    return bool(_repetition._FIELD_LABEL.match(text, max(0, start - 2), end))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("ab :*_ \n") + ["**Q:**", "__", "Label:"]), max_size=20).map("".join),
       st.integers(0, 40), st.integers(0, 40))
def test_is_label_quick_exit_changes_nothing(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    end = min(len(text), start + length)
    assert _repetition.is_label(text, start, end) == reference_is_label(text, start, end)


SPLIT_ALPHABET = ALPHABET + ["_", "é", "ı", "K", "²", "٣", "\u0301", "’", "''", "a'b", "x’y", "\t", "—", "“", "中文"]


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(SPLIT_ALPHABET), max_size=40).map("".join), st.text(max_size=60)))
def test_word_split_is_word_with_the_word_captured(text: str) -> None:
    assert _repetition._WORD_SPLIT.split(text) == re.split(f"({WORD.pattern})", text)


def test_lower_casing_keeps_every_character_a_letter_or_digit_or_not() -> None:
    """_tokenize splits the lower-cased prose: that gives the same words only if no
    character changes between word and non-word when lower-cased on its own."""
    word_character = re.compile(r"[^\W_]")
    changed = [char for char in map(chr, range(0x110000)) if len(char.lower()) == 1
               and bool(word_character.match(char)) != bool(word_character.match(char.lower()))]
    assert changed == []
    assert "’".lower() == "’" and "'".lower() == "'"


def test_words_of_a_text_lowered_word_by_word_match_those_lowered_at_once() -> None:
    plain = parse_markdown("Don’t STOP the Kelvin \u212a sign, CAFÉ Olé.\n", "x.md")
    assert document_words(plain).lower == ["don't", "stop", "the", "kelvin", "k", "sign", "café", "olé"]
    sigma = parse_markdown("ΟΔΟΣ Don’t\n", "x.md")  # capital sigma: lowered word by word
    assert document_words(sigma).lower == ["οδος", "don't"]
    assert reference(sigma.prose)[2] == document_words(sigma).lower


def reference_stem(word: str) -> str:
    """textutil.stem as first written: the first suffix in SUFFIXES order that fits."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(["a", "b", "n", "ation", "al", "ies", "ing", "ly", "s", "y", "'s", "’s",
                                           "ness", "ment", "ive", "er", "ed", "es", "ity", "fulness", "Ş", "İ"]),
                          max_size=6).map("".join), st.text(max_size=12)))
def test_stem_strips_the_first_suffix_in_list_order(word: str) -> None:
    assert stem(word) == reference_stem(word)


def test_suffixes_are_longest_first() -> None:
    """stem() tries the suffixes by length: that finds the first in list order only if the
    list never puts a shorter suffix before a longer one."""
    assert [len(suffix) for suffix in SUFFIXES] == sorted(map(len, SUFFIXES), reverse=True)
    assert [stem(word) for word in ["recovery", "nationalization", "walks", "ties", "running's", "yes"]] == [
        "recover", "national", "walk", "tie", "runn", "yes"]
