"""ST001: an article with no text."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from contentlint.document import WORD, Document
from contentlint.rule import Option, Rule
from contentlint.violation import Severity, Violation


class EmptyArticle(Rule):
    """The article has no text.

    ## What it does
    Reports a file whose prose has no words: an empty file, or one holding
    only white space, markup, images, HTML comments or code. The finding is at
    line 1.

    A file with front matter and no body is not reported by default: static
    site generators (Hugo, Jekyll) use such files for list pages, author pages
    and data-only pages. Set `front-matter-only = true` to report them too.

    ## Why is this bad?
    An empty article is a publishing accident: a failed scrape, a generation
    that returned nothing, or a draft saved before it was written. Readers who
    follow a link to it find nothing.

    ## Silenced by
    Any word of prose; front matter (unless `front-matter-only` is on).

    ## Example
    ```markdown
    ![A person sleeping](sleep.jpg)
    ```

    ```markdown
    Most adults need seven or more hours of sleep.
    ```

    ## Fix
    Write the article, or delete the file.
    """

    code = "ST001"
    name = "empty-article"
    document_level = True
    severity = Severity.ERROR
    options = (
        Option("front-matter-only", False, "also report files that have front matter but no body"),
    )

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterable[Violation]:
        if has_word(document.prose):
            return
        front_matter = has_front_matter(document)
        if front_matter and not options["front-matter-only"]:
            return
        first_line_end = document.lines.line_end(1)
        if front_matter:
            message = "The article has front matter but no text"
        else:
            message = "The article has no text"
        yield Violation(0, first_line_end, message)


def has_word(prose: str) -> bool:
    """Whether prose holds a word (what word_count counts, without counting them all).

    The search starts after the leading white space, which no word contains:
    blanked front matter and code make that run long, and str.lstrip skips it
    many times faster than the regular expression would.
    """
    first = len(prose) - len(prose.lstrip())
    return WORD.search(prose, first) is not None


def has_front_matter(document: Document) -> bool:
    """YAML front matter (parsed by the adapter) or TOML front matter (+++, kept as non-prose)."""
    if document.front_matter_source is not None:
        return True
    return document.format == "markdown" and document.text.startswith("+++")
