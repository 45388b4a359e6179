"""HC101 unsourced-disease-claim: "cures cancer", "prevents diabetes", stated as fact."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from contentlint.checks._claims import CLAIM_OPTIONS, Extras, causal_claims, sentence_has_source, sources
from contentlint.document import Document
from contentlint.rule import Rule
from contentlint.violation import Severity, Violation


class UnsourcedDiseaseClaim(Rule):
    """A claim that something cures, treats or prevents a disease, with no source and no hedge.

    ## What it does
    Reports a sentence in which a practice, substance, product or behaviour is
    said to cure, treat, heal, prevent, reverse or fight a named disease
    ("turmeric cures arthritis", "this diet prevents diabetes", "a cure for
    cancer") — the FDA's notion of a *disease claim* — when nothing backs it.

    A claim is a phrase from `rules/words/hc-disease-verbs.txt` followed, in
    the same clause, by a disease from `rules/words/hc-diseases.txt` or a word
    ending in -itis, -osis, -emia, -oma or -pathy. Not claims: "to prevent …"
    (a purpose: "used to treat", "in order to prevent"), "did not prevent …"
    (negated), questions, headings that name a topic ("How yoga treats
    back pain"), definitions ("Insulin is a hormone that …"), and words quoted
    from a named person.

    ## Why is this bad?
    Telling readers that something cures or prevents a disease, with nothing
    behind it, is the most harmful thing a health article can publish: people
    delay or drop real treatment on the strength of it.

    ## Silenced by
    - a hedge in the same clause (`rules/words/hc-hedges.txt`: may, might,
      could, can help, for some people, associated with, linked to …);
    - a source in the same paragraph or on the same line: a Markdown link,
      an autolink or bare URL, a footnote `[^1]`, an HTML `<a href>`, a
      numbered citation `[1]` or a superscript number;
    - an author–year citation in the sentence ("(Smith et al., 2020)") —
      whether that citation can be verified is HC104's business.

    ## Example
    ```markdown
    Turmeric cures arthritis.
    ```

    ```markdown
    Turmeric may ease arthritis pain for some people ([NIH](https://www.nccih.nih.gov/health/turmeric)).
    ```

    ## Fix
    Add a source (a link or a reference) for the claim, or hedge it to what
    the evidence supports: "may help", "is linked to".
    """

    code = "HC101"
    name = "unsourced-disease-claim"
    severity = Severity.ERROR
    options = CLAIM_OPTIONS

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
        for claim in causal_claims(document, Extras.from_options(options)):
            if not claim.disease or claim.cited:
                continue
            if sentence_has_source(document, sources(document), document.sentences[claim.sentence]):
                continue
            yield Violation(
                claim.start, claim.end,
                f"Disease claim '{claim.phrase}' with no source or hedge: "
                f"add a source, or hedge it ('may help with …')",
            )
