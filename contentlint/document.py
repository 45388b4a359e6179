"""The Document every rule reads.

``text`` is the original text (BOM removed). ``prose`` has the same length:
everything that is not prose — code, front matter, tags, URLs, markup — is
blanked to spaces, newlines kept, so an offset into ``prose`` is an offset
into ``text``. ``blocks`` and ``sentences`` are computed once and shared.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from itertools import starmap
from typing import Any, Callable, TypeVar

from contentlint.lines import LineIndex
from contentlint.sentences import split_blocks

# Block kinds a format adapter produces.
HEADING = "heading"
PARAGRAPH = "paragraph"
LIST_ITEM = "list_item"
TABLE_CELL = "table_cell"
HTML = "html"
QUOTE = "quote"

T = TypeVar("T")

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class Block:
    """A span of prose: a heading, paragraph, list item, table cell, HTML block or quote.

    ``kind`` says what it is; a paragraph inside a list item has kind
    ``list_item`` and one inside a block quote ``quote``. ``level`` is the
    heading level (1–6) for headings and 0 otherwise.
    """

    kind: str
    start: int
    end: int
    level: int = 0


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    block: int  # index into Document.blocks


@dataclass(frozen=True)
class Comment:
    """An HTML comment outside code: where suppression directives live."""

    start: int
    end: int
    body: str


@dataclass
class Document:
    path: str
    text: str
    prose: str
    blocks: list[Block]
    comments: list[Comment] = field(default_factory=list)
    front_matter_source: str | None = None  # the YAML between the --- lines, or the TOML between +++ lines
    format: str = "markdown"
    front_matter_format: str = "yaml"  # or "toml"
    # What rule families derive once and share (their tokens, their sentence analysis): see memo().
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.prose) != len(self.text):  # the one invariant every rule relies on
            raise ValueError("prose and text differ in length")

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def sentences(self) -> list[Sentence]:
        return list(starmap(Sentence, split_blocks(self.prose, [(block.start, block.end) for block in self.blocks])))

    @cached_property
    def front_matter(self) -> dict[str, Any] | None:
        """The parsed front matter (YAML or TOML), or None (absent, broken, or not a mapping)."""
        if not self.front_matter_source:
            return None
        if self.front_matter_format == "toml":
            import sys

            if sys.version_info >= (3, 11):
                import tomllib
            else:  # pragma: no cover
                import tomli as tomllib

            try:
                return tomllib.loads(self.front_matter_source.replace("\r\n", "\n").replace("\r", "\n"))
            except tomllib.TOMLDecodeError:
                return None
        from contentlint.front_matter import simple_mapping

        simple = simple_mapping(self.front_matter_source)
        if simple is not None:  # the plain form, read without importing PyYAML
            return simple
        import yaml

        try:
            data = yaml.load(self.front_matter_source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError:
            return None
        return data if isinstance(data, dict) else None

    @cached_property
    def title(self) -> str | None:
        """The front-matter title, else the first level-1 heading."""
        if self.front_matter and isinstance(self.front_matter.get("title"), str):
            return self.front_matter["title"]
        for block in self.blocks:
            if block.kind == HEADING and block.level == 1:
                return " ".join(self.prose[block.start:block.end].split())
        return None

    @cached_property
    def word_count(self) -> int:
        return len(WORD.findall(self.prose))

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    @cached_property
    def _block_starts(self) -> list[int]:
        return [block.start for block in self.blocks]

    def block_at(self, offset: int) -> Block | None:
        """The block containing offset, if any (blocks are sorted and do not overlap)."""
        index = bisect_right(self._block_starts, offset) - 1
        if index >= 0 and offset < self.blocks[index].end:
            return self.blocks[index]
        return None

    def memo(self, key: str, compute: Callable[[Document], T]) -> T:
        """compute(self), computed once per document under key: how rules of one
        family share work (HC's claim analysis, RP's word tokens) without each
        redoing it. key is the family's own name, e.g. "claims"."""
        try:
            return self.derived[key]
        except KeyError:
            value = self.derived[key] = compute(self)
            return value

    def prose_of(self, start: int, end: int) -> str:
        return self.prose[start:end]
