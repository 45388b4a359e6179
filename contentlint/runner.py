"""A lint run over paths: discovery, configuration per file, reading, rules.

Each file gets the configuration nearest to it. Errors are collected, not
raised: a broken configuration, rule pack or file is reported by name, and
every other file is still linted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from contentlint.config import Config, ConfigError, find_config_file, load_config
from contentlint.engine import (
    DocumentResult,
    Overrides,
    RuleSelection,
    build_selection,
    lint_document,
    parse_document,
    run_corpus_rules,
)
from contentlint.files import GitIgnores, matches_any, relative_to, walk, wanted_file
from contentlint.registry import Registry, build_registry
from contentlint.source import Source, SourceError, read_source, source_from_text
from contentlint.violation import Finding


# Registries built in this process, by the state of their packs and plugins:
# the Python API and editors lint many texts, and loading ~150 rules (YAML,
# RE2 compilation) costs far more than linting one article.
_REGISTRIES: dict[tuple[object, ...], Registry] = {}


def _folder_state(folder: Path) -> tuple[object, ...]:
    """Every file under a pack folder with its size and modification time (None if missing)."""
    if not folder.is_dir():
        return (str(folder), None)
    files = []
    for root, _, names in os.walk(folder):
        for name in names:
            try:
                stat = os.stat(os.path.join(root, name))
            except OSError:
                continue
            files.append((os.path.join(root, name), stat.st_mtime_ns, stat.st_size))
    return (str(folder), tuple(sorted(files)))


def cached_registry(packs: tuple[Path, ...]) -> Registry:
    """build_registry(packs), reused while no pack file and no installed plugin has changed.

    Rules are pure, so one registry can serve every run in the process.
    """
    from importlib.metadata import entry_points

    from contentlint.packs import builtin_pack_dir
    from contentlint.registry import ENTRY_POINT_GROUP

    plugins = tuple(sorted((e.name, e.value) for e in entry_points(group=ENTRY_POINT_GROUP)))
    key = (tuple(_folder_state(folder) for folder in (builtin_pack_dir(), *packs)), plugins)
    if key not in _REGISTRIES:
        if len(_REGISTRIES) >= 32:
            _REGISTRIES.clear()
        _REGISTRIES[key] = build_registry(packs)
    return _REGISTRIES[key]


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    files_checked: int = 0
    failing: int = 0  # findings at or above their configuration's fail-on level

    @property
    def exit_code(self) -> int:
        if self.errors:
            return 2
        return 1 if self.failing else 0


class Linter:
    def __init__(self, overrides: Overrides | None = None, config_path: Path | None = None,
                 cwd: Path | None = None, isolated: bool = False) -> None:
        self.overrides = overrides or Overrides()
        self.cwd = (cwd or Path.cwd()).resolve()
        self.isolated = isolated  # ignore configuration files (use defaults)
        self._explicit: Config | ConfigError | None = None
        if config_path is not None:
            try:
                self._explicit = load_config(config_path)
            except ConfigError as error:
                self._explicit = error
        self._configs: dict[Path, Config | ConfigError] = {}
        self._by_folder: dict[Path, Config | ConfigError] = {}  # folder -> its nearest configuration
        self._selections: dict[int, RuleSelection | ConfigError] = {}
        self._registries: dict[tuple[Path, ...], Registry] = {}
        self.reported: set[str] = set()
        self.gitignores = GitIgnores()
        # For the corpus phase: per selection, each document's directives and summaries.
        self.corpus: dict[int, dict[str, DocumentResult]] = {}

    # -- configuration ---------------------------------------------------
    def config_for(self, folder: Path) -> Config | ConfigError:
        if self._explicit is not None:
            return self._explicit
        if self.isolated:
            return self._configs.setdefault(Path("<defaults>"), Config(root=self.cwd))
        folder = Path(os.path.abspath(folder))  # discovery walks up from an absolute folder
        if folder in self._by_folder:
            return self._by_folder[folder]
        found = find_config_file(folder)
        key = found or Path("<defaults>")
        if key not in self._configs:
            if found is None:
                self._configs[key] = Config(root=self.cwd)
            else:
                try:
                    self._configs[key] = load_config(found)
                except ConfigError as error:
                    self._configs[key] = error
        self._by_folder[folder] = self._configs[key]
        return self._configs[key]

    def selection_for(self, config: Config) -> RuleSelection | ConfigError:
        key = id(config)
        if key not in self._selections:
            packs = tuple(config.rule_packs)
            if packs not in self._registries:
                self._registries[packs] = cached_registry(packs)
            try:
                self._selections[key] = build_selection(config, self.overrides, self._registries[packs])
            except ConfigError as error:
                self._selections[key] = error
        return self._selections[key]

    # -- discovery -------------------------------------------------------
    def display(self, path: Path) -> str:
        relative = relative_to(path, self.cwd)
        return relative if relative is not None else str(path)

    def excluded(self, path: Path, config: Config, is_dir: bool) -> bool:
        relative = relative_to(path, config.root)
        if relative is None:
            return matches_any(path.name, config.all_excludes, is_dir)
        return matches_any(relative, config.all_excludes, is_dir)

    def collect(self, arguments: list[str], report: Report) -> list[Path]:
        files: list[Path] = []
        for argument in arguments:
            path = Path(argument)
            if not path.exists():
                report.errors.append(f"{argument}: no such file or directory")
                continue
            if path.is_dir():
                config = self.config_for(path.resolve())
                if isinstance(config, ConfigError):
                    self._report(report, str(config))
                    continue

                def nearest(candidate: Path) -> Config:
                    """The configuration of the folder a file or folder is in (as when it is named alone)."""
                    found = self.config_for(candidate.parent)
                    return found if isinstance(found, Config) else config  # the error is reported on use

                def excluded(candidate: Path, is_dir: bool) -> bool:
                    return self.excluded(candidate, nearest(candidate), is_dir)

                def include(candidate: Path) -> bool:
                    return wanted_file(candidate.name, nearest(candidate).include)

                found = walk(path, excluded, include, self.gitignores if config.respect_gitignore else None)
                if not found:
                    report.errors.append(f"{argument}: no files to lint (looked for {', '.join(config.include)})")
                files.extend(found)
            else:
                config = self.config_for(path.resolve().parent)
                if isinstance(config, Config) and self.excluded(path, config, False):
                    continue  # explicitly named but excluded: what pre-commit users expect
                files.append(path)
        # Each file once, under the name it was found by: a symlink keeps its own
        # name (and so its own configuration, ignores and report path).
        unique: dict[Path, Path] = {}
        for file in files:
            unique.setdefault(file.resolve(), Path(os.path.abspath(file)))
        return list(unique.values())

    # -- linting ---------------------------------------------------------
    def _report(self, report: Report, message: str) -> None:
        if message not in self.reported:
            self.reported.add(message)
            report.errors.append(message)

    def lint_source(self, source: Source, config: Config, report: Report, relative: str | None) -> None:
        selection = self.selection_for(config)
        registry = self._registries.get(tuple(config.rule_packs))
        if registry:
            for error in registry.errors:
                self._report(report, error)
        if isinstance(selection, ConfigError):
            self._report(report, str(selection))
            return
        ignored: set[str] = set()
        if relative is not None:
            for pattern, selectors in config.per_file_ignores.items():
                if matches_any(relative, [pattern]):
                    for selector in selectors:
                        ignored.update(selection.registry.resolve(selector))
        try:
            document = parse_document(source)
        except RecursionError:
            report.errors.append(f"{source.path}: cannot parse: structure nested too deeply")
            return
        result: DocumentResult = lint_document(document, selection, frozenset(ignored))
        report.files_checked += 1
        self.add_findings(report, result.findings, config)
        report.errors.extend(result.errors)
        if result.summaries:
            self.corpus.setdefault(id(selection), {})[document.path] = result

    def add_findings(self, report: Report, findings: list[Finding], config: Config) -> None:
        report.findings.extend(findings)
        fail_on = self.overrides.fail_on or config.fail_on
        report.failing += sum(1 for finding in findings if finding.severity >= fail_on)

    def finish_corpus(self, report: Report) -> None:
        """Run the corpus rules of each configuration over the documents it linted."""
        for config in list(self._configs.values()) + ([self._explicit] if self._explicit else []):
            if not isinstance(config, Config):
                continue
            selection = self._selections.get(id(config))
            results = self.corpus.get(id(selection)) if selection is not None else None
            if not results or isinstance(selection, ConfigError):
                continue
            findings, errors = run_corpus_rules(selection, results)
            self.add_findings(report, findings, config)
            report.errors.extend(errors)

    def lint_path(self, path: Path, report: Report) -> None:
        display = self.display(path)
        config = self.config_for(path.parent)
        if isinstance(config, ConfigError):
            self._report(report, str(config))
            return
        try:
            source = read_source(path, display, config.max_file_size)
        except SourceError as error:
            report.errors.append(str(error))
            return
        self.lint_source(source, config, report, relative_to(path, config.root))

    def run(self, arguments: list[str], stdin_text: str | None = None, stdin_filename: str | None = None) -> Report:
        report = Report()
        paths = [argument for argument in arguments if argument != "-"]
        for path in self.collect(paths, report):
            self.lint_path(path, report)
        if stdin_text is not None:
            name = stdin_filename or "-"
            folder = (self.cwd / name).parent if stdin_filename else self.cwd
            config = self.config_for(folder.resolve())
            if isinstance(config, ConfigError):
                self._report(report, str(config))
            else:
                relative = relative_to(self.cwd / name, config.root) if stdin_filename else None
                self.lint_source(source_from_text(stdin_text, name), config, report, relative)
        self.finish_corpus(report)
        report.findings.sort(key=lambda f: (f.path, f.line, f.column, f.code))
        return report
