"""ST002: an article that is only headings."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from contentlint.document import HEADING, Block, Document
from contentlint.rule import Rule
from contentlint.violation import Severity, Violation

# What may stand between the headings of an unwritten outline: rules and
# setext underlines, HTML comments, white space.
_MARKUP_ONLY = re.compile(r"(?:<!--.*?-->|^[ \t]*(?:[-*_=][ \t]*)+$|\s)*", re.DOTALL | re.MULTILINE)


class HeadingOnlyArticle(Rule):
    """The article has headings but no text under them.

    ## What it does
    Reports an article whose only prose is headings: an outline that was
    never written, or a scrape that kept the headings and lost the
    paragraphs. The finding is at the first heading and names how many
    headings there are.

    A page whose headings label something else — an image, a table, code, a
    shortcode or HTML that a site generator fills in — is not reported.

    ## Why is this bad?
    Readers get a table of contents with nothing in it. Search engines treat
    such pages as thin content, and the headings promise advice the page
    does not give.

    ## Silenced by
    Any paragraph, list item, table or other content between the headings.

    ## Example
    ```markdown
    # Better sleep

    ### Why sleep matters

    ### Tips for tonight
    ```

    ```markdown
    # Better sleep

    ### Why sleep matters

    Sleep lets the body repair itself.
    ```

    ## Fix
    Write the sections, or delete the file.
    """

    code = "ST002"
    name = "heading-only-article"
    document_level = True
    severity = Severity.WARNING

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterable[Violation]:
        headings = document.blocks
        if not headings or any(block.kind != HEADING for block in headings):
            return  # not only headings (any() stops at the first other block, which comes early)
        if not only_markup_besides(document, headings):
            return
        first = headings[0]
        count = len(headings)
        noun = "heading" if count == 1 else "headings"
        yield Violation(first.start, first.end, f"The article is only {count} {noun} with no text under them")


def only_markup_besides(document: Document, headings: list[Block]) -> bool:
    """True if, without the front matter and the heading lines, nothing but markup is left."""
    text = document.text
    rest = []
    cursor = front_matter_end(document)
    for block in headings:  # blocks are sorted
        line_start = document.lines.line_start(document.position(block.start)[0])
        line_end = document.lines.line_end(document.position(block.end)[0])
        if line_start > cursor:
            rest.append(text[cursor:line_start])
        cursor = max(cursor, line_end)
    rest.append(text[cursor:])
    return _MARKUP_ONLY.fullmatch("\n".join(rest)) is not None


def front_matter_end(document: Document) -> int:
    if document.format != "markdown":
        return 0
    from contentlint.markdown import _front_matter

    return _front_matter(document.text)[0]
