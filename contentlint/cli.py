"""The command line: check, baseline, rules, rule, init, scores.

Exit status of `check`: 0 — nothing at or above the fail level; 1 — findings
at or above it; 2 — usage, configuration or unreadable-input error (the
message names the file and the reason; the other files are still linted).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from contentlint import __version__

FAILURE = 1
ERROR = 2
DEFAULT_BASELINE = ".contentlint-baseline.json"


def _codes(value: str) -> list[str]:
    return [code.strip() for code in value.split(",") if code.strip()]


def _parser() -> argparse.ArgumentParser:
    from contentlint.reporters import FORMATS

    parser = argparse.ArgumentParser(
        prog="contentlint",
        description="A linter for health and wellbeing articles.",
        epilog="Run `contentlint check --help` for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"contentlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="lint files and folders (the default command)",
                                description="Lint Markdown and text files; folders are searched recursively.")
    _add_lint_options(check)
    check.add_argument("--fail-on", choices=["error", "warning", "info"],
                       help="exit 1 when a finding is at least this severe (default: warning)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument("--fix", action="store_true", help="apply the safe fixes and write the files")
    check.add_argument("--diff", action="store_true", help="show the safe fixes as a unified diff; write nothing")
    check.add_argument("--baseline", type=Path, metavar="FILE",
                       help="report only findings that are not in this baseline (see `contentlint baseline`)")
    check.add_argument("--diff-base", metavar="REV",
                       help="report only findings on lines changed since this git revision (a pull-request gate)")
    check.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format (default: text)")
    check.add_argument("--output", "-o", type=Path, metavar="FILE", help="write the report to FILE")
    check.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")
    check.add_argument("--statistics", action="store_true", help="print the number of findings per rule")
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                       help="colour in text output (default: on a terminal only)")

    baseline = commands.add_parser(
        "baseline", help="record today's findings, so that `check --baseline` reports only new ones",
        description="Lint the paths and write every finding to a baseline file.")
    _add_lint_options(baseline)
    baseline.add_argument("--output", "-o", type=Path, default=Path(DEFAULT_BASELINE), metavar="FILE",
                          help=f"the baseline file to write (default: {DEFAULT_BASELINE})")

    rules = commands.add_parser("rules", help="list the rules", description="List every rule with its code.")
    rules.add_argument("--format", choices=["text", "json"], default="text")
    rules.add_argument("--config", type=Path, metavar="FILE", help="include the rule packs this file names")

    rule = commands.add_parser("rule", help="explain one rule", description="Show a rule's documentation.")
    rule.add_argument("code", metavar="CODE", help="a rule code or name, e.g. HC101 or site-navigation")
    rule.add_argument("--config", type=Path, metavar="FILE", help="include the rule packs this file names")

    init = commands.add_parser("init", help="write a starter configuration",
                               description="Write a starter .contentlint.toml (or a [tool.contentlint] table).")
    init.add_argument("--pyproject", action="store_true", help="append to pyproject.toml instead")
    init.add_argument("--force", action="store_true", help="overwrite an existing .contentlint.toml")

    scores = commands.add_parser("scores", help="print readability scores per file",
                                 description="Print textstat's readability scores of each file's prose "
                                             "(the text the RD rules score).")
    scores.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the current folder)")
    scores.add_argument("--format", choices=["table", "json"], default="table", help="output format (default: table)")
    scores.add_argument("--config", type=Path, metavar="FILE", help="use this configuration file (for exclude)")
    scores.add_argument("--isolated", action="store_true", help="ignore configuration files")
    return parser


def _add_lint_options(command: argparse.ArgumentParser) -> None:
    """Options that choose what is linted and how: shared by `check` and `baseline`."""
    command.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; - reads standard input "
                                                                  "(default: the current folder)")
    command.add_argument("--select", type=_codes, metavar="CODES",
                         help="comma-separated codes, prefixes or names to run instead of the configured ones")
    command.add_argument("--extend-select", type=_codes, default=[], metavar="CODES", help="run these as well")
    command.add_argument("--ignore", type=_codes, default=[], metavar="CODES", help="do not run these")
    command.add_argument("--config", type=Path, metavar="FILE", help="use this configuration file for every path")
    command.add_argument("--isolated", action="store_true", help="ignore configuration files")
    command.add_argument("--stdin-filename", metavar="NAME",
                         help="the name of the file read from standard input (picks format and configuration)")
    command.add_argument("--no-cache", action="store_true", help="neither read nor write the results cache")
    command.add_argument("--cache-dir", type=Path, metavar="DIR",
                         help="where to keep the results cache (default: .contentlint_cache beside the "
                              "configuration file, or $CONTENTLINT_CACHE_DIR)")
    command.add_argument("--jobs", "-j", type=_jobs, default=0, metavar="N",
                         help="worker processes (default: one per CPU core; 1 lints in this process)")


def _jobs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per core) or more")
    return number


def _error(message: str) -> None:
    print(f"contentlint: error: {message}", file=sys.stderr)


def write_atomic(path: Path, data: str) -> None:
    """Write to a temporary file beside `path`, then rename over it."""
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _use_color(choice: str, stream: object) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def _linter(args: argparse.Namespace, fail_on: str | None = None) -> object:
    """A Linter for the lint options of `check` and `baseline`."""
    from contentlint.engine import Overrides
    from contentlint.runner import Linter, RunOptions
    from contentlint.violation import Severity

    overrides = Overrides(
        select=tuple(args.select) if args.select is not None else None,
        extend_select=tuple(args.extend_select),
        ignore=tuple(args.ignore),
        fail_on=Severity.parse(fail_on) if fail_on else None,
    )
    options = RunOptions(
        use_cache=not args.no_cache,
        cache_dir=args.cache_dir,
        fix=getattr(args, "fix", False),
        diff=getattr(args, "diff", False),
        jobs=args.jobs or os.cpu_count() or 1,
    )
    return Linter(overrides, args.config, isolated=args.isolated, options=options)


def _lint(args: argparse.Namespace, linter: object) -> object | None:
    """Run the linter on the arguments (reading standard input for -); None after an input error."""
    paths = args.paths or ["."]
    stdin_text = None
    if "-" in paths:
        from contentlint.source import SourceError, decode

        try:
            stdin_text = decode(sys.stdin.buffer.read(), args.stdin_filename or "-").text
        except SourceError as error:
            _error(str(error))
            return None
    return linter.run(paths, stdin_text, args.stdin_filename)  # type: ignore[attr-defined]


def run_check(args: argparse.Namespace) -> int:
    from contentlint.reporters import render

    if args.config is not None and not args.config.is_file():
        _error(f"{args.config}: configuration file not found")
        return ERROR
    if args.fix and args.diff:
        _error("--fix and --diff cannot be used together (--diff only shows what --fix would do)")
        return ERROR
    baseline = None
    if args.baseline is not None:
        from contentlint.baseline import BaselineError, load_baseline

        try:
            baseline = load_baseline(args.baseline)
        except BaselineError as error:
            _error(str(error))
            return ERROR
    changed = None
    if args.diff_base is not None:
        from contentlint.gitdiff import ChangedLines, GitError

        changed = ChangedLines(args.diff_base)
        try:  # the repositories of the paths named: a wrong revision fails before linting
            changed.load_arguments([path for path in args.paths or ["."] if path != "-"], Path.cwd())
        except GitError as error:
            _error(str(error))
            return ERROR
    linter = _linter(args, args.fail_on)
    linter.options.baseline = baseline  # type: ignore[attr-defined]  # --fix: only new findings
    linter.options.changed = changed  # type: ignore[attr-defined]  # --fix: only changed lines
    report = _lint(args, linter)
    if report is None:
        return ERROR
    if changed is not None:
        try:  # the repository of each file linted
            changed.load(report.paths, linter.cwd)  # type: ignore[attr-defined]
        except GitError as error:
            _error(str(error))
            return ERROR
        linter.keep_changed(report, changed)  # type: ignore[attr-defined]
    if baseline is not None:
        linter.keep_new(report, baseline)  # type: ignore[attr-defined]

    if args.diff:
        sys.stdout.write("".join(report.diffs))
        for message in report.errors:
            _error(message)
        if report.errors:
            return ERROR
        print(f"{report.fixed} fix{'' if report.fixed == 1 else 'es'} would be applied "
              f"to {len(report.diffs)} file{'' if len(report.diffs) == 1 else 's'}.", file=sys.stderr)
        return FAILURE if report.diffs else 0
    stream = sys.stdout
    color = args.output is None and args.format == "text" and _use_color(args.color, stream)
    output = render(args.format, report, linter.rules(), color=color, quiet=args.quiet,  # type: ignore[attr-defined]
                    statistics=args.statistics)
    for message in report.errors:
        _error(message)
    if args.output is not None:
        try:
            write_atomic(args.output, output)
        except OSError as error:
            _error(f"{args.output}: cannot write report: {error.strerror or error}")
            return ERROR
    else:
        stream.write(output)
        stream.flush()
    if not args.quiet:
        for note in report.notes:
            print(f"contentlint: {note}", file=sys.stderr)
    if report.errors:
        return ERROR
    if args.exit_zero:
        return 0
    return FAILURE if report.failing else 0


def run_baseline(args: argparse.Namespace) -> int:
    from contentlint.baseline import write_baseline

    if args.config is not None and not args.config.is_file():
        _error(f"{args.config}: configuration file not found")
        return ERROR
    linter = _linter(args)
    report = _lint(args, linter)
    if report is None:
        return ERROR
    for message in report.errors:
        _error(message)
    if report.errors:
        _error(f"{args.output}: not written, because some files could not be linted")
        return ERROR
    try:
        count = write_baseline(args.output, report.findings, linter.cwd)  # type: ignore[attr-defined]
    except OSError as error:
        _error(f"{args.output}: cannot write baseline: {error.strerror or error}")
        return ERROR
    print(f"Wrote {count} finding{'' if count == 1 else 's'} from {report.files_checked} "
          f"file{'' if report.files_checked == 1 else 's'} to {args.output}")
    return 0


def _registry(config_path: Path | None):
    from contentlint.config import ConfigError, find_config_file, load_config
    from contentlint.registry import build_registry

    path = config_path or find_config_file(Path.cwd())
    packs: list[Path] = []
    if path is not None:
        try:
            packs = load_config(path).rule_packs
        except ConfigError as error:
            _error(str(error))
    return build_registry(packs)


def run_rules(args: argparse.Namespace) -> int:
    registry = _registry(args.config)
    rules = sorted(registry.rules.values(), key=lambda r: r.code)
    if args.format == "json":
        import json

        print(json.dumps([{"code": r.code, "name": r.name, "family": r.family, "severity": r.severity.label,
                           "default_on": r.default_on, "summary": r.doc.summary, "origin": r.origin}
                          for r in rules], indent=2))
    else:
        for r in rules:
            state = "" if r.default_on else "  (off by default)"
            print(f"{r.code:<7} {r.name:<34} {r.severity.label:<8} {r.doc.summary}{state}")
    for message in registry.errors:
        _error(message)
    return ERROR if registry.errors else 0


def run_rule(args: argparse.Namespace) -> int:
    from contentlint.config import suggestion
    from contentlint.rule import render_doc

    registry = _registry(args.config)
    wanted = args.code
    code = wanted.upper() if wanted.upper() in registry.rules else registry.names.get(wanted)
    if code is None:
        choices = list(registry.rules) + list(registry.names)
        _error(f"unknown rule '{wanted}'{suggestion(wanted, choices)}; `contentlint rules` lists them")
        return ERROR
    print(render_doc(registry.rules[code]), end="")
    return 0


def run_init(args: argparse.Namespace) -> int:
    from contentlint.config import STARTER_CONFIG

    if args.pyproject:
        target = Path("pyproject.toml")
        existing = target.read_text(encoding="utf-8") if target.exists() else ""
        if "[tool.contentlint]" in existing:
            _error(f"{target}: already has a [tool.contentlint] table")
            return ERROR
        body = STARTER_CONFIG.replace("[per-file-ignores]", "[tool.contentlint.per-file-ignores]")
        body = body.replace("[rules]", "[tool.contentlint.rules]").replace("# [rules.", "# [tool.contentlint.rules.")
        table = "[tool.contentlint]\n" + body
        write_atomic(target, (existing.rstrip("\n") + "\n\n" if existing else "") + table)
    else:
        target = Path(".contentlint.toml")
        if target.exists() and not args.force:
            _error(f"{target}: already exists (use --force to overwrite)")
            return ERROR
        write_atomic(target, STARTER_CONFIG)
    print(f"Wrote {target}")
    return 0


def run_scores(args: argparse.Namespace) -> int:
    from contentlint.scores import render_json, render_table, score_paths

    if args.config is not None and not args.config.is_file():
        _error(f"{args.config}: configuration file not found")
        return ERROR
    rows, errors = score_paths(args.paths or ["."], args.config, isolated=args.isolated)
    sys.stdout.write(render_json(rows) if args.format == "json" else render_table(rows))
    sys.stdout.flush()
    for message in errors:
        _error(message)
    return ERROR if errors else 0


def main(argv: list[str] | None = None) -> int:
    if argv is not None:
        return _main(list(argv))
    try:  # the process's own command line (console script, python -m): it exits when main returns
        return _main(list(sys.argv[1:]))
    finally:
        # Spare the interpreter's last garbage collections over every object the
        # run made, all about to be freed anyway (~20 ms of a one-file run).
        import gc

        gc.freeze()


def _main(argv: list[str]) -> int:
    commands = {"check", "baseline", "rules", "rule", "init", "scores"}
    if argv and argv[0] not in commands and argv[0] not in ("-h", "--help", "--version"):
        argv.insert(0, "check")  # `contentlint file.md` means `contentlint check file.md`
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args)
        if args.command == "baseline":
            return run_baseline(args)
        if args.command == "rules":
            return run_rules(args)
        if args.command == "rule":
            return run_rule(args)
        if args.command == "init":
            return run_init(args)
        if args.command == "scores":
            return run_scores(args)
        parser.print_help()
        return ERROR
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
