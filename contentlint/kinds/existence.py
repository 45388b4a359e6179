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
from contentlint.patterns import PatternError, compile_pattern, finditer_words, token_pattern
from contentlint.violation import Edit, Fix, Violation

FIXES = ("none", "delete-line", "delete-match")


class Existence(PackRule):
    allowed_keys = frozenset({"tokens", "tokens-file", "patterns", "exceptions", "anchor", "fix", "max-length"})

    def __init__(self, spec: Mapping[str, Any], context: PackContext) -> None:
        super().__init__(spec, context)
        self.anchor = self.optional(spec, "anchor", str, "anywhere")
        if self.anchor not in ("anywhere", "whole"):
            raise context.error(spec, f"anchor must be 'anywhere' or 'whole', not {self.anchor!r}")
        self.matchers = self.compile_whole(spec) if self.anchor == "whole" else None
        if self.matchers is None:
            self.matchers = self.compile_matchers(spec)
        self.exceptions = {e.lower() for e in self.optional(spec, "exceptions", list, [])}
        self.max_length = self.optional(spec, "max-length", int, 0)
        if self.max_length < 0:
            raise context.error(spec, "max-length must be 0 (no limit) or more")
        self.fix_action = self.optional(spec, "fix", str, "none")
        if self.fix_action not in FIXES:
            raise context.error(spec, f"fix must be one of {', '.join(FIXES)}, not {self.fix_action!r}")

    def compile_whole(self, spec: Mapping[str, Any]) -> list[Any] | None:
        """For anchor: whole, one alternation of every pattern: it matches a region as any
        of its parts does, in one call instead of one per pattern (most regions match none).

        Compiled once, not part by part and then again together (compiling is most of
        the start-up cost of a pack). None when the parts must be compiled one by one:
        a part whose parentheses do not balance (it could pair up with its neighbours),
        or a combination RE2 refuses — the parts then report their own errors.
        """
        patterns = list(self.optional(spec, "patterns", list, []))
        tokens = self.read_tokens(spec)
        if tokens:
            patterns.append(token_pattern(tokens))
        if len(patterns) < 2 or not all(isinstance(p, str) and balanced(p) for p in patterns):
            return None
        try:
            return [compile_pattern("|".join(f"(?:{pattern})" for pattern in patterns), self.ignore_case)]
        except PatternError:
            return None

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


def balanced(pattern: str) -> bool:
    """Whether a pattern's groups close within it (escapes and [classes] skipped)."""
    depth = 0
    index = 0
    in_class = False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[index + 1:index + 2] == "]":  # "[]...]": a leading ] is literal
                index += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return False
        index += 1
    return depth == 0 and not in_class
