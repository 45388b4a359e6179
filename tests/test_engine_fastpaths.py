"""The engine's fast paths give what the general code they replace gave.

Each test pins one shortcut against the plain version of the same computation:
sentence splitting that trims as it goes, a file's suffix without a Path, a
fingerprint computed before the Finding exists, the active rules less the
ignored ones made once per selection, NUL characters of UTF-8 text found in
its bytes.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from contentlint.baseline import fingerprint
from contentlint.config import Config
from contentlint.document import Document
from contentlint.engine import Overrides, _suffix, build_selection, document_format, lint_document, to_finding
from contentlint.markdown import parse_markdown
from contentlint.rule import CorpusRule
from contentlint.sentences import (
    _END, _NEXT_CHAR, _NEXT_WORD, _WORD_BEFORE, ABBREVIATIONS, FINAL_ABBREVIATIONS, NUMBER_ABBREVIATIONS,
    _is_abbreviation, _starts_sentence, split_spans, strip_span,
)
from contentlint.source import Source, SourceError, decode, detect_newline
from contentlint.violation import Severity, Violation

from conftest import PatternRule

SETTINGS = settings(max_examples=int(os.environ.get("CONTENTLINT_EXAMPLES", "300")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def reference_is_abbreviation(prose: str, end: int, limit: int) -> bool:
    """_is_abbreviation as it was: the next word looked at for every period."""
    match = _WORD_BEFORE.search(prose, max(0, end - 12), end)
    if not match:
        return False
    word = match.group(1).rstrip(".")
    lower = word.lower()
    following = _NEXT_WORD.match(prose, end + 1, limit)
    next_word = following.group(1) if following else ""
    if lower in ABBREVIATIONS:
        return True
    if lower in NUMBER_ABBREVIATIONS:
        return next_word[:1].isdigit()
    if lower in FINAL_ABBREVIATIONS:
        return not _starts_sentence(next_word)
    return len(word) == 1 and word.isupper() and not _starts_sentence(next_word)


def reference_split_spans(prose: str, start: int, end: int) -> list[tuple[int, int]]:
    """The splitter as it was: candidate spans first, each trimmed with strip_span afterwards."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _END.finditer(prose, start, end):
        stop = match.end()
        if match.group() == "." and reference_is_abbreviation(prose, match.start(), end):
            continue
        following = _NEXT_CHAR.search(prose, stop, end)
        if following and following.group().islower():
            continue
        spans.append((cursor, stop))
        cursor = stop
    spans.append((cursor, end))
    trimmed = []
    for span_start, span_end in spans:
        span_start, span_end = strip_span(prose, span_start, span_end)
        if span_end > span_start:
            trimmed.append((span_start, span_end))
    return trimmed


# Pieces of prose that exercise every branch of the splitter: ends, closers,
# abbreviations, initials, numbers after "No.", lower-case continuations and
# every kind of white space str.strip and the regex \s agree on.
SENTENCE_PIECES = [
    "Sleep", "helps", "the", "The", "It", "mood", "Dr.", "dr.", "e.g.", "i.e.", "U.S.", "Inc.", "No.", "no.", "5",
    "p.", "12", "J.", "D.", "vitamin", ".", "..", "...", "!", "?", "?!", "…", "\"", "'", "”", "’", ")", "]", "(",
    "“", " ", " ", "  ", "\n", "\t", "\u00a0", "\u2028", "\u3000", "\x0c", "\x1c", "x", "é", "É", "1.", "A.",
]
prose_pieces = st.lists(st.sampled_from(SENTENCE_PIECES), max_size=40).map("".join)


@SETTINGS
@given(st.one_of(prose_pieces, st.text(max_size=120)), st.integers(0, 130), st.integers(0, 130))
@example("Take vitamin D. It helps. ", 0, 26)
@example("   ", 0, 3)
@example("Yes. !! Wow", 0, 11)
@example("See e.g. the note.  Then stop.\u00a0", 0, 31)
def test_split_spans_agrees_with_trimming_afterwards(prose: str, start: int, end: int) -> None:
    start = min(start, len(prose))
    end = max(start, min(end, len(prose)))
    assert split_spans(prose, start, end) == reference_split_spans(prose, start, end)


@SETTINGS
@given(prose_pieces, st.integers(0, 200))
@example("See Dr. Lee", 6)
@example("No. 5 and no. of", 2)
@example("the U.S. The", 7)
@example("Vitamin D. It", 9)
@example("J. smith", 1)
def test_is_abbreviation_agrees_with_looking_at_the_next_word_first(prose: str, end: int) -> None:
    for at in [index for index, char in enumerate(prose) if char == "."] + [min(end, len(prose))]:
        assert _is_abbreviation(prose, at, len(prose)) == reference_is_abbreviation(prose, at, len(prose)), at


def test_regex_white_space_is_what_str_strip_removes() -> None:
    # The splitter finds a sentence's start with \S where strip_span used str.strip.
    space = re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert bool(space.match(char)) == char.isspace() == (char.strip() == ""), hex(code)


def test_document_sentences_on_real_text() -> None:
    document = parse_markdown("# Sleep\n\nSleep helps. Dr. Lee agrees!  See e.g. the U.S. The end\n", "x.md")
    assert [(document.prose[s.start:s.end], s.block) for s in document.sentences] == [
        ("Sleep", 0), ("Sleep helps.", 1), ("Dr. Lee agrees!", 1), ("See e.g. the U.S.", 1), ("The end", 1),
    ]


@SETTINGS
@given(st.one_of(st.text(max_size=30), st.lists(st.sampled_from(
    ["a", ".", "..", "/", "//", "md", "MD", "markdown", "txt", " ", "-", "x.", "\\"]), max_size=8).map("".join)))
@example("docs/a.md")
@example("docs/.md")
@example("docs/..md")
@example("a.md/")
@example("a/.")
@example("")
def test_suffix_is_path_suffix(path: str) -> None:
    assert _suffix(path) == Path(path).suffix


def test_document_format_by_name() -> None:
    assert [document_format(name) for name in ("a.md", "b/C.MARKDOWN", "notes.txt", "-", "<stdin>", "x.md/", "..md")] \
        == ["markdown", "markdown", "text", "markdown", "markdown", "markdown", "markdown"]


@SETTINGS
@given(st.text(alphabet="ab \n\t.", max_size=60), st.integers(0, 70), st.integers(0, 70))
def test_finding_fingerprint_is_the_baseline_fingerprint(text: str, start: int, end: int) -> None:
    document = Document("x.md", text, text, [])
    finding = to_finding(document, Violation(start, end, "message"), PatternRule("x"), Severity.WARNING)
    assert finding.fingerprint == fingerprint(finding, text)


def test_running_rules_are_the_active_rules_less_the_ignored() -> None:
    selection = build_selection(Config(root=Path.cwd()), Overrides())
    for ignored in (frozenset(), frozenset({"RP101", "HC101"}), frozenset({"RP105"}), frozenset({"NOPE"})):
        rules, corpus = selection.running(ignored)
        assert rules == [entry for entry in selection.active if entry.rule.code not in ignored]
        assert corpus == [entry for entry in rules if isinstance(entry.rule, CorpusRule)]
        assert selection.running(ignored)[0] is rules  # made once
    assert [entry.rule.code for entry in selection.running(frozenset())[1]] == ["RP105"]
    assert [entry.rule.code for entry in selection.running(frozenset({"RP105"}))[1]] == []


def test_an_ignored_corpus_rule_makes_no_summary() -> None:
    selection = build_selection(Config(root=Path.cwd()), Overrides(select=("RP105", "RP101")))
    text = "Word " * 40 + "\n"
    assert set(lint_document(parse_markdown(text, "a.md"), selection).summaries) == {"RP105"}
    assert lint_document(parse_markdown(text, "a.md"), selection, frozenset({"RP105"})).summaries == {}


def reference_decode(data: bytes, path: str = "<string>") -> Source:
    """source.decode as it was: NUL characters looked for in the decoded text, whatever the encoding."""
    import codecs

    encoding, bom = "utf-8", False
    if data.startswith(codecs.BOM_UTF8):
        data, bom = data[len(codecs.BOM_UTF8):], True
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, bom = "utf-16", True
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        raise SourceError(path, "binary file (contains NUL bytes)")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise SourceError(path, "undecodable") from None
    if encoding == "utf-16":
        text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise SourceError(path, "binary file (contains NUL characters)")
    return Source(path=path, text=text, bom=bom, encoding=encoding, newline=detect_newline(text))


def decoded(decoder, data: bytes) -> object:
    try:
        return decoder(data)
    except SourceError as error:  # the reason for NUL bytes or characters; which byte failed to decode is not compared
        return error.reason if "NUL" in error.reason else "undecodable"


@SETTINGS
@given(st.one_of(
    st.binary(max_size=40),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30).map(lambda text: text.encode("utf-8")),
    st.tuples(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b""]),
              st.text(st.characters(blacklist_categories=("Cs",)), max_size=20),
              st.sampled_from(["utf-8", "utf-16-le", "utf-16-be"]))
    .map(lambda parts: parts[0] + parts[1].encode(parts[2])),
    st.binary(max_size=20).map(lambda tail: b"x" * 8190 + tail),  # a NUL byte past the first 8 KiB
))
def test_decode_finds_nul_characters_as_the_text_search_did(data: bytes) -> None:
    assert decoded(decode, data) == decoded(reference_decode, data)
