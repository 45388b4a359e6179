"""RP104 overused-phrase: a phrase used far more often than the article's length warrants."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from itertools import compress
from typing import Any

from contentlint.checks._repetition import Words, document_words, prose_sentences
from contentlint.document import Document
from contentlint.rule import Option, Rule
from contentlint.textutil import content_words
from contentlint.violation import Severity, Violation


# Punctuation with no space around it joins two words into one identifier: a gap between
# two words made only of it. (Words end and start with a letter or digit, and every letter
# or digit is in a word, so such a gap is the whole run between the two.)
_GLUE = re.compile(r"(?:[^\s\w]|_)+")


class OverusedPhrase(Rule):
    """A phrase repeated far more often than the article's length warrants.

    ## What it does
    Counts every run of `n` words (an n-gram, default three words) within the
    sentences of the article's paragraphs and reports a phrase used at least
    `min-count` times and at least `per-thousand` times per 1,000 words of
    those paragraphs. The report is at the first use and gives the count.
    Overlapping n-grams that always occur together are reported once, as the
    longer phrase ("it is important to note").

    Not counted: runs made only of stop words ("one of the"), numbers and
    single letters; runs with a name or acronym in them (a word capitalised
    inside its sentence, as in "the DAP team"), which are the article's
    subject, and so are runs whose content words are all in the title;
    identifiers such as "search.usa.gov"; a phrase that opens most
    of the paragraphs it is in ("In this session, …"), which is a template;
    and the text of list items, table cells, headings, quotations, code and
    front matter, where repetition is usually structure. Text that is not
    English is skipped: telling filler from content needs English stop words.

    ## Why is this bad?
    Generated and padded articles lean on a few stock phrases ("a sense of",
    "it is important to", "can help you") dozens of times. The repetition
    reads as filler and, for search engines, as spam.

    ## Silenced by
    Varying or cutting the phrase until it falls under the thresholds, raising
    `per-thousand` or `min-count`, or a `contentlint-disable-next-line RP104`
    comment above its first use.

    ## Example
    ```markdown
    Journaling can help you sleep. Journaling can help you relax. Walking can
    help you focus, and music can help you unwind. Friends can help you cope.
    A routine can help you rest. Breathing can help you calm down. Tea can
    help you feel warm.
    ```

    ```markdown
    Journaling before bed lets worries settle on paper instead of in your
    head. A short walk after lunch clears the mind, and music can lift a low
    afternoon. Friends remind us we are not alone.
    ```
    """

    code = "RP104"
    name = "overused-phrase"
    severity = Severity.INFO
    options = (
        Option("n", 3, "words in a phrase (n-gram size)"),
        Option("per-thousand", 10.0, "uses per 1,000 words of prose at which a phrase counts as overused"),
        Option("min-count", 8, "uses a phrase needs before it can be reported, however short the article"),
    )

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterable[Violation]:
        size = max(1, int(options["n"]))
        words = document_words(document)
        if not words.english:
            return
        sentences = [span for _, span in prose_sentences(document)]
        total = sum(map(len, sentences))
        if not total:
            return
        needed = max(int(options["min-count"]), 1, math.ceil(float(options["per-thousand"]) * total / 1000 - 1e-9))
        lower = words.lower
        # The sentences' words in one list, a None after each sentence: one zip then makes
        # every n-gram, in C; an n-gram with a None in it runs across sentences and is
        # left out. Only the frequent ones are looked at closely.
        joined: list[str | None] = []
        offsets: list[int] = []  # where each sentence's words start in joined
        for span in sentences:
            offsets.append(len(joined))
            joined.extend(lower[span.start:span.stop])
            joined.append(None)
        # First a count of the n-grams' hashes: zip reuses its tuple once hash() is done
        # with it, and a word's hash is kept in the string, so no tuple is kept per
        # n-gram. Two n-grams that share a hash only add up, so when no hash is counted
        # `needed` times no n-gram is used that often: the usual case, settled here.
        if max(Counter(map(hash, zip(*(joined[k:] for k in range(size))))).values(), default=0) < needed:
            return
        grams = list(zip(*(joined[k:] for k in range(size))))
        frequent = {gram for gram, count in Counter(grams).items() if count >= needed and None not in gram}
        if not frequent:
            return
        positions: dict[tuple[str, ...], list[tuple[int, range]]] = defaultdict(list)  # (first word, sentence)
        prose, text, stems, starts, ends = document.prose, document.text, words.stems, words.starts, words.ends

        def mark(index: int, span: range) -> int:
            """1 content, 0 stop word, -1 a name or acronym inside the sentence ("the DAP
            team": the subject, not filler), -2 glued to the word before ("search.usa.gov",
            "case-study": one identifier, not a phrase)."""
            if index != span.start and _GLUE.fullmatch(prose, ends[index - 1], starts[index]):
                return -2
            if not stems[index] or len(lower[index]) == 1:
                return 0
            if index != span.start and text[starts[index]].isupper():
                return -1
            return 1

        # Only the places of frequent n-grams, found in C.
        for place in compress(range(len(grams)), map(frequent.__contains__, grams)):
            sentence = bisect_right(offsets, place) - 1
            span = sentences[sentence]
            first = span.start + place - offsets[sentence]
            window = [mark(index, span) for index in range(first, first + size)]
            if 1 in window and -1 not in window and -2 not in window[1:]:
                positions[grams[place]].append((first, span))
        overused = [(gram, found) for gram, found in positions.items() if len(found) >= needed]
        overused.sort(key=lambda item: (-len(item[1]), item[1][0][0]))
        topic: set[str] | None = None
        reported: list[tuple[str, ...]] = []
        for gram, found in overused:
            if any(_contains(phrase, gram) for phrase in reported):
                continue
            if topic is None:  # the title, parsed from the front matter only when needed
                topic = set(content_words(document.title or ""))
            first, length = _extend(words, found, size)
            phrase = tuple(words.lower[first[0]:first[0] + length])
            reported.append(phrase)
            if _template(document, words, first) or _about(words, first[0], length, topic):
                continue
            start, end = words.starts[first[0]], words.ends[first[0] + length - 1]
            text = document.text[start:end]
            yield Violation(start, end,
                            f"'{' '.join(text.split())}' is used {len(found)} times "
                            f"({len(found) * 1000 / total:.1f} per 1,000 words); vary or cut it")


def _about(words: Words, first: int, length: int, topic: set[str]) -> bool:
    """Whether every content word of the phrase is in the title: the article's subject recurs."""
    stems = [stem for stem in words.stems[first:first + length] if stem]
    return bool(topic) and all(stem in topic for stem in stems)


def _template(document: Document, words: Words, found: list[int]) -> bool:
    """Whether the phrase opens most of the paragraphs it is in: a template ("In this session, …")."""
    openers = 0
    for first in found:
        block = document.block_at(words.starts[first])
        # Within the first few words of its paragraph ("Number of people on …").
        if block is not None and len(words.span(block.start, words.starts[first])) <= 5:
            openers += 1
    return openers >= 0.75 * len(found)


def _extend(words: Words, found: list[tuple[int, range]], size: int) -> tuple[list[int], int]:
    """Grow the phrase left and right, within its sentences, while every use has the same neighbour."""
    starts = [start for start, _ in found]
    spans = [span for _, span in found]
    length = size
    while all(start + length in span for start, span in zip(starts, spans)) and len(
        {words.lower[start + length] for start in starts}
    ) == 1:
        length += 1
    while all(start - 1 in span for start, span in zip(starts, spans)) and len(
        {words.lower[start - 1] for start in starts}
    ) == 1:
        starts = [start - 1 for start in starts]
        length += 1
    return starts, length


def _contains(phrase: tuple[str, ...], gram: tuple[str, ...]) -> bool:
    size = len(gram)
    return any(phrase[i:i + size] == gram for i in range(len(phrase) - size + 1))
