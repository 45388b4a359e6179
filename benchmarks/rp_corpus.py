"""Run the RP (repetition) rules over a corpus and print what they find and how fast.

Usage::

    python benchmarks/rp_corpus.py /work/shared/corpus/digitalgov.gov [--seeds /work/shared/seeds]
        [--scales 1,2,4] [--sample 3]

Prints, in one process:

- the end-to-end run (`contentlint check --select RP`, through the engine):
  files, wall time, files/s, findings (and files with one) per rule;
- the time each RP rule takes alone over the parsed documents, and the RP
  family's files/s without parsing;
- RP105's groups of paragraphs shared across files: how many, the biggest,
  and a sample with the text;
- the corpus phase timed at 1x, 2x, 4x the corpus (copies whose words are
  randomly altered, written to a temporary folder), with our own LSH banding
  and with datasketch's MinHashLSH on the same signatures when it is installed;
- every RP finding in the seed articles, with its line.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from contentlint.checks import _repetition
from contentlint.checks.rp_duplicate_across_articles import find_duplicates
from contentlint.engine import Overrides, parse_document
from contentlint.registry import build_registry
from contentlint.runner import Linter
from contentlint.source import read_source

WORD = re.compile(r"[A-Za-z]{4,}")


def files_under(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.suffix.lower() in (".md", ".markdown", ".txt") and p.is_file())


def parse_all(files: list[Path], root: Path) -> list:
    documents = []
    for file in files:
        display = str(file.relative_to(root)) if file.is_relative_to(root) else str(file)
        documents.append(parse_document(read_source(file, display, 50_000_000)))
    return documents


def run_engine(path: Path) -> None:
    linter = Linter(Overrides(select=("RP",)), isolated=True)
    started, cpu = time.perf_counter(), time.process_time()
    report = linter.run([str(path)])
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    files = report.files_checked
    print(f"End to end (read, parse, RP rules, corpus phase, suppressions): {files} files in {elapsed:.2f} s wall, "
          f"{cpu:.2f} s CPU = {files / cpu:,.0f} files/s (CPU)")
    if report.errors:
        print(f"  errors: {len(report.errors)} (first: {report.errors[0]})")
    by_rule: dict[str, list] = defaultdict(list)
    for finding in report.findings:
        by_rule[finding.code].append(finding)
    registry = build_registry(plugins=False)
    print(f"  {'rule':<7}{'name':<28}{'findings':>9}{'files':>7}")
    for code in sorted(c for c in registry.rules if c.startswith("RP")):
        found = by_rule.get(code, [])
        print(f"  {code:<7}{registry.rules[code].name:<28}{len(found):>9}{len({f.path for f in found}):>7}")


def time_rules(documents: list) -> list:
    """CPU time of each RP rule over the parsed documents, run per document as the engine does."""
    registry = build_registry(plugins=False)
    rules = [registry.rules[c] for c in sorted(registry.rules) if c.startswith("RP")]
    options = {rule.code: rule.default_options() for rule in rules}
    spent = dict.fromkeys(["words", "sentences", *(rule.code for rule in rules)], 0.0)
    counts = dict.fromkeys((rule.code for rule in rules), 0)
    summaries = []
    clock = time.process_time
    for document in documents:
        started = clock()
        _repetition.document_words(document)  # shared by the family, made once per document
        spent["words"] += clock() - started
        started = clock()
        _ = document.sentences  # shared by every rule of every family
        spent["sentences"] += clock() - started
        for rule in rules:
            started = clock()
            counts[rule.code] += sum(1 for _ in rule.check(document, options[rule.code]))
            if rule.code == "RP105":
                summaries.append((document.path, rule.summarize(document, options[rule.code])))
            spent[rule.code] += clock() - started
    rp105 = registry.rules["RP105"]
    started = clock()
    counts["RP105"] += sum(1 for _ in rp105.check_corpus(summaries, options["RP105"]))
    corpus_phase = clock() - started
    print(f"CPU time per rule over {len(documents)} parsed documents (parsing excluded):")
    print(f"  shared word list   {spent['words']:6.2f} s")
    print(f"  sentence split     {spent['sentences']:6.2f} s  (shared with every family)")
    for rule in rules:
        extra = f" + corpus phase {corpus_phase:.2f} s" if rule.code == "RP105" else ""
        print(f"  {rule.code} {rule.name:<28}{spent[rule.code]:6.2f} s{extra}  findings: {counts[rule.code]}")
    total = sum(spent.values()) + corpus_phase
    print(f"  RP family: {total:.2f} s CPU = {len(documents) / total:,.0f} files/s (rules only, one process)")
    return summaries


def report_groups(summaries: list, root: Path, sample: int) -> None:
    matches = find_duplicates(summaries, 0.7)
    groups: dict[int, list] = defaultdict(list)
    for match in matches:
        groups[match.group].append(match)
    sizes = Counter({group: found[0].files for group, found in groups.items()})
    print(f"RP105 groups of paragraphs shared across files: {len(groups)} groups, "
          f"{len(matches)} reported copies, {len({m.path for m in matches})} files with one")
    if not groups:
        return
    histogram = Counter(sizes.values())
    print("  files per group: " + ", ".join(f"{size}: {histogram[size]}" for size in sorted(histogram)))
    print(f"  biggest group: {max(sizes.values())} files")
    for group, files in sizes.most_common(sample):
        first = groups[group][0]
        text = paragraph_text(root / first.earlier_path, first.earlier)
        print(f"  - {files} files, first at {first.earlier_path}:{first.earlier[0]}: {_repetition.snippet(text, 110)}")
    exact = sum(1 for m in matches if m.similarity >= 0.999)
    print(f"  copies that are word-for-word the same: {exact}; near-duplicates: {len(matches) - exact}")


def paragraph_text(path: Path, entry: tuple) -> str:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return " ".join(lines[entry[0] - 1:entry[2]])


def alter(text: str, rate: float, rng: random.Random, vocabulary: list[str]) -> str:
    """The text with about `rate` of its longer words replaced by random ones."""
    return WORD.sub(lambda m: rng.choice(vocabulary) if rng.random() < rate else m.group(), text)


def scaling(files: list[Path], root: Path, scales: list[int]) -> None:
    rule = build_registry(plugins=False).rules["RP105"]
    options = rule.default_options()
    rng = random.Random(7)
    vocabulary = sorted({w for f in files[:300] for w in WORD.findall(f.read_text(encoding="utf-8", errors="replace"))})
    print(f"Corpus phase scaling (copies with ~10% of words replaced, in a temporary folder; "
          f"summaries made beforehand):")
    with tempfile.TemporaryDirectory(prefix="rp-scaling-") as folder:
        summaries = []
        for copy in range(max(scales)):
            target = Path(folder) / f"copy{copy}"
            for file in files:
                text = file.read_text(encoding="utf-8", errors="replace")
                out = target / file.relative_to(root)
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(text if copy == 0 else alter(text, 0.1, rng, vocabulary), encoding="utf-8")
            for file in files_under(target):
                document = parse_document(read_source(file, str(file.relative_to(folder)), 50_000_000))
                summaries.append((document.path, rule.summarize(document, options)))
            if copy + 1 in scales:
                part = sorted(summaries)
                paragraphs = sum(len(s) for _, s in part)
                started = time.process_time()
                found = list(rule.check_corpus(part, options))
                ours = time.process_time() - started
                line = (f"  {copy + 1}x: {len(part):>6} files, {paragraphs:>7} paragraphs: corpus phase {ours:6.2f} s CPU "
                        f"({ours / len(part) * 1e6:5.0f} us/file), {len(found)} findings")
                line += f"; index insert+query alone: ours {time_own_banding(part):.2f} s"
                datasketch = time_datasketch(part)
                if datasketch is not None:
                    line += f", datasketch MinHashLSH {datasketch:.2f} s"
                print(line)


def time_own_banding(summaries: list) -> float:
    """Query then insert every paragraph's 16 band keys in our buckets (keys made beforehand)."""
    keys = _repetition.minhash_bands([entry[5] for _, entries in summaries for entry in entries])
    started = time.process_time()
    buckets: list[dict[int, list[int]]] = [{} for _ in range(_repetition.BANDS)]
    for index, bands in enumerate(keys):
        candidates: set[int] = set()
        for band, key in enumerate(bands):
            candidates.update(buckets[band].get(key, ()))
        for band, key in enumerate(bands):
            buckets[band].setdefault(key, []).append(index)
    return time.process_time() - started


def time_datasketch(summaries: list) -> float | None:
    """Insert and query the same 64-permutation signatures in datasketch's MinHashLSH (16 bands x 4 rows)."""
    try:
        import numpy as np
        from datasketch import LeanMinHash, MinHashLSH
    except ImportError:
        return None
    packed = [entry[5] for _, entries in summaries for entry in entries]
    signatures = _signatures(packed, np)  # not timed: only the index is compared
    started = time.process_time()
    lsh = MinHashLSH(num_perm=64, params=(_repetition.BANDS, _repetition.ROWS))
    for index, values in enumerate(signatures):
        minhash = LeanMinHash(seed=1, hashvalues=values, scheme="affine64")
        lsh.query(minhash)
        lsh.insert(index, minhash, check_duplication=False)
    return time.process_time() - started


def _signatures(packed: list[bytes], np) -> list:
    """64 MinHash values per paragraph (the same hashing as the rule, kept whole)."""
    generator = np.random.default_rng(1)
    multipliers = generator.integers(1, 2**63, size=64, dtype=np.uint64) | np.uint64(1)
    offsets = generator.integers(0, 2**63, size=64, dtype=np.uint64)
    out = []
    with np.errstate(over="ignore"):
        for item in packed:
            values = np.frombuffer(item, dtype=np.uint32).astype(np.uint64)
            out.append(((values[None, :] * multipliers[:, None] + offsets[:, None]) >> np.uint64(32)).min(axis=1))
    return out


def seed_findings(seeds: Path) -> None:
    linter = Linter(Overrides(select=("RP",)), isolated=True)
    report = linter.run([str(seeds)])
    print(f"Seed articles ({seeds}): {len(report.findings)} RP findings")
    for finding in report.findings:
        print(f"  {Path(finding.path).name}:{finding.line}:{finding.column}: {finding.code} {finding.name}: "
              f"{finding.message}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a folder of Markdown files")
    parser.add_argument("--seeds", type=Path, default=None, help="folder of seed articles (default: ../../seeds)")
    parser.add_argument("--scales", default="1,2,4", help="corpus copies for the scaling test (default 1,2,4; '' skips)")
    parser.add_argument("--sample", type=int, default=3, help="groups shown (default 3)")
    args = parser.parse_args(argv)

    root = args.corpus.resolve()
    files = files_under(root)
    print(f"corpus: {args.corpus} ({len(files)} files)")
    run_engine(root)
    print()
    started = time.process_time()
    documents = parse_all(files, root)
    print(f"Reading and parsing alone: {time.process_time() - started:.2f} s CPU")
    summaries = time_rules(documents)
    print()
    report_groups(summaries, root, args.sample)
    print()
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    if scales:
        scaling(files, root, scales)
        print()
    seeds = args.seeds or root.parent.parent / "seeds"
    if seeds.exists():
        seed_findings(seeds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
