"""RD103: a paragraph too long to read comfortably."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from contentlint.document import Document
from contentlint.rule import Option, Rule
from contentlint.violation import Severity, Violation


class LongParagraph(Rule):
    """A paragraph has more words than `max-words` (or more sentences than `max-sentences`).

    ## What it does
    Reports each paragraph, list item, block quote or HTML block whose prose
    has more than `max-words` words (default 150, textstat's word count), or,
    when `max-sentences` is above 0, more than that many sentences. The finding
    spans the whole paragraph. In Markdown, lines without a blank line between
    them are one paragraph: that is what the reader sees.

    HHS's plain-writing rules suggest at most five sentences per paragraph
    (about 100 words); the default of 150 words keeps the rule to walls of text:
    about 1 paragraph in 200 of professional government writing (digital.gov)
    is longer. `max-sentences` is off by default: several short sentences read
    easily. The severity is info.

    ## Why is this bad?
    A wall of text is skimmed or skipped, especially on a phone; readers
    looking for one piece of advice cannot find it.

    ## Silenced by
    Breaking the paragraph with a blank line, or turning part of it into a list.

    ## Example
    ```markdown
    Sleep matters for your mood and your health. Most adults need seven or more hours a night. Try to go to bed and get up at the same time every day, even at weekends, because a steady rhythm helps your body know when to rest. Keep your bedroom dark, quiet and cool. Put screens away an hour before bed: their light and the things you read on them keep your brain awake. Avoid caffeine after lunch and large meals late in the evening. If you cannot sleep after twenty minutes, get up and do something calm in dim light until you feel sleepy. Regular exercise helps, but not right before bed. If poor sleep lasts for weeks, or you snore loudly and feel tired during the day, talk to your doctor, since a sleep problem such as sleep apnea can be treated. A sleep diary kept for two weeks helps your doctor see the pattern.
    ```

    ```markdown
    Sleep matters for your mood and your health. Most adults need seven or more hours a night.

    Try to go to bed and get up at the same time every day, even at weekends.

    If poor sleep lasts for weeks, talk to your doctor.
    ```

    ## Fix
    Split the paragraph where its topic changes; one idea per paragraph.
    """

    code = "RD103"
    name = "long-paragraph"
    severity = Severity.INFO
    options = (
        Option("max-words", 150, "report paragraphs with more words than this (0: no limit)"),
        Option("max-sentences", 0, "report paragraphs with more sentences than this (0: no limit)"),
    )

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterable[Violation]:
        from contentlint.checks._readability import SCORED_KINDS, block_tokens, count_words

        max_words, max_sentences = options["max-words"], options["max-sentences"]
        sentences_in: dict[int, int] = {}
        if max_sentences > 0:
            for sentence in document.sentences:
                sentences_in[sentence.block] = sentences_in.get(sentence.block, 0) + 1
        # Every word is a white-space token: only a block of more tokens than the limit is read.
        tokens = block_tokens(document) if max_words > 0 else None
        for index, block in enumerate(document.blocks):
            if block.kind not in SCORED_KINDS:
                continue
            problems = []
            if tokens is not None and tokens[index] > max_words:
                words = count_words(document.prose[block.start:block.end])
                if words > max_words:
                    problems.append(f"{words} words (more than {max_words})")
            sentences = sentences_in.get(index, 0)
            if max_sentences > 0 and sentences > max_sentences:
                problems.append(f"{sentences} sentences (more than {max_sentences})")
            if problems:
                yield Violation(block.start, block.end,
                                f"This paragraph has {' and '.join(problems)}; break it up")
