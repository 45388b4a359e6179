"""HC103 vague-research-appeal: "studies show", "experts agree", "cuts stress by 60%" with no source."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from contentlint.checks._claims import (
    REPORTING_VERB, named_study, causal_claims, find_citations, is_health_sentence, candidate_sentences, lexicon,
    may_be_on_health, negated_before, quoted_or_attributed, sentence_has_source, sentence_of, sentence_ranges, shown,
    skip_sentence, sources,
)
from contentlint.document import Document
from contentlint.rule import Option, Rule
from contentlint.violation import Severity, Violation


# Appeal phrases that carry their own verb ("studies show", "experts agree",
# "there is evidence", "according to", "backed by science").
APPEAL_VERB = re.compile(
    r"\b(?:show|shows|shown|suggest|suggests|suggested|found|find|prove|proves|proven|confirm|confirms|indicate"
    r"|indicates|say|says|tell|tells|agree|agrees|recommend|recommends|believe|believes|is|are|has|have|according"
    r"|backed)\b|-backed",
    re.IGNORECASE,
)


class VagueResearchAppeal(Rule):
    """An appeal to research or authority ("studies show", "experts agree") that names no source.

    ## What it does
    Reports, in a sentence about health, a phrase that borrows the authority
    of research or experts without saying which: "studies show", "research
    suggests", "there is an abundance of research", "experts agree", "doctors
    recommend", "has been shown to" (the list is
    `rules/words/hc-research-appeals.txt`). It also reports a statistic
    presented as a research result — a health claim with a number, such as
    "cuts stress by 60%" — that has no source.

    A sentence is about health when it names a health outcome, a disease, an
    intervention or a health topic (`rules/words/hc-outcomes.txt`,
    `hc-diseases.txt`, `hc-interventions.txt`, `hc-health-topics.txt`); an
    appeal at the end of a sentence ("Studies show:") looks at the next
    sentence too. Hedges do not silence this rule: "research suggests" is as
    vague as "research shows".

    ## Why is this bad?
    "Studies show" sounds like evidence but gives the reader nothing to check.
    Content farms use it to dress up claims nobody studied; readers cannot
    tell the difference unless the study is named and linked.

    ## Silenced by
    - a source in the same paragraph or on the same line: a Markdown link,
      an autolink or bare URL, a footnote `[^1]`, an HTML `<a href>`, a
      numbered citation `[1]` or a superscript number;
    - an author–year citation in the sentence ("(Smith et al., 2020)"), which
      HC104 then checks against the reference list;
    - a negation just before it ("no studies show", "there is no evidence").

    ## Example
    ```markdown
    Studies show that cold showers boost your immune system.
    ```

    ```markdown
    A [2016 trial](https://doi.org/10.1371/journal.pone.0161749) found fewer sick days among people who took cold showers.
    ```

    ## Fix
    Name and link the study, or the guideline, that the sentence relies on —
    or remove the appeal and hedge the claim.
    """

    code = "HC103"
    name = "vague-research-appeal"
    severity = Severity.WARNING
    options = (
        Option("extra-appeals", [], "More appeal phrases (added to rules/words/hc-research-appeals.txt)."),
        Option("statistics", True, "Also report health claims stated with a statistic ('by 60%') and no source."),
    )

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
        if not may_be_on_health(document):
            return  # an appeal or a statistic counts only in a sentence on health
        reported: set[int] = set()
        appeals = lexicon("research-appeals", tuple(options.get("extra-appeals", ())))
        candidates = candidate_sentences(document)
        if candidates is None:
            matches = appeals.spans(document.prose)
        else:  # only the sentences that may be on health, and those that open onto one, are read (about_health)
            opening = (index - 1 for index in candidates if index and self.ends_open(document, index - 1))
            indices = sorted({*candidates, *opening})
            matches = appeals.spans_in(document.prose, sentence_ranges(document, indices))
        for start, end in matches:
            index = sentence_of(document, start)
            if index is None or index in reported:
                continue
            sentence = document.sentences[index]
            if skip_sentence(document, sentence) or not self.about_health(document, index):
                continue
            if negated_before(document, sentence, start, 2) or quoted_or_attributed(document, sentence, start):
                continue
            # "recent studies", "many studies" name no finding by themselves:
            # they appeal only when a reporting verb follows ("… show that").
            phrase = document.prose[start:end]
            if not APPEAL_VERB.search(phrase) and not REPORTING_VERB.search(
                    document.prose, end, min(sentence.end, end + 40)):
                continue
            if sentence_has_source(document, sources(document), sentence):
                continue
            if find_citations(document.text, sentence.start, sentence.end) or named_study(document, sentence):
                continue  # a citation or a named study: HC104 checks it
            reported.add(index)
            phrase = shown(document.prose[start:end])
            yield Violation(start, end, f"Appeal to research or authority '{phrase}' with no source: "
                                        f"name and link the study or guideline, or remove the appeal")
        if not options.get("statistics", True):
            return
        for claim in causal_claims(document):
            if not claim.statistic or claim.cited or claim.sentence in reported:
                continue
            sentence = document.sentences[claim.sentence]
            if sentence_has_source(document, sources(document), sentence):
                continue
            reported.add(claim.sentence)
            yield Violation(claim.start, claim.end,
                            f"Statistic '{claim.statistic}' in '{claim.phrase}' presented as a research result with "
                            f"no source: link the study it comes from, or drop the number")

    @staticmethod
    def about_health(document: Document, index: int) -> bool:
        if is_health_sentence(document, index):
            return True
        following = index + 1
        return (VagueResearchAppeal.ends_open(document, index) and following < len(document.sentences)
                and is_health_sentence(document, following))

    @staticmethod
    def ends_open(document: Document, index: int) -> bool:
        """A sentence that ends with a colon ("Studies show:") opens onto the next."""
        sentence = document.sentences[index]
        return document.prose[sentence.start:sentence.end].rstrip().endswith(":")
