"""ST301: the generating prompt left in the middle of the article."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

from contentlint.document import HEADING, PARAGRAPH, Document, Sentence
from contentlint.rule import Option, Rule
from contentlint.textutil import WORD, content_words
from contentlint.violation import Severity, Violation

# Blocks whose sentences count as the article's running text.
TEXT_KINDS = frozenset({PARAGRAPH, "list_item", "html", "quote"})
# A question line longer than this is a sentence of the article, not a prompt.
MAX_QUESTION_WORDS = 30
# Two stems are the same word when one starts with the other and the shorter
# has at least this many letters ("recov"/"recovery", "trauma"/"traumatic").
MIN_PREFIX = 5
# An article with more question lines than this is a FAQ: its questions are its structure.
MAX_QUESTIONS = 2
# A question opening with these is the writer's own rhetorical turn ("So, is coffee bad for you?").
RHETORICAL_OPENERS = frozenset({"so", "well", "then", "now"})


@dataclass(frozen=True)
class Question:
    start: int
    end: int
    stems: frozenset[str]


class PromptLeftIn(Rule):
    """A question line restates the article's topic, and the article starts again after it.

    ## What it does
    Finds the prompt a text generator was given, left in its output between
    the article and a second telling of it. A line (a heading, or a line of
    its own in a paragraph) that is one question of at most 30 words is
    reported when:

    - it asks what the article is about: at least half of its content words
      (and two or more) are in the title — or, if the article has no title,
      in its first two sentences — and four in five are in the text before it;
    - it comes late: after at least `min-words-before` words, and after more
      words than follow it (the first telling is the article itself);
    - the article starts again after it: the two sentences after the question
      share at least four content words, and at least 40 % of their content
      words, with the article's first two sentences; at least
      `min-words-after` words follow.

    Articles with more than two question lines (FAQ pages, interviews) are
    not checked: there, questions are the structure.

    ## Why is this bad?
    Content farms paste the prompt ("How does X help Y?") and a second
    generated answer under the first. The reader gets the same article twice,
    and the left-over prompt shows that nobody edited it.

    ## Silenced by
    A question about a subtopic (not the title's topic); a question early in
    the article ("What is X?" after a short introduction); a question followed
    by new material rather than a restart of the opening; an article with
    three or more question lines; a rhetorical question opening with "So",
    "Well", "Then" or "Now" ("So, is coffee bad for your heart?"); a
    question inside a sentence, list item, table or block quote.

    ## Example
    ```markdown
    Yoga can ease stress and anxiety for many people. Slow breathing calms the nervous system and lowers the heart rate.
    Regular practice also improves sleep, which helps the mind recover from a hard day. Gentle stretching relaxes tight muscles, and holding a pose teaches patience.
    Many people find that ten minutes a day is enough to feel calmer and to notice their mood improving.
    How can yoga ease stress and anxiety?
    Yoga can ease stress and anxiety in many ways. Slow breathing calms the nervous system, lowers the heart rate and quiets racing thoughts.
    ```

    ```markdown
    Yoga can ease stress and anxiety for many people. Slow breathing calms the nervous system and lowers the heart rate.
    Regular practice also improves sleep, which helps the mind recover from a hard day. Gentle stretching relaxes tight muscles, and holding a pose teaches patience.
    Many people find that ten minutes a day is enough to feel calmer and to notice their mood improving.
    How do you start?
    Find a beginner class at a local community centre, or follow a short video at home on a quiet mat before breakfast or after work.
    ```

    ## Fix
    Delete the question and whichever copy of the article is weaker, or merge
    the two; there is no automatic fix because only a person can choose.
    """

    code = "ST301"
    name = "prompt-left-in"
    severity = Severity.WARNING
    options = (
        Option("min-words-before", 60, "words of text the question must follow (the first telling of the article)"),
        Option("min-words-after", 20, "words of text that must follow the question (the second telling)"),
    )

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterable[Violation]:
        if "?" not in document.prose:
            return  # no question, no question line
        # The tests are independent; the cheap and selective ones come first.
        questions = list(islice(question_lines(document), MAX_QUESTIONS + 1))  # one too many is enough to know
        if not questions or len(questions) > MAX_QUESTIONS:
            return
        text_sentences = [s for s in document.sentences if document.blocks[s.block].kind in TEXT_KINDS]
        if len(text_sentences) < 3:
            return
        opening = stems_of(document, text_sentences[:2])
        topic = title_stems(document) or opening
        for question in questions:
            if not about_topic(question.stems, topic):
                continue
            before = word_count(document, 0, question.start)
            after = word_count(document, question.end, len(document.prose))
            if before < options["min-words-before"] or after < options["min-words-after"] or after > before:
                continue
            following = [s for s in text_sentences if s.start >= question.end][:2]
            if not starts_again(stems_of(document, following), opening):
                continue
            # Last, as it stems all the text before the question.
            if not mostly_told(question.stems, frozenset(content_words(document.prose, 0, question.start))):
                continue
            yield Violation(question.start, question.end,
                            "Prompt left in? This question restates the article's topic and the article "
                            "starts again after it")


def question_lines(document: Document) -> Iterator[Question]:
    """Sentences that end with '?' and fill their line alone, in paragraphs and headings."""
    prose = document.prose
    lines = document.lines
    for sentence in sentences_with(document, "?"):
        if document.blocks[sentence.block].kind not in (PARAGRAPH, HEADING):
            continue
        start, end = sentence.start, sentence.end
        while end > start and prose[end - 1].isspace():
            end -= 1
        if not prose[start:end].endswith("?"):
            continue
        line, _ = document.position(start)
        if prose[lines.line_start(line):start].strip() or prose[end:lines.line_end(line)].strip():
            continue  # shares its line with other text: part of a paragraph
        if document.position(end)[0] != line:
            continue  # wrapped over lines: a sentence of a hard-wrapped paragraph
        found = WORD.findall(prose, start, end)
        if not found or found[0].lower() in RHETORICAL_OPENERS or len(found) > MAX_QUESTION_WORDS:
            continue
        stems = frozenset(content_words(prose, start, end))
        if len(stems) >= 3:
            yield Question(start, end, stems)


def sentences_with(document: Document, char: str) -> list[Sentence]:
    """The sentences that contain char, in order: looked up from each place char
    occurs (a few) rather than by searching every sentence (many)."""
    prose = document.prose
    sentences = document.sentences
    found: list[Sentence] = []
    at = prose.find(char)
    while at >= 0:
        index = bisect_right(sentences, at, key=sentence_start) - 1
        if index >= 0 and at < sentences[index].end:
            found.append(sentences[index])
            at = prose.find(char, sentences[index].end)  # one entry per sentence
        else:
            at = prose.find(char, at + 1)
    return found


def sentence_start(sentence: Sentence) -> int:
    return sentence.start


def stems_of(document: Document, sentences: list[Sentence]) -> frozenset[str]:
    return frozenset(stem for s in sentences for stem in content_words(document.prose, s.start, s.end))


def title_stems(document: Document) -> frozenset[str]:
    title = document.title
    return frozenset(content_words(title)) if title else frozenset()


def word_count(document: Document, start: int, end: int) -> int:
    return len(WORD.findall(document.prose, start, end))


def same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return len(shorter) >= MIN_PREFIX and longer.startswith(shorter)


def shared(these: frozenset[str], those: frozenset[str]) -> int:
    """How many of `these` stems have the same word among `those`."""
    return sum(1 for a in these if any(same_word(a, b) for b in those))


def about_topic(question: frozenset[str], topic: frozenset[str]) -> bool:
    """The question asks what the article is about: half its content words (two
    or more) are in the title, or the opening."""
    found = shared(question, topic)
    return found >= 2 and found >= 0.5 * len(question)


def mostly_told(question: frozenset[str], told: frozenset[str]) -> bool:
    """Nearly all the question's content words are in the text before it."""
    return shared(question, told) >= 0.8 * len(question)


def starts_again(following: frozenset[str], opening: frozenset[str]) -> bool:
    """The sentences after the question retell the opening."""
    if not following or not opening:
        return False
    found = shared(following, opening)
    return found >= 4 and found >= 0.4 * min(len(following), len(opening))
