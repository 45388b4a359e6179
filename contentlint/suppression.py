"""Inline suppression comments.

    <!-- contentlint-disable HC101 RP -->   … from here (all codes if none named)
    <!-- contentlint-enable HC101 RP -->    … to here (or to the end of the file)
    <!-- contentlint-disable-next-line CV101 -->
    <!-- contentlint-disable-line CV101 -->  (on the line it is on)
    <!-- contentlint-disable-file ST -->

Codes may be full codes, family prefixes, rule names or ALL, separated by
spaces or commas; text after " -- " is a reason, not a code. For a finding,
the last disable/enable comment above it that names its rule decides, so
``disable`` then ``enable HC101`` turns only HC101 back on. A directive that suppresses nothing is reported as CL100 when that
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
_REASON = re.compile(r"(?:^|\s)--(?:\s|$)")  # "disable ST401 -- quoted from the source": the reason is free text
RANGE_ACTIONS = ("disable", "enable")


@dataclass
class Directive:
    action: str
    codes: tuple[str, ...]  # empty: every code
    start: int  # offsets of the comment
    end: int
    line: int
    first_line: int  # lines it covers (inclusive); for disable/enable, from its line to the end
    last_line: int
    used: set[str] = field(default_factory=set)

    def matches(self, code: str, name: str) -> bool:
        return not self.codes or any(c == "ALL" or code.startswith(c) or c == name for c in self.codes)

    def covers(self, code: str, name: str, line: int) -> bool:
        return self.first_line <= line <= self.last_line and self.matches(code, name)


def parse_directives(document: Document) -> list[Directive]:
    """The suppression comments of a document, in order (comments inside code never count)."""
    lines = document.lines
    last_line = lines.line_count
    directives: list[Directive] = []
    for comment in sorted(document.comments, key=lambda c: c.start):
        match = _DIRECTIVE.match(comment.body)
        if not match:
            continue
        action = match.group("action")
        codes_text = _REASON.split(match.group("codes"), maxsplit=1)[0]
        codes = tuple(code for code in re.split(r"[\s,]+", codes_text) if code)
        line, _ = lines.position(comment.start)
        end_line, _ = lines.position(comment.end)
        if action in RANGE_ACTIONS:
            first, last = line, last_line
        elif action == "disable-next-line":
            first = last = end_line + 1
        elif action == "disable-line":
            first, last = line, end_line
        else:
            first, last = 1, last_line
        directives.append(Directive(action, codes, comment.start, comment.end, line, first, last))
    return directives


def _decider(ranges: list[Directive], code: str, name: str, line: int) -> Directive | None:
    """The last disable/enable comment at or above `line` that names the code: its state holds."""
    found = None
    for directive in ranges:
        if directive.line > line:
            break
        if directive.matches(code, name):
            found = directive
    return found


def apply_suppressions(findings: list[Finding], directives: list[Directive]) -> list[Finding]:
    """The findings no directive covers; marks each directive with the codes it used.

    Ranges nest like markdownlint's: ``disable`` then ``enable HC101`` keeps
    every other rule off and turns HC101 back on.
    """
    ranges = [d for d in directives if d.action in RANGE_ACTIONS]
    single = [d for d in directives if d.action not in RANGE_ACTIONS]
    kept = []
    for finding in findings:
        suppressed = False
        for directive in single:
            if directive.covers(finding.code, finding.name, finding.line):
                directive.used.add(finding.code)
                suppressed = True
        decider = _decider(ranges, finding.code, finding.name, finding.line)
        if decider is not None and decider.action == "disable":
            decider.used.add(finding.code)
            suppressed = True
        if not suppressed:
            kept.append(finding)
    return kept


def _overlap(a: Directive, b: Directive) -> bool:
    """Whether two directives can name the same rule."""
    if not a.codes or not b.codes:
        return True
    return any(x.startswith(y) or y.startswith(x) for x in a.codes for y in b.codes)


def directive_problems(
    directives: list[Directive], known: Callable[[str], bool], hint: Callable[[str], str] = lambda code: ""
) -> list[tuple[Directive, str, str]]:
    """(directive, code, message) for unknown codes (CL101) and unused suppressions (CL100).

    `hint` gives a " (did you mean …?)" for an unknown code, or "".
    """
    problems = []
    for directive in directives:
        unknown = [code for code in directive.codes if not known(code)]
        for code in unknown:
            problems.append((directive, "CL101", f"Unknown rule '{code}' in suppression comment{hint(code)}"))
        if directive.action == "enable":
            earlier = [d for d in directives if d.action == "disable" and d.start < directive.start]
            if any(_overlap(directive, d) for d in earlier):
                continue  # it ends a range; whether that range was needed is the disable's business
        if not directive.used:
            named = " ".join(directive.codes) or "all rules"
            if directive.action == "enable":
                problems.append((directive, "CL100", f"Unused suppression: 'contentlint-enable' ({named}) "
                                                     "follows no disable comment that names it"))
                continue
            problems.append((directive, "CL100", f"Unused suppression: 'contentlint-{directive.action}' "
                                                 f"({named}) suppresses nothing"))
    return problems
