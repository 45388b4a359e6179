"""existence: report each match of a word list or pattern.

With ``anchor: whole`` the pattern must match a whole region (the scope's
block, sentence or line, trimmed), which is how "a navigation word standing
alone on its line" differs from the same word inside a sentence.
``max-length`` skips regions longer than that many characters: "a short
paragraph that contains X" is ``anchor: whole``, ``.*X.*`` and a
``max-length``, which RE2 runs much faster than bounded repeats.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from contentlint.document import Document
from contentlint.kinds import PackContext, PackRule, delete_line_fix
from contentlint.patterns import PatternError, compile_pattern, finditer_words
from contentlint.violation import Edit, Fix, Violation

FIXES = ("none", "delete-line", "delete-match")


class Existence(PackRule):
    allowed_keys = frozenset({"tokens", "tokens-file", "patterns", "exceptions", "anchor", "fix", "max-length"})

    def __init__(self, spec: Mapping[str, Any], context: PackContext) -> None:
        super().__init__(spec, context)
        self.matchers = self.compile_matchers(spec)
        self.anchor = self.optional(spec, "anchor", str, "anywhere")
        if self.anchor not in ("anywhere", "whole"):
            raise context.error(spec, f"anchor must be 'anywhere' or 'whole', not {self.anchor!r}")
        if self.anchor == "whole" and len(self.matchers) > 1:
            # One alternation matches a region as any of its parts does, in one call
            # instead of one per pattern (most regions match none).
            try:
                self.matchers = [compile_pattern("|".join(f"(?:{m.pattern})" for m in self.matchers),
                                                 self.ignore_case)]
            except PatternError:
                pass  # too big together: keep them apart
        self.exceptions = {e.lower() for e in self.optional(spec, "exceptions", list, [])}
        self.max_length = self.optional(spec, "max-length", int, 0)
        if self.max_length < 0:
            raise context.error(spec, "max-length must be 0 (no limit) or more")
        self.fix_action = self.optional(spec, "fix", str, "none")
        if self.fix_action not in FIXES:
            raise context.error(spec, f"fix must be one of {', '.join(FIXES)}, not {self.fix_action!r}")

    def matches(self, document: Document) -> Iterator[tuple[int, int]]:
        prose = document.prose
        for start, end in self.regions(document):
            # Match on a slice: RE2 re-encodes the whole string it is given on
            # every call, so passing (prose, start, end) is quadratic.
            if self.max_length and end - start > self.max_length:
                continue
            region = prose[start:end]
            if self.anchor == "whole":
                for matcher in self.matchers:
                    if matcher.fullmatch(region):
                        yield start, end
                        break
                continue
            for matcher in self.matchers:
                for match in finditer_words(matcher, region):
                    yield start + match.start(), start + match.end()

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
        seen: set[tuple[int, int]] = set()
        for start, end in sorted(self.matches(document)):
            if (start, end) in seen or any(a <= start < b for a, b in seen):
                continue  # a shorter match inside one already reported
            text = document.text[start:end]
            if " ".join(text.lower().split()) in self.exceptions:
                continue
            seen.add((start, end))
            yield Violation(start, end, self.format_message("'{match}'", match=" ".join(text.split())),
                            self.make_fix(document, start, end))

    def make_fix(self, document: Document, start: int, end: int) -> Fix | None:
        if self.fix_action == "delete-line":
            return delete_line_fix(document, start, end, "delete the line")
        if self.fix_action == "delete-match":
            return Fix((Edit(start, end, ""),), "delete the text")
        return None
