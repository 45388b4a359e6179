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
from unittest import mock
from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.checks import _repetition
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
