"""Measure the HC (health claims) family and print every figure.

Usage::

    python benchmarks/hc_claims.py /work/shared [--sample 30] [--seed 7] [--only pubmed,healthcare,seeds,speed]
                                                [--errors even|odd|all]

Develop on the even half's errors (``--errors even``); read the odd half's
figures only to confirm that a change generalises.

1. PubMed claim-strength sentences (data/claims/pubmed-causal-dev.csv): each
   sentence is written as its own paragraph of one Markdown file, the file is
   checked with ``contentlint check --select HC --format json``, and a
   sentence counts as flagged when any HC finding lands on its line. Prints
   precision, recall and F1 for direct causal claims (label 1), the share of
   hedged sentences (labels 2 and 3) flagged and of label-0 sentences, for
   the whole file and for its two halves (even and odd rows), so a rule
   change that helps only one half shows.
2. healthcare.gov (professional health content): HC findings per 1,000
   sentences, per rule, and a random sample of findings with their sentence,
   for a person to judge.
3. The seed articles: every HC finding with its line.
4. Speed: the HC family over digitalgov.gov in this one process (files/s).

The sentences of the CSV are only read here, never copied into the project.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import contentlint
from contentlint.engine import parse_document
from contentlint.source import read_source


def run_cli(path: Path) -> list[dict]:
    """`contentlint check --select HC --format json PATH` → the findings."""
    completed = subprocess.run(
        [sys.executable, "-m", "contentlint", "check", "--select", "HC", "--format", "json", "--isolated", "--no-cache", str(path)],
        capture_output=True, text=True,
    )
    if completed.returncode not in (0, 1):
        completed = subprocess.run(  # older CLIs have no --isolated
            [sys.executable, "-m", "contentlint", "check", "--select", "HC", "--format", "json", str(path)],
            capture_output=True, text=True,
        )
    if completed.returncode not in (0, 1):
        raise SystemExit(f"contentlint failed ({completed.returncode}): {completed.stderr.strip()}")
    return json.loads(completed.stdout or "[]")


def clean(sentence: str) -> str:
    """One sentence on one line, so that a finding's line names its sentence."""
    return " ".join(sentence.split())


def scores(rows: list[tuple[int, bool]]) -> dict[str, float]:
    tp = sum(1 for label, flagged in rows if label == 1 and flagged)
    fp = sum(1 for label, flagged in rows if label != 1 and flagged)
    fn = sum(1 for label, flagged in rows if label == 1 and not flagged)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    hedged = [flagged for label, flagged in rows if label in (2, 3)]
    none = [flagged for label, flagged in rows if label == 0]
    return {
        "n": len(rows), "tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1,
        "hedged_flagged": sum(hedged) / len(hedged) if hedged else 0.0,
        "label0_flagged": sum(none) / len(none) if none else 0.0,
    }


def pubmed(shared: Path, verbose: str) -> None:
    csv_path = shared / "data" / "claims" / "pubmed-causal-dev.csv"
    with csv_path.open(encoding="utf-8", newline="") as handle:
        data = [(clean(row["sentence"]), int(row["label"])) for row in csv.DictReader(handle)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pubmed-causal-dev.md"
        lines = []
        line_of: list[int] = []
        for sentence, _ in data:
            line_of.append(len(lines) + 1)
            lines += [sentence, ""]
        path.write_text("\n".join(lines), encoding="utf-8")
        findings = run_cli(path)
    codes_on_line: dict[int, set[str]] = defaultdict(set)
    for finding in findings:
        for line in range(finding["line"], finding["end_line"] + 1):
            codes_on_line[line].add(finding["code"])
    rows = [(label, bool(codes_on_line.get(line_of[i]))) for i, (_, label) in enumerate(data)]
    print("== 1. PubMed claim-strength sentences (pubmed-causal-dev.csv)")
    print(f"sentences: {len(data)}  labels: {dict(sorted(Counter(label for _, label in data).items()))}")
    print(f"{'split':<8}{'n':>6}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}{'F1':>7}"
          f"{'hedged flagged':>16}{'label-0 flagged':>17}")
    for name, part in (("all", rows), ("even", rows[0::2]), ("odd", rows[1::2])):
        s = scores(part)
        print(f"{name:<8}{s['n']:>6}{s['tp']:>5}{s['fp']:>5}{s['fn']:>5}{s['precision']:>11.3f}{s['recall']:>8.3f}"
              f"{s['f1']:>7.3f}{s['hedged_flagged']:>16.1%}{s['label0_flagged']:>17.1%}")
    by_code = Counter(code for line, codes in codes_on_line.items() for code in codes)
    print("sentences flagged per rule:", dict(sorted(by_code.items())))
    target = scores(rows)
    ok = target["precision"] >= 0.80 and target["f1"] >= 0.70 and target["hedged_flagged"] <= 0.10
    print(f"targets (precision >= 0.80, F1 >= 0.70, hedged flagged <= 10%): {'met' if ok else 'NOT met'}")
    if verbose:  # the errors of the chosen half, for reading (never shipped)
        for i, (sentence, label) in enumerate(data):
            if (verbose == "even" and i % 2) or (verbose == "odd" and not i % 2):
                continue
            flagged = bool(codes_on_line.get(line_of[i]))
            if flagged != (label == 1):
                print(f"  {'FP' if flagged else 'FN'} [{label}] {sorted(codes_on_line.get(line_of[i], ()))} {sentence}")
    print()


def sentence_at(document, finding) -> str:
    for sentence in document.sentences:
        if sentence.start <= finding.start < sentence.end:
            return " ".join(document.text[sentence.start:sentence.end].split())
    return ""


def healthcare(shared: Path, sample: int, seed: int) -> None:
    folder = shared / "corpus" / "healthcare.gov"
    report = contentlint.lint_paths([folder], select=["HC"])
    sentences = 0
    documents = {}
    for path in sorted(folder.rglob("*.md")):
        document = parse_document(read_source(path, str(path)))
        documents[str(path)] = document
        sentences += len(document.sentences)
    findings = report.findings
    print("== 2. healthcare.gov (professional health content)")
    print(f"files: {len(documents)}  sentences: {sentences}  HC findings: {len(findings)}  "
          f"per 1,000 sentences: {1000 * len(findings) / max(1, sentences):.2f}")
    print("per rule:", dict(sorted(Counter(f.code for f in findings).items())))
    chosen = findings if len(findings) <= sample else random.Random(seed).sample(findings, sample)
    print(f"sample of {len(chosen)} findings (judge each: a real unsupported claim by the rule's definition?):")
    for number, finding in enumerate(sorted(chosen, key=lambda f: (f.path, f.line, f.column)), 1):
        document = documents.get(finding.path)
        if document is None:
            document = parse_document(read_source(Path(finding.path), finding.path))
        print(f"{number:>3}. {Path(finding.path).name}:{finding.line}:{finding.column} {finding.code} {finding.message}")
        print(f"       | {sentence_at(document, finding)[:220]}")
    print()


def seeds(shared: Path) -> None:
    print("== 3. Seed articles (shared/seeds)")
    for path in sorted((shared / "seeds").glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        report = contentlint.lint_paths([path], select=["HC"])
        print(f"{path.name}: {len(report.findings)} HC findings")
        for finding in report.findings:
            print(f"  line {finding.line}:{finding.column} {finding.code} {finding.name}: {finding.message}")
    print()


def speed(shared: Path, sample: int, seed: int) -> None:
    folder = shared / "corpus" / "digitalgov.gov"
    started = time.perf_counter()
    report = contentlint.lint_paths([folder], select=["HC"])
    elapsed = time.perf_counter() - started
    files = report.files_checked
    print("== 4. Speed: HC family over digitalgov.gov, one process")
    print(f"files: {files}  wall: {elapsed:.2f} s  files/s: {files / elapsed if elapsed else 0:,.0f}  "
          f"HC findings: {len(report.findings)} in {len({f.path for f in report.findings})} files")
    print("per rule:", dict(sorted(Counter(f.code for f in report.findings).items())))
    chosen = report.findings if len(report.findings) <= sample else random.Random(seed).sample(report.findings, sample)
    print(f"sample of {len(chosen)} findings (digitalgov is not health content: each is a false alarm unless "
          f"the sentence really makes a health claim):")
    for number, finding in enumerate(sorted(chosen, key=lambda f: (f.path, f.line, f.column)), 1):
        document = parse_document(read_source(Path(finding.path), finding.path))
        print(f"{number:>3}. {Path(finding.path).name}:{finding.line}:{finding.column} {finding.code} {finding.message}")
        print(f"       | {sentence_at(document, finding)[:220]}")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", help="path to the shared folder (with data/, corpus/, seeds/)")
    parser.add_argument("--sample", type=int, default=30, help="healthcare.gov findings to show (default 30)")
    parser.add_argument("--seed", type=int, default=7, help="random seed for the sample")
    parser.add_argument("--only", default="pubmed,healthcare,seeds,speed", help="which parts to run")
    parser.add_argument("--errors", choices=("even", "odd", "all"), default="",
                        help="also print the PubMed sentences misjudged in that half (develop on 'even' only)")
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    parts = set(args.only.split(","))
    if "pubmed" in parts:
        pubmed(shared, args.errors)
    if "healthcare" in parts:
        healthcare(shared, args.sample, args.seed)
    if "seeds" in parts:
        seeds(shared)
    if "speed" in parts:
        speed(shared, args.sample, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
