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


def _options(ignore_case: bool) -> Any:
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
        return re2.compile(pattern, options=_options(ignore_case))
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
