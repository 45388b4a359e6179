"""`path:line:col: CODE message`, one per line, then a summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from contentlint.violation import Severity

RESET = "\033[0m"
BOLD = "\033[1m"
DIM = "\033[2m"
COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render(report: Any, rules: Mapping[str, Any], color: bool = False, quiet: bool = False,
           statistics: bool = False, **_: object) -> str:
    lines = []
    if statistics:
        counts = Counter(finding.code for finding in report.findings)
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            name = rules[code].name if code in rules else ""
            lines.append(f"{count:>6}  {code:<7} {name}")
    else:
        for finding in report.findings:
            location = f"{finding.path}:{finding.line}:{finding.column}:"
            fixable = " [*]" if finding.fix is not None and finding.fix.safe else ""
            if color:
                tint = COLORS[finding.severity]
                lines.append(f"{BOLD}{location}{RESET} {tint}{finding.code}{RESET}{fixable} {finding.message}"
                             f" {DIM}[{finding.name}]{RESET}")
            else:
                lines.append(f"{location} {finding.code}{fixable} {finding.message} [{finding.name}]")
    if not quiet:
        if getattr(report, "fixed", 0):
            lines.append(f"Fixed {_plural(report.fixed, 'problem')}.")
        total = len(report.findings)
        if total:
            by_severity = Counter(finding.severity for finding in report.findings)
            parts = [_plural(by_severity[s], s.label) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
                     if by_severity[s]]
            files = len({finding.path for finding in report.findings})
            summary = (f"Found {_plural(total, 'problem')} ({', '.join(parts)}) in {_plural(files, 'file')} "
                       f"of {report.files_checked} checked.")
            fixable = sum(1 for f in report.findings if f.fix is not None and f.fix.safe)
            if fixable:
                summary += f" [*] {fixable} fixable with --fix."
            if report.errors:
                summary += f" Not everything was checked: {_plural(len(report.errors), 'error')} on standard error."
            lines.append(summary)
        elif report.errors:  # not "All checks passed": some files were not checked at all
            lines.append(f"No problems found in {_plural(report.files_checked, 'file')} checked. "
                         f"Not everything was checked: {_plural(len(report.errors), 'error')} on standard error.")
        else:
            lines.append(f"All checks passed ({_plural(report.files_checked, 'file')} checked).")
    return "\n".join(lines) + ("\n" if lines else "")
