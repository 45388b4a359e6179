"""Speed of the CI gate, side by side with proselint, in one run on this machine.

Usage::

    python benchmarks/gate_speed.py CORPUS [--sample N] [--runs 5] [--scales 1,2,4] [--skip-proselint]
                                           [--scratch DIR]

e.g. ``python benchmarks/gate_speed.py ../shared/corpus/digitalgov.gov``.
Prints, each as a wall time (and the ratios and targets of the issue):

- ``proselint check`` over the corpus (all of it; ``--sample N`` takes the
  first N files in path order instead, for a quick look — then every figure
  below is over the same N files);
- ``contentlint check`` with the default rules and a cold cache (a fresh
  cache folder), median of ``--cold-runs``, target at least 10x faster
  than proselint. These runs and proselint's are timed with nothing else
  running: memory is sampled in a run of its own (below), because reading
  /proc every 20 ms takes CPU time from a run that uses every core;
- the same again, nothing changed (warm cache, median of ``--runs``), target
  under 0.5 s; its output must be byte-identical to the cold run's;
- with PL (proselint's checks) enabled, cold, target faster than proselint
  alone;
- one file, ``benchmarks/data/article-3kb.md``, with ``--no-cache`` (what a
  pre-commit run pays for a changed file) and with a warm cache, median of
  11 runs, target under 250 ms;
- peak memory of each contentlint run: the largest process (its maximum
  resident set, from wait4 — the parent or one of its workers) and the
  largest sum over the parent and its workers at one moment (proportional
  set sizes, so pages a forked worker shares with its parent count once),
  sampled every 20 ms from /proc in one more cold run (and in the PL and
  scaling runs, whose times include the sampling); target under 200 MB;
- scaling: cold runs over 1x, 2x and 4x the corpus, with the time of the
  cross-article phase (RP105) measured inside the run, the number of RP105
  findings, and the ratios to 1x (linear growth is 2.0 and 4.0). Twice:
  "near copies": 1x is the corpus, each extra copy has every 10th word
  replaced (a different word per copy), so every paragraph of 30 words or
  more has near-duplicates in the other copies and the cross-article phase
  has a cluster of k similar paragraphs for each (its worst case); and
  "distinct copies": every copy, the first too, has each word of four
  letters or more suffixed per copy, so copies share no three-word shingle
  with each other while the duplicates inside one copy stay duplicates (the
  cross-article work per copy is the corpus's own). Either way the copies
  are new text, not cache hits.

contentlint runs with its default number of workers (one per core) and its
cache in a temporary folder (the corpus may be read-only). The machine's load
is printed first and last: on a shared machine the figures are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ONE_FILE = HERE / "data" / "article-3kb.md"
INCLUDE = (".md", ".markdown", ".mdown", ".mkd", ".mdx", ".txt", ".text")

# Run inside the contentlint process for the scaling runs: the CLI itself,
# with the time spent in the per-file phase and in the cross-article phase.
PHASES = r"""
import atexit, json, sys, time
import contentlint.runner as runner
spent = {"lint": 0.0, "corpus": 0.0}
def timed(name, function):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start
    return wrapper
runner.Linter.lint_all = timed("lint", runner.Linter.lint_all)
runner.Linter.finish_corpus = timed("corpus", runner.Linter.finish_corpus)
atexit.register(lambda: print("PHASES " + json.dumps(spent), file=sys.stderr))
from contentlint.cli import main
sys.exit(main(sys.argv[1:]))
"""


@dataclass
class Run:
    seconds: float
    code: int
    max_rss_mb: float  # the largest single process of the tree
    peak_pss_mb: float  # the largest sum over the tree at one sample
    stdout: bytes = b""
    stderr: str = ""
    phases: dict[str, float] = field(default_factory=dict)


def load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split(" ", 3)[:3].__str__()
    except OSError:
        return "unknown"


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return f"load average {load()}"


def descendants(pid: int) -> list[int]:
    found = [pid]
    index = 0
    while index < len(found):
        current = found[index]
        index += 1
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as stream:
                    found.extend(int(child) for child in stream.read().split())
        except OSError:
            continue
    return found


def pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as stream:
            for line in stream:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(command: list[str], cwd: Path, env: dict[str, str], sample: bool = False) -> Run:
    """Run a command to the end: wall time, exit code, maximum resident set, output; with
    sample, also the peak sum of the proportional set sizes of it and its children."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err)
        peak = 0
        done = threading.Event()

        def sample_memory() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, sum(pss_kb(pid) for pid in descendants(process.pid)))
                done.wait(0.02)

        sampler = threading.Thread(target=sample_memory, daemon=True)
        if sample:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        if sample:
            sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        phases = {}
        for line in stderr.splitlines():
            if line.startswith("PHASES "):
                phases = json.loads(line[len("PHASES "):])
        return Run(seconds, process.returncode, usage.ru_maxrss / 1024, peak / 1024, out.read(), stderr, phases)


def child_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("CONTENTLINT_CACHE_DIR", "PYTHONDONTWRITEBYTECODE")}
    env["NO_COLOR"] = "1"
    return env


def contentlint(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "contentlint", "check", *arguments]


def checked(run: Run, what: str) -> Run:
    if run.code not in (0, 1):
        raise SystemExit(f"{what} exited {run.code}:\n{run.stderr[-2000:]}")
    return run


def corpus_files(root: Path) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") or d == ".github")
        found.extend(Path(folder) / name for name in sorted(files) if name.lower().endswith(INCLUDE))
    return sorted(found)


def copy_files(files: list[Path], source: Path, target: Path, alter: int | None, every: bool = False) -> None:
    """Copy the files under `target`. With `alter` (the copy's number), every 10th word is
    replaced by a word of that copy; with `every` too, each word is suffixed instead."""
    words = ["meadow", "copper", "lantern", "orbit", "harbor", "pepper", "quartz", "willow", "ember", "saddle"]
    suffixes = ["ad", "ex", "in", "op", "um", "yl", "ar", "es"]
    token = re.compile(r"[A-Za-z]{4,}")
    for path in files:
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        data = path.read_bytes()
        if alter is not None:
            count = 0

            def replace(match: re.Match[str]) -> str:
                nonlocal count
                count += 1
                if every:
                    return match.group() + suffixes[alter % len(suffixes)]
                if count % 10:
                    return match.group()
                return f"{words[(count // 10 + alter) % len(words)]}{alter}"

            try:
                data = token.sub(replace, data.decode("utf-8")).encode("utf-8")
            except UnicodeDecodeError:
                pass  # left as it is (contentlint reports it either way)
        destination.write_bytes(data)


def linked_tree(copies: list[Path], target: Path) -> None:
    """A folder holding several copies, by hard links (or copies across file systems)."""
    for index, copy in enumerate(copies):
        for folder, _, files in os.walk(copy):
            for name in files:
                path = Path(folder) / name
                destination = target / f"copy{index}" / path.relative_to(copy)
                destination.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(path, destination)
                except OSError:
                    shutil.copy2(path, destination)


def scaling(scales: list[int], copies: list[Path], scratch: Path, env: dict[str, str], per_copy: int) -> dict[int, Run]:
    """Cold runs over the first `scale` copies, for each scale, and their ratios to the first."""
    scaled: dict[int, Run] = {}
    for scale in scales:
        tree = scratch / f"x{scale}"
        linked_tree(copies[:scale], tree)
        cache = scratch / f"cache-x{scale}"
        command = [sys.executable, "-c", PHASES, "check", ".", "--cache-dir", str(cache)]
        run = checked(measure(command, tree, env, sample=True), f"{scale}x run")
        scaled[scale] = run
        count = per_copy * scale
        lint, corpus_phase = run.phases.get("lint", 0.0), run.phases.get("corpus", 0.0)
        duplicates = run.stdout.count(b" RP105 ")
        print(f"  {scale}x  {count:6d} files  {run.seconds:8.2f} s  ({run.seconds / count * 1000:5.2f} ms/file)  "
              f"per-file phase {lint:7.2f} s  cross-article phase {corpus_phase:6.2f} s  RP105 findings "
              f"{duplicates:6d}  max RSS {run.max_rss_mb:5.0f} MB  peak PSS sum {run.peak_pss_mb:5.0f} MB")
        shutil.rmtree(tree, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
    if 1 in scaled:
        first = scaled[1]
        for scale in scales:
            if scale == 1:
                continue
            run = scaled[scale]
            corpus_ratio = (run.phases.get("corpus", 0.0) / first.phases["corpus"]
                            if first.phases.get("corpus") else float("nan"))
            print(f"  {scale}x / 1x: total {run.seconds / first.seconds:.2f}, per-file phase "
                  f"{run.phases.get('lint', 0) / max(first.phases.get('lint', 0), 1e-9):.2f}, "
                  f"cross-article phase {corpus_ratio:.2f}  (linear: {scale:.2f})")
    return scaled


def ratio(slow: float, fast: float) -> str:
    return f"{slow / fast:.1f}x" if fast > 0 else "n/a"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--sample", type=int, metavar="N", help="only the first N files (path order)")
    parser.add_argument("--runs", type=int, default=5, help="warm-cache runs (median)")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold-cache runs (median), each with a new cache")
    parser.add_argument("--scales", default="1,2,4", help="corpus multiples for the scaling runs")
    parser.add_argument("--skip-proselint", action="store_true")
    parser.add_argument("--scratch", type=Path, help="where to put caches and corpus copies (default: the system's "
                                                      "temporary folder)")
    args = parser.parse_args()

    corpus = args.corpus.resolve()
    env = child_env()
    scales = [int(value) for value in args.scales.split(",") if value]
    print(f"machine: {os.cpu_count()} cores; {uptime()}")
    version = subprocess.run([sys.executable, "-m", "contentlint", "--version"], capture_output=True,
                             text=True).stdout.strip()
    print(f"{version}; python {sys.version.split()[0]}")

    with tempfile.TemporaryDirectory(prefix="gate-speed-", dir=args.scratch) as scratch_name:
        scratch = Path(scratch_name)
        files = corpus_files(corpus)
        if args.sample:
            files = files[:args.sample]
            base = scratch / "sample"
            copy_files(files, corpus, base, None)
            print(f"corpus: {corpus}, a sample of the first {len(files)} files (copied to {base})")
        else:
            base = corpus
            print(f"corpus: {corpus}, {len(files)} files")
        print()

        results: dict[str, float] = {}
        if not args.skip_proselint and shutil.which("proselint"):
            pl_version = subprocess.run(["proselint", "version"], capture_output=True, text=True).stdout.strip()
            run = measure(["proselint", "check", "."], base, env)
            results["proselint"] = run.seconds
            print(f"proselint check ({pl_version}, one process): {run.seconds:8.2f} s   "
                  f"max RSS {run.max_rss_mb:6.0f} MB  exit {run.code}")
        else:
            print("proselint: skipped")

        colds = [checked(measure(contentlint(".", "--cache-dir", str(scratch / f"cache-cold{n}")), base, env),
                         "cold run") for n in range(args.cold_runs)]
        cold = sorted(colds, key=lambda run: run.seconds)[len(colds) // 2]
        cache = scratch / f"cache-cold{colds.index(cold)}"  # the median run's cache, for the warm runs
        results["cold"] = cold.seconds
        print(f"contentlint, default rules, cold cache: {cold.seconds:8.2f} s median of {len(colds)} "
              f"({', '.join(f'{run.seconds:.2f}' for run in colds)})   max RSS {cold.max_rss_mb:6.0f} MB  exit {cold.code}")
        sampled = checked(measure(contentlint(".", "--cache-dir", str(scratch / "cache-sampled")), base, env,
                                  sample=True), "cold run")
        print(f"contentlint, default rules, cold cache, memory sampled: {sampled.seconds:6.2f} s   max RSS "
              f"{sampled.max_rss_mb:6.0f} MB  peak PSS sum {sampled.peak_pss_mb:6.0f} MB")
        warm_runs = [checked(measure(contentlint(".", "--cache-dir", str(cache)), base, env), "warm run")
                     for _ in range(args.runs)]
        warm = statistics.median(run.seconds for run in warm_runs)
        results["warm"] = warm
        identical = all(run.stdout == cold.stdout and run.code == cold.code for run in warm_runs)
        print(f"contentlint, warm cache, nothing changed: {warm:6.3f} s median of {args.runs} "
              f"(fastest {min(r.seconds for r in warm_runs):.3f} s)   max RSS "
              f"{max(r.max_rss_mb for r in warm_runs):6.0f} MB; output identical to the cold run: {identical}")

        pl_cache = scratch / "cache-pl"
        with_pl = checked(measure(contentlint(".", "--extend-select", "PL", "--cache-dir", str(pl_cache)), base, env,
                                  sample=True), "PL run")
        results["pl"] = with_pl.seconds
        print(f"contentlint, default rules + PL, cold:   {with_pl.seconds:8.2f} s   max RSS "
              f"{with_pl.max_rss_mb:6.0f} MB  peak PSS sum {with_pl.peak_pss_mb:6.0f} MB  exit {with_pl.code}")

        one_cache = scratch / "cache-one"
        one_file = [contentlint(str(ONE_FILE), "--no-cache"), contentlint(str(ONE_FILE), "--cache-dir", str(one_cache))]
        for command in one_file:
            measure(command, HERE, env)  # warm-up: bytecode, disk cache, and the results cache of the second
        one_cold = [measure(one_file[0], HERE, env) for _ in range(11)]
        one_warm = [measure(one_file[1], HERE, env) for _ in range(11)]
        results["one"] = statistics.median(run.seconds for run in one_cold)
        results["one-warm"] = statistics.median(run.seconds for run in one_warm)
        print(f"contentlint, one 3 KB file, --no-cache:   {results['one'] * 1000:8.0f} ms median of 11 "
              f"(fastest {min(r.seconds for r in one_cold) * 1000:.0f} ms)   max RSS "
              f"{max(r.max_rss_mb for r in one_cold):6.0f} MB")
        print(f"contentlint, one 3 KB file, warm cache:   {results['one-warm'] * 1000:8.0f} ms median of 11 "
              f"(fastest {min(r.seconds for r in one_warm) * 1000:.0f} ms)")

        memory = [*(run.max_rss_mb for run in colds), sampled.max_rss_mb, with_pl.max_rss_mb,
                  *(r.max_rss_mb for r in warm_runs + one_cold + one_warm)]
        pss = [sampled.peak_pss_mb, with_pl.peak_pss_mb]
        sources = files if args.sample is None else corpus_files(base)
        for label, every in (("near copies", False), ("distinct copies", True)):
            print()
            print(f"scaling, {label} (cold cache; phases measured in the run):")
            copies = []
            for index in range(max(scales)):
                if index == 0 and not every:
                    copies.append(base)
                    continue
                copy = scratch / f"copy{index}-{int(every)}"
                copy_files(sources, base, copy, index, every)
                copies.append(copy)
            scaled = scaling(scales, copies, scratch, env, len(files))
            for copy in copies:
                if copy != base:
                    shutil.rmtree(copy, ignore_errors=True)
            if label == "near copies":
                scaled_memory = [run.max_rss_mb for run in scaled.values()]
        print()
        print("targets:")
        if "proselint" in results:
            speedup = results["proselint"] / results["cold"]
            print(f"  cold, default rules vs proselint: {ratio(results['proselint'], results['cold'])} faster "
                  f"(target >= 10x): {verdict(speedup >= 10)}")
            print(f"  with PL vs proselint alone: {ratio(results['proselint'], results['pl'])} "
                  f"(target > 1x): {verdict(results['pl'] < results['proselint'])}")
        print(f"  warm cache: {results['warm']:.3f} s (target < 0.5 s): {verdict(results['warm'] < 0.5)}")
        print(f"  one file: {results['one'] * 1000:.0f} ms cold, {results['one-warm'] * 1000:.0f} ms warm "
              f"(target < 250 ms): {verdict(results['one'] < 0.25)} cold, {verdict(results['one-warm'] < 0.25)} warm")
        print(f"  peak memory over the corpus: largest process {max(memory):.0f} MB, largest sum over parent and "
              f"workers {max(pss):.0f} MB (target < 200 MB): {verdict(max(memory) < 200)} / {verdict(max(pss) < 200)}"
              f"; at {max(scales)}x the corpus: {max(scaled_memory):.0f} MB")
    print(f"\nafter: {uptime()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
