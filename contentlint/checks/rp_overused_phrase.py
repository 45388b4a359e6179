"""RP104 overused-phrase: a phrase used far more often than the article's length warrants."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from contentlint.checks._repetition import PROSE_KINDS, Words, document_words
from contentlint.document import Document
from contentlint.rule import Option, Rule
from contentlint.violation import Severity, Violation


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
    single letters, names (every content word capitalised inside the
    sentence, such as "General Services Administration"), and the text of
    list items, table cells, headings, quotations, code and front matter,
    where repetition is usually structure.

    ## Why is this bad?
    Generated and keyword-stuffed articles lean on a few stock phrases ("a
    sense of", "it is important to", "the best CBD oil") dozens of times.
    The repetition reads as filler and, for search engines, as spam.

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
        sentences: list[range] = []
        for sentence in document.sentences:
            if document.blocks[sentence.block].kind in PROSE_KINDS:
                sentences.append(words.span(sentence.start, sentence.end))
        total = sum(len(span) for span in sentences)
        if not total:
            return
        positions: dict[tuple[str, ...], list[int]] = defaultdict(list)
        sentence_of: dict[int, range] = {}  # word index -> the word span of its sentence
        for span in sentences:
            for index in span:
                sentence_of[index] = span
            for first in range(span.start, span.stop - size + 1):
                if _counts(document, words, first, size, span.start):
                    positions[tuple(words.lower[first:first + size])].append(first)
        needed = max(int(options["min-count"]), 1)
        rate = float(options["per-thousand"])
        overused = [(gram, found) for gram, found in positions.items()
                    if len(found) >= needed and len(found) * 1000 / total >= rate]
        overused.sort(key=lambda item: (-len(item[1]), item[1][0]))
        reported: list[tuple[str, ...]] = []
        for gram, found in overused:
            if any(_contains(phrase, gram) for phrase in reported):
                continue
            first, length = _extend(words, found, size, sentence_of)
            phrase = tuple(words.lower[first[0]:first[0] + length])
            reported.append(phrase)
            start, end = words.starts[first[0]], words.ends[first[0] + length - 1]
            text = document.text[start:end]
            yield Violation(start, end,
                            f"'{' '.join(text.split())}' is used {len(found)} times "
                            f"({len(found) * 1000 / total:.1f} per 1,000 words); vary or cut it")


def _counts(document: Document, words: Words, first: int, size: int, sentence_start: int) -> bool:
    """Whether the n-gram starting at word `first` is a phrase worth counting."""
    content = [i for i in range(first, first + size) if words.stems[i] and len(words.lower[i]) > 1]
    if not content:
        return False
    # A name: every content word capitalised, and not merely because it opens the sentence.
    return not all(i != sentence_start and document.text[words.starts[i]].isupper() for i in content)


def _extend(words: Words, found: list[int], size: int, sentence_of: dict[int, range]) -> tuple[list[int], int]:
    """Grow the phrase left and right, within its sentences, while every use has the same neighbour."""
    starts = list(found)
    length = size
    while all(start + length in sentence_of[start] for start in starts) and len(
        {words.lower[start + length] for start in starts}
    ) == 1:
        length += 1
    while all(start - 1 in sentence_of[start] for start in starts) and len(
        {words.lower[start - 1] for start in starts}
    ) == 1:
        starts = [start - 1 for start in starts]
        length += 1
    return starts, length


def _contains(phrase: tuple[str, ...], gram: tuple[str, ...]) -> bool:
    size = len(gram)
    return any(phrase[i:i + size] == gram for i in range(len(phrase) - size + 1))
