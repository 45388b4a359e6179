"""The engine: selection, severities, rule runs, suppressions.

Rules return offsets; the engine turns them into Findings with line and
column (computed once per document by its LineIndex), applies the
configuration and the suppression comments, and keeps the order stable.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from contentlint.baseline import corpus_fingerprint, span_fingerprint
from contentlint.config import Config, ConfigError, suggestion
from contentlint.document import Document
from contentlint.registry import Registry, build_registry
from contentlint.rule import CorpusRule, Rule
from contentlint.source import Source
from contentlint.suppression import Directive, apply_suppressions, directive_problems, parse_directives
from contentlint.violation import Finding, Severity, Violation

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdx"})


@dataclass(frozen=True)
class Overrides:
    """Command-line choices that take precedence over configuration files."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None


@dataclass
class ActiveRule:
    rule: Rule
    severity: Severity
    options: dict[str, Any]


@dataclass
class RuleSelection:
    """What one configuration runs: the registry, the active rules, and the checks on them."""

    registry: Registry
    active: list[ActiveRule]
    codes: frozenset[str]
    # ignored codes -> (the active rules left, the corpus rules among them): most files ignore the same
    _running: dict[frozenset[str], tuple[list[ActiveRule], list[ActiveRule]]] = field(
        default_factory=dict, repr=False, compare=False)

    def is_known(self, selector: str) -> bool:
        return bool(self.registry.resolve(selector))

    def running(self, ignored: frozenset[str]) -> tuple[list[ActiveRule], list[ActiveRule]]:
        """The active rules less the ignored ones, and the corpus rules among them (lists made once)."""
        found = self._running.get(ignored)
        if found is None:
            if len(self._running) >= 256:  # per-file-ignores of many shapes: bounded
                self._running.clear()
            rules = [entry for entry in self.active if entry.rule.code not in ignored]
            found = self._running[ignored] = (rules, [entry for entry in rules if isinstance(entry.rule, CorpusRule)])
        return found


def _specificity(selector: str) -> int:
    return 0 if selector == "ALL" else len(selector) if selector[:1].isupper() else 100


def _apply_layer(registry: Registry, previous: set[str], select: list[str] | None, extend_select: list[str],
                 ignore: list[str]) -> set[str]:
    """One layer of selectors on top of the previous layer's choice.

    ruff's rule: within a layer the most specific selector wins, and on a tie
    ignore wins; a layer with `select` starts afresh, one without changes
    only the rules it names.
    """
    enable = (select or []) + extend_select
    chosen = set()
    for code in registry.rules:
        best_on = max((_specificity(s) for s in enable if _matches(registry, s, code)), default=-1)
        best_off = max((_specificity(s) for s in ignore if _matches(registry, s, code)), default=-1)
        if best_on < 0 and best_off < 0:
            enabled = select is None and code in previous
        else:
            enabled = best_on > best_off
        if enabled:
            chosen.add(code)
    return chosen


def selected_codes(registry: Registry, config: Config, overrides: Overrides) -> set[str]:
    """The default rules, then the configuration file's layer, then the command line's.

    So `--select ST401` runs only ST401 whatever the file says, and
    `--ignore`/`--extend-select` change only the rules they name.
    """
    chosen = {code for code, rule in registry.rules.items() if rule.default_on}
    chosen = _apply_layer(registry, chosen, config.select, config.extend_select, config.ignore)
    return _apply_layer(registry, chosen, list(overrides.select) if overrides.select is not None else None,
                        list(overrides.extend_select), list(overrides.ignore))


def _matches(registry: Registry, selector: str, code: str) -> bool:
    if selector == "ALL":
        return True
    if selector in registry.names:
        return registry.names[selector] == code
    return code.startswith(selector)


def validate_selectors(registry: Registry, config: Config, overrides: Overrides) -> None:
    """Every code in configuration and on the command line must name a rule."""
    choices = sorted(set(registry.rules) | set(registry.names) | set(registry.families()))

    def check(selector: str, keys: tuple[str, ...], source: Config | None) -> None:
        if not registry.resolve(selector):
            message = f"unknown rule code or name '{selector}'{suggestion(selector, choices)}"
            if source is None:
                raise ConfigError("command line", None, message)
            raise source.error(f"'{keys[0]}': {message}", *keys)

    for key, values in (("select", config.select or []), ("extend-select", config.extend_select),
                        ("ignore", config.ignore)):
        for value in values:
            check(value, (key, value), config)
    for pattern, codes in config.per_file_ignores.items():
        for value in codes:
            check(value, ("per-file-ignores", pattern, value), config)
    for selector, options in config.rules.items():
        check(selector, ("rules", selector), config)
    for value in (*(overrides.select or ()), *overrides.extend_select, *overrides.ignore):
        check(value, (value,), None)


def rule_settings(rule: Rule, config: Config) -> tuple[Severity, dict[str, Any]]:
    """The rule's severity and options after `[rules.CODE]` / `[rules.name]` tables."""
    severity = rule.severity
    options = rule.default_options()
    known = {option.name: option for option in rule.options}
    if config.locale and "locale" in known:  # the top-level `locale` reaches every rule that has the option
        options["locale"] = list(config.locale)
    # Every table that names the rule applies, the least specific first: [rules.ALL],
    # [rules.HC], [rules.HC1], then [rules.HC101] and [rules.claim-name].
    applying = [s for s in config.rules if s == "ALL" or s == rule.name or (s[:1].isupper() and rule.code.startswith(s))]
    for selector in sorted(applying, key=_specificity):
        table = config.rules[selector]
        exact = selector in (rule.code, rule.name)
        for key, value in table.items():
            if key == "severity":
                severity = Severity.parse(value)
            elif not exact:
                raise config.error(f"'rules.{selector}': only 'severity' can be set for a group of rules; "
                                   f"set '{key}' in the table of one rule, e.g. [rules.{rule.code}]",
                                   "rules", selector, key)
            elif key not in known:
                choices = ["severity", *known]
                raise config.error(f"'rules.{selector}': unknown option '{key}' for {rule.code}"
                                   f"{suggestion(key, choices)}; options: {', '.join(choices)}",
                                   "rules", selector, key)
            else:
                try:
                    options[key] = known[key].validate(value)
                except ValueError as error:
                    raise config.error(f"'rules.{selector}.{key}': {error}", "rules", selector, key) from None
    return severity, options


def build_selection(config: Config, overrides: Overrides, registry: Registry | None = None) -> RuleSelection:
    registry = registry or build_registry(config.rule_packs)
    validate_selectors(registry, config, overrides)
    codes = selected_codes(registry, config, overrides)
    for selector in config.rules:  # validate options of unselected rules too
        for code in registry.resolve(selector):
            rule_settings(registry.rules[code], config)
    active = []
    for code, rule in registry.rules.items():
        if code in codes:
            severity, options = rule_settings(rule, config)
            active.append(ActiveRule(rule, severity, options))
    return RuleSelection(registry, active, frozenset(codes))


def document_format(path: str) -> str:
    """The format adapter a file name picks: "markdown", else "text"."""
    if _suffix(path).lower() in MARKDOWN_SUFFIXES or path in ("-", "<stdin>", "<string>"):
        return "markdown"
    return "text"


def _suffix(path: str) -> str:
    """Path(path).suffix without building a Path, for the names a run reports ("docs/a.md")."""
    name = path[path.rfind("/") + 1:]
    if os.altsep is not None or name in ("", ".", ".."):  # Windows separators, or a name Path reads otherwise
        return Path(path).suffix
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def parse_document(source: Source) -> Document:
    """Pick the format adapter by file name: Markdown, else plain text."""
    if document_format(source.path) == "markdown":
        from contentlint.markdown import parse_markdown

        return parse_markdown(source.text, source.path)
    from contentlint.plaintext import parse_text

    return parse_text(source.text, source.path)


@dataclass
class DocumentResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    summaries: dict[str, Any] = field(default_factory=dict)  # corpus-rule code -> summary


def to_finding(document: Document, violation: Violation, rule: Rule, severity: Severity) -> Finding:
    text = document.text
    start = max(0, min(violation.start, len(text)))
    end = max(start, min(violation.end, len(text)))
    line, column = document.position(start)
    end_line, end_column = document.position(end)
    return Finding(
        path=document.path, line=line, column=column, end_line=end_line, end_column=end_column,
        code=rule.code, name=rule.name, severity=severity, message=violation.message,
        start=start, end=end, fix=violation.fix, fingerprint=span_fingerprint(rule.code, text, start, end),
    )


def run_rules(documents: Sequence[Document], active: Iterable[ActiveRule]) -> list[DocumentResult]:
    """Each active rule over every document, one rule at a time.

    Rule by rule rather than document by document: a rule's code, patterns
    and memos stay in the CPU caches while it reads the whole batch, which
    makes a run over many files about a sixth faster. Each document's
    findings still come in rule order.
    """
    results = [DocumentResult() for _ in documents]
    for entry in active:
        rule, options, severity = entry.rule, entry.options, entry.severity
        for document, result in zip(documents, results):
            try:
                for violation in rule.check(document, options):
                    result.findings.append(to_finding(document, violation, rule, severity))
            except Exception as error:  # one broken rule must not hide the others' findings
                import traceback

                where = traceback.extract_tb(error.__traceback__)[-1]
                result.errors.append(
                    f"{document.path}: internal error in rule {rule.code} ({rule.name}): "
                    f"{type(error).__name__}: {error} [{Path(where.filename).name}:{where.lineno}]"
                )
    return results


def lint_document(document: Document, selection: RuleSelection, ignored: frozenset[str] = frozenset()) -> DocumentResult:
    """Run the selected rules on one document and apply its suppression comments."""
    return lint_documents([document], selection, ignored)[0]


def lint_documents(documents: Sequence[Document], selection: RuleSelection,
                   ignored: frozenset[str] = frozenset()) -> list[DocumentResult]:
    """lint_document of each document, the rules run over them as a batch (see run_rules)."""
    active, corpus = selection.running(ignored)
    return [finish_document(document, result, selection, ignored, corpus)
            for document, result in zip(documents, run_rules(documents, active))]


def finish_document(document: Document, result: DocumentResult, selection: RuleSelection,
                    ignored: frozenset[str], corpus: Sequence[ActiveRule]) -> DocumentResult:
    """A document's corpus summaries, and its findings less those its comments suppress."""
    for entry in corpus:
        try:
            result.summaries[entry.rule.code] = cast(CorpusRule, entry.rule).summarize(document, entry.options)
        except Exception as error:
            result.errors.append(f"{document.path}: internal error in rule {entry.rule.code} "
                                 f"({entry.rule.name}) while summarizing: {type(error).__name__}: {error}")
    directives = parse_directives(document)
    findings = apply_suppressions(result.findings, directives)
    wanted = {code for code in ("CL100", "CL101") if code in selection.codes and code not in ignored}
    if directives and wanted:
        registry = selection.registry
        rules = registry.rules
        choices = sorted({*registry.rules, *registry.names, *registry.families()})

        def hint(selector: str) -> str:
            return suggestion(selector, choices)

        for directive, code, message in directive_problems(directives, selection.is_known, hint):
            if code not in wanted:
                continue
            if code == "CL100" and directive.codes and not any(
                c in selection.codes and c not in ignored
                for s in directive.codes for c in selection.registry.resolve(s)
            ):
                continue  # it names only rules that are not running: it cannot be judged unused
            severity = next(e.severity for e in selection.active if e.rule.code == code)
            findings.append(to_finding(document, Violation(directive.start, directive.end, message),
                                       rules[code], severity))
    findings.sort(key=lambda f: (f.line, f.column, f.code, f.end_line, f.end_column, f.message))
    return DocumentResult(findings, result.errors, directives, result.summaries)


def run_corpus_rules(
    selection: RuleSelection, results: dict[str, DocumentResult]
) -> tuple[list[Finding], list[str]]:
    """The second phase: corpus rules compare the summaries of every document.

    Findings are filtered by the suppression comments of the file they are
    reported in, like any other finding.
    """
    findings: list[Finding] = []
    errors: list[str] = []
    for entry in selection.active:
        rule = entry.rule
        if not isinstance(rule, CorpusRule):
            continue
        summaries = sorted((path, r.summaries[rule.code]) for path, r in results.items() if rule.code in r.summaries)
        if not summaries:
            continue
        try:
            violations = list(rule.check_corpus(summaries, entry.options))
        except Exception as error:  # one broken rule must not hide the others' findings
            errors.append(f"internal error in rule {rule.code} ({rule.name}) across files: "
                          f"{type(error).__name__}: {error}")
            continue
        for v in violations:
            finding = Finding(path=v.path, line=v.line, column=v.column, end_line=v.end_line,
                              end_column=v.end_column, code=rule.code, name=rule.name, severity=entry.severity,
                              message=v.message, fingerprint=corpus_fingerprint(rule.code, v.message))
            directives = results[v.path].directives if v.path in results else []
            findings.extend(apply_suppressions([finding], directives))
    return findings, errors
