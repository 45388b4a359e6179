"""substitution: a word or phrase with a preferred form, offered as a fix.

``swap`` maps a phrase (or, with ``regex: true``, a pattern) to its
replacement. The fix keeps the capital of the first letter.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from contentlint.document import Document
from contentlint.kinds import PROSE_BYTES, PackContext, PackRule, prose_bytes
from contentlint.patterns import finditer_words, token_pattern
from contentlint.violation import Edit, Fix, Violation


class Substitution(PackRule):
    allowed_keys = frozenset({"swap", "regex", "fix-safe"})
    has_screen = True

    def __init__(self, spec: Mapping[str, Any], context: PackContext) -> None:
        super().__init__(spec, context)
        swap = self.require(spec, "swap", dict)
        if not swap:
            raise context.error(spec, "'swap' must map at least one phrase to its replacement")
        self.regex = self.optional(spec, "regex", bool, False)
        self.fix_safe = self.optional(spec, "fix-safe", bool, True)
        self.swap_sources: list[tuple[str, str]] = []
        for phrase, replacement in swap.items():
            if not isinstance(phrase, str) or not isinstance(replacement, str):
                raise context.error(spec, f"swap: {phrase!r} -> {replacement!r}: both must be strings")
            self.swap_sources.append((phrase if self.regex else token_pattern([phrase]), replacement))
        self._swaps: list[tuple[Any, str]] | None = None

    def validate(self) -> None:
        self.swaps  # noqa: B018 - compiling is the point

    @property
    def swaps(self) -> list[tuple[Any, str]]:
        """(compiled pattern, replacement) of each phrase, compiled on first use."""
        if self._swaps is None:
            self._swaps = [(self.compile(pattern), replacement) for pattern, replacement in self.swap_sources]
        return self._swaps

    def screen_pattern(self) -> str | None:
        """Any of the phrases, anywhere in the prose: one pass finds whether any
        occurs, and most documents have none. (Not for user regexes, whose
        anchors may behave differently inside a scope's regions.)"""
        if self.regex:
            return None
        return "|".join(f"(?:{pattern})" for pattern, _ in self.swap_sources)

    def screen_text(self, document: Document) -> bytes:
        return prose_bytes(document)

    @property
    def screen_text_key(self) -> str:
        return PROSE_BYTES

    def could_match(self, document: Document) -> bool:
        return self.screened(document)

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterable[Violation]:
        if not self.could_match(document):
            return ()  # most documents (returned, not yielded: no generator to make and run)
        return self.violations(document)

    def violations(self, document: Document) -> Iterator[Violation]:
        found = []
        for start, end in self.regions(document):
            for matcher, replacement in self.swaps:
                for match in finditer_words(matcher, document.prose, start, end):
                    found.append((match.start(), match.end(), replacement))
        taken = -1
        # At the same start the longest phrase wins ("failed suicide attempt" over "failed suicide").
        for start, end, replacement in sorted(found, key=lambda item: (item[0], -item[1], item[2])):
            if start < taken:
                continue
            taken = end
            text = document.text[start:end]
            if text[:1].isupper() and replacement[:1].islower():
                replacement = replacement[:1].upper() + replacement[1:]
            message = self.format_message("Use '{replacement}' instead of '{match}'",
                                          match=" ".join(text.split()), replacement=replacement)
            fix = Fix((Edit(start, end, replacement),), f"replace with '{replacement}'", safe=self.fix_safe)
            yield Violation(start, end, message, fix)
