"""The RP family's fast paths give what the plain definitions give.

Each test holds one shortcut to the straightforward version it replaced: the
shingle hashes packed in set order rather than sorted, a fingerprint match
confirmed by comparing shingle sets, the content-word count made from the
stop words' empty keys, and the possessive word pattern.
"""

from __future__ import annotations

import random
import re
import zlib
from array import array
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.checks import _repetition, rp_overused_phrase
from contentlint.checks._repetition import document_words, shingle_hashes
from contentlint.checks.rp_duplicate_across_articles import find_duplicates
from contentlint.markdown import parse_markdown
from contentlint.textutil import WORD

shingle_words = st.lists(st.sampled_from(["a", "b", "c", "d", "don't", "é", "2024"]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(shingle_words)
def test_shingle_hashes_are_each_shingles_crc32_once(words: list[str]) -> None:
    hashes = list(array("I", shingle_hashes(words)))
    shingles = [" ".join(words[k:k + 3]) for k in range(max(1, len(words) - 2))]
    assert len(hashes) == len(set(hashes))
    assert set(hashes) == {zlib.crc32(shingle.encode()) for shingle in shingles}
    assert shingle_hashes(list(words)) == shingle_hashes(words)  # the same words, the same bytes


def entry(line: int, words: list[str], packed: bytes | None = None) -> tuple:
    joined = " ".join(words)
    fingerprint = zlib.crc32(joined.encode()) << 32 | len(joined)
    return (line, 1, line, len(joined) + 1, fingerprint, shingle_hashes(words) if packed is None else packed)


PARAGRAPH = ("our clinic offers free blood pressure checks every tuesday morning from nine until noon and no "
             "appointment is needed for adults of any age who live or work in the county").split()


def test_a_fingerprint_match_with_its_hashes_in_another_order_is_the_same_paragraph() -> None:
    hashes = list(array("I", shingle_hashes(PARAGRAPH)))
    random.Random(3).shuffle(hashes)
    summaries = [("a.md", (entry(1, PARAGRAPH),)), ("b.md", (entry(4, PARAGRAPH, array("I", hashes).tobytes()),))]
    [match] = find_duplicates(summaries, 0.7)
    assert (match.path, match.entry[0], match.earlier_path, match.earlier[0], match.similarity) == (
        "b.md", 4, "a.md", 1, 1.0)


def test_a_fingerprint_match_with_other_shingles_is_a_collision_not_a_copy() -> None:
    other = PARAGRAPH[:-1] + ["city"]
    copy_of_fingerprint = entry(4, other)[:4] + (entry(1, PARAGRAPH)[4], shingle_hashes(other))
    summaries = [("a.md", (entry(1, PARAGRAPH),)), ("b.md", (copy_of_fingerprint,))]
    [match] = find_duplicates(summaries, 0.7)
    assert match.similarity < 1.0  # found by comparing shingles, as a near copy


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Walking", "the", "helps", "and", "of", "2024", "sleep", "it", "A"]), max_size=40),
       st.integers(0, 40), st.integers(0, 40))
def test_content_count_from_empty_keys_is_the_number_of_content_words(words: list[str], start: int, size: int) -> None:
    text = " ".join(words) + "\n"
    found = document_words(parse_markdown(text, "x.md"))
    start = min(start, len(text))
    span = found.span(start, min(len(text), start + size))
    keys = found.keys[span.start:span.stop]
    assert len(keys) - keys.count("") == len(found.content(start, start + size))
    assert frozenset(filter(None, keys)) == frozenset(found.content(start, start + size))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "B", "'", "’", "''", "é", "_", " ", "1", "x'", "'y", "中"]), max_size=40).map("".join))
def test_possessive_word_pattern_splits_like_word(text: str) -> None:
    assert _repetition._WORD_SPLIT.split(text) == re.split(f"({WORD.pattern})", text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.frozensets(st.sampled_from("abcdefghijkl"), max_size=8), max_size=40),
       st.sampled_from([0.3, 0.5, 0.6, 0.7, 0.9, 1.0]))
def test_comparing_each_pair_finds_what_prefix_filtering_finds(sets, threshold) -> None:
    """earlier_similar compares a few hopeful sets pair by pair, more by prefix filtering."""
    with mock.patch.object(_repetition, "_FEW", 0):
        by_prefix = _repetition.earlier_similar(sets, threshold)
    with mock.patch.object(_repetition, "_FEW", 10**6):
        each_pair = _repetition.earlier_similar(sets, threshold)
    assert each_pair == by_prefix


OLD_GLUE = re.compile(r"(?<=[^\W_])(?:[^\s\w]|_)+(?=[^\W_])")  # as RP104 first searched the whole prose


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["ab", "C", "1", " ", ".", "-", "_", "'", "’", "/", "\n", "é", "—", "..", "x.y"]),
                max_size=30).map("".join))
def test_glue_between_two_words_is_where_a_glue_run_ends(text: str) -> None:
    """RP104 tests the gap before a word for glue, rather than collecting every glue run's end."""
    document = parse_markdown(text, "x.md")
    found = document_words(document)
    ends = {match.end() for match in OLD_GLUE.finditer(document.prose)}
    for index in range(1, len(found.starts)):
        glued = bool(rp_overused_phrase._GLUE.fullmatch(document.prose, found.ends[index - 1], found.starts[index]))
        assert glued == (found.starts[index] in ends)


PUNCTUATED = ["ab", "Cd", "1", " ", "’", "'", "“", "”", "‘", "—", "–", "\xa0", "…", "é", "Σ", "İ", "_", "\n", "x’y", "s’"]


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(PUNCTUATED), max_size=30).map("".join), st.text(max_size=40)))
def test_lowered_split_is_word_on_lower_cased_text(text: str) -> None:
    lowered = text.lower().replace("’", "'")
    assert _repetition._LOWERED_SPLIT.split(lowered) == re.split(f"({WORD.pattern})", lowered)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PUNCTUATED), max_size=30).map("".join))
def test_ascii_stand_ins_keep_every_word_and_its_offsets(text: str) -> None:
    stood_in = _repetition._ascii_stand_ins(text)
    assert len(stood_in) == len(text) and "’" not in stood_in
    expected = [(m.span(), m.group().replace("’", "'")) for m in WORD.finditer(text)]
    assert [(m.span(), m.group()) for m in WORD.finditer(stood_in)] == expected
    if not set(text) - {char for part in PUNCTUATED[:13] for char in part}:
        assert stood_in.isascii()  # only letters, digits and the common punctuation


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(["ab", "Cd", "1", " ", "'", "''", "_", "\n", "x'y", "-", ".", "~", "`", "{"]),
                          max_size=30).map("".join),
                 st.text(alphabet=st.characters(max_codepoint=127), max_size=60)))
def test_ascii_split_is_word_on_lower_cased_ascii_text(text: str) -> None:
    lowered = text.lower()
    assert _repetition._ASCII_SPLIT.split(lowered) == re.split(f"({WORD.pattern})", lowered)
