"""Rule kinds: the code behind data-defined rules.

A YAML rule names its kind; the kind reads the rest of the rule's keys,
checks them, and becomes a Rule. Kinds are looked up in ``KINDS`` (module
path, class name) and imported only when a pack uses them.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from contentlint.document import Block, Document
from contentlint.patterns import PatternError, compile_pattern, pattern_options, token_pattern
from contentlint.rule import CODE, NAME, Rule, RuleDoc
from contentlint.sentences import strip_span
from contentlint.textutil import words
from contentlint.violation import Edit, Fix, Severity

KINDS: dict[str, str] = {
    "existence": "contentlint.kinds.existence:Existence",
    "substitution": "contentlint.kinds.substitution:Substitution",
    "occurrence": "contentlint.kinds.occurrence:Occurrence",
    "caveat": "contentlint.kinds.caveat:Caveat",
}


NOT_YET: Any = object()  # a lazily computed attribute not computed yet (None is a value)


class PackError(ValueError):
    """A rule pack that cannot be loaded; the message names the pack, rule and key."""


# Keys every kind accepts.
COMMON_KEYS = {
    "code", "name", "kind", "severity", "default-on", "message", "summary", "what", "why",
    "silenced-by", "example", "how-to-fix", "ignore-case", "scope", "block-kinds",
}
SCOPES = ("prose", "block", "paragraph", "sentence", "line")
BLOCK_KINDS = ("heading", "paragraph", "list_item", "table_cell", "html", "quote")


@dataclass
class PackContext:
    """Where a rule comes from, for error messages and relative word-list paths."""

    path: Path
    index: int  # position of the rule in the pack

    def error(self, rule: Mapping[str, Any], message: str) -> PackError:
        code = rule.get("code") if isinstance(rule, Mapping) else None
        where = f"rule {code}" if code else f"rule #{self.index + 1}"
        return PackError(f"{self.path}: {where}: {message}")


class PackRule(Rule):
    """A rule defined in a YAML pack. Instances carry what classes carry for Python rules."""

    allowed_keys: frozenset[str] = frozenset()

    def __init__(self, spec: Mapping[str, Any], context: PackContext) -> None:
        self.spec = dict(spec)
        self.context = context
        unknown = set(spec) - COMMON_KEYS - self.allowed_keys
        if unknown:
            key = sorted(unknown)[0]
            raise context.error(spec, f"unknown key '{key}'{suggest(key, COMMON_KEYS | self.allowed_keys)}")
        self.code = self.require(spec, "code", str)  # type: ignore[misc]
        if not CODE.match(self.code):
            raise context.error(spec, f"code '{self.code}' must be 1-5 capital letters and three digits, e.g. ST101")
        self.name = self.require(spec, "name", str)  # type: ignore[misc]
        if not NAME.match(self.name):
            raise context.error(spec, f"name '{self.name}' must be kebab-case, e.g. site-navigation")
        try:
            self.severity = Severity.parse(spec.get("severity", "warning"))  # type: ignore[misc]
        except (ValueError, AttributeError):
            raise context.error(spec, f"severity must be error, warning or info, not {spec.get('severity')!r}") from None
        self.default_on = bool(self.optional(spec, "default-on", bool, True))  # type: ignore[misc]
        self.message = self.optional(spec, "message", str, "")
        self.ignore_case = self.optional(spec, "ignore-case", bool, True)
        self.scope = self.optional(spec, "scope", str, "prose")
        if self.scope not in SCOPES:
            raise context.error(spec, f"scope must be one of {', '.join(SCOPES)}, not {self.scope!r}")
        kinds = self.optional(spec, "block-kinds", list, list(BLOCK_KINDS))
        for kind in kinds:
            if kind not in BLOCK_KINDS:
                raise context.error(spec, f"block-kinds: unknown block kind {kind!r}{suggest(str(kind), BLOCK_KINDS)}")
        self.block_kinds = frozenset(kinds)
        self._regions_key = f"kinds.regions:{self.scope}:{','.join(sorted(self.block_kinds))}"
        self.origin = str(context.path)
        self._screen: Any = NOT_YET
        example = self.optional(spec, "example", dict, {})
        self._doc = RuleDoc(
            summary=self.optional(spec, "summary", str, self.name.replace("-", " ").capitalize() + "."),
            what=self.optional(spec, "what", str, ""),
            why=self.optional(spec, "why", str, ""),
            silenced_by=self.optional(spec, "silenced-by", str, ""),
            fail_example=str(example.get("fail", "")),
            pass_example=str(example.get("pass", "")),
            fix=self.optional(spec, "how-to-fix", str, ""),
        )

    @property
    def doc(self) -> RuleDoc:
        return self._doc

    def require(self, spec: Mapping[str, Any], key: str, kind: type) -> Any:
        if key not in spec:
            raise self.context.error(spec, f"missing required key '{key}'")
        return self.optional(spec, key, kind, None)

    def optional(self, spec: Mapping[str, Any], key: str, kind: type, default: Any) -> Any:
        value = spec.get(key, default)
        if value is default:
            return value
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.context.error(spec, f"'{key}' must be {kind.__name__}, not {type(value).__name__}")
        return value

    def compile(self, pattern: str) -> Any:
        try:
            return compile_pattern(pattern, self.ignore_case)
        except PatternError as error:
            shown = pattern if len(pattern) <= 80 else pattern[:77] + "..."
            raise self.context.error(self.spec, f"invalid pattern {shown!r}: {error}") from None

    def read_tokens(self, spec: Mapping[str, Any]) -> list[str]:
        """`tokens` inline plus `tokens-file` (one per line, # comments), relative to the pack."""
        tokens = list(self.optional(spec, "tokens", list, []))
        for token in tokens:
            if not isinstance(token, str):
                raise self.context.error(spec, f"tokens must be strings, not {token!r}")
        file_name = self.optional(spec, "tokens-file", str, None)
        if file_name:
            path = self.context.path.parent / file_name
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as error:
                raise self.context.error(spec, f"tokens-file {file_name}: cannot read: {error}") from None
            tokens += [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
        return tokens

    def validate(self) -> None:
        """Compile every pattern now (a kind compiles them on first use otherwise):
        raises PackError naming the pack, the rule and the pattern. Packs are
        validated when they load, except the built-in ones, which the tests check."""

    def pattern_sources(self, spec: Mapping[str, Any]) -> list[str]:
        """The `tokens` (as one alternation) and `patterns` of a rule, not compiled yet."""
        sources = []
        tokens = self.read_tokens(spec)
        if tokens:
            sources.append(token_pattern(tokens))
        patterns = self.optional(spec, "patterns", list, [])
        for pattern in patterns:
            if not isinstance(pattern, str):
                raise self.context.error(spec, f"patterns must be strings, not {pattern!r}")
            sources.append(pattern)
        if not sources:
            raise self.context.error(spec, "needs 'tokens', 'tokens-file' or 'patterns'")
        return sources

    def regions(self, document: Document) -> list[tuple[int, int]]:
        """The spans of prose this rule's scope looks at (shared by the rules of the
        same scope and block kinds: do not change the list)."""
        return document.memo(self._regions_key, lambda d: scope_regions(d, self.scope, self.block_kinds))

    def search_text(self, document: Document) -> bytes:
        """A text in which the rule's patterns match if they match in any of its
        regions: the prose, or every block's prose, each block on a line of its own
        (see blocks_text). UTF-8, as RE2 wants it, encoded once per document."""
        if self.scope == "prose":
            return prose_bytes(document)
        if self.scope == "sentence":
            return document.memo(self.search_text_key, lambda d: "\n".join(
                d.prose[start:end] for start, end in self.regions(d)).encode("utf-8"))
        return document.memo(self.search_text_key, blocks_text)

    @property
    def search_text_key(self) -> str:
        """The Document.memo key of search_text: rules with the same key search the same text."""
        if self.scope == "prose":
            return PROSE_BYTES
        if self.scope == "sentence":
            return self._regions_key + ":text"
        return BLOCKS_BYTES

    has_screen: ClassVar[bool] = False  # whether the kind has screens (screen_pattern)
    screen_slot: tuple[PackScreen, int] | None = None  # the rule's PackScreen and its place there

    def screen_pattern(self) -> str | None:
        """The rule's screen: a pattern that matches screen_text(document) wherever
        the rule could find something in the document, or None (the rule looks at
        every document). Case-insensitive when the rule is. The rules of a pack
        that screen the same text are screened together, in one search (PackScreen)."""
        return None

    def screen_text(self, document: Document) -> bytes:
        return self.search_text(document)

    @property
    def screen_text_key(self) -> str:
        return self.search_text_key

    @property
    def screen(self) -> Any:
        """screen_pattern(), compiled on first use: the rule's own screen, for when
        its pack's one search cannot tell; None when there is none."""
        if self._screen is NOT_YET:
            self._screen = None
            pattern = self.screen_pattern()
            if pattern is not None:
                try:
                    self._screen = compile_pattern(pattern, self.ignore_case)
                except PatternError:
                    pass  # not worth an error: the rule's patterns will say what is wrong
        return self._screen

    def screened(self, document: Document) -> bool:
        """Whether the rule's screen lets the document through."""
        slot = self.screen_slot  # screened_together, written out: every rule asks it of every document
        if slot is not None:
            screen, place = slot
            together = document.memo(screen.memo_key, screen.answers)[place]
            if together is not None:
                return together
        screen = self.screen
        return screen is None or screen.search(self.screen_text(document)) is not None

    def screened_together(self, document: Document) -> bool | None:
        """Whether the rule's screen matches the document, from its pack's one
        search; None when that search does not know (see PackScreen.passed)."""
        if self.screen_slot is None:
            return None
        screen, place = self.screen_slot
        return screen.passed(place, document)

    def format_message(self, default: str, **values: Any) -> str:
        template = self.message or default
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):
            return template


class PackScreen:
    """One search of a document's text for the screens of all the rules of a
    pack that search that text.

    Most documents match no rule of a pack. An RE2 Set of the rules' screens
    tells, in one pass over the text, which of them match; each rule whose
    screen does not then skips the document without a search of its own. The
    answer for each screen is the one its own search would give: a Set
    searches each of its patterns as if alone (the rule's case-insensitivity
    goes in as a (?i:...) group, which is what RE2's option does).

    The Set is built when a document first needs it. A screen the Set refuses,
    or a search it cannot finish (its DFA out of memory: the sentinel \\z,
    which matches only once the whole text is read, is then missing), leaves
    the rules to their own screens.
    """

    _serial = itertools.count()

    def __init__(self, rules: list[PackRule]) -> None:
        self.rules = rules  # rules with the same screen_text_key
        self.memo_key = f"kinds.screen:{next(PackScreen._serial)}"
        self._built = False
        self._set: Any = None
        self._indexes: list[int | None] = []  # each rule's index in the Set, if it is in it
        self._end = -1  # the index of the sentinel
        for place, rule in enumerate(rules):
            rule.screen_slot = (self, place)

    @staticmethod
    def attach(rules: list[PackRule]) -> None:
        """Screen together the rules of a pack that search the same text (two or more)."""
        by_text: dict[str, list[PackRule]] = {}
        for rule in rules:
            if rule.has_screen:
                by_text.setdefault(rule.screen_text_key, []).append(rule)
        for group in by_text.values():
            if len(group) > 1:
                PackScreen(group)

    def passed(self, place: int, document: Document) -> bool | None:
        """Whether the screen of rule number `place` matches the document, or None if not known."""
        return document.memo(self.memo_key, self.answers)[place]

    def answers(self, document: Document) -> tuple[bool | None, ...]:
        """passed() of each rule, from one search of the document (what its memo keeps)."""
        found = self.search(document)
        if found is None:
            return (None,) * len(self.rules)
        return tuple(None if index is None else index in found for index in self._indexes)

    def search(self, document: Document) -> frozenset[int] | None:
        """The Set indexes of the screens that match the document, or None if the search failed."""
        if not self._built:
            self.build()
        if self._set is None:
            return None
        return finished(self._set.Match(self.rules[0].screen_text(document)), self._end)

    def build(self) -> None:
        import re2

        self._built = True
        screens = re2.Set.SearchSet(pattern_options(ignore_case=False))
        for rule in self.rules:
            pattern = rule.screen_pattern()
            index = None
            if pattern is not None:
                try:
                    index = screens.Add(f"(?i:{pattern})" if rule.ignore_case else f"(?:{pattern})")
                except re2.error:
                    pass  # the rule screens alone (its own errors are its own to report)
            self._indexes.append(index)
        try:
            self._end = screens.Add(r"\z")
            screens.Compile()
        except re2.error:
            return
        self._set = screens


def finished(found: list[int] | None, end: int) -> frozenset[int] | None:
    """What a Set's Match found, if its search finished: the binding answers
    None, or nothing, for a search that failed, so the sentinel (index end,
    which matches at the end of every text) is missing then."""
    if not found or end not in found:
        return None
    return frozenset(found)


def scope_regions(document: Document, scope: str, block_kinds: frozenset[str]) -> list[tuple[int, int]]:
    """The spans of prose a scope looks at, in blocks of the given kinds."""
    if scope == "prose":
        return [(0, len(document.prose))]
    if scope == "block":
        return [(b.start, b.end) for b in document.blocks if b.kind in block_kinds]
    if scope == "sentence":
        blocks = document.blocks
        return [(s.start, s.end) for s in document.sentences if blocks[s.block].kind in block_kinds]
    per_block = document.memo("kinds.block_lines", all_block_lines)
    spans = []
    for block, lines in zip(document.blocks, per_block):
        if block.kind not in block_kinds:
            continue
        if scope == "line":  # each line's prose, trimmed
            spans.extend(lines)
        else:  # paragraph
            spans.extend(paragraph_spans(document, block, lines))
    return spans


PROSE_BYTES = "kinds.prose_bytes"
BLOCKS_BYTES = "kinds.blocks_bytes"


def prose_bytes(document: Document) -> bytes:
    """The document's prose in UTF-8, encoded once: RE2 otherwise encodes the
    string it is given on every call."""
    return document.memo(PROSE_BYTES, lambda d: d.prose.encode("utf-8"))


def blocks_text(document: Document) -> bytes:
    """Every block's prose, joined by newlines, UTF-8.

    Each region of the block, line and paragraph scopes is in it as a whole
    line, or a run of whole lines, give or take the white space a region
    trims: so a pattern that matches a region (its \\b and ^ at the region's
    edges included) matches this text too, which one search tells.
    """
    prose = document.prose
    return "\n".join([prose[block.start:block.end] for block in document.blocks]).encode("utf-8")


def all_block_lines(document: Document) -> list[list[tuple[int, int]]]:
    return [block_lines(document, block) for block in document.blocks]


def block_lines(document: Document, block: Block) -> list[tuple[int, int]]:
    """Each line of a block's prose, trimmed; empty lines left out."""
    spans = []
    first, _ = document.position(block.start)
    last, _ = document.position(block.end)
    for line in range(first, last + 1):
        start = max(block.start, document.lines.line_start(line))
        start, end = strip_span(document.prose, start, min(block.end, document.lines.line_end(line)))
        if end > start:
            spans.append((start, end))
    return spans


# How a line that is a paragraph of its own ends (a wrapped line mostly ends mid-sentence).
_PARAGRAPH_END = tuple(".!?:;…)\"”’»*")
_SHORT_LINE_WORDS = 12  # a title or a label needs no final punctuation


def paragraph_spans(document: Document, block: Block,
                    lines: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """The paragraphs a reader sees in a block: the block itself, or each of its
    lines when the text puts one paragraph per line with no blank line between
    (as scraped and pasted text often does; Markdown and our text adapter would
    otherwise make them one block). Lines count as paragraphs when every line
    after the first starts with no lower-case letter and every line before the
    last ends a sentence or is short (a title, a label)."""
    if lines is None:
        lines = block_lines(document, block)
    if len(lines) < 2:
        return [(block.start, block.end)]
    prose = document.prose
    for index, (start, end) in enumerate(lines):
        if index > 0 and prose[start].islower():
            return [(block.start, block.end)]
        if index < len(lines) - 1 and not prose[start:end].endswith(_PARAGRAPH_END) \
                and sum(1 for _ in words(prose, start, end)) > _SHORT_LINE_WORDS:
            return [(block.start, block.end)]
    return lines


def suggest(word: str, choices: Any) -> str:
    """A ' (did you mean ...?)' hint, or ''."""
    close = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def delete_line_fix(document: Document, start: int, end: int, description: str) -> Fix:
    """A fix that removes the whole lines spanned, newline included.

    When the lines stand alone between blank lines (a paragraph of their own),
    one of the blank lines goes too, so the fix leaves no double gap behind.
    """
    lines = document.lines
    first, _ = document.position(start)
    last, _ = document.position(max(start, end - 1))
    line_start = lines.line_start(first)
    next_start = lines.line_start(last + 1) if last < lines.line_count else len(document.text)

    def blank(line: int) -> bool:
        return not document.text[lines.line_start(line):lines.line_end(line)].strip()

    blank_before = first == 1 or blank(first - 1)
    if blank_before and last + 1 < lines.line_count and blank(last + 1):
        next_start = lines.line_start(last + 2)
    return Fix((Edit(line_start, next_start, ""),), description)
