"""RP103 restated-paragraph: a paragraph that says again what an earlier one said."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from contentlint.checks._repetition import Unit, document_words, earlier_similar, jaccard, paragraph_spans
from contentlint.document import HEADING, Document
from contentlint.rule import Option, Rule
from contentlint.violation import Severity, Violation

# A paragraph that opens like this sums up the article.
_SUMMING_UP = re.compile(
    r"(?:in conclusion|to conclude|in summary|to summari[sz]e|to sum up|in sum|in short|all in all|overall"
    r"|ultimately|in closing|in the end|in a nutshell|to wrap up|the bottom line is|final thoughts)\s*[,:—–-]",
    re.IGNORECASE,
)
# A heading that announces the summing-up.
_SUMMARY_HEADING = re.compile(
    r"^\W*(?:in )?(?:conclusions?|summary|to sum up|final thoughts|closing thoughts|the bottom line|bottom line"
    r"|wrapping up|key takeaways|takeaways)\W*$",
    re.IGNORECASE,
)


class RestatedParagraph(Rule):
    """A paragraph that restates an earlier one — typically a conclusion that
    repeats the introduction.

    ## What it does
    Compares the article's paragraphs by their content words (stop words
    dropped, light stemming) and reports the later paragraph of a pair,
    naming the line of the earlier one, when:

    - any two paragraphs share at least `threshold` of their content words
      (Jaccard similarity): the same paragraph again, lightly reworded;
    - a paragraph in the last third of an article of four or more paragraphs
      shares at least `intro-threshold` of its content words, and at least
      `intro-shared` distinct ones, with the introduction (the first
      paragraph): the conclusion repeats the opening;
    - a summing-up paragraph — one that opens with "In conclusion,", "In
      summary,", "Overall," …, or the first one under a "Conclusion" or
      "Summary" heading — shares at least `summary-threshold` and
      `summary-shared` content words with the introduction.

    Only paragraphs with `min-words` content words or more take part. List
    items, table cells, headings, quotations, code and front matter are left
    out. A paragraph of scraped text that puts one paragraph on each line is
    read line by line. Text that is not English is skipped: the comparison
    relies on English stop words.

    ## Why is this bad?
    Machine-written articles fill space by saying the introduction again as a
    conclusion, in slightly different words. It adds length and nothing else,
    and readers recognise the pattern.

    ## Silenced by
    A conclusion that adds something (a next step, a caveat, a source) so the
    overlap falls under the thresholds, deleting the restatement, or a
    `contentlint-disable-next-line RP103` comment above the later paragraph.

    ## Example
    ```markdown
    Regular physical activity lowers blood pressure, improves sleep quality,
    lifts mood and reduces the risk of heart disease in adults of every age.

    Start with short walks and build up slowly over several weeks.

    In conclusion, regular physical activity improves sleep quality, lowers
    blood pressure and lifts mood for adults of every age.
    ```

    ```markdown
    Regular physical activity lowers blood pressure, improves sleep quality,
    lifts mood and reduces the risk of heart disease in adults of every age.

    Start with short walks and build up slowly over several weeks.

    In conclusion, ask your doctor which kind of exercise suits you before you
    begin, especially if you have a heart condition or take medicine.
    ```
    """

    code = "RP103"
    name = "restated-paragraph"
    severity = Severity.INFO
    options = (
        Option("min-words", 15, "content words a paragraph needs to be compared"),
        Option("threshold", 0.6, "Jaccard similarity of content words at which any two paragraphs count as the same"),
        Option("intro-threshold", 0.25, "similarity of a late paragraph to the introduction that counts as restating it"),
        Option("intro-shared", 12, "distinct content words a late paragraph must share with the introduction"),
        Option("summary-threshold", 0.15, "similarity of a summing-up paragraph to the introduction that counts"),
        Option("summary-shared", 6, "distinct content words a summing-up paragraph must share with the introduction"),
    )

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterable[Violation]:
        min_words = int(options["min-words"])
        words = document_words(document)
        if not words.english:
            return
        units: list[Unit] = []
        sets: list[frozenset[str]] = []
        keys = words.keys
        for unit, span in paragraph_spans(document):
            if len(span) < min_words:
                continue  # fewer words than the content words needed
            unit_keys = keys[span.start:span.stop]
            if len(unit_keys) - unit_keys.count("") >= min_words:  # content words: "" is a stop word's key
                units.append(unit)
                sets.append(frozenset(filter(None, unit_keys)))  # = set(words.content(unit))
        if len(units) < 2:
            return
        summaries = _summing_up(document, units)
        repeated = earlier_similar(sets, float(options["threshold"]))
        intro = sets[0]
        for index in range(1, len(units)):
            unit = units[index]
            if index in repeated:
                earlier, similarity = max(repeated[index], key=lambda item: (item[1], -item[0]))
                line = document.position(units[earlier].start)[0]
                yield Violation(unit.start, unit.end,
                                f"Paragraph repeats the one at line {line} (content words {similarity:.0%} alike)")
                continue
            late = len(units) >= 4 and index >= 2 * len(units) / 3
            if not late and index not in summaries:
                continue  # only a late or a summing-up paragraph is compared with the introduction
            similarity = jaccard(intro, sets[index])
            shared = len(intro & sets[index])
            if (late and similarity >= options["intro-threshold"] and shared >= options["intro-shared"]) or (
                index in summaries and similarity >= options["summary-threshold"]
                and shared >= options["summary-shared"]
            ):
                intro_line = document.position(units[0].start)[0]
                yield Violation(unit.start, unit.end,
                                f"Paragraph restates the introduction at line {intro_line} "
                                f"({shared} content words in common)")


def _summing_up(document: Document, units: list[Unit]) -> set[int]:
    """Indexes of the units that sum up: opening phrase, or first under a summary heading."""
    found = set()
    headings = [block for block in document.blocks if block.kind == HEADING]
    for index, unit in enumerate(units):
        if _SUMMING_UP.match(document.prose, unit.start):
            found.add(index)
    for number, heading in enumerate(headings):
        if not _SUMMARY_HEADING.match(document.prose[heading.start:heading.end]):
            continue
        section_end = headings[number + 1].start if number + 1 < len(headings) else len(document.text)
        following = next((i for i, unit in enumerate(units) if heading.end <= unit.start < section_end), None)
        if following is not None:
            found.add(following)
    return found
