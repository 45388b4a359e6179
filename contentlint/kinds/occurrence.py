"""occurrence: too many matches of a word list or pattern in one document.

``max`` is a count per document; ``max-per-1000-words`` scales with length
(the larger of the two limits applies). Reported once, at the first match
past the limit.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from contentlint.document import Document
from contentlint.kinds import PackContext, PackRule
from contentlint.patterns import finditer_words
from contentlint.rule import Option
from contentlint.violation import Violation


class Occurrence(PackRule):
    allowed_keys = frozenset({"tokens", "tokens-file", "patterns", "max", "max-per-1000-words"})

    def __init__(self, spec: Mapping[str, Any], context: PackContext) -> None:
        super().__init__(spec, context)
        self.sources = self.pattern_sources(spec)
        self._matchers: list[Any] | None = None
        maximum = self.optional(spec, "max", int, 0)
        per_thousand = self.optional(spec, "max-per-1000-words", float, 0.0)
        if maximum < 0 or per_thousand < 0 or (maximum == 0 and per_thousand == 0):
            raise context.error(spec, "needs a positive 'max' or 'max-per-1000-words'")
        self.options = (  # type: ignore[misc]
            Option("max", maximum, "most matches allowed in one document"),
            Option("max-per-1000-words", per_thousand, "most matches allowed per 1,000 words"),
        )

    def validate(self) -> None:
        self.matchers  # noqa: B018 - compiling is the point

    @property
    def matchers(self) -> list[Any]:
        if self._matchers is None:
            self._matchers = [self.compile(source) for source in self.sources]
        return self._matchers

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
        limit = max(options["max"], options["max-per-1000-words"] * document.word_count / 1000)
        spans = sorted(
            match.span()
            for start, end in self.regions(document)
            for matcher in self.matchers
            for match in finditer_words(matcher, document.prose, start, end)
        )
        if len(spans) > limit:
            start, end = spans[int(limit)]
            yield Violation(start, end, self.format_message(
                "'{match}' appears {count} times (limit {limit})",
                match=" ".join(document.text[start:end].split()), count=len(spans), limit=int(limit)))
