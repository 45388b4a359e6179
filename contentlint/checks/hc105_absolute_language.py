"""HC105 absolute-health-language: "clinically proven", "guaranteed", "no side effects"."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from contentlint.checks._claims import (
    administrative, clause_bounds, health_topic, is_health_sentence, candidate_sentences, lexicon, may_be_on_health,
    quoted_or_attributed, sentence_has_source, sentence_of, sentence_ranges, shown, skip_sentence, sources,
)
from contentlint.document import Document
from contentlint.rule import Option, Rule
from contentlint.violation import Severity, Violation


class AbsoluteHealthLanguage(Rule):
    """Absolute language about a health outcome: "clinically proven", "guaranteed", "100%", "no side effects".

    ## What it does
    Reports, in a sentence about health, a word or phrase that promises
    certainty no health intervention has: "proven", "clinically proven",
    "guaranteed", "100% effective", "no side effects", "completely safe",
    "always works", "miracle cure", "instantly" (the list is
    `rules/words/hc-absolute.txt`).

    A sentence is about health when it names a health outcome, a disease, an
    intervention or a health topic (`rules/words/hc-outcomes.txt`,
    `hc-diseases.txt`, `hc-interventions.txt`, `hc-health-topics.txt`).
    Not reported: a phrase negated earlier in its clause ("not proven",
    "there is no guarantee", "not all … work for everyone"),
    questions, headings that name a topic, quotes attributed to a named
    person, and sentences about what a plan, a law or insurance does
    ("100% of the cost is covered").

    ## Why is this bad?
    Every treatment works for some people and not others, and every one has
    side effects for someone. Absolute words are the language of advertising
    and of health fraud; regulators treat "guaranteed" and "no side effects"
    as red flags.

    ## Silenced by
    - a source in the same paragraph or on the same line: a Markdown link,
      an autolink or bare URL, a footnote `[^1]`, an HTML `<a href>`, a
      numbered citation `[1]` or a superscript number;
    - a negation just before it ("not proven", "no guarantee").
    A hedge does not silence it: "may be 100% effective" is still absolute.

    ## Example
    ```markdown
    This tea is clinically proven to melt belly fat.
    ```

    ```markdown
    In one small trial, green tea extract was followed by slightly more fat loss than placebo ([review](https://www.ncbi.nlm.nih.gov/books/NBK279056/)).
    ```

    ## Fix
    Say what the evidence shows, with a source: "in a 2020 trial of 80
    adults …". Drop words such as "guaranteed" and "no side effects".
    """

    code = "HC105"
    name = "absolute-health-language"
    severity = Severity.WARNING
    options = (Option("extra-absolute", [], "More absolute phrases (added to rules/words/hc-absolute.txt)."),)

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
        if not may_be_on_health(document):
            return  # absolute language counts only in a sentence on health
        reported: set[int] = set()
        phrases = lexicon("absolute", tuple(options.get("extra-absolute", ())))
        candidates = candidate_sentences(document)
        if candidates is None:
            matches = phrases.spans(document.prose)
        else:  # only the sentences that may be on health are read
            matches = phrases.spans_in(document.prose, sentence_ranges(document, candidates))
        for start, end in matches:
            index = sentence_of(document, start)
            if index is None or index in reported:
                continue
            sentence = document.sentences[index]
            if skip_sentence(document, sentence) or not is_health_sentence(document, index):
                continue
            clause_start, clause_end = clause_bounds(document.prose, sentence.start, sentence.end, start)
            if not health_topic(document, clause_start, clause_end):
                continue  # the health words are in another clause
            negation = lexicon("negations").search(document.prose, clause_start, start)
            if negation or quoted_or_attributed(document, sentence, start):
                continue
            if administrative(document, sentence) or sentence_has_source(document, sources(document), sentence):
                continue
            reported.add(index)
            yield Violation(start, end, f"Absolute claim '{shown(document.prose[start:end])}' about a health "
                                        f"outcome: no treatment is certain; say what the evidence shows and link it")
