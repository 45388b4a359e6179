"""The rule API.

A rule has a code (family prefix + three digits), a kebab-case name, a
default severity, typed options with defaults, and documentation in four
parts — what it matches, why it matters, what silences it, and a failing and
a passing example — that ``contentlint rule CODE`` prints and the test suite
runs. ``check`` is a pure function of one document and the options.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from contentlint.document import Document
from contentlint.violation import Severity, Violation

CODE = re.compile(r"^[A-Z]{1,5}[0-9]{3}$")
NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Option:
    """One configurable option of a rule: its type is the type of its default."""

    name: str
    default: Any
    help: str

    def validate(self, value: Any) -> Any:
        """Return the value if it has the option's type; raise ValueError otherwise."""
        expected = type(self.default)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, bool) != (expected is bool) or not isinstance(value, expected):
            raise ValueError(f"expected {_type_name(expected)}, got {_type_name(type(value))} {value!r}")
        if expected is list and not all(isinstance(item, str) for item in value):
            raise ValueError("expected a list of strings")
        if expected is dict and not all(isinstance(k, str) for k in value):
            raise ValueError("expected a table with string keys")
        return value


def _type_name(kind: type) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "a list",
            dict: "a table"}.get(kind, kind.__name__)


@dataclass(frozen=True)
class RuleDoc:
    summary: str
    what: str = ""
    why: str = ""
    silenced_by: str = ""
    fail_example: str = ""
    pass_example: str = ""
    fix: str = ""


class Rule:
    """Base class of every rule. Subclasses set the class attributes and ``check``."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    default_on: ClassVar[bool] = True  # in the default selection
    # True for findings about the whole document (a missing caveat, the grade
    # level): `--diff-base` keeps them when the document changed anywhere.
    document_level: ClassVar[bool] = False
    options: ClassVar[tuple[Option, ...]] = ()
    origin: str = "built-in"  # where the rule came from (pack file, plugin)

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")

    @property
    def doc(self) -> RuleDoc:
        return parse_docstring(type(self).__doc__ or self.name)

    def default_options(self) -> dict[str, Any]:
        return {option.name: option.default for option in self.options}

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterable[Violation]:
        raise NotImplementedError


@dataclass(frozen=True)
class CorpusViolation:
    """A finding of the corpus phase, already placed (its document is gone by then)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str


class CorpusRule(Rule):
    """A rule that compares documents across the whole run (e.g. the same
    paragraph in two articles).

    The engine calls ``summarize`` once per document (the summary must be
    small and picklable: it may be cached or made in another process), then
    ``check_corpus`` once with every summary, in a stable path order.
    ``check`` may still report per-document findings; by default it has none.
    """

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterable[Violation]:
        return ()

    def summarize(self, document: Document, options: Mapping[str, Any]) -> Any:
        raise NotImplementedError

    def check_corpus(self, summaries: list[tuple[str, Any]], options: Mapping[str, Any]) -> Iterable[CorpusViolation]:
        raise NotImplementedError


_SECTION = re.compile(r"^## +(.+?)\s*$", re.MULTILINE)
_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def parse_docstring(docstring: str) -> RuleDoc:
    """Read a rule docstring written in the ruff style.

    The first paragraph is the summary; then ``## What it does``, ``## Why is
    this bad?``, ``## Silenced by``, ``## Example`` (a failing fenced block,
    then a passing one) and optionally ``## Fix``.
    """
    import inspect

    text = inspect.cleandoc(docstring)
    parts = _SECTION.split(text)
    summary = parts[0].strip().split("\n\n")[0].replace("\n", " ")
    sections = {title.lower(): body.strip() for title, body in zip(parts[1::2], parts[2::2])}
    examples = _FENCE.findall(sections.get("example", ""))
    return RuleDoc(
        summary=summary,
        what=sections.get("what it does", ""),
        why=sections.get("why is this bad?", sections.get("why it matters", "")),
        silenced_by=sections.get("silenced by", ""),
        fail_example=examples[0] if examples else "",
        pass_example=examples[1] if len(examples) > 1 else "",
        fix=sections.get("fix", ""),
    )


def render_doc(rule: Rule) -> str:
    """The Markdown page `contentlint rule CODE` prints."""
    doc = rule.doc
    lines = [f"# {rule.code} {rule.name}", "", doc.summary, ""]
    lines.append(f"Family: {rule.family}  ·  default severity: {rule.severity.label}  ·  "
                 f"{'on' if rule.default_on else 'off'} by default  ·  from: {rule.origin}")
    lines.append("")
    for title, body in (("What it does", doc.what), ("Why it matters", doc.why), ("Silenced by", doc.silenced_by)):
        if body:
            lines += [f"## {title}", "", body, ""]
    if doc.fail_example:
        lines += ["## Example", "", "Fails:", "", "```markdown", doc.fail_example.rstrip("\n"), "```", ""]
    if doc.pass_example:
        lines += ["Passes:", "", "```markdown", doc.pass_example.rstrip("\n"), "```", ""]
    if doc.fix:
        lines += ["## Fix", "", doc.fix, ""]
    if rule.options:
        lines += ["## Options", ""]
        for option in rule.options:
            lines.append(f"- `{option.name}` (default `{option.default!r}`): {option.help}")
        lines.append("")
    lines += ["## Silence it", "", f"`<!-- contentlint-disable-next-line {rule.code} -->` above the line, or",
              f'`ignore = ["{rule.code}"]` in the configuration.', ""]
    return "\n".join(lines)
