"""existence: report each match of a word list or pattern.

With ``anchor: whole`` the pattern must match a whole region (the scope's
block, sentence or line, trimmed), which is how "a navigation word standing
alone on its line" differs from the same word inside a sentence.
``max-length`` skips regions longer than that many characters: "a short
paragraph that contains X" is ``anchor: whole``, ``.*X.*`` and a
``max-length``, which RE2 runs much faster than bounded repeats.

Most documents match none of a rule's patterns, so a rule first asks one
question of the whole document: can any part of the pattern match anywhere?
(its screen, see ``Existence.screen_pattern``; the rules of a pack ask it
together, in one search, see ``PackScreen``). Only when it can does the rule
look region by region. Patterns compile on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from typing import Any

from contentlint.document import Document
from contentlint.kinds import NOT_YET, PackContext, PackRule, delete_line_fix
from contentlint.patterns import WHITE_SPACE, PatternError, compile_pattern, finditer_words, has_anchors, relaxed
from contentlint.violation import Edit, Fix, Violation

FIXES = ("none", "delete-line", "delete-match")


class Existence(PackRule):
    allowed_keys = frozenset({"tokens", "tokens-file", "patterns", "exceptions", "anchor", "fix", "max-length"})
    has_screen = True

    def __init__(self, spec: Mapping[str, Any], context: PackContext) -> None:
        super().__init__(spec, context)
        self.anchor = self.optional(spec, "anchor", str, "anywhere")
        if self.anchor not in ("anywhere", "whole"):
            raise context.error(spec, f"anchor must be 'anywhere' or 'whole', not {self.anchor!r}")
        self.sources = self.pattern_sources(spec)
        self.exceptions = {e.lower() for e in self.optional(spec, "exceptions", list, [])}
        self.max_length = self.optional(spec, "max-length", int, 0)
        if self.max_length < 0:
            raise context.error(spec, "max-length must be 0 (no limit) or more")
        self.fix_action = self.optional(spec, "fix", str, "none")
        if self.fix_action not in FIXES:
            raise context.error(spec, f"fix must be one of {', '.join(FIXES)}, not {self.fix_action!r}")
        self._parts: list[Any] = [None] * len(self.sources)  # each part compiled, on first use
        self._loose: Any = NOT_YET
        # Whether a lone CR in a document defeats the screen (whole regions of lines: see could_match).
        self._lines_matter = self.anchor == "whole" and self.scope != "prose"

    def validate(self) -> None:
        self.matchers  # noqa: B018 - compiling is the point

    @property
    def matchers(self) -> list[Any]:
        """Every part of the pattern, compiled."""
        return [self.part(index) for index in range(len(self.sources))]

    def part(self, index: int) -> Any:
        if self._parts[index] is None:
            self._parts[index] = self.compile(self.sources[index])
        return self._parts[index]

    @property
    def loose(self) -> Any:
        """loose_pattern, compiled: for anchor: whole, it matches a whole region
        wherever a part does, compiles many times faster than the parts (a few
        take ~5 ms), and rules most regions out in one call. None when the parts
        cannot be joined or do not compile."""
        if self._loose is NOT_YET:
            self._loose = None
            together = self.loose_pattern
            if together is not None:
                try:
                    self._loose = compile_pattern(together, self.ignore_case)
                except PatternError:
                    pass  # the parts report their own errors
        return self._loose

    @cached_property
    def loose_pattern(self) -> str | None:
        """The parts, their bounded repeats made unbounded (see relaxed), in one
        alternation; None when they cannot be joined (see combined)."""
        parts = [relaxed(source) for source in self.sources]
        return self.combined(parts) if len(parts) > 1 else parts[0] if balanced(parts[0]) else None

    def fills(self, region: str) -> bool:
        """Whether a part of the pattern matches the whole region. The parts are
        compiled only once a region gets past the loose test, one at a time."""
        loose = self.loose
        if loose is not None and not loose.fullmatch(region):
            return False
        return any(self.part(index).fullmatch(region) for index in range(len(self.sources)))

    @staticmethod
    def combined(sources: list[str]) -> str | None:
        """One alternation of the parts, or None when one of them could pair up with
        its neighbours (unbalanced parentheses, a trailing backslash)."""
        if len(sources) < 2 or not all(balanced(source) for source in sources):
            return None
        return "|".join(f"(?:{source})" for source in sources)

    def screen_pattern(self) -> str | None:
        """One pattern that matches search_text() wherever the rule could match a
        region, or None when there is none (the rule then looks at every region).

        The parts, their bounded repeats made unbounded (a superset that compiles
        many times faster), joined in one alternation; for anchor: whole, it must
        fill a line of the search text, give or take white space. Not for parts
        with ^, $, \\A or \\z, which match differently in a region and in the text.
        """
        together = self.loose_pattern
        if together is None or any(has_anchors(source) for source in self.sources):
            return None
        if self.anchor == "whole":
            return f"(?m)^{WHITE_SPACE}*(?:{together}){WHITE_SPACE}*$"
        return together

    def could_match(self, document: Document) -> bool:
        if self._lines_matter and document.memo(LONE_CR, has_lone_cr):
            return True  # lines end at a lone CR, which RE2's ^ and $ do not know
        return self.screened(document)

    def matches(self, document: Document) -> Iterator[tuple[int, int]]:
        """Spans the patterns match in the rule's regions (the screen is check's business)."""
        prose = document.prose
        whole = self.anchor == "whole"
        if whole and self.loose is None:
            self.matchers  # noqa: B018 - compiled now, so that a broken part is reported whatever the regions
        matchers = [] if whole else self.matchers
        for start, end in self.regions(document):
            # Match on a slice: RE2 re-encodes the whole string it is given on
            # every call, so passing (prose, start, end) is quadratic.
            if self.max_length and end - start > self.max_length:
                continue
            region = prose[start:end]
            if whole:
                if self.fills(region):
                    yield start, end
                continue
            for matcher in matchers:
                for match in finditer_words(matcher, region):
                    yield start + match.start(), start + match.end()

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterable[Violation]:
        if not self.could_match(document):
            return ()  # most documents (returned, not yielded: no generator to make and run)
        return self.violations(document)

    def violations(self, document: Document) -> Iterator[Violation]:
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


LONE_CR = "kinds.lone_cr"


def has_lone_cr(document: Document) -> bool:
    """Whether a line of the prose ends at a CR not followed by LF (asked once per document)."""
    prose = document.prose
    return "\r" in prose and prose.count("\r") != prose.count("\r\n")


def balanced(pattern: str) -> bool:
    """Whether a pattern's groups close within it (escapes and [classes] skipped)."""
    depth = 0
    index = 0
    in_class = False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            if index + 1 >= len(pattern):
                return False  # a trailing backslash would escape what follows it
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
