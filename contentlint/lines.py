"""Offsets to 1-based line and column.

Lines end at CRLF, CR or LF — the same rule markdown-it uses for its line
maps — and columns count code points, so a CRLF file and its LF twin report
the same positions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

NEWLINE = re.compile(r"\r\n|\r|\n")


class LineIndex:
    def __init__(self, text: str) -> None:
        self.text = text
        if "\r" in text:
            self.starts = [0] + [match.end() for match in NEWLINE.finditer(text)]
        else:  # the common case, several times faster: each line's length plus its newline
            self.starts = list(accumulate((len(line) + 1 for line in text.split("\n")[:-1]), initial=0))

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based offset (clamped to the text)."""
        if offset < 0:
            offset = 0
        elif offset > len(self.text):
            offset = len(self.text)
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_start(self, line: int) -> int:
        """Offset of the first character of a 1-based line."""
        return self.starts[line - 1] if line - 1 < len(self.starts) else len(self.text)

    def line_end(self, line: int) -> int:
        """Offset just past the last character of a 1-based line (before its newline)."""
        if line < len(self.starts):
            end = self.starts[line]
            while end > self.starts[line - 1] and self.text[end - 1] in "\r\n":
                end -= 1
            return end
        return len(self.text)

    def offset(self, line: int, column: int) -> int:
        return self.line_start(line) + column - 1
