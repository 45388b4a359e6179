"""RD101: the document reads above the target grade level."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from contentlint.document import Document
from contentlint.rule import Option, Rule
from contentlint.violation import Severity, Violation

# A paragraph shorter than this is a poor witness of difficulty (one long word
# swings its grade); it is the hardest only when no paragraph is this long.
MIN_PARAGRAPH_WORDS = 20


class GradeLevel(Rule):
    """The document's reading grade is well above the target for the public.

    ## What it does
    Scores the document's running prose (paragraphs, list items, block quotes
    and HTML blocks; not headings, tables, code or front matter) with a
    readability formula — Flesch–Kincaid grade by default, the same number
    textstat gives — and reports when the grade is more than `tolerance`
    above `target-grade`. The finding is placed at the paragraph that is hardest to
    read and gives its grade and the document's. Documents shorter than
    `min-words` words, and documents whose front matter declares a language
    other than English (`lang: es`), are not judged: the formulas are English
    ones and are unreliable on short texts.

    The default target is grade 8, the ceiling of the usual guidance for
    health information for the public: NIH/NLM's MedlinePlus easy-to-read
    guidelines ask for about grade 6–7 and the AMA for grade 6 or below, and the
    average US adult reads at about grade 7–8. The default tolerance of 4
    grades reports only what reads above grade 12 — beyond high school, hard
    for most adults — because the formulas are rough (±1–2 grades) and
    professional pages commonly score 9–12 (median 11.4 on digital.gov, 8.7 on
    HealthCare.gov's English pages); the severity is info so a grade alone does
    not fail a build. Set `tolerance = 0` to hold pages to the guidance itself.

    ## Why is this bad?
    Health information only helps readers who can understand it; most adults
    read comfortably at about grade 8. Long words and long sentences — what
    the formulas measure — are what make a page hard.

    ## Silenced by
    A grade at most `target-grade` + `tolerance`; fewer than `min-words` words of
    prose; a non-English `lang`/`language` in the front matter.

    ## Example
    ```markdown
    Individuals experiencing persistent psychological distress following traumatic experiences frequently
    demonstrate considerable difficulty establishing interpersonal relationships characterized by
    vulnerability, reciprocity and emotional authenticity. Comprehensive therapeutic interventions
    incorporating evidence-based cognitive methodologies, pharmacological considerations and
    individualized psychoeducational components are generally recommended by professional organizations.
    Additionally, practitioners should systematically evaluate environmental, occupational and
    socioeconomic circumstances, considering the substantial variability of recovery trajectories
    documented throughout the contemporary literature. Ultimately, collaborative decision-making
    involving affected individuals, families and multidisciplinary professionals facilitates
    sustainable improvements regarding functional independence. Consequently, organizations
    disseminating educational information should prioritize comprehensibility, accessibility and
    culturally appropriate communication strategies. Furthermore, longitudinal investigations
    consistently demonstrate that comprehensive, individualized rehabilitation substantially
    diminishes subsequent psychological deterioration.
    ```

    ```markdown
    After something scary happens, many people feel upset for a while. You may have bad dreams. You
    may feel on edge, or find it hard to trust people. These feelings are common, and for most
    people they fade over a few weeks. Talk with someone you trust about how you feel. Try to keep
    a daily routine. Get some sleep and move your body each day. If the feelings last more than a
    month, or make it hard to work or take care of yourself, talk to a doctor or a counselor. They
    can help you find care that works for you. You do not have to get through it alone. Ask for
    help early. It is a sign of strength, not weakness.
    ```

    ## Fix
    Use shorter words and shorter sentences in the paragraph the finding points
    to; explain or replace technical terms.
    """

    code = "RD101"
    name = "grade-level"
    document_level = True
    severity = Severity.INFO
    options = (
        Option("metric", "flesch_kincaid_grade",
               "the formula: flesch_kincaid_grade, smog_index, coleman_liau_index, automated_readability_index "
               "or gunning_fog (textstat's names)"),
        Option("target-grade", 8.0, "the grade the document should read at (US school grade)"),
        Option("tolerance", 4.0, "report only grades more than this above the target"),
        Option("min-words", 100, "do not judge documents with fewer words of prose"),
    )

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterable[Violation]:
        from contentlint.checks import _readability as readability

        metric = options["metric"]
        if metric not in readability.GRADE_METRICS[:-1]:  # Dale–Chall is a score, not a grade
            raise ValueError(f"unknown metric {metric!r} for RD101; choose one of "
                             f"{', '.join(readability.GRADE_METRICS[:-1])}")
        if not readability.is_english(document):
            return
        counts = readability.document_counts(document)
        if counts.words < options["min-words"]:
            return
        grade = readability.score(counts, metric)
        target = options["target-grade"]
        if grade <= target + options["tolerance"]:
            return
        candidates = (readability.long_block_counts(document, MIN_PARAGRAPH_WORDS)
                      or readability.block_counts(document))
        hardest = max(candidates, key=lambda item: readability.score(item.counts, metric))
        label = readability.METRIC_LABELS[metric]
        yield Violation(
            hardest.block.start, hardest.block.end,
            f"The document reads at grade {grade:.1f} ({label}), above the target grade {target:g} "
            f"(+{options['tolerance']:g} tolerance); this paragraph is the hardest, at grade "
            f"{readability.score(hardest.counts, metric):.1f}",
        )
