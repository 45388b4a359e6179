"""RP102 duplicate-sentence: a sentence that repeats an earlier one, even reworded."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from contentlint.checks._repetition import Words, document_words, earlier_similar, is_label, prose_sentences
from contentlint.document import Document, Sentence
from contentlint.rule import Option, Rule
from contentlint.violation import Severity, Violation


class DuplicateSentence(Rule):
    """A sentence that says again what an earlier sentence of the article said.

    ## What it does
    Compares every sentence of the article's paragraphs with the sentences
    before it by their content words (stop words dropped, light stemming, so
    "helps reduce stress" and "can help to reduce stress" agree). A sentence
    whose content words overlap an earlier one's by at least `threshold`
    (Jaccard similarity) is reported at the later sentence, naming the line of
    the earlier one. Light rewording, reordering or an added word still
    counts. A run of repeated sentences is reported once.

    List items, table cells, headings, quotations, code and front matter are
    not compared (parallel list items are meant to look alike), nor are short
    sentences: a sentence needs `min-words` content words ("Learn more." and
    "Yes." never count). Nor are sentences set wholly in bold or italics (the
    questions of an interview) or opening with a bold "Label:" (the fields
    of a record). Text that is not English is skipped: the comparison
    relies on English stop words.

    ## Why is this bad?
    Generated articles pad their length by saying the same thing twice, a few
    paragraphs apart. Readers notice, and trust the rest less.

    ## Silenced by
    Rewording so the sentences say different things, deleting one of them, or
    a `contentlint-disable-next-line RP102` comment above the later one.

    ## Example
    ```markdown
    Regular walks lower blood pressure and improve sleep for most adults.

    Pick comfortable shoes and start with ten minutes a day.

    For most adults, regular walks improve sleep and lower blood pressure.
    ```

    ```markdown
    Regular walks lower blood pressure and improve sleep for most adults.

    Pick comfortable shoes and start with ten minutes a day.

    Add a few minutes each week until you walk for half an hour.
    ```
    """

    code = "RP102"
    name = "duplicate-sentence"
    severity = Severity.WARNING
    options = (
        Option("threshold", 0.7, "Jaccard similarity of content words (0–1) at which two sentences count as the same"),
        Option("min-words", 5, "content words a sentence needs to be compared"),
    )

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterable[Violation]:
        threshold = float(options["threshold"])
        min_words = int(options["min-words"])
        words = document_words(document)
        if not words.english:
            return
        compared: list[tuple[Sentence, range]] = []  # each sentence compared, with its words
        sets: list[frozenset[str]] = []
        keys = words.keys
        for pair in prose_sentences(document):
            span = pair[1]
            if len(span) < min_words:
                continue  # fewer words than the content words needed
            sentence_keys = keys[span.start:span.stop]
            if len(sentence_keys) - sentence_keys.count("") < min_words:
                continue  # fewer content words than needed ("" is a stop word's key)
            compared.append(pair)
            sets.append(frozenset(filter(None, sentence_keys)))  # = set(words.content(sentence))
        matches = earlier_similar(sets, threshold)
        if not matches:
            return  # the usual case: no need to look for labels
        spans = [(sentence.start, sentence.end) for sentence, _ in compared]
        indexes = [span for _, span in compared]
        # Labels (sentences set in bold, or opening with a bold "Label:") take no part. A
        # pair's similarity does not depend on the other sentences, so leaving them out
        # now finds what leaving them out before comparing would have.
        kept = [index for index, (start, end) in enumerate(spans) if not is_label(document.text, start, end)]
        if len(kept) < len(spans):
            matches, spans, indexes = _without_labels(matches, kept), [spans[i] for i in kept], [indexes[i] for i in kept]
        best = {later: _best(found) for later, found in matches.items()}
        # Group runs: sentence j+1 repeating the sentence after the one j repeats.
        later = 0
        ordered = sorted(best)
        while later < len(ordered):
            first = ordered[later]
            earlier, similarity = best[first]
            last = later
            while (last + 1 < len(ordered) and ordered[last + 1] == ordered[last] + 1
                   and best[ordered[last + 1]][0] == best[ordered[last]][0] + 1
                   and best[ordered[last + 1]][0] < first):
                last += 1
            end = spans[ordered[last]][1]
            line = document.position(spans[earlier][0])[0]
            count = last - later + 1
            if line == document.position(spans[first][0])[0]:
                subject = f"These {count} sentences repeat" if count > 1 else "Sentence repeats"
                message = f"{subject} an earlier one on the same line"
            elif count > 1:
                message = f"These {count} sentences repeat the sentences starting at line {line}"
            elif _wording(words, indexes[first]) == _wording(words, indexes[earlier]):
                message = f"Sentence repeats the one at line {line}"
            else:
                message = f"Sentence restates the one at line {line} (content words {similarity:.0%} alike)"
            yield Violation(spans[first][0], end, message)
            later = last + 1


def _without_labels(matches: dict[int, list[tuple[int, float]]], kept: list[int]) -> dict[int, list[tuple[int, float]]]:
    """matches among the kept sentences only, each numbered by its place among them."""
    number = {index: place for place, index in enumerate(kept)}
    found = {}
    for later, pairs in matches.items():
        if later in number:
            pairs = [(number[earlier], similarity) for earlier, similarity in pairs if earlier in number]
            if pairs:
                found[number[later]] = pairs
    return found


def _wording(words: Words, span: range) -> list[str]:
    return words.lower[span.start:span.stop]


def _best(found: list[tuple[int, float]]) -> tuple[int, float]:
    """The most similar earlier sentence; the first of equals."""
    return max(found, key=lambda item: (item[1], -item[0]))
