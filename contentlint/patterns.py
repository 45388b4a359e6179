"""Patterns from rule packs, compiled with RE2.

RE2 runs in time linear in the input: no pattern a user writes can make the
linter backtrack for ever. It rejects back-references and look-around, and
we cap the memory a pattern may take; either gives a clear error naming the
pack, the rule and the pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

# A compiled pattern bigger than this is refused (RE2 default is 8 MiB).
MAX_PATTERN_MEMORY = 8 << 20
MAX_PATTERN_LENGTH = 100_000


class PatternError(ValueError):
    pass


def pattern_options(ignore_case: bool) -> Any:
    """The RE2 options every pack pattern compiles with."""
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 otherwise prints to stderr itself
    options.max_mem = MAX_PATTERN_MEMORY
    options.case_sensitive = not ignore_case
    return options


def compile_pattern(pattern: str, ignore_case: bool = True) -> Any:
    """Compile with RE2, or raise PatternError with a readable reason."""
    import re2

    if not isinstance(pattern, str) or not pattern:
        raise PatternError("a pattern must be a non-empty string")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternError(f"pattern is too long ({len(pattern):,} characters)")
    try:
        return re2.compile(pattern, options=pattern_options(ignore_case))
    except re2.error as error:
        reason = error.args[0] if error.args else str(error)
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        hint = ""
        if "perl operator" in reason or "escape sequence" in reason:
            hint = " (look-around and back-references are not supported: patterns run on RE2)"
        raise PatternError(f"{reason}{hint}") from None


def token_pattern(tokens: Iterable[str]) -> str:
    """One alternation for a word list, longest first, matched on word boundaries.

    Tokens are literal text; a space in a token matches any run of white space
    (so a phrase broken across lines still matches).
    """
    unique = sorted({token.strip() for token in tokens if token.strip()}, key=lambda t: (-len(t), t))
    parts = [r"\s+".join(re.escape(word) for word in token.split()) for token in unique]
    return r"\b(?:" + "|".join(parts) + r")\b"


# The characters str.isspace() knows (what the scopes trim off a line), as an RE2 class.
WHITE_SPACE = r"[\t\n\x0b\x0c\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]"


def parts_of(pattern: str) -> Iterator[tuple[str, str]]:
    """(kind, text) for each piece of a pattern: "escape" (\\x, \\pL, \\x{85},
    \\Q...\\E), "class" ([...]), "repeat" ({n}, {n,}, {n,m}), "group" ("(" with
    its ?flags or ?:, ?P<name>), or "char" (anything else, one character)."""
    index = 0
    length = len(pattern)
    while index < length:
        char = pattern[index]
        if char == "\\":
            follower = pattern[index + 1:index + 2]
            if follower == "Q":  # literal text up to \E
                end = pattern.find("\\E", index + 2)
                end = length if end < 0 else end + 2
            elif follower in ("p", "P", "x") and pattern[index + 2:index + 3] == "{":
                end = pattern.find("}", index + 2)
                end = length if end < 0 else end + 1
            elif follower in ("p", "P"):
                end = index + 3
            else:
                end = index + 2
            yield "escape", pattern[index:end]
            index = end
        elif char == "[":
            end = index + 1
            if pattern[end:end + 1] == "^":
                end += 1
            if pattern[end:end + 1] == "]":  # a leading ] is literal
                end += 1
            while end < length and pattern[end] != "]":
                if pattern[end] == "\\":
                    end += 1
                elif pattern[end:end + 2] == "[:":  # [:alpha:]
                    close = pattern.find(":]", end + 2)
                    if close > 0:
                        end = close + 1
                end += 1
            yield "class", pattern[index:end + 1]
            index = end + 1
        elif char == "{":
            match = _REPEAT.match(pattern, index)
            if match:
                yield "repeat", match.group()
                index = match.end()
            else:
                yield "char", char
                index += 1
        elif char == "(" and pattern[index + 1:index + 2] == "?":
            match = _GROUP.match(pattern, index)
            end = match.end() if match else index + 2
            yield "group", pattern[index:end]
            index = end
        else:
            yield "char", char
            index += 1


_REPEAT = re.compile(r"\{(\d+)(,(\d*))?\}")
# Where a group that has_anchors counts could start: "(?" and flags or a name with an m in them.
_FLAGS_WITH_M = re.compile(r"\(\?<?[\w-]*m")
_GROUP = re.compile(r"\(\?(?:P?<\w+>|[a-zA-Z-]*[:)])")


def relaxed(pattern: str) -> str:
    """The pattern with its bounded repeats made unbounded ({1,60} becomes {1,}).

    It matches everything the pattern matches (and more): a cheap test that
    tells where the pattern cannot match. RE2 compiles a bounded repeat as
    that many copies, so a few of them take most of a pack's compile time.
    """
    if "{" not in pattern:
        return pattern  # no repeat to relax (and word lists are long: no need to take them apart)
    pieces = []
    for kind, text in parts_of(pattern):
        if kind == "repeat":
            match = _REPEAT.fullmatch(text)
            if match and match.group(2) and match.group(3):  # {n,m}
                text = "{" + match.group(1) + ",}"
        pieces.append(text)
    return "".join(pieces)


def has_anchors(pattern: str) -> bool:
    """Whether the pattern uses ^, $, \\A or \\z, or switches multi-line mode:
    what could match differently in a region cut out of a text and in the text."""
    if "^" not in pattern and "$" not in pattern and "\\A" not in pattern and "\\z" not in pattern \
            and not _FLAGS_WITH_M.search(pattern):
        return False  # none of the pieces anchors_among_parts looks for can be in it
    return anchors_among_parts(pattern)


def anchors_among_parts(pattern: str) -> bool:
    for kind, text in parts_of(pattern):
        if kind == "char" and text in "^$":
            return True
        if kind == "escape" and text in ("\\A", "\\z"):
            return True
        if kind == "group" and not text.startswith("(?P") and "m" in text:
            return True
    return False


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def finditer_words(compiled: Any, text: str, start: int = 0, end: int | None = None) -> Iterator[Any]:
    """Matches whose edges are Unicode word boundaries (RE2's \\b only knows ASCII)."""
    end = len(text) if end is None else end
    for match in compiled.finditer(text, start, end):
        a, b = match.span()
        if a == b:
            continue
        if a > 0 and is_word_char(text[a - 1]) and is_word_char(text[a]):
            continue
        if b < len(text) and is_word_char(text[b]) and is_word_char(text[b - 1]):
            continue
        yield match
