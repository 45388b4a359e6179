"""HC104 unverifiable-citation: "(Smith et al., 2020)" or "a study by Dr. X found" that cannot be checked."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from collections.abc import Iterator, Mapping
from typing import Any

from contentlint.checks._claims import (
    NAMED_STUDY, YEAR, ascii_pattern, ascii_spans, sentences_with, find_citations, named_study, is_health_sentence,
    candidate_sentences, may_be_on_health, reference_section, sentence_has_source, sentence_of, shown, skip_sentence,
    sources,
)
from contentlint.document import Document
from contentlint.rule import Rule
from contentlint.violation import Severity, Violation

# A word every named study or expert has (NAMED_STUDY): only sentences with one are searched.
STUDY_WORDS = frozenset({"study", "trial", "survey", "review", "paper", "experiment", "meta", "researchers",
                         "scientists", "doctors", "experts", "according", "dr", "professor", "prof"})


@lru_cache(maxsize=1)
def year_pattern() -> Any:
    """YEAR in RE2: one fast pass over the text finds the blocks worth searching."""
    return ascii_pattern(YEAR.pattern)


# Every author–year citation (find_citations) ends with a year and ")":
# "2020)", "2019a)". In the bytes ascii_spans searches, "?" stands for any
# character that is not ASCII, so a year written in other digits is kept.
CLOSING_YEAR = r"(?:1[89]|20)[0-9?][0-9?][a-z]?\)"


@lru_cache(maxsize=1)
def closing_year_pattern() -> Any:
    return ascii_pattern(CLOSING_YEAR)


class UnverifiableCitation(Rule):
    """A citation a reader cannot check: "(Smith et al., 2020)" with no reference, "a study by Dr. X found" with no link.

    ## What it does
    Reports two kinds of citation that point nowhere:

    - an author–year citation — "(Smith et al., 2020)", "(Lee & Park, 2019;
      Chen 2021)", "Smith and Jones (2018)" — when the article has no entry
      in a references section (a heading named References, Sources,
      Bibliography, Works cited, Further reading, Citations or Notes, or
      footnote definitions) that contains the author's surname and the year,
      and no link in the same paragraph;
    - a named but unlinked study or expert in a sentence about health — "a
      study by Dr. Lee found …", "a 2019 study published in the Journal of
      Sleep Research", "researchers at Stanford found …", "according to
      Dr. Patel" — when the paragraph has no link, footnote or numbered
      citation and no reference entry mentions the name.

    ## Why is this bad?
    A citation that cannot be looked up is worse than none: it looks like
    evidence. Machine-written articles invent plausible author–year citations
    and "a study by Dr. X"; an editor must be able to check every one.

    ## Silenced by
    - a matching entry in the references section (surname and year);
    - a Markdown link, bare URL, footnote `[^1]`, HTML `<a href>`, numbered
      citation `[1]` or superscript in the same paragraph or on the same line;
    - for named studies, a reference entry that mentions the name.

    ## Example
    ```markdown
    Cold exposure reduces stress (Smith et al., 2020).
    ```

    ```markdown
    Cold exposure reduced self-reported stress in one small trial (Smith et al., 2020).

    References
    ----------

    - Smith, J., Jones, A. (2020). Cold water immersion and stress. *Journal of Examples*, 1(2).
    ```

    ## Fix
    Add the full reference to a References section, or link the study.
    """

    code = "HC104"
    name = "unverifiable-citation"
    severity = Severity.WARNING

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
        text = document.text
        prose = document.prose
        reported: set[int] = set()
        # A citation has a year, and ends with one: only the blocks with both
        # are searched (most pages have dates, few have "2020)").
        closing_years = [m for m, _ in ascii_spans(closing_year_pattern(), text)]
        with_year: list[int] = []
        if closing_years:
            in_references = reference_section(document)
            block_starts = [block.start for block in document.blocks]
            closing = {bisect_right(block_starts, m) - 1 for m in closing_years}
            with_year = sorted({bisect_right(block_starts, m) - 1 for m, _ in ascii_spans(year_pattern(), text)}
                               - {-1})
        for block_index in with_year:
            block = document.blocks[block_index]
            if block_index in in_references or block_index not in closing:
                continue
            for citation in find_citations(text, block.start, block.end):
                if not prose[citation.start + 1:citation.end - 1].strip():
                    continue  # inside code or markup, not prose
                index = sentence_of(document, citation.start) or sentence_of(document, citation.start + 1)
                srcs = sources(document)
                if index is not None and sentence_has_source(document, srcs, document.sentences[index]):
                    continue
                missing = [(name, year) for name, year in citation.pairs if not srcs.matches_reference(name, year)]
                if not missing:
                    continue
                if index is not None:
                    reported.add(index)
                where = ("no entry in the references section matches it" if srcs.reference_entries
                         else "the article has no reference list")
                yield Violation(citation.start, citation.end,
                                f"Citation '{shown(citation.text)}' cannot be verified: {where} and there is no "
                                f"link: add the full reference or a link to the study")
        if not may_be_on_health(document):
            return  # a named study counts only in a sentence on health
        for index in sentences_with(document, STUDY_WORDS, among=candidate_sentences(document)):
            sentence = document.sentences[index]
            if index in reported or not NAMED_STUDY.search(prose, sentence.start, sentence.end):
                continue
            match = named_study(document, sentence)
            if match is None:
                continue
            if skip_sentence(document, sentence) or not is_health_sentence(document, index):
                continue
            srcs = sources(document)
            if sentence_has_source(document, srcs, sentence):
                continue
            name = next(group for group in match.groups() if group)
            surname = re.sub(r"^(?:Dr\.?|Professor|Prof\.?)\s+", "", name).split()[-1]
            if srcs.mentions_in_references(surname):
                continue
            reported.add(index)
            yield Violation(match.start(), match.end(),
                            f"'{shown(match.group())}' names a study or expert but gives no link or reference: "
                            f"link the study or add it to a references section")
