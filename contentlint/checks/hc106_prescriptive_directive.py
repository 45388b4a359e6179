"""HC106 prescriptive-directive: "anyone with anxiety must stop …", with no "talk to a professional"."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from contentlint.checks._claims import (
    administrative, clause_bounds, disease_spans, health_topic, is_health_sentence, candidate_sentences, lexicon,
    may_be_on_health, quoted_or_attributed, sentence_has_source, sentences_with, shown, skip_sentence, sources,
)
from contentlint.document import Document
from contentlint.rule import Option, Rule
from contentlint.violation import Severity, Violation

DUTY = re.compile(
    r"\b(?:must|should|need\s+to|needs\s+to|have\s+to|has\s+to|ought\s+to|(?:is|are)\s+required\s+to)\b",
    re.IGNORECASE,
)
# "It is essential for people who … to …", "It is crucial that everyone …".
ESSENTIAL = re.compile(
    r"\bit\s+is\s+(?:absolutely\s+|extremely\s+|very\s+)?(?:essential|crucial|vital|imperative|necessary|critical"
    r"|mandatory)\s+(?:for|that)\b",
    re.IGNORECASE,
)
# A word each match of DUTY or ESSENTIAL has.
DUTY_WORDS = frozenset({"must", "should", "need", "needs", "have", "has", "ought", "required", "essential",
                        "crucial", "vital", "imperative", "necessary", "critical", "mandatory"})
# What must follow the common ones ("have to"), for a sentence to be worth
# searching: matched in the prose as written, so in any case.
_TO = re.compile(r"\s+to\b", re.IGNORECASE)
DUTY_NEXT = {"need": _TO, "needs": _TO, "have": _TO, "has": _TO}
# "you" is a group only when a condition defines it: "If you have anxiety, you must …".
YOU_WITH_CONDITION = re.compile(
    r"\b(?:if|when|once|since)\s+you(?:['’]re|\s+are|\s+have|\s+suffer|\s+struggle|\s+live|\s+deal|\s+experience"
    r"|\s+feel|\s+were|\s+had|['’]ve)\b",
    re.IGNORECASE,
)


class PrescriptiveDirective(Rule):
    """A health instruction presented as necessary for everyone in a group, with no "talk to a professional".

    ## What it does
    Reports a sentence about health that tells a whole group what it must do:
    a group (`rules/words/hc-directive-groups.txt`: everyone, anyone,
    people, patients, survivors, women …, or "you" when a condition defines
    it: "if you have anxiety, you …") followed in the same clause by a duty
    ("must", "should", "need to", "have to", "ought to"), or "it is
    essential / crucial / vital / necessary for … to …". Examples: "anyone
    with anxiety must stop drinking coffee", "everyone recovering from trauma
    should start dating again", "it is essential for people with depression
    to exercise every day".

    Not reported: sentences that name no health outcome, disease,
    intervention or health topic; questions; headings that name a topic;
    quotes attributed to a named person; and sentences about what a plan, a
    law or insurance requires ("everyone must have health coverage").

    ## Why is this bad?
    Health advice depends on the person. A rule for everyone with a condition
    — written by someone who has never met them — can harm the readers it
    does not fit, and it discourages them from asking someone who can judge.

    ## Silenced by
    - professional framing in the sentence or its paragraph
      (`rules/words/hc-professional-help.txt`: "talk to your doctor",
      "consult", "seek professional help", "under medical supervision" …);
    - a softener in the sentence (`rules/words/hc-directive-softeners.txt`:
      may, might, consider, "may want to", "if possible", for some people …);
    - a source in the same paragraph or on the same line (a guideline link).

    ## Example
    ```markdown
    Everyone with depression must take a cold shower every morning.
    ```

    ```markdown
    Some people with depression find that regular exercise helps; talk to your doctor about what suits you.
    ```

    ## Fix
    Say who it may help and send readers to a professional: "Some people
    find … — talk to your doctor before …".
    """

    code = "HC106"
    name = "prescriptive-directive"
    severity = Severity.WARNING
    options = (
        Option("extra-groups", [], "More group words (added to rules/words/hc-directive-groups.txt)."),
        Option("extra-professional-help", [], "More professional-help phrases that silence a directive."),
    )

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
        if not may_be_on_health(document):
            return  # a directive counts only in a sentence on health
        prose = document.prose
        groups = lexicon("directive-groups", tuple(options.get("extra-groups", ())))
        help_phrases = lexicon("professional-help", tuple(options.get("extra-professional-help", ())))
        reported: set[int] = set()
        # Only the sentences with a word of duty are searched, and a match
        # of ESSENTIAL goes before one of DUTY in a sentence.
        for index in sentences_with(document, DUTY_WORDS, DUTY_NEXT, among=candidate_sentences(document)):
            sentence = document.sentences[index]
            if not is_health_sentence(document, index) or skip_sentence(document, sentence):
                continue
            matches = list(ESSENTIAL.finditer(prose, sentence.start, sentence.end))
            matches += DUTY.finditer(prose, sentence.start, sentence.end)
            for match in matches:
                if index in reported:
                    break
                group = self.group(document, sentence, match, groups)
                if group is None:
                    continue
                # The instruction itself is about health: a health word in the directive's clause.
                clause_start, clause_end = clause_bounds(prose, sentence.start, sentence.end, match.start())
                if not health_topic(document, min(clause_start, group[0]), clause_end):
                    continue
                if administrative(document, sentence) or quoted_or_attributed(document, sentence, match.start()):
                    continue
                block = document.blocks[sentence.block]
                if help_phrases.search(prose, block.start, block.end):
                    continue
                if lexicon("directive-softeners").search(prose, sentence.start, sentence.end):
                    continue
                if sentence_has_source(document, sources(document), sentence):
                    continue
                reported.add(index)
                start = min(group[0], match.start())
                end = max(group[1], match.end())
                yield Violation(start, end,
                                f"Directive '{shown(prose[start:end])} …' tells a whole group what to do about their "
                                f"health: say who it may help, and add 'talk to your doctor' (or a source)")

    @staticmethod
    def group(document: Document, sentence: Any, match: re.Match, groups: Any) -> tuple[int, int] | None:
        """The group the duty is laid on: before it in the clause, or after "essential for"."""
        prose = document.prose
        if match.re is ESSENTIAL:
            found = groups.search(prose, match.end(), min(sentence.end, match.end() + 60))
            if found is None and re.search(r"\bthat\s*$", match.group(), re.IGNORECASE):
                return None
            return found
        # "You don't have to …", "no one needs to": no duty at all.
        if re.search(r"(?:n['’]t|\bnot|\bno\s+one|\bnobody)\s*$", prose[max(sentence.start, match.start() - 12):match.start()],
                     re.IGNORECASE) and re.match(r"(?:need|needs|have|has)\b", match.group(), re.IGNORECASE):
            return None
        # "Patients should be monitored": a recommendation about care given
        # to the group, not an instruction to it.
        if re.match(r"\s*(?:not\s+)?be\s+\w+(?:ed|en)\b", prose[match.end():match.end() + 40], re.IGNORECASE):
            return None
        clause_start, _ = clause_bounds(prose, sentence.start, sentence.end, match.start())
        found = None
        for span in groups.finditer(prose, clause_start, match.start()):
            found = span
        # The group is the subject: a few words before the duty, no comma
        # between, and not inside a relative clause ("the wearables that
        # people have to …", "those of us who need to …" describes them).
        if found is not None:
            between = prose[found[1]:match.start()]
            before_group = prose[max(sentence.start, found[0] - 12):found[0]]
            if re.search(r"\b(?:that|which)\s*$", before_group, re.IGNORECASE):
                return None
            if re.search(r"\b(?:who|that)\s*$", prose[max(sentence.start, match.start() - 8):match.start()],
                         re.IGNORECASE):
                return None
            if "," not in between and len(between.split()) <= 7:
                return found
            return None
        # "If you have PTSD, you should …": the condition defines the group.
        you = re.search(r"\byou\s*$", prose[clause_start:match.start()], re.IGNORECASE)
        condition = YOU_WITH_CONDITION.search(prose, sentence.start, match.start())
        if you and condition and (lexicon("outcomes").search(prose, condition.end(), match.start())
                                  or disease_spans(prose, condition.end(), match.start())):
            return condition.start(), clause_start + you.end()
        return None


