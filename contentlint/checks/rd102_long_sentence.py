"""RD102: a sentence too long to follow."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from contentlint.document import Document
from contentlint.rule import Option, Rule
from contentlint.violation import Severity, Violation


class LongSentence(Rule):
    """A sentence has more words than `max-words`.

    ## What it does
    Counts the words of every sentence in the running prose (paragraphs, list
    items, block quotes, HTML blocks) the way textstat counts them — code,
    URLs and markup are not words — and reports each sentence longer than
    `max-words` (default 40), spanning exactly that sentence.

    Plain-language guidance asks for short sentences — HHS's plain-writing
    rules say no more than 20 words, GOV.UK at most 25 — so the default of 40,
    twice that, keeps the rule to sentences that are hard for nearly every
    reader. In professional government writing (digital.gov) about 3% of
    sentences are that long; the severity is info.

    ## Why is this bad?
    Readers lose the thread of a long sentence and have to read it again; on
    a health page the condition or the instruction at its end is what gets lost.

    ## Silenced by
    Splitting the sentence: a full stop, question or exclamation mark followed
    by a new sentence. Semicolons and dashes do not end a sentence.

    ## Example
    ```markdown
    If you have been feeling sad or anxious for more than two weeks and it is getting in the way of your work, your sleep, your relationships or the things you usually enjoy doing with friends and family, it is a good idea to make an appointment with your doctor or a counselor.
    ```

    ```markdown
    Have you been feeling sad or anxious for more than two weeks? Is it getting in the way of your work, sleep or relationships? Then make an appointment with your doctor or a counselor.
    ```

    ## Fix
    Split the sentence where its ideas change; turn a series into a list.
    """

    code = "RD102"
    name = "long-sentence"
    severity = Severity.INFO
    options = (Option("max-words", 40, "report sentences with more words than this"),)

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterable[Violation]:
        from contentlint.checks._readability import block_tokens, count_tokens, count_words

        limit = options["max-words"]
        # Every word is a white-space token, and n characters hold at most (n + 1) // 2 tokens:
        # a sentence of 2 * limit characters or fewer is not read at all, nor one in a block
        # of limit tokens or fewer (a sentence's tokens lie in distinct tokens of its block).
        shortest = 2 * limit + 1
        tokens = block_tokens(document)
        if all(count is None or count <= limit for count in tokens):
            return  # no block can hold a long sentence: the sentences are not even split
        for sentence in document.sentences:
            if sentence.end - sentence.start < shortest:
                continue
            in_block = tokens[sentence.block]
            if in_block is None or in_block <= limit:  # None: a block not scored
                continue
            text = document.prose[sentence.start:sentence.end]
            if count_tokens(text) <= limit:  # quick: every word is a white-space separated token
                continue
            count = count_words(text)
            if count > limit:
                yield Violation(sentence.start, sentence.end,
                                f"This sentence has {count} words (more than {limit}); split it")
