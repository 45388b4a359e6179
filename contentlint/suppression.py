"""Inline suppression comments.

    <!-- contentlint-disable HC101 RP -->   … from here (all codes if none named)
    <!-- contentlint-enable HC101 RP -->    … to here (or to the end of the file)
    <!-- contentlint-disable-next-line CV101 -->
    <!-- contentlint-disable-line CV101 -->  (on the line it is on)
    <!-- contentlint-disable-file ST -->

Codes may be full codes, family prefixes or rule names, separated by spaces
or commas. A directive that suppresses nothing is reported as CL100 when that
rule is selected; a directive naming an unknown rule is reported as CL101.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from contentlint.document import Document
from contentlint.violation import Finding

_DIRECTIVE = re.compile(
    r"^\s*contentlint-(?P<action>disable-next-line|disable-line|disable-file|disable|enable)\b(?P<codes>[^>]*?)\s*$",
    re.DOTALL,
)


@dataclass
class Directive:
    action: str
    codes: tuple[str, ...]  # empty: every code
    start: int  # offsets of the comment
    end: int
    line: int
    first_line: int  # lines it covers (inclusive)
    last_line: int
    used: set[str] = field(default_factory=set)

    def covers(self, code: str, name: str, line: int) -> bool:
        if not self.first_line <= line <= self.last_line:
            return False
        return not self.codes or any(code.startswith(c) or c == name for c in self.codes)


def parse_directives(document: Document) -> list[Directive]:
    lines = document.lines
    last_line = lines.line_count
    directives: list[Directive] = []
    open_ranges: list[Directive] = []
    for comment in document.comments:
        match = _DIRECTIVE.match(comment.body)
        if not match:
            continue
        action = match.group("action")
        codes = tuple(code for code in re.split(r"[\s,]+", match.group("codes")) if code)
        line, _ = lines.position(comment.start)
        end_line, _ = lines.position(comment.end)
        if action == "enable":
            for directive in open_ranges:
                if directive.last_line == last_line and (not codes or set(codes) & set(directive.codes)
                                                         or not directive.codes):
                    directive.last_line = line
            open_ranges = [d for d in open_ranges if d.last_line == last_line]
            continue
        if action == "disable":
            directive = Directive(action, codes, comment.start, comment.end, line, line, last_line)
            open_ranges.append(directive)
        elif action == "disable-next-line":
            directive = Directive(action, codes, comment.start, comment.end, line, end_line + 1, end_line + 1)
        elif action == "disable-line":
            directive = Directive(action, codes, comment.start, comment.end, line, line, end_line)
        else:
            directive = Directive(action, codes, comment.start, comment.end, line, 1, last_line)
        directives.append(directive)
    return directives


def apply_suppressions(findings: list[Finding], directives: list[Directive]) -> list[Finding]:
    """The findings no directive covers; marks each directive with the codes it used."""
    kept = []
    for finding in findings:
        suppressed = False
        for directive in directives:
            if directive.covers(finding.code, finding.name, finding.line):
                directive.used.add(finding.code)
                suppressed = True
        if not suppressed:
            kept.append(finding)
    return kept


def directive_problems(
    directives: list[Directive], known: Callable[[str], bool]
) -> list[tuple[Directive, str, str]]:
    """(directive, code, message) for unknown codes (CL101) and unused suppressions (CL100)."""
    problems = []
    for directive in directives:
        unknown = [code for code in directive.codes if not known(code)]
        for code in unknown:
            problems.append((directive, "CL101", f"Unknown rule '{code}' in suppression comment"))
        if not directive.used:
            named = " ".join(directive.codes) or "all rules"
            problems.append((directive, "CL100", f"Unused suppression: 'contentlint-{directive.action}' "
                                                 f"({named}) suppresses nothing"))
    return problems
