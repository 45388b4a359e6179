"""Run the ST (structure and provenance) rules over a corpus and print what they find.

Usage::

    python benchmarks/st_corpus.py /work/shared/corpus/digitalgov.gov [--sample 5] [--seed 1]

Prints the number of files, the wall time and files per second, the count of
findings (and of files with a finding) per rule, then a random sample of
findings per rule with the text of the line they are on, so a person can
judge whether each one is really boilerplate.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import contentlint
from contentlint.registry import build_registry


def line_text(path: str, line: int) -> str:
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def markdown_files(path: str) -> list[str]:
    root = Path(path)
    return [str(root)] if root.is_file() else [str(p) for p in sorted(root.rglob("*.md"))]


def print_rule_times(registry, codes: list[str], paths: list[str]) -> None:
    """Each rule's own time over every document, parsed once beforehand."""
    from contentlint.engine import parse_document
    from contentlint.source import read_source

    documents = []
    for path in paths:
        try:
            document = parse_document(read_source(Path(path)))
        except Exception:  # unreadable files are reported by the lint run above
            continue
        document.word_count, document.sentences, document.lines  # shared caches: no rule pays for them
        documents.append(document)
    print(f"\nrule time alone over {len(documents)} parsed documents:")
    for code in codes:
        rule = registry.rules[code]
        options = rule.default_options()
        started = time.perf_counter()
        for document in documents:
            for _ in rule.check(document, options):
                pass
        elapsed = time.perf_counter() - started
        print(f"  {code:<8}{elapsed * 1000:>8.0f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="a folder of Markdown files (or one file)")
    parser.add_argument("--sample", type=int, default=5, help="findings shown per rule (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="random seed for the sample")
    parser.add_argument("--select", default="ST", help="rules to run (default: the ST family)")
    parser.add_argument("--rule-times", action="store_true",
                        help="also time each rule alone on the parsed documents (parsing excluded)")
    args = parser.parse_args(argv)

    registry = build_registry(plugins=False)
    selected = sorted(rule.code for rule in registry.rules.values() if rule.code.startswith(args.select))
    started = time.perf_counter()
    report = contentlint.lint_paths([args.path], select=selected)
    elapsed = time.perf_counter() - started

    files = report.files_checked
    print(f"corpus: {args.path}")
    print(f"files: {files}  wall: {elapsed:.2f} s  files/s: {files / elapsed if elapsed else 0:,.0f}")
    if report.errors:
        print(f"errors: {len(report.errors)} (first: {report.errors[0]})")

    by_rule: dict[str, list] = defaultdict(list)
    for finding in report.findings:
        by_rule[finding.code].append(finding)
    print()
    print(f"{'rule':<8}{'name':<26}{'findings':>9}{'files':>7}")
    for code in selected:
        found = by_rule.get(code, [])
        name = registry.rules[code].name
        print(f"{code:<8}{name:<26}{len(found):>9}{len({f.path for f in found}):>7}")
    print(f"{'total':<34}{len(report.findings):>9}{len({f.path for f in report.findings}):>7}")

    if args.rule_times:
        print_rule_times(registry, selected, sorted({f.path for f in report.findings} | set(markdown_files(args.path))))

    rng = random.Random(args.seed)
    for code in selected:
        found = by_rule.get(code, [])
        if not found:
            continue
        shown = found if len(found) <= args.sample else rng.sample(found, args.sample)
        print(f"\n{code} sample ({len(shown)} of {len(found)}):")
        for finding in sorted(shown, key=lambda f: (f.path, f.line, f.column)):
            print(f"  {finding.path}:{finding.line}:{finding.column}: {finding.message}")
            print(f"      | {line_text(finding.path, finding.line)[:140]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
