"""A lint run over paths: discovery, configuration per file, reading, rules.

Each file gets the configuration nearest to it. Errors are collected, not
raised: a broken configuration, rule pack or file is reported by name, and
every other file is still linted.
"""

from __future__ import annotations

import base64
import codecs
import errno
import os
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from stat import S_ISDIR, S_ISLNK
from typing import TYPE_CHECKING, Any, cast

from contentlint.cache import CACHE_FOLDER, Cache, content_key, settings_key
from contentlint.config import CONFIG_FILES, Config, ConfigError, has_contentlint_table, load_config
from contentlint.document import Document
from contentlint.engine import (
    DocumentResult,
    Overrides,
    RuleSelection,
    build_selection,
    document_format,
    lint_documents,
    parse_document,
    run_corpus_rules,
)
from contentlint.baseline import Baseline
from contentlint.fixes import MAX_PASSES, WriteError, apply_edits, unified_diff, write_atomically
from contentlint.files import (
    GitIgnores, RealPaths, absolute_relative_to, matcher, matches_any, path_inside, relative_to, walk, wanted_test,
)
from contentlint.registry import Registry, build_registry
from contentlint.rule import Rule
from contentlint.source import Source, SourceError, decode, encode, read_bytes_and_stat, source_from_text
from contentlint.suppression import Directive
from contentlint.violation import Edit, Finding, Fix, Severity

if TYPE_CHECKING:  # --diff-base only: git and subprocess are not imported otherwise
    from contentlint.gitdiff import ChangedLines


# Registries built in this process, by the state of their packs and plugins:
# the Python API and editors lint many texts, and loading ~150 rules (YAML,
# RE2 compilation) costs far more than linting one article.
_REGISTRIES: dict[tuple[object, ...], Registry] = {}
# The key of the default configuration among a run's configurations.
DEFAULTS = Path("<defaults>")


def _folder_state(folder: Path) -> tuple[object, ...]:
    """Every file under a pack folder with its size and modification time (None if missing)."""
    if not folder.is_dir():
        return (str(folder), None)
    files = []
    for root, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if name != "__pycache__"]  # bytecode is not code state
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
    from contentlint.packs import builtin_pack_dir
    from contentlint.registry import plugin_declarations

    plugins = plugin_declarations()
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
    fixed: int = 0  # fixes applied (--fix) or that would be (--diff)
    diffs: list[str] = field(default_factory=list)  # --diff: one unified diff per changed file
    notes: list[str] = field(default_factory=list)  # things to tell the user that are not errors
    paths: list[str] = field(default_factory=list)  # the files checked, as reported

    @property
    def exit_code(self) -> int:
        if self.errors:
            return 2
        return 1 if self.failing else 0


@dataclass
class RunOptions:
    """How a run treats files beyond linting them: caching, fixing, workers."""

    use_cache: bool = False
    cache_dir: Path | None = None  # overrides the configuration's cache-dir
    fix: bool = False  # apply safe fixes and write the files
    diff: bool = False  # compute the fixes and report them as diffs, write nothing
    jobs: int = 1
    baseline: Baseline | None = None  # --fix and --diff leave the findings it accepts alone
    changed: ChangedLines | None = None  # --fix and --diff with --diff-base: only findings on changed lines


@dataclass
class FileOutcome:
    """What linting one file produced. Picklable: it may come from a worker process."""

    path: str
    config_key: str
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    summaries: dict[str, Any] = field(default_factory=dict)
    checked: bool = False
    fixed: int = 0
    diff: str = ""
    digest: str = ""  # content_key of the bytes linted, for the run cache
    signature: tuple[int, ...] = ()  # the file's stat before it was read (see RunEntry)


@dataclass
class ReadFile:
    """A file's text ready to lint, and what a fix or the run cache needs of it."""

    source: Source
    config: Config
    relative: str | None  # the path relative to the configuration's root (per-file-ignores)
    original: bytes | None = None  # the bytes read (None: standard input)
    path: str | Path | None = None
    signature: tuple[int, ...] | None = None  # the stat before reading, when the run has a cache


@dataclass
class Task:
    """A text and the settings to lint it with."""

    source: Source
    config: Config
    selection: RuleSelection
    ignored: frozenset[str]
    digest: str = ""  # content_key of the text as text_key hashes it, when already known ("": not known)


def config_key(config: Config) -> str:
    return str(config.path) if config.path is not None else f"<defaults:{config.root}>"


class Linter:
    def __init__(self, overrides: Overrides | None = None, config_path: Path | None = None,
                 cwd: Path | None = None, isolated: bool = False, options: RunOptions | None = None) -> None:
        self.overrides = overrides or Overrides()
        self.options = options or RunOptions()
        self.cwd = (cwd or Path.cwd()).resolve()
        self.isolated = isolated  # ignore configuration files (use defaults)
        self._explicit: Config | ConfigError | None = None
        if config_path is not None:
            try:
                self._explicit = load_config(config_path)
            except ConfigError as error:
                self._explicit = error
        self._configs: dict[Path, Config | ConfigError] = {}
        self._by_folder: dict[Path | str, Config | ConfigError] = {}  # folder -> its nearest configuration
        self._config_files: dict[str, Path | None] = {}  # absolute folder -> its nearest configuration file
        self._selections: dict[int, RuleSelection | ConfigError] = {}
        self._registries: dict[tuple[Path, ...], Registry] = {}
        self._settings: dict[tuple[int, frozenset[str]], str] = {}
        self._caches: dict[Path, Cache] = {}
        self._roots: dict[int, tuple[Config, str]] = {}  # id of a configuration -> it and its root, absolute
        self.reported: set[str] = set()
        self.gitignores = GitIgnores()
        self.realpaths = RealPaths()  # this run's answers of realpath
        self._cwd = str(self.cwd)  # resolved, so absolute and normalised

    # -- configuration ---------------------------------------------------
    def config_for(self, folder: Path | str, names: Collection[str] | None = None) -> Config | ConfigError:
        """The configuration of the files in a folder (the nearest configuration file above it).
        `names`, when given, are the folder's entries as listed by a walk (see config_file)."""
        if self._explicit is not None:
            return self._explicit
        if self.isolated:
            return self._configs.setdefault(DEFAULTS, Config(root=self.cwd))
        known = self._by_folder.get(folder)  # as asked (walks ask once per file), then absolute
        if known is not None:
            return known
        asked = folder
        folder = os.path.abspath(folder)  # discovery walks up from an absolute folder
        if folder in self._by_folder:
            self._by_folder[asked] = self._by_folder[folder]
            return self._by_folder[folder]
        found = self.config_file(folder, names)
        key = found or DEFAULTS
        if key not in self._configs:
            if found is None:
                self._configs[key] = Config(root=self.cwd)
            else:
                try:
                    self._configs[key] = load_config(found)
                except ConfigError as error:
                    self._configs[key] = error
        self._by_folder[folder] = self._by_folder[asked] = self._configs[key]
        return self._configs[key]

    def config_file(self, folder: str, names: Collection[str] | None = None) -> Path | None:
        """config.find_config_file for an absolute folder, remembering each folder's answer: a walk
        asks for every folder. A name missing from `names` (the folder's listing) is not looked for."""
        if folder not in self._config_files:
            found = None
            for name in CONFIG_FILES:
                if names is not None and name not in names:
                    continue
                candidate = os.path.join(folder, name)
                if os.path.isfile(candidate) and (name != "pyproject.toml" or has_contentlint_table(Path(candidate))):
                    found = Path(candidate)
                    break
            parent = os.path.dirname(folder)
            if found is None and parent != folder:
                found = self.config_file(parent)
            self._config_files[folder] = found
        return self._config_files[folder]

    def root_of(self, config: Config) -> str:
        """os.path.abspath(config.root), once per configuration: every file asks for it."""
        found = self._roots.get(id(config))
        if found is None or found[0] is not config:
            found = self._roots[id(config)] = (config, os.path.abspath(config.root))
        return found[1]

    def configs(self) -> list[Config]:
        found = [c for c in self._configs.values() if isinstance(c, Config)]
        if isinstance(self._explicit, Config):
            found.append(self._explicit)
        return found

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

    def rules(self) -> Mapping[str, Rule]:
        """Every rule of the registries this run used (for reporters that describe rules).

        Loaded when first looked at: a run served from the cache needs no rules
        unless its report describes them (SARIF, --statistics, --diff-base).
        """
        return LazyRules(self)

    def loaded_rules(self) -> dict[str, Rule]:
        if not self._registries:
            for config in self.configs():
                self.selection_for(config)
        found: dict[str, Rule] = {}
        for registry in self._registries.values():
            found.update(registry.rules)
        return found

    # -- discovery -------------------------------------------------------
    def display(self, path: Path, absolute: str | None = None) -> str:
        """How reports name the file: relative to the current folder, else as given.
        `absolute` is os.path.abspath(path), when the caller has it."""
        absolute = os.path.abspath(path) if absolute is None else absolute
        relative = absolute_relative_to(absolute, self._cwd, self.realpaths)
        return relative if relative is not None else str(path)

    def excluded(self, path: Path, config: Config, is_dir: bool, absolute: str | None = None) -> bool:
        """Whether the configuration excludes a path (`absolute` is os.path.abspath(path), when known)."""
        absolute = os.path.abspath(path) if absolute is None else absolute
        relative = absolute_relative_to(absolute, self.root_of(config), self.realpaths)
        if relative is None:
            return matches_any(path.name, config.all_excludes, is_dir)
        return matches_any(relative, config.all_excludes, is_dir)

    def entry_test(self, default: Config,
                   gitignore: bool) -> Callable[[str, Collection[str]], Callable[[str, bool, bool], bool]]:
        """For files.walk: which entries of a folder to keep, by the folder's configuration
        (as if each were named alone), its include and exclude patterns and the .gitignore files."""

        def keep_in(root: str, names: Collection[str]) -> Callable[[str, bool, bool], bool]:
            absolute = os.path.abspath(root)
            found = self.config_for(absolute, names)
            config = found if isinstance(found, Config) else default  # the error is reported on use
            root_absolute = self.root_of(config)
            inside = path_inside(absolute, root_absolute)  # None: the slow way, entry by entry
            ignores = self.gitignores.chain(absolute, names) if gitignore else []
            # The folder's tests, made once for its entries.
            wanted, excluded = wanted_test(config.include), matcher(tuple(config.all_excludes))
            prefix = os.path.join(absolute, "")  # os.path.join(absolute, name) for a listing's plain names
            note = self.realpaths.note

            def keep(name: str, is_dir: bool, is_link: bool) -> bool:
                if not is_dir and not wanted(name):
                    return False
                path = prefix + name
                note(path, is_link)  # real paths are asked for below and by collect()
                if inside is not None:
                    relative: str | None = name if inside == "." else f"{inside}/{name}"
                else:
                    relative = absolute_relative_to(path, root_absolute, self.realpaths)
                if excluded(name if relative is None else relative, is_dir):
                    return False
                if ignores:
                    if any(matches_any(path_inside(path, top) or "", patterns, is_dir) for top, patterns in ignores):
                        return False
                return True

            return keep

        return keep_in

    def collect(self, arguments: list[str], report: Report) -> list[Path]:
        """The files the arguments name (folders searched), each once; errors go in the report."""
        return [Path(name) for name in self.collect_names(arguments, report)]

    def collect_names(self, arguments: list[str], report: Report) -> list[str]:
        """collect() as absolute names: what a run passes around (a Path costs more to make,
        to turn back into its name, and to send to a worker)."""
        files: list[str] = []  # absolute and normalised
        for argument in arguments:
            path = Path(argument)
            found_mode = _mode_and_link(path)
            if found_mode is None:
                report.errors.append(f"{argument}: no such file or directory")
                continue
            mode, is_link = found_mode
            if S_ISDIR(mode):
                config = self.config_for(path.resolve())
                if isinstance(config, ConfigError):
                    self._report(report, str(config))
                    continue

                found = walk(os.path.abspath(path), self.entry_test(config, config.respect_gitignore))
                if not found:
                    report.errors.append(f"{argument}: no files to lint (looked for {', '.join(config.include)})")
                files.extend(found)
            else:
                # The folder of the file's real path: Path.resolve, with this run's answers remembered
                # (which make ".." lexical: a name with ".." in it is resolved as Path does).
                absolute = os.path.abspath(path)
                if ".." in path.parts:
                    real = str(path.resolve())
                else:
                    self.realpaths.note(absolute, is_link)
                    real = self.realpaths.real_absolute(absolute)
                config = self.config_for(os.path.dirname(real))
                if isinstance(config, Config) and self.excluded(path, config, False, absolute):
                    continue  # explicitly named but excluded: what pre-commit users expect
                files.append(absolute)
        # Each file once, under the name it was found by: a symlink keeps its own
        # name (and so its own configuration, ignores and report path).
        unique: dict[str, str] = {}
        for file in files:
            unique.setdefault(self.realpaths.real_absolute(file), file)
        return list(unique.values())

    # -- linting one file --------------------------------------------------
    def _report(self, report: Report, message: str) -> None:
        if message not in self.reported:
            self.reported.add(message)
            report.errors.append(message)

    def ignored_codes(self, config: Config, selection: RuleSelection, relative: str | None) -> frozenset[str]:
        ignored: set[str] = set()
        if relative is not None:
            for pattern, selectors in config.per_file_ignores.items():
                if matches_any(relative, [pattern]):
                    for selector in selectors:
                        ignored.update(selection.registry.resolve(selector))
        return frozenset(ignored)

    def cache_for(self, config: Config) -> Cache | None:
        """The cache of a configuration: --cache-dir, else $CONTENTLINT_CACHE_DIR, else its cache-dir,
        else .contentlint_cache beside the configuration file (or in the current folder)."""
        if not self.options.use_cache:
            return None
        folder = self.options.cache_dir or (Path(os.environ["CONTENTLINT_CACHE_DIR"])
                                            if os.environ.get("CONTENTLINT_CACHE_DIR") else None)
        folder = folder or config.cache_dir or (config.root / CACHE_FOLDER)
        if folder not in self._caches:
            self._caches[folder] = Cache(folder)
        return self._caches[folder]

    def settings_key(self, config: Config, selection: RuleSelection, ignored: frozenset[str]) -> str:
        """What, besides a file's content, decides its findings: a cache key."""
        key = (id(selection), ignored)
        if key not in self._settings:
            rules = [(e.rule.code, e.rule.name, e.severity.label, sorted(e.options.items(), key=lambda i: i[0]),
                      e.rule.origin) for e in selection.active]
            packs = tuple(_folder_state(folder) for folder in config.rule_packs)
            self._settings[key] = settings_key(rules, sorted(ignored), packs, _code_state())
        return self._settings[key]

    def lint_text(self, source: Source, config: Config, selection: RuleSelection,
                  ignored: frozenset[str]) -> DocumentResult:
        """Lint one text, from the cache when the same text was linted with the same settings."""
        return self.lint_texts([Task(source, config, selection, ignored)])[0]

    def lint_texts(self, tasks: list[Task]) -> list[DocumentResult]:
        """lint_text of each task. The texts not in the cache are parsed first, then
        linted together, a group per selection (engine.lint_documents runs each
        rule over a whole group)."""
        results: list[DocumentResult | None] = [None] * len(tasks)
        keys = [""] * len(tasks)
        caches = [self.cache_for(task.config) for task in tasks]
        stored = self.cached_results(tasks, caches, keys)
        groups: dict[tuple[int, frozenset[str]], list[tuple[int, Document]]] = {}
        for index, task in enumerate(tasks):
            if keys[index] in stored:
                results[index] = result_from_json(stored[keys[index]], task.source.path)
                if results[index] is not None:
                    continue
            try:
                document = parse_document(task.source)
            except RecursionError:
                results[index] = DocumentResult(errors=[f"{task.source.path}: cannot parse: structure nested too deeply"])
                continue
            groups.setdefault((id(task.selection), task.ignored), []).append((index, document))
        for members in groups.values():
            first = tasks[members[0][0]]
            linted = lint_documents([document for _, document in members], first.selection, first.ignored)
            for (index, _), result in zip(members, linted):
                results[index] = result
                cache = caches[index]
                if cache is not None and not result.errors:
                    cache.put(keys[index], result_to_json(result), default=plain_bytes)
        return cast("list[DocumentResult]", results)

    def cached_results(self, tasks: list[Task], caches: list[Cache | None], keys: list[str]) -> dict[str, Any]:
        """The stored results of the tasks that have a cache, by key (a query per cache, not per
        text); `keys` gets each such task's key."""
        wanted: dict[int, tuple[Cache, list[str]]] = {}
        for index, (task, cache) in enumerate(zip(tasks, caches)):
            if cache is not None:
                keys[index] = self.text_key(task)
                wanted.setdefault(id(cache), (cache, []))[1].append(keys[index])
        stored: dict[str, Any] = {}
        for cache, asked in wanted.values():
            stored.update(cache.get_many(asked))
        return stored

    def text_key(self, task: Task) -> str:
        """The cache key of a task's result: its text, its format and its settings."""
        source = task.source
        key = task.digest
        if not key:
            key = content_key((("\ufeff" if source.bom else "") + source.text).encode("utf-8", "surrogatepass"))
        return settings_key(key, document_format(source.path), self.settings_key(task.config, task.selection, task.ignored))

    def lint_source(self, source: Source, config: Config, relative: str | None,
                    original: bytes | None = None, path: Path | None = None) -> FileOutcome:
        return self.lint_sources([ReadFile(source, config, relative, original, path)])[0]

    def lint_sources(self, files: list[ReadFile]) -> list[FileOutcome]:
        """Lint texts read from files (or standard input), then fix them if asked."""
        outcomes: list[FileOutcome] = []
        tasks: list[Task] = []
        waiting: list[tuple[FileOutcome, ReadFile]] = []
        for file in files:
            outcome = FileOutcome(file.source.path, config_key(file.config))
            digest = content_key(file.original) if self.options.use_cache and file.original is not None else ""
            if file.signature is not None:
                outcome.digest, outcome.signature = digest, file.signature
            outcomes.append(outcome)
            selection = self.selection_for(file.config)
            if isinstance(selection, ConfigError):
                outcome.errors.append(str(selection))
                continue
            ignored = self.ignored_codes(file.config, selection, file.relative)
            # UTF-8 text was decoded from exactly the bytes text_key would hash (BOM included): their digest serves
            tasks.append(Task(file.source, file.config, selection, ignored,
                              digest if file.source.encoding == "utf-8" else ""))
            waiting.append((outcome, file))
        for task, (outcome, file), result in zip(tasks, waiting, self.lint_texts(tasks)):
            if (self.options.fix or self.options.diff) and any(f.fix and f.fix.safe for f in result.findings):
                result = self.fix(task.source, task.config, task.selection, task.ignored, result, outcome,
                                  file.original, None if file.path is None else Path(file.path))
            outcome.findings = result.findings
            outcome.errors.extend(result.errors)
            outcome.directives = result.directives
            outcome.summaries = result.summaries
            outcome.checked = True
        return outcomes

    def fix(self, source: Source, config: Config, selection: RuleSelection, ignored: frozenset[str],
            result: DocumentResult, outcome: FileOutcome, original: bytes | None, path: Path | None) -> DocumentResult:
        """Apply safe fixes in passes until none is left; write (--fix) or diff (--diff)."""
        text = source.text
        applied = 0
        changed_lines: set[int] | None = None  # None: any line may be fixed
        if self.options.changed is not None:
            from contentlint.gitdiff import GitError, lines_after_fixes

            try:
                changed_lines = self.changed_lines(path)
            except GitError as error:
                outcome.errors.append(str(error))
                return result
        for _ in range(MAX_PASSES):
            fixable = result.findings if self.options.baseline is None else \
                self.options.baseline.filter(result.findings, self.cwd)[0]
            if changed_lines is not None:
                lines = changed_lines if text == source.text else lines_after_fixes(source.text, text, changed_lines)
                fixable = [finding for finding in fixable if finding.line in lines]
            fixed_text, count = apply_edits(text, fixable)
            if count == 0 or fixed_text == text:
                break
            applied += count
            text = fixed_text
            result = self.lint_text(replace(source, text=text), config, selection, ignored)
        if text == source.text:
            return result
        if self.options.diff:
            outcome.diff = unified_diff(source.path, source.text, text)
            outcome.fixed = applied
            return self.lint_text(source, config, selection, ignored)  # report the file as it is
        if path is None or original is None:
            outcome.errors.append(f"{source.path}: standard input cannot be fixed in place; use --diff")
            return self.lint_text(source, config, selection, ignored)
        try:
            write_atomically(path, encode_like(source, text, original), original)
        except WriteError as error:
            outcome.errors.append(str(error))
            return self.lint_text(source, config, selection, ignored)
        outcome.fixed = applied
        return result

    def changed_lines(self, path: Path | None) -> set[int] | None:
        """With --diff-base: the lines of the file changed since the revision (None: all of them)."""
        assert self.options.changed is not None
        if path is None:
            return set()  # standard input: no file to compare, nothing counts as changed
        self.options.changed.load([str(path)], self.cwd)
        return self.options.changed.lines_of(path)

    def lint_path(self, path: str | Path) -> FileOutcome:
        return self.lint_paths([path])[0]

    def lint_paths(self, paths: Sequence[str | Path]) -> list[FileOutcome]:
        """Lint files BATCH at a time: the rules run over a batch's documents together
        (engine.run_rules), and a batch's documents are all in memory at once."""
        outcomes: list[FileOutcome] = []
        for start in range(0, len(paths), BATCH):
            read = [self.read_path(path) for path in paths[start:start + BATCH]]
            linted = iter(self.lint_sources([file for file in read if isinstance(file, ReadFile)]))
            outcomes.extend(next(linted) if isinstance(file, ReadFile) else file for file in read)
        return outcomes

    def read_path(self, path: str | Path) -> ReadFile | FileOutcome:
        """A file read and decoded with its configuration, or the outcome that says why it cannot be."""
        absolute = os.path.abspath(path)  # once: the report name, the configuration and its patterns need it
        display = self.display(path, absolute)
        config = self.config_for(os.path.dirname(absolute))
        if isinstance(config, ConfigError):
            return FileOutcome(display, "", errors=[str(config)])
        try:
            data, stat = read_bytes_and_stat(path, display, config.max_file_size)
            source = decode(data, display, config.max_file_size)
        except SourceError as error:
            return FileOutcome(display, config_key(config), errors=[str(error)])
        relative = absolute_relative_to(absolute, self.root_of(config), self.realpaths)
        # The stat is for the run's cache entry (RunEntry): taken before reading, a change shows in the next one.
        return ReadFile(source, config, relative, data, path, signature_of(stat) if self.options.use_cache else None)

    # -- the run -----------------------------------------------------------
    def lint_all(self, files: Sequence[str | Path]) -> list[FileOutcome]:
        """Lint files, in worker processes when there are enough to pay for them.

        Workers are forked after the configurations and rules are loaded here,
        so each starts warm; results come back in the order of `files`.
        """
        # Load every configuration and selection before forking (folders as read_path asks for them: the
        # folder of a file's absolute name is its name's folder made absolute, done once per folder).
        named = dict.fromkeys(os.path.dirname(os.fspath(path)) for path in files)
        for folder in dict.fromkeys(map(os.path.abspath, named)):
            config = self.config_for(folder)
            if isinstance(config, Config):
                self.selection_for(config)
        jobs = min(self.options.jobs, len(files) // MIN_FILES_PER_JOB)
        with fewer_collections():
            if jobs <= 1 or not _can_fork():
                outcomes = self.lint_paths(files)
                self.flush_caches()
                return outcomes
            return self.lint_in_workers(files, jobs)

    def flush_caches(self) -> None:
        """Write the cache entries this process buffered (one transaction per cache)."""
        for cache in self._caches.values():
            cache.flush()

    def take_cache_writes(self) -> list[CacheWrites]:
        """What this process buffered for each cache, handed over (a worker's, for the parent to write)."""
        return [(folder, *cache.take_writes()) for folder, cache in self._caches.items()]

    def write_cache(self, writes: list[CacheWrites]) -> None:
        """Write what a worker handed over (take_cache_writes): one transaction per cache."""
        for folder, pending, touched in writes:
            if pending or touched:
                cache = self._caches.get(folder)
                if cache is None:
                    cache = self._caches[folder] = Cache(folder)
                cache.add_writes(pending, touched)
                cache.flush()

    def lint_in_workers(self, files: Sequence[str | Path], jobs: int) -> list[FileOutcome]:
        import gc
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _WORKER
        _WORKER = self
        # What the parent loaded (rules, lexicons) is never garbage: keep the
        # collector of each forked worker off those pages, so they stay shared.
        gc.freeze()
        try:
            context = multiprocessing.get_context("fork")
            pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_ignore_interrupts)
            outcomes: list[FileOutcome] = []
            try:
                for chunk, writes in pool.map(_lint_chunk, chunked(files, jobs)):
                    self.write_cache(writes)  # while the workers go on linting
                    outcomes.extend(chunk)
            except BaseException:
                pool.shutdown(wait=True)
                raise
            # Every chunk is back, its cache entries written: the workers exit while the run goes on.
            pool.shutdown(wait=False)
            return outcomes
        finally:
            _WORKER = None
            gc.unfreeze()

    def absorb(self, report: Report, outcome: FileOutcome, configs: dict[str, Config]) -> None:
        for error in outcome.errors:
            if error.startswith(str(outcome.path)) or outcome.checked:
                report.errors.append(error)
            else:
                self._report(report, error)
        if outcome.checked:
            report.files_checked += 1
            report.paths.append(outcome.path)
        config = configs.get(outcome.config_key)
        if config is not None:
            self.add_findings(report, outcome.findings, config)
        report.fixed += outcome.fixed
        if outcome.diff:
            report.diffs.append(outcome.diff)

    def add_findings(self, report: Report, findings: list[Finding], config: Config) -> None:
        report.findings.extend(findings)
        fail_on = self.overrides.fail_on or config.fail_on
        report.failing += sum(1 for finding in findings if finding.severity >= fail_on)

    def finish_corpus(self, report: Report, outcomes: list[FileOutcome], configs: dict[str, Config]) -> None:
        """Run the corpus rules of each configuration over the documents it linted."""
        by_config: dict[str, dict[str, DocumentResult]] = {}
        for outcome in outcomes:
            if outcome.summaries:
                by_config.setdefault(outcome.config_key, {})[outcome.path] = DocumentResult(
                    directives=outcome.directives, summaries=outcome.summaries)
        for key, results in by_config.items():
            config = configs.get(key)
            selection = self.selection_for(config) if config is not None else None
            if selection is None or isinstance(selection, ConfigError):
                continue
            findings, errors = run_corpus_rules(selection, results)
            self.add_findings(report, findings, config)
            report.errors.extend(errors)

    def report_registry_errors(self, report: Report) -> None:
        for registry in self._registries.values():
            for error in registry.errors:
                self._report(report, error)

    def run(self, arguments: list[str], stdin_text: str | None = None, stdin_filename: str | None = None) -> Report:
        report = Report()
        started = time.time_ns()
        paths = [argument for argument in arguments if argument != "-"]
        files = self.collect_names(paths, report)
        entry = self.run_entry(files) if stdin_text is None and not report.errors else None
        if entry is not None and entry.serve(report):
            return report
        outcomes = self.lint_all(files)
        if stdin_text is not None:
            name = stdin_filename or "-"
            folder = (self.cwd / name).parent if stdin_filename else self.cwd
            config = self.config_for(folder.resolve())
            if isinstance(config, ConfigError):
                outcomes.append(FileOutcome(name, "", errors=[str(config)]))
            else:
                relative = relative_to(self.cwd / name, config.root) if stdin_filename else None
                outcomes.append(self.lint_source(source_from_text(stdin_text, name), config, relative))
        with fewer_collections():  # the cross-article phase and the run's cache entry allocate as much as linting
            self.finish(report, outcomes)
            if entry is not None:
                entry.store(report, outcomes, started)
        for cache in self._caches.values():  # at the end: an entry this run read is not pruned as unused
            cache.maybe_prune()  # (after writing the entries and use marks still buffered)
        return report

    def run_entry(self, files: Sequence[str | Path]) -> RunEntry | None:
        """The cache entry of a whole run over these files with these settings, if the run can have one.

        Its key is everything the report depends on except the files' content:
        the files, each one's configuration (its whole text), the command line,
        the rule packs, the installed plugins and contentlint's own code. The
        content is checked file by file when the entry is read (RunEntry.serve).
        """
        if not self.options.use_cache or self.options.fix or self.options.diff or not files:
            return None
        from contentlint.registry import plugin_declarations

        configs: dict[int, int] = {}
        described: list[str] = []
        packs: list[object] = []
        placed = []
        by_folder: dict[str, Config | ConfigError] = {}  # the files of a folder come together
        for path in files:
            name = os.fspath(path)
            folder = os.path.dirname(name)
            config = by_folder.get(folder)
            if config is None:
                config = by_folder[folder] = self.config_for(folder)
            if not isinstance(config, Config):
                return None
            if id(config) not in configs:
                configs[id(config)] = len(described)
                described.append(repr(config))
                packs.append(tuple(_folder_state(pack) for pack in config.rule_packs))
            placed.append((name, configs[id(config)]))
        cache = self.cache_for(self.config_for(os.path.dirname(os.fspath(files[0]))))  # type: ignore[arg-type]
        if cache is None:
            return None
        key = settings_key("run", str(self.cwd), repr(self.overrides), self.isolated, placed, described, packs,
                           _code_state(), plugin_declarations())
        return RunEntry(cache, key, files)

    def keep_changed(self, report: Report, changed: ChangedLines) -> None:
        """Drop findings on lines not changed since the base revision (see contentlint.gitdiff)."""
        rules = self.rules()
        kept = []
        for finding in report.findings:
            path = self.cwd / finding.path
            rule = rules.get(finding.code)
            if changed.covers(path, finding.line) or (rule is not None and rule.document_level
                                                      and changed.changed(path)):
                kept.append(finding)
        self.replace_findings(report, kept)

    def keep_new(self, report: Report, baseline: Baseline) -> None:
        """Drop findings recorded in the baseline; note the entries that match nothing any more."""
        new, stale = baseline.filter(report.findings, self.cwd)
        self.replace_findings(report, new)
        if stale:
            report.notes.append(f"{len(stale)} baseline entr{'y' if len(stale) == 1 else 'ies'} no longer "
                                "match any finding (fixed or changed); run `contentlint baseline` to prune them")
            for item in stale[:20]:
                report.notes.append(f"  stale: {item['path']}: {item['code']} (line {item.get('line', '?')} "
                                    "when recorded)")

    def replace_findings(self, report: Report, findings: list[Finding]) -> None:
        """Keep only `findings`, recounting the ones that fail the run."""
        configs = {config_key(config): config for config in self.configs()}
        report.findings = []
        report.failing = 0
        for finding in findings:
            config = self.config_for((self.cwd / finding.path).parent)
            config = config if isinstance(config, Config) else next(iter(configs.values()), Config())
            self.add_findings(report, [finding], config)

    def lint_files(self, files: Sequence[str | Path], report: Report) -> None:
        """Lint files already collected and add what they produce to the report."""
        self.finish(report, self.lint_all(files))

    def finish(self, report: Report, outcomes: list[FileOutcome]) -> None:
        """Gather the outcomes into the report, then run the corpus phase."""
        self.report_registry_errors(report)
        configs = {config_key(config): config for config in self.configs()}
        for outcome in outcomes:
            self.absorb(report, outcome, configs)
        self.finish_corpus(report, outcomes, configs)
        report.findings.sort(key=lambda f: (f.path, f.line, f.column, f.code))


class LazyRules(Mapping[str, Rule]):
    """Linter.loaded_rules(), loaded on first use."""

    def __init__(self, linter: Linter) -> None:
        self.linter = linter
        self._rules: dict[str, Rule] | None = None

    def _loaded(self) -> dict[str, Rule]:
        if self._rules is None:
            self._rules = self.linter.loaded_rules()
        return self._rules

    def __getitem__(self, code: str) -> Rule:
        return self._loaded()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())


# A file whose stat changed less than this before a run started may change
# again without its stat changing (timestamps have a coarse grain), so the
# next run reads and hashes it rather than trusting its stat (git's "racy" rule).
RACY_NS = 3_000_000_000


def stat_signature(path: str | Path) -> tuple[int, ...] | None:
    try:
        return signature_of(os.stat(path))
    except OSError:
        return None


def signature_of(found: os.stat_result) -> tuple[int, ...]:
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_dev)


@dataclass
class RunEntry:
    """A whole report in the cache: a run over unchanged files with unchanged
    settings is answered without loading a rule or parsing a document.

    Each file is unchanged when its content hashes to the digest recorded for
    it; a file whose stat is the one recorded before it was read, and was
    already old when that run started, is not read again (as git and ruff do).
    """

    cache: Cache
    key: str
    files: Sequence[str | Path]

    def serve(self, report: Report) -> bool:
        stored = self.cache.get(self.key)
        try:
            started = int(stored["started"])
            recorded = stored["files"]
            if len(recorded) != len(self.files):
                return False
            for path, (digest, signature) in zip(self.files, recorded):
                if not unchanged(path, digest, tuple(signature), started):
                    return False
            findings = [finding_from_json(data, path) for path, data in stored["findings"]]
            checked, failing = int(stored["files_checked"]), int(stored["failing"])
            paths = [str(path) for path in stored["paths"]]
        except (KeyError, TypeError, ValueError, AttributeError):
            return False  # no entry, or not one this version wrote: lint
        report.findings, report.files_checked, report.failing, report.paths = findings, checked, failing, paths
        self.cache.flush()  # the entry's use mark, if it was old
        return True

    def store(self, report: Report, outcomes: list[FileOutcome], started: int) -> None:
        if report.errors or report.notes or len(outcomes) != len(self.files) or not all(o.digest for o in outcomes):
            return  # errors are reported afresh by every run
        self.cache.put(self.key, {
            "started": started,
            "files": [[outcome.digest, list(outcome.signature)] for outcome in outcomes],
            "findings": [[finding.path, finding_to_json(finding)] for finding in report.findings],
            "files_checked": report.files_checked,
            "failing": report.failing,
            "paths": report.paths,
        })


def unchanged(path: str | Path, digest: str, signature: tuple[int, ...], started: int) -> bool:
    current = stat_signature(path)
    if current is None:
        return False
    if current == signature and max(current[1], current[2]) < started - RACY_NS:
        return True
    try:
        with open(path, "rb") as stream:
            return content_key(stream.read()) == digest
    except OSError:
        return False


def _file_mode(path: Path) -> int | None:
    """The st_mode of a path named on the command line, or None where Path.exists() says
    there is nothing (one stat instead of Path.exists() and Path.is_dir())."""
    found = _mode_and_link(path)
    return None if found is None else found[0]


def _mode_and_link(path: Path) -> tuple[int, bool] | None:
    """_file_mode(path), and whether the path is a symbolic link: one lstat, and a stat only
    for a link (for what it points to)."""
    try:
        found = os.lstat(path)
        if S_ISLNK(found.st_mode):
            return os.stat(path).st_mode, True
        return found.st_mode, False
    except ValueError:  # a name the system cannot take (a NUL byte)
        return None
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP) or \
                getattr(error, "winerror", None) in (21, 123, 1921):  # pathlib's list of errors that mean "absent"
            return None
        raise


# Files whose documents are linted together (see Linter.lint_paths): enough for each
# rule to stay in the CPU caches (32 was no faster), few enough that the documents' memory stays small.
BATCH = 16
# Fewer files than this per worker and forking costs more than it saves.
MIN_FILES_PER_JOB = 16
# Files per chunk handed to a worker: at most MAX_CHUNK (a cache batch is written per chunk),
# at least MIN_CHUNK (a round trip costs about as much as linting a short file).
MAX_CHUNK = 64
MIN_CHUNK = 4


def chunked(files: Sequence[str | Path], jobs: int) -> list[Sequence[str | Path]]:
    """The files in consecutive chunks for `jobs` workers, each a quarter of a worker's share
    of what is left: large at first, small at the end, so the workers finish together
    (with equal chunks, one worker could still be busy with a last large one alone)."""
    chunks = []
    start = 0
    while start < len(files):
        size = max(MIN_CHUNK, min(MAX_CHUNK, (len(files) - start) // (jobs * 4)))
        chunks.append(files[start:start + size])
        start += size
    return chunks


_WORKER: Linter | None = None
# A cache's folder, and the entries (key -> JSON text) and use marks a worker buffered for it (Cache.take_writes).
CacheWrites = tuple[Path, dict[str, str], set[str]]


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect garbage less often while linting: a run allocates millions of
    short-lived objects and almost no cycles, and the default thresholds made
    the collector cost about a tenth of the run."""
    import gc

    before = gc.get_threshold()
    gc.set_threshold(50_000, 50, 1_000)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _ignore_interrupts() -> None:
    """Ctrl-C is the parent's to handle: it hands out no more chunks and the workers finish
    theirs (a worker interrupted mid-chunk could block for ever sending its result to a
    parent no longer reading)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _lint_chunk(paths: Sequence[str | Path]) -> tuple[list[FileOutcome], list[CacheWrites]]:
    """A worker's task: a chunk of files; their cache entries go back with them, for the parent to write."""
    assert _WORKER is not None
    outcomes = _WORKER.lint_paths(paths)
    return outcomes, _WORKER.take_cache_writes()


def encode_like(source: Source, text: str, original: bytes) -> bytes:
    """The fixed text encoded as the original file was: UTF-16 keeps its byte order."""
    if source.encoding == "utf-16" and original.startswith(codecs.BOM_UTF16_BE):
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    if source.encoding == "utf-16":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    return encode(source, text)


def _code_state() -> tuple[object, ...]:
    """The state of contentlint's own code and built-in packs (so a cache never outlives an edit)."""
    global _CODE_STATE
    if _CODE_STATE is None:
        from contentlint.packs import builtin_pack_dir

        _CODE_STATE = (_folder_state(Path(__file__).resolve().parent), _folder_state(builtin_pack_dir()))
    return _CODE_STATE


_CODE_STATE: tuple[object, ...] | None = None


def result_to_json(result: DocumentResult) -> dict[str, Any]:
    """A result for the cache; its corpus summaries may hold bytes: encode it with default=plain_bytes."""
    return {
        "findings": [finding_to_json(f) for f in result.findings],
        "directives": [asdict(d) | {"used": sorted(d.used)} for d in result.directives],
        "summaries": result.summaries,
    }


def plain_bytes(value: Any) -> Any:
    """json.dumps's default for corpus summaries: bytes become {"$b64": ...} (from_plain reads them back;
    JSON writes tuples as lists itself). Anything else JSON cannot hold is refused, as json.dumps would."""
    if isinstance(value, bytes):
        return {"$b64": base64.b64encode(value).decode("ascii")}
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def from_plain(value: Any) -> Any:
    if isinstance(value, dict):
        if len(value) == 1 and "$b64" in value:
            return base64.b64decode(value["$b64"])
        return {key: from_plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return tuple(from_plain(item) for item in value)
    return value


def result_from_json(data: Any, path: str) -> DocumentResult | None:
    """A cached result, or None if it does not have the expected shape."""
    try:
        findings = [finding_from_json(item, path) for item in data["findings"]]
        directives = [Directive(**(item | {"codes": tuple(item["codes"]), "used": set(item["used"])}))
                      for item in data["directives"]]
        return DocumentResult(findings, [], directives, from_plain(data["summaries"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def finding_to_json(finding: Finding) -> dict[str, Any]:
    """Every field but the path (the cache key stands for the text, not the file); spelled
    out because dataclasses.asdict, which deep-copies field by field, is many times slower."""
    fix = finding.fix
    return {
        "line": finding.line, "column": finding.column, "end_line": finding.end_line,
        "end_column": finding.end_column, "code": finding.code, "name": finding.name,
        "severity": finding.severity.label, "message": finding.message, "start": finding.start,
        "end": finding.end, "fingerprint": finding.fingerprint,
        "fix": None if fix is None else {
            "edits": [{"start": edit.start, "end": edit.end, "replacement": edit.replacement} for edit in fix.edits],
            "description": fix.description, "safe": fix.safe,
        },
    }


def finding_from_json(data: dict[str, Any], path: str) -> Finding:
    fix = data.get("fix")
    if fix is not None:
        fix = Fix(tuple(Edit(**edit) for edit in fix["edits"]), fix["description"], fix["safe"])
    return Finding(**(data | {"path": path, "severity": Severity.parse(data["severity"]), "fix": fix}))
