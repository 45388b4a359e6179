"""One-file latency: the wall time of a whole `contentlint check one.md`
process, as a pre-commit hook or an editor pays it on every run.

Usage::

    python benchmarks/latency.py [FILE] [--runs 21] [--profile]

Runs each command once to warm the disk cache and write bytecode, then
``--runs`` times, and prints the median and the fastest wall time of:
``python -c pass`` (the interpreter's own start-up), ``contentlint check
--no-cache FILE`` (cold: what a pre-commit run pays for a changed file), the
same with the results cache warm, and ``proselint check FILE`` (when proselint is installed), with the
ratios. FILE defaults to benchmarks/data/article-3kb.md.

``--profile`` (automatic when the target is missed) adds, each from a fresh
interpreter: the costliest imports of one run (``python -X importtime``,
cumulative: the import and everything it imports), and the phases of one run —
imports, loading the rules, parsing, and each rule's first ``check`` (which
pays for whatever the rule loads lazily: word lists, dictionaries, modules).

``--profile`` also splits the CPU time of one whole process: until ``main()``
returns, and after it (the interpreter freeing every module and object on its
way out), which the in-process phases do not see.

``--contentlint PATH`` times another installation's console script, e.g. a
wheel installed in a scratch virtual environment (what a user runs) rather
than this editable install; ``--profile`` still profiles this interpreter's.
On this machine the two took the same time (the editable install's .pth adds
one folder to sys.path, nothing more).

Bytecode: PYTHONDONTWRITEBYTECODE is removed from the children's environment,
so the warm-up run writes .pyc files as `pip install` does for a user. With it
set and no .pyc on disk, every run would compile every module again.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_FILE = HERE / "data" / "article-3kb.md"
TARGET_MS = 250.0


def child_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    return env


def wall_times(command: list[str], runs: int, cwd: Path) -> list[float]:
    """Wall time in milliseconds of each run, after one warm-up run."""
    env = child_env()
    times = []
    for index in range(runs + 1):
        start = time.perf_counter()
        completed = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = (time.perf_counter() - start) * 1000
        if completed.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} exited {completed.returncode}: {completed.stderr.decode()[-500:]}")
        if index:
            times.append(elapsed)
    return times


def tool(name: str) -> str | None:
    """The console script beside this interpreter, else the one on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def import_profile(path: Path, cwd: Path, top: int) -> list[tuple[int, int, str]]:
    """(cumulative µs, self µs, module) of the costliest imports of one check."""
    code = f"import sys; from contentlint.cli import main; sys.exit(main(['check', {str(path)!r}]))"
    completed = subprocess.run([sys.executable, "-X", "importtime", "-c", code], cwd=cwd, env=child_env(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    rows = []
    for line in completed.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, cumulative_us, name = (part.strip() for part in line[len("import time:"):].split("|"))
        rows.append((int(cumulative_us), int(self_us), name))
    return sorted(rows, reverse=True)[:top]


def exit_cost(path: Path, cwd: Path, runs: int) -> tuple[float, float]:
    """Median CPU ms of a whole `check --no-cache` process, and of its part after main() returned."""
    code = ("import resource, sys; from contentlint.cli import main; "
            f"sys.argv = ['contentlint', 'check', '--no-cache', {str(path)!r}]; "
            "code = main(); usage = resource.getrusage(resource.RUSAGE_SELF); "
            "sys.stderr.write(f'CPU {(usage.ru_utime + usage.ru_stime) * 1000:.3f}\\n'); sys.exit(code)")
    totals, after = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        completed = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=child_env(),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        total = (usage.ru_utime - before.ru_utime + usage.ru_stime - before.ru_stime) * 1000
        inside = float(completed.stderr.rsplit("CPU ", 1)[1])
        totals.append(total)
        after.append(total - inside)
    return statistics.median(totals), statistics.median(after)


def phase_times(path: Path) -> None:
    """Print the phases of one check; run in a fresh interpreter (cold caches)."""
    clock = time.perf_counter
    start = clock()
    import contentlint.cli  # noqa: F401 - what a run imports before it starts
    import contentlint.runner  # noqa: F401
    from contentlint.config import Config
    from contentlint.engine import Overrides, build_selection, parse_document
    from contentlint.registry import build_registry
    from contentlint.source import read_source

    phases = [("import the engine", clock() - start)]
    mark = clock()
    registry = build_registry()
    phases.append((f"load the rules ({len(registry.rules)})", clock() - mark))
    mark = clock()
    selection = build_selection(Config(root=path.parent), Overrides(), registry)
    phases.append((f"select ({len(selection.active)} active)", clock() - mark))
    mark = clock()
    document = parse_document(read_source(path, path.name))
    phases.append(("read and parse the file", clock() - mark))
    rule_times = []
    for entry in selection.active:
        mark = clock()
        list(entry.rule.check(document, entry.options))
        rule_times.append((clock() - mark, f"{entry.rule.code} {entry.rule.name}"))
    phases.append(("run every rule", sum(seconds for seconds, _ in rule_times)))
    total = clock() - start
    print("phases of one check, in a fresh interpreter (ms):")
    for label, seconds in phases:
        print(f"{seconds * 1000:14.1f}  {label}")
    print(f"{total * 1000:14.1f}  total after interpreter start-up")
    print("slowest rules, first call (ms):")
    for seconds, label in sorted(rule_times, reverse=True)[:10]:
        print(f"{seconds * 1000:14.1f}  {label}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--profile", action="store_true", help="print the costliest imports")
    parser.add_argument("--top", type=int, default=25, help="how many imports --profile prints")
    parser.add_argument("--contentlint", metavar="PATH", help="the console script to time (default: beside "
                                                              "this interpreter, else on PATH)")
    parser.add_argument("--phases-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    path = args.file.resolve()
    if args.phases_only:
        phase_times(path)
        return 0
    cwd = path.parent

    contentlint = args.contentlint or tool("contentlint")
    if contentlint is None:
        raise SystemExit("contentlint is not installed beside this interpreter or on PATH")
    # Cold is what a pre-commit run pays for a file that just changed: no cached
    # result. Warm is a re-run on an unchanged file (results cache hit).
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "contentlint check": [contentlint, "check", "--no-cache", path.name],
        "contentlint (warm)": [contentlint, "check", path.name],
    }
    proselint = tool("proselint")
    if proselint is not None:
        commands["proselint check"] = [proselint, "check", path.name]

    print(f"file: {path} ({path.stat().st_size:,} bytes); {args.runs} runs each after one warm-up; "
          f"{os.cpu_count()} CPUs; {contentlint}")
    medians = {}
    for label, command in commands.items():
        times = wall_times(command, args.runs, cwd)
        medians[label] = statistics.median(times)
        print(f"{label:<20} median {medians[label]:7.1f} ms   fastest {min(times):7.1f} ms")
    ours = medians["contentlint check"]
    print(f"contentlint / python start-up: {ours / medians['python -c pass']:.1f}x; "
          f"contentlint minus start-up: {ours - medians['python -c pass']:.1f} ms")
    if "proselint check" in medians:
        print(f"contentlint / proselint: {ours / medians['proselint check']:.2f}x")
    verdict = "within" if ours <= TARGET_MS else "OVER"
    print(f"target {TARGET_MS:.0f} ms, cold (--no-cache): {verdict} ({ours:.1f} ms); "
          f"warm cache: {medians['contentlint (warm)']:.1f} ms")

    if args.profile or ours > TARGET_MS:
        print(f"\ncostliest imports of one check (python -X importtime), top {args.top}:")
        print(f"{'cumulative ms':>14} {'self ms':>8}  module")
        for cumulative, self_time, name in import_profile(path, cwd, args.top):
            print(f"{cumulative / 1000:14.1f} {self_time / 1000:8.1f}  {name}")
        total, after = exit_cost(path, cwd, max(5, args.runs // 2))
        print(f"\nCPU of one whole process (median): {total:.1f} ms, of which {after:.1f} ms after main() "
              "returned (interpreter exit)")
        print()
        sys.stdout.flush()
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--phases-only", str(path)],
                       cwd=cwd, env=child_env(), check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
