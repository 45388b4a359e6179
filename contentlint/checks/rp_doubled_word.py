"""RP101 doubled-word: the same word twice in a row ("the the")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import compress, islice
from operator import eq
from typing import Any

from contentlint.checks._repetition import document_words
from contentlint.document import Document
from contentlint.rule import Option, Rule
from contentlint.violation import Edit, Fix, Severity, Violation

# Reduplications that are words in their own right, and "had had" / "that
# that", which are grammatical.
DEFAULT_ALLOW = [
    "had", "that", "bye", "ha", "hee", "ho", "no", "yeah", "blah", "bla", "chop", "tut", "tsk", "knock",
    "mahi", "so", "well", "now", "there", "night", "boo", "yum", "la", "na", "pooh", "dum", "tom",
]


class DoubledWord(Rule):
    """The same word written twice in a row.

    ## What it does
    Finds a word immediately repeated with only spaces or a single line
    break in between ("the the"), in any prose: paragraphs, headings, list
    items, table cells. Code, URLs and front matter are not prose and are not
    looked at. The words must match ignoring case, and the second must be
    lower-case, so names such as "Bora Bora" or "Walla Walla" pass; so do
    numbers, single letters other than "a", words joined to another by a
    slash, hyphen or dot ("hijo/a a", "gcc gcc-c++"), and the reduplications
    in the `allow` option ("had had", "that that", "bye bye" …).

    ## Why is this bad?
    A doubled word is almost always a slip made while editing, and readers
    notice it at once. In machine-assembled text it often marks a seam where
    two fragments were joined.

    ## Silenced by
    Markup between the two words (`the *the*` is deliberate), a capitalised
    second word, or adding the word to `allow`.

    ## Example
    ```markdown
    Drink water throughout the the day.
    ```

    ```markdown
    Drink water throughout the day. What he had had for lunch did not matter.
    ```

    ## Fix
    Delete the repeated word and the space before it. The fix is safe and
    `--fix` applies it; a word written three times loses both repeats.
    """

    code = "RP101"
    name = "doubled-word"
    severity = Severity.WARNING
    options = (
        Option("allow", DEFAULT_ALLOW, "words that may be doubled (lower-case)"),
    )

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterable[Violation]:
        allow = _lowered(tuple(options["allow"]))
        words = document_words(document)
        text = document.text
        lower = words.lower
        count = len(lower)
        # Only a word equal to the next can start a run: find those in one pass made in C.
        candidates = compress(range(count), map(eq, lower, islice(lower, 1, None)))
        next_free = 0
        for index in candidates:
            if index < next_free:
                continue  # inside a run already reported
            last = index
            while last + 1 < count and _doubles(text, words, last, allow):
                last += 1
            next_free = last + 1
            if last > index:
                first_end = words.ends[index]
                word = text[words.starts[index]:first_end]
                times = last - index + 1
                repeated = "twice" if times == 2 else f"{times} times"
                yield Violation(
                    words.starts[index], words.ends[last],
                    f"'{word}' is written {repeated} in a row",
                    Fix((Edit(first_end, words.ends[last], ""),), f"Delete the repeated '{word}'", safe=True),
                )


@lru_cache(maxsize=16)
def _lowered(words: tuple[str, ...]) -> frozenset[str]:
    """The allow option, lower-cased: made once per configuration rather than once per document."""
    return frozenset(word.lower() for word in words)


def _doubles(text: str, words: Any, index: int, allow: frozenset[str]) -> bool:
    """Whether word index+1 repeats word index, with only white space between them."""
    first, second = words.lower[index], words.lower[index + 1]
    if first != second or first in allow:
        return False
    if len(first) == 1 and first != "a" or any(char.isdigit() for char in first):
        return False
    second_text = text[words.starts[index + 1]:words.ends[index + 1]]
    first_text = text[words.starts[index]:words.ends[index]].replace("’", "'")
    if second_text != second_text.lower() or first_text.lower() != first:
        return False  # a capitalised second word is a name ("Bora Bora"); a changed word is markup
    if _joined(text, words.starts[index] - 1, -1) or _joined(text, words.ends[index + 1], 1):
        return False  # part of a compound or identifier: "son/a a", "gcc gcc-c++"
    gap = text[words.ends[index]:words.starts[index + 1]]
    # Blank lines separate blocks; markup or punctuation makes the repeat deliberate.
    return bool(gap) and gap.isspace() and gap.count("\n") + gap.count("\r") - gap.count("\r\n") <= 1


def _joined(text: str, position: int, step: int) -> bool:
    """Whether text[position] is a joining mark ("/", "-", ".", "_", "@", "+") with a letter or digit beyond it."""
    beyond = position + step
    return (0 <= position < len(text) and 0 <= beyond < len(text) and text[position] in "/-._@+"
            and text[beyond].isalnum())
