"""HC102 unsourced-efficacy-claim: "yoga reduces anxiety", stated as fact."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from contentlint.checks._claims import (
    CLAIM_OPTIONS, Extras, administrative_claim, causal_claims, sentence_has_source, sources,
)
from contentlint.document import Document
from contentlint.rule import Rule
from contentlint.violation import Severity, Violation


class UnsourcedEfficacyClaim(Rule):
    """A claim that something causes, reduces or improves a health outcome, with no source and no hedge.

    ## What it does
    Reports a sentence that states, as fact, that a practice, substance,
    behaviour or product causes, reduces, improves, boosts, lowers or
    otherwise changes a health outcome — physical or mental: anxiety,
    depression, stress, pain, sleep, immunity, hormone levels, weight,
    wellbeing … ("cold showers boost your immune system", "it helps to reduce
    anxiety", "meditation lowers cortisol").

    A claim is a causal phrase from `rules/words/hc-causal-verbs.txt`
    ("reduces", "leads to", "has a positive effect on", "is effective for" …)
    with a health outcome (`rules/words/hc-outcomes.txt`) or a disease after
    it in the same clause (before it, for a passive: "anxiety is reduced
    by …"). In a clause that names something clinical — an intervention, a
    disease, an outcome or a term from `rules/words/hc-clinical.txt` — these
    are claims too, whatever their object is called:
    - a verb of change with a direct object ("nutrition training reduced IPV",
      "improves HbA1c", "led to a reduction in readmissions");
    - an efficacy predicate ("the intervention was effective", "is superior
      to placebo", "has efficacy comparable to …");
    - a passive with its cause ("is affected by bruxism", "pain was reduced
      with acupuncture");
    - a result of benefit ("the trial demonstrated better outcomes",
      "produced significant improvements in flexibility"), unless its
      subject is a group of people ("women showed greater improvements").

    Claims stated without such a verb phrase are found by their construction,
    with the same silencers:
    - an effect named by a noun and judged: "the effect of X on Y was
      significant" ("… was not significant" is a claim of no effect);
    - the outcome of a group defined by what it was given: "patients
      receiving X had fewer relapses", "women treated with X showed lower …";
    - a part played in an outcome, in a document about health only: "X plays
      a key role in Y", "X is essential to Y", "X is a major determinant of
      Y", "X is a leading cause of Y", "(the study) highlights the role of X
      in Y", "the importance of X for Y" (not after "it", "this", "that" or
      "there": "It is essential to …" is a directive, HC106's; not after a
      verb of inquiry: "we examined the role of X in Y");
    - a change named by a noun: "produced a marked decrease in", "a
      reduction in HbA1c was achieved with X", "had a protective effect
      against"; a benefit or protection conferred: "provided no benefit",
      "conferred protection against"; "is responsible for", "is a major
      cause of", "outperformed", "doubled", "predisposes to";
    - a passive of benefit in the treated group: "symptoms were improved in
      the exercise group" (not the control, placebo or usual-care group, nor
      "both groups").

    In a document about health — at least half of its sentences, and five,
    name a health outcome, a disease or an intervention — a verb of change
    with a direct object, or an efficacy predicate, is a claim whatever its
    object is called, even in a sentence that names nothing about health
    ("Zorvex ameliorates the pHDL index", "improves the conspicuity of
    small lesions"), when the verb follows its subject directly (not after
    a comma) and the object is not something that is no health outcome
    (`rules/words/hc-not-health-objects.txt`: costs, prices, time, traffic,
    page views, the website …). The same sentence in a document about
    something else is not reported.

    A negated claim ("did not improve", "was not effective", "had no effect
    on", "failed to reduce") is reported as a claim of no effect. Not claims:
    purposes ("to reduce", "designed to improve"), imperatives ("Reduce
    stress by …"), adjectives ("a reduced risk", "new or improved
    treatments"), comparisons ("was increased in women", "had lower
    scores"), the writer's own work ("we improved"), support for an idea
    ("these data support …"), questions, headings that name a topic,
    definitions, quotes attributed to a named person, and claims about what
    a plan, a law or insurance does (`rules/words/hc-administrative.txt`, in
    the claim's clause). Nor is a claim asked or put as a condition:
    "whether X reduces Y", "if X lowers Y", "to confirm that X relieves Y".
    Disease claims are HC101's.

    ## Why is this bad?
    An efficacy claim with nothing behind it asks readers to change what they
    do for their health on the writer's word alone. Most such claims are
    stronger than the evidence: the honest version is hedged or sourced.

    ## Silenced by
    - a hedge in the same clause (`rules/words/hc-hedges.txt`: may, might,
      could, can help, often, for some people, associated with, linked to,
      appears to, it is hoped …); bare "can" is not a hedge, nor is a hedge
      inside a compound ("antibiotic-associated") or in a relative clause
      after the outcome ("improved behaviours that may lead to …"), nor a
      modal in a later predicate ("X reduced Y and should be offered …"), a
      comment after a comma ("X reduced Y, suggesting …"), or "associated
      with" / "related to" right after the claim's object, where it
      modifies that object ("reduced the complications associated with
      surgery"; "X was associated with Y" is the correlational claim), nor
      "suggests (that)" or "indicates (that)" before the claim: they report
      the claim that follows ("the results suggest that X reduces pain"),
      whose own words decide;
    - a source in the same paragraph or on the same line: a Markdown link,
      an autolink or bare URL, a footnote `[^1]`, an HTML `<a href>`, a
      numbered citation `[1]` or a superscript number;
    - an author–year citation in the sentence (HC104 checks it).

    ## Example
    ```markdown
    Cold showers boost your immune system.
    ```

    ```markdown
    Cold showers may boost your immune system, though the evidence is thin.
    ```

    ## Fix
    Add a source for the claim, or hedge it: "may help", "is linked to",
    "for some people".
    """

    code = "HC102"
    name = "unsourced-efficacy-claim"
    severity = Severity.WARNING
    options = CLAIM_OPTIONS

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
        for claim in causal_claims(document, Extras.from_options(options)):
            if claim.disease or claim.cited:
                continue
            sentence = document.sentences[claim.sentence]
            if sentence_has_source(document, sources(document), sentence) or administrative_claim(document, claim):
                continue
            phrase = f"'{claim.phrase}'"
            if claim.negated:
                message = (f"Claim of no effect ({phrase}, negated) stated as fact with no source: add a source, "
                           f"or say what the evidence shows ('no clear effect was found in …')")
            else:
                message = (f"Health claim {phrase} stated as fact with no source or hedge: add a source, "
                           f"or hedge it ('may help', 'is linked to')")
            yield Violation(claim.start, claim.end, message)
