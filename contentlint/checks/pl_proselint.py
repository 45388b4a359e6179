"""PL: proselint's checks as contentlint rules, one rule per proselint check path.

proselint (0.16) runs once per document over ``document.prose`` — front
matter, code, URLs and markup are blanked there, so they are never linted —
and its results are shared by every selected PL rule. Each check path has a
stable code in ``pl_proselint.json`` (sorted by code; a new check gets the next
code, a removed check's code is retired and never reused); the rule's name is
the dotted path in kebab case (``typography.symbols.curly_quotes`` →
``typography-symbols-curly-quotes``). A match is kept only inside one block:
blanked markup must not join a heading to the next paragraph or two list
items into one "lexical illusion" or one quotation. Spacing checks ignore
spaces that were markup.

The family is off by default (``extend-select = ["PL"]`` turns it on):
proselint is general style advice for any prose — clichés, jargon, spelling
variants, typography — not the health-content problems contentlint exists to
find, and some of its checks are noisy on professional writing (for example
``weasel_words.very`` flags every "very"). Teams that want a style linter opt
in. proselint's ``restricted.*`` checks (words outside a 1,000-word list),
which proselint itself leaves off, are not offered: they would flag most words
of any article as soon as the PL family is selected.

``python -m contentlint.checks.pl_proselint`` updates the mapping after a
proselint upgrade and prints what changed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from contentlint.document import Document
from contentlint.rule import Rule, RuleDoc
from contentlint.violation import Edit, Fix, Severity, Violation

MAPPING = Path(__file__).with_name("pl_proselint.json")
EXCLUDED_PREFIXES = ("restricted",)  # off in proselint itself; see the module docstring
# Checks about spacing: a match is only real if the writer typed those spaces
# (in the prose view, blanked markup is spaces too).
SPACING_CHECKS = frozenset({"typography.symbols.sentence_spacing", "typography.punctuation.spacing"})
MAX_ERRORS = 100_000  # proselint's default of 1,000 would silently cut long documents short


@lru_cache(maxsize=1)
def mapping() -> dict[str, Any]:
    return json.loads(MAPPING.read_text(encoding="utf-8"))


def rule_name(path: str) -> str:
    return path.replace(".", "-").replace("_", "-").lower()


# -- running proselint once per document --------------------------------------

_registered = False


def _register() -> None:
    """Register proselint's checks with its registry, once per process."""
    global _registered
    if _registered:
        return
    from proselint.checks import __register__
    from proselint.registry import CheckRegistry

    registry = CheckRegistry()
    if not registry.checks:  # someone in this process may have registered them already
        registry.register_many(__register__)
    _registered = True


def _config() -> dict[str, Any]:
    from proselint.config import DEFAULT

    # proselint's defaults, never a user's ~/.config/proselint (rules are pure).
    return {"max_errors": MAX_ERRORS, "checks": dict(DEFAULT["checks"])}


def proselint_results(document: Document) -> dict[str, list[Violation]]:
    """proselint's findings on the document's prose, by check path (computed once per document)."""
    return document.memo("proselint.results", _lint_with_proselint)


def _lint_with_proselint(document: Document) -> dict[str, list[Violation]]:
    try:
        from proselint.tools import LintFile
    except ImportError:
        raise RuntimeError("the PL rules need proselint 0.16: pip install 'proselint>=0.16,<0.17'") from None
    _register()
    found: dict[str, list[Violation]] = {}
    prose = document.prose
    if prose.strip():
        linted, offsets = _without_carriage_returns(prose)
        for result in LintFile(document.path, linted).lint(_config()):
            check = result.check_result
            # LintFile lints "\n" + text + "\n": its offsets are one past ours.
            start = offsets(max(0, min(check.span[0] - 1, len(linted))))
            end = max(start, offsets(max(0, min(check.span[1] - 1, len(linted)))))
            if check.check_path in SPACING_CHECKS and _blanked(document, start, end):
                continue
            if not _within_one_block(document, start, end):
                continue  # joined across blanked markup: two list items, a cell and the next (not what a reader sees)
            found.setdefault(check.check_path, []).append(
                Violation(start, end, check.message, _fix(start, end, check.replacements)))
    return found


def _without_carriage_returns(prose: str) -> tuple[str, Callable[[int], int]]:
    """The prose with CRLF as LF, as proselint reads a file (its "\n\nBut" needs it),
    and a function from offsets in that text back to offsets in the prose."""
    if "\r\n" not in prose:
        return prose, lambda offset: offset
    kept = [i for i, char in enumerate(prose) if not (char == "\r" and prose.startswith("\n", i + 1))]
    kept.append(len(prose))
    return "".join(prose[i] for i in kept[:-1]), kept.__getitem__


def _blanked(document: Document, start: int, end: int) -> bool:
    """Whether markup was blanked to spaces inside the span (the writer did not type those spaces)."""
    return any(document.prose[i] == " " and document.text[i] != " " for i in range(start, end))


def _within_one_block(document: Document, start: int, end: int) -> bool:
    block = document.block_at(start)
    return block is not None and end <= block.end


_REGEX_SYNTAX = re.compile(r"[\\\[\]()|*+?{}^$]")


def _fix(start: int, end: int, replacement: str | None) -> Fix | None:
    # Consistency checks "replace" with a pattern, not text: no fix for those.
    if not replacement or _REGEX_SYNTAX.search(replacement):
        return None
    return Fix((Edit(start, end, replacement),), f"Replace with '{replacement}'", safe=False)


# -- the rules -------------------------------------------------------------------

class ProselintRule(Rule):
    """One proselint check path as a rule (instances are made by ``rules()``)."""

    severity = Severity.WARNING
    default_on = False
    origin = "built-in (proselint)"

    def __init__(self, entry: Mapping[str, Any]) -> None:
        self.code = entry["code"]
        self.name = rule_name(entry["path"])
        self.path = entry["path"]
        self._entry = entry

    @property
    def doc(self) -> RuleDoc:
        entry = self._entry
        summary = entry.get("summary") or re.sub(r"\{\d?\}", "…", entry["message"])
        kind = "a phrase or pattern" if not entry.get("replaces") else "a form with a preferred replacement"
        what = (f"Runs proselint {mapping()['proselint']}'s `{self.path}` check, which looks for {kind}, over the "
                f"document's prose — front matter, code, URLs and markup are never linted — and reports each "
                f"match with proselint's message")
        what += ", offering its replacement as an unsafe fix." if entry.get("replaces") else "."
        if entry.get("about"):
            what += f"\n\n{entry['about']}"
        why = entry.get("why") or "proselint's authors collect this advice from usage guides and style manuals."
        if entry.get("source"):
            why += f" Source: {entry['source']}."
        quoted = "" if entry.get("allow_quotes") else " Text inside quotation marks is not checked."
        silenced_by = (f"Rewording the flagged text as the message suggests.{quoted} The whole family is off "
                       f"unless selected (`extend-select = [\"PL\"]` or `[\"{self.code}\"]`).")
        return RuleDoc(summary=f"{summary} (proselint `{self.path}`)", what=what, why=why, silenced_by=silenced_by,
                       fail_example=entry["fail"], pass_example=entry["pass"],
                       fix="Apply the suggested replacement, checking it reads right in context."
                       if entry.get("replaces") else "")

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterable[Violation]:
        return proselint_results(document).get(self.path, ())


def rules() -> list[Rule]:
    return [ProselintRule(entry) for entry in mapping()["checks"]]


# -- keeping the mapping in step with proselint ---------------------------------

def installed_paths() -> dict[str, list[Any]]:
    """The installed proselint's check paths (restricted ones excluded) and their Check objects."""
    from proselint.checks import __register__

    paths: dict[str, list[Any]] = {}
    for check in __register__:
        if not check.path.startswith(EXCLUDED_PREFIXES):
            paths.setdefault(check.path, []).append(check)
    return paths


def update_mapping() -> list[str]:
    """Give new check paths the next free codes and retire removed ones; never renumber."""
    import proselint.version

    data = json.loads(MAPPING.read_text(encoding="utf-8"))
    installed = installed_paths()
    known = {entry["path"] for entry in data["checks"]}
    changes = []
    for entry in list(data["checks"]):
        if entry["path"] not in installed:
            data["checks"].remove(entry)
            data["retired"].append({"code": entry["code"], "path": entry["path"]})
            changes.append(f"retired {entry['code']} {entry['path']}")
    used = [int(item["code"][2:]) for item in data["checks"] + data["retired"]]
    next_code = max(used, default=100) + 1
    for path in sorted(set(installed) - known):
        check = installed[path][0]
        data["checks"].append({"code": f"PL{next_code}", "path": path, "message": check.message,
                               "fail": "", "pass": ""})  # write the examples by hand: the doc test runs them
        changes.append(f"added PL{next_code} {path} (needs examples)")
        next_code += 1
    data["proselint"] = proselint.version.__version__
    data["checks"].sort(key=lambda entry: entry["code"])
    data["retired"].sort(key=lambda entry: entry["code"])
    MAPPING.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return changes


if __name__ == "__main__":
    for change in update_mapping() or ["no changes"]:
        print(change)
