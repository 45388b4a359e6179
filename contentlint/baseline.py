"""Baseline: record today's findings so a gate reports only new ones.

A finding is identified by its path, code and a fingerprint of the text it
points at (the finding's own span and the whole of its first line, with
white space folded) — not by its line number, so edits above a finding do not
resurrect it. Identical fingerprints in one file are counted, so a second copy
of a known problem is still new. Entries that match nothing any more are
reported so the baseline can be pruned (`contentlint baseline` rewrites it).
Paths are stored relative to the baseline file's folder, so `check` may run
from another folder than `baseline` did.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contentlint import __version__
from contentlint.violation import Finding

FORMAT_VERSION = 1


class BaselineError(Exception):
    pass


def fingerprint(finding: Finding, text: str) -> str:
    """A digest of what the finding points at, stable when lines move."""
    return span_fingerprint(finding.code, text, finding.start, finding.end)


def span_fingerprint(code: str, text: str, start: int, end: int) -> str:
    """fingerprint() of a finding of `code` at text[start:end], before the Finding is made."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start: len(text) if line_end == -1 else line_end]
    span = text[start:end]
    key = "\x1f".join((code, " ".join(span.split()), " ".join(line.split())))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def corpus_fingerprint(code: str, message: str) -> str:
    """For findings across files, which have no text at hand: the message without line numbers."""
    key = "\x1f".join((code, re.sub(r":\d+", ":", message)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def stored_path(path: str, cwd: Path, root: Path) -> str:
    """A reported path (relative to `cwd`) as the baseline in `root` records it."""
    if path == "-":
        return path
    return Path(os.path.relpath(os.path.join(cwd, path), root)).as_posix()


def entry(finding: Finding, cwd: Path, root: Path) -> dict[str, Any]:
    return {"path": stored_path(finding.path, cwd, root), "code": finding.code, "fingerprint": finding.fingerprint,
            "line": finding.line, "message": finding.message}


def write_baseline(path: Path, findings: list[Finding], cwd: Path | None = None) -> int:
    from contentlint.cli import write_atomic

    cwd = cwd or Path.cwd()
    root = Path(os.path.abspath(path)).parent
    entries = sorted((entry(f, cwd, root) for f in findings), key=lambda e: (e["path"], e["line"], e["code"]))
    data = {"contentlint-baseline": FORMAT_VERSION, "tool-version": __version__, "findings": entries}
    write_atomic(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    return len(entries)


@dataclass
class Baseline:
    counts: Counter[tuple[str, str, str]]
    entries: list[dict[str, Any]]
    root: Path  # the baseline file's folder: stored paths are relative to it

    def filter(self, findings: list[Finding], cwd: Path | None = None) -> tuple[list[Finding], list[dict[str, Any]]]:
        """(new findings, stale entries): each entry absorbs one matching finding.

        `cwd` is the folder the findings' paths are relative to."""
        cwd = cwd or Path.cwd()
        remaining = Counter(self.counts)
        new = []
        for finding in findings:
            key = (stored_path(finding.path, cwd, self.root), finding.code, finding.fingerprint)
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                new.append(finding)
        stale = []
        left = Counter({key: count for key, count in remaining.items() if count > 0})
        for item in self.entries:
            key = (item["path"], item["code"], item["fingerprint"])
            if left[key] > 0:
                left[key] -= 1
                stale.append(item)
        return new, stale


def load_baseline(path: Path) -> Baseline:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with `contentlint baseline`)") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: cannot read baseline: {error}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise BaselineError(f"{path}: not a valid baseline: invalid JSON at line {error.lineno}, "
                            f"column {error.colno}: {error.msg}") from None
    if not isinstance(data, dict) or "contentlint-baseline" not in data:
        raise BaselineError(f"{path}: not a contentlint baseline file")
    if data["contentlint-baseline"] != FORMAT_VERSION:
        raise BaselineError(f"{path}: baseline format {data['contentlint-baseline']!r} is not supported by "
                            f"contentlint {__version__} (format {FORMAT_VERSION}); regenerate it with "
                            "`contentlint baseline`")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(f"{path}: 'findings' must be a list")
    counts: Counter[tuple[str, str, str]] = Counter()
    for index, item in enumerate(findings):
        if not (isinstance(item, dict) and all(isinstance(item.get(k), str) for k in ("path", "code", "fingerprint"))):
            raise BaselineError(f"{path}: entry {index + 1} needs string 'path', 'code' and 'fingerprint'")
        counts[(item["path"], item["code"], item["fingerprint"])] += 1
    return Baseline(counts, findings, Path(os.path.abspath(path)).parent)
