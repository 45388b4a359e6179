"""Plain-text adapter: paragraphs are separated by blank lines; URLs,
e-mail addresses and HTML comments (suppression directives) are not prose."""

from __future__ import annotations

import re

from contentlint.document import PARAGRAPH, Block, Document
from contentlint.inline import Edits
from contentlint.document import Comment
from contentlint.markdown import apply_edits, trim

_PARAGRAPH = re.compile(r"\S(?:.|\r?\n(?![ \t]*\r?\n)|\r(?![ \t]*\r))*", re.MULTILINE)
_NOT_PROSE = re.compile(
    r"(?P<comment><!--(?:(?!<!--).)*?-->)|(?P<url>(?:https?://|www\.)[^\s<>()\[\]\"']*[^\s<>()\[\]\"'.,;:!?])"
    r"|(?P<email>(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
    re.DOTALL,
)


def parse_text(text: str, path: str = "<string>") -> Document:
    edits = Edits()
    for match in _NOT_PROSE.finditer(text):
        edits.blank(match.start(), match.end())
        if match.lastgroup == "comment":
            edits.comments.append(Comment(match.start(), match.end(), match.group()[4:-3]))
    prose = apply_edits(text, [(0, len(text))], edits)
    blocks = [block for m in _PARAGRAPH.finditer(prose) if (block := trim(Block(PARAGRAPH, m.start(), m.end()), prose))]
    return Document(path=path, text=text, prose=prose, blocks=blocks, comments=edits.comments, format="text")
