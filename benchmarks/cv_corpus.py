"""CV family on real corpora: findings per rule per corpus, and a sample with text.

Usage: python benchmarks/cv_corpus.py CORPUS_DIR [CORPUS_DIR ...] [--sample N] [--seed S] [--all]

For each corpus folder, prints how many files were checked, how many CV
findings each rule made (and in how many files), then a random sample of
findings (or all of them with --all), each with its path, line:column, message
and the line of text it points at, for review by a person.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

from contentlint import lint_paths


def line_of(path: str, line: int) -> str:
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return text.strip()[:220]


def topic_counts(files: list[str]) -> str:
    """How many files mention a CV101 topic, discuss one, and have a caveat:
    the context for a finding count of zero (quiet because nothing is there,
    or because the caveat is there)."""
    from contentlint.kinds.caveat import discussed
    from contentlint.markdown import parse_markdown
    from contentlint.registry import build_registry

    rule = build_registry(plugins=False).rules["CV101"]
    options = rule.default_options()
    mention = discuss = caveat = 0
    for path in files:
        document = parse_markdown(Path(path).read_text(encoding="utf-8", errors="replace"), path)
        found = {topic: lexicon.mentions(document.prose) for topic, (_, lexicon) in rule.topics.items()}
        if not any(found.values()):
            continue
        mention += 1
        if any(spans and discussed(document, rule.topics[t][1], spans, options["min-mentions"])
               for t, spans in found.items()):
            discuss += 1
            caveat += rule.has_caveat(document, options)
    return (f"   files mentioning a sensitive topic: {mention}; discussing one (CV101 min-mentions "
            f"{options['min-mentions']}): {discuss}, of which with a help caveat or crisis resource: {caveat}")


def report_corpus(folder: Path, sample: int, seed: int, show_all: bool) -> None:
    files = sorted(str(p) for p in folder.rglob("*.md"))
    started = time.perf_counter()
    report = lint_paths(files, select=["CV"])
    elapsed = time.perf_counter() - started
    findings = [f for f in report.findings if f.code.startswith("CV")]
    by_rule = Counter(f.code for f in findings)
    files_by_rule = {code: len({f.path for f in findings if f.code == code}) for code in by_rule}
    print(f"== {folder}: {len(files)} files, {len(findings)} CV findings in "
          f"{len({f.path for f in findings})} files ({elapsed:.1f} s)")
    for code in sorted(by_rule):
        print(f"   {code}: {by_rule[code]} findings in {files_by_rule[code]} files")
    print(topic_counts(files))
    if report.errors:
        print(f"   errors: {len(report.errors)}; first: {report.errors[0]}")
    shown = findings if show_all or len(findings) <= sample else random.Random(seed).sample(findings, sample)
    if shown:
        print(f"   {'all' if len(shown) == len(findings) else 'sample of'} {len(shown)} findings:")
    for f in sorted(shown, key=lambda f: (f.path, f.line, f.column, f.code)):
        try:
            name = str(Path(f.path).relative_to(folder))
        except ValueError:
            name = f.path
        print(f"   {name}:{f.line}:{f.column} {f.code} {f.message}")
        print(f"      | {line_of(f.path, f.line)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--sample", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--all", action="store_true", help="print every finding, not a sample")
    args = parser.parse_args(argv)
    for folder in args.corpora:
        if not folder.is_dir():
            print(f"{folder}: not a folder", file=sys.stderr)
            return 2
        report_corpus(folder, args.sample, args.seed, args.all)
    return 0


if __name__ == "__main__":
    sys.exit(main())
