"""PL: proselint's checks through contentlint's engine, over the prose view only."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from contentlint import lint_text
from contentlint.checks import pl_proselint
from contentlint.registry import build_registry
from contentlint.rule import NAME


def proselint_on(text: str) -> list[tuple[str, int, int, str]]:
    """proselint's own results (path, start, end, message), offsets into text."""
    from proselint.tools import LintFile

    pl_proselint._register()
    return sorted((r.check_result.check_path, r.check_result.span[0] - 1, r.check_result.span[1] - 1,
                   r.check_result.message) for r in LintFile("x.md", text).lint(pl_proselint._config()))


def ours(text: str, filename: str = "x.md", **kwargs) -> list:
    kwargs.setdefault("select", ["PL"])
    return [f for f in lint_text(text, filename, **kwargs) if f.code.startswith("PL")]


CODES = {entry["path"]: entry["code"] for entry in pl_proselint.mapping()["checks"]}
PATHS = {code: path for path, code in CODES.items()}


# -- the mapping ----------------------------------------------------------------------

def test_mapping_is_sorted_stable_and_covers_every_installed_check() -> None:
    import proselint.version

    data = json.loads(pl_proselint.MAPPING.read_text(encoding="utf-8"))
    assert data["proselint"] == proselint.version.__version__ == "0.16.0"
    codes = [entry["code"] for entry in data["checks"]]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"PL[1-9][0-9]{2}", code) for code in codes)
    retired = [entry["code"] for entry in data["retired"]]
    assert not set(retired) & set(codes)  # a retired code is never reused
    # Codes were handed out in order: nothing skipped except retired codes.
    numbers = sorted(int(code[2:]) for code in codes + retired)
    assert numbers == list(range(101, 101 + len(numbers)))
    paths = [entry["path"] for entry in data["checks"]]
    assert len(set(paths)) == len(paths)
    assert set(paths) == set(pl_proselint.installed_paths())
    assert len(paths) == 104  # proselint 0.16: 106 check paths, less restricted.elementary and restricted.top1000


def test_rules_are_named_after_their_check_paths() -> None:
    registry = build_registry(plugins=False)
    assert registry.errors == []
    for path, code in CODES.items():
        rule = registry.rules[code]
        assert rule.name == path.replace(".", "-").replace("_", "-") and NAME.match(rule.name)
        assert f"`{path}`" in rule.doc.summary and f"`{path}`" in rule.doc.what
        assert rule.default_on is False and rule.severity.label == "warning"
    assert registry.rules[CODES["typography.symbols.curly_quotes"]].name == "typography-symbols-curly-quotes"


# -- what is linted -----------------------------------------------------------------

PROSE = ("It is very important to rest. Talk to the the doctor about your symptoms. "
         "I would argue that walking helps... This is a very unique program!!\n\n"
         "Smoking rates fell in the 1990's. The clinic opens at 9 am on weekdays.\n")


def test_on_plain_prose_findings_are_proselints_exactly() -> None:
    theirs = proselint_on(PROSE)
    assert len(theirs) >= 8
    mine = sorted((PATHS[f.code], f.start, f.end, f.message) for f in ours(PROSE))
    assert mine == theirs


def test_positions_and_message() -> None:
    text = "---\ntitle: Rest\n---\n\n# Rest\n\nIt is very important to rest.\n"
    [finding] = ours(text)
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (7, 7, 7, 11)
    assert (finding.code, finding.name) == (CODES["weasel_words.very"], "weasel-words-very")
    assert finding.message.startswith("Substitute 'damn' every time you're inclined to write 'very'")


NON_PROSE = """---
title: A very good page
description: "We use a very simple approach..."
---

# Resting

Rest well.

```python
# FIXME: a very rough draft...
print("the the")
```

See `very fast` and [the docs](https://example.com/very/unique/the-the/) or <https://example.com/very...>.

<!-- a very unique comment -->
"""


def test_front_matter_code_urls_and_comments_are_never_linted() -> None:
    theirs = proselint_on(NON_PROSE)
    flagged = {path for path, *_ in theirs}
    # proselint alone flags the front matter, the code block, the inline code, the URLs and the comment.
    assert {"weasel_words.very", "annotations.misc", "typography.symbols.ellipsis", "lexical_illusions",
            "uncomparables"} <= flagged
    assert ours(NON_PROSE) == []


def test_crlf_text_is_linted_as_proselint_reads_files() -> None:
    text = "It is very good.\r\n\r\nBut it is not a cure. Talk to the the doctor.\r\n"
    found = [(PATHS[f.code], f.line, f.column, f.end_column, text[f.start:f.end]) for f in ours(text)]
    assert found == [("weasel_words.very", 1, 7, 11, "very"), ("misc.but", 3, 1, 4, "But"),
                     ("lexical_illusions", 3, 31, 38, "the the")]


def test_off_by_default_and_selectable_by_code_or_name() -> None:
    text = "It is very important to rest. Talk to the the doctor.\n"
    assert ours(text, select=None) == []
    assert {f.code for f in ours(text, select=None, extend_select=["PL"])} == {
        CODES["weasel_words.very"], CODES["lexical_illusions"]}
    assert [f.code for f in ours(text, select=["weasel-words-very"])] == [CODES["weasel_words.very"]]
    assert [f.code for f in ours(text, select=[CODES["lexical_illusions"]])] == [CODES["lexical_illusions"]]


def test_suppression_comments_apply() -> None:
    very = CODES["weasel_words.very"]
    text = f"<!-- contentlint-disable-next-line {very} -->\nIt is very important.\n\nIt is very good.\n"
    assert [(f.code, f.line) for f in ours(text)] == [(very, 4)]


def test_severity_and_formats(cli, isolated_dir: Path) -> None:
    (isolated_dir / ".contentlint.toml").write_text('extend-select = ["PL"]\n[rules.PL]\nseverity = "info"\n',
                                                    encoding="utf-8")
    (isolated_dir / "a.md").write_text("It is very important to rest.\n", encoding="utf-8")
    result = cli("check", "a.md", "--format", "json")
    assert result.code == 0  # info is below the default fail level
    [finding] = json.loads(result.out)
    assert finding["code"] == CODES["weasel_words.very"] and finding["severity"] == "info"
    assert (finding["line"], finding["column"], finding["end_column"]) == (1, 7, 11)


def test_replacements_become_unsafe_fixes() -> None:
    [finding] = ours("We wrote alot of notes.\n")
    assert finding.code == CODES["spelling.misc"]
    assert finding.fix is not None and finding.fix.safe is False
    assert [(e.start, e.end, e.replacement) for e in finding.fix.edits] == [(9, 13, "a lot")]
    # A consistency check "replaces" with a regex: no fix is offered.
    [spacing] = ours("Rest well.  Drink water.  Eat well. Sleep well.  Walk daily.\n",
                     select=[CODES["typography.punctuation.spacing"]])
    assert spacing.fix is None and (spacing.column, spacing.end_column) == (35, 38)  # ". E"


def test_spacing_made_by_blanked_markup_is_not_a_finding() -> None:
    text = "Rest well. **Drink** water. [Eat](https://example.com) well.\n"
    sentence_spacing = CODES["typography.symbols.sentence_spacing"]
    from contentlint.markdown import parse_markdown

    prose = parse_markdown(text, "x.md").prose
    assert "typography.symbols.sentence_spacing" in {path for path, *_ in proselint_on(prose)}
    assert ours(text, select=[sentence_spacing]) == []
    assert len(ours("Rest well.   Drink water.\n", select=[sentence_spacing])) == 1


def test_matches_joined_across_blocks_are_dropped() -> None:
    """Blanking markup must not join a heading to the next paragraph, or two list items."""
    text = ('## Join\n\nJoin our community today.\n\n'
            '* [Agreement](#part-1) "Questions about DAP (FAQ): Agreement"\n'
            '* [Access](#part-2) "Questions about DAP (FAQ): Access"\n')
    from contentlint.markdown import parse_markdown

    prose = parse_markdown(text, "x.md").prose
    on_prose = {path for path, *_ in proselint_on(prose)}
    assert {"lexical_illusions", "typography.symbols.curly_quotes"} <= on_prose
    assert ours(text) == []
    # Within one paragraph the same repetition is reported.
    assert [f.code for f in ours("Join\nJoin our community today.\n")] == [CODES["lexical_illusions"]]


def test_proselint_runs_once_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    from proselint.tools import LintFile

    calls = []
    original = LintFile.lint
    monkeypatch.setattr(LintFile, "lint", lambda self, config: calls.append(1) or original(self, config))
    ours(PROSE)
    assert len(calls) == 1  # 104 rules, one proselint pass
    ours(PROSE)
    assert len(calls) == 2  # a new document is linted again


def test_checks_are_registered_once_per_process() -> None:
    from proselint.checks import __register__
    from proselint.registry import CheckRegistry

    ours(PROSE)
    first = ours(PROSE)
    pl_proselint._registered = False  # even if asked again, proselint's registry is not doubled
    assert ours(PROSE) == first
    assert len(CheckRegistry().checks) == len(__register__)


def test_empty_document_has_no_findings() -> None:
    assert ours("") == [] and ours("\n\n") == [] and ours("```\nvery\n```\n") == []


def test_missing_proselint_gives_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_proselint(name, *args, **kwargs):
        if name.startswith("proselint"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_proselint)
    with pytest.raises(ValueError, match=r"RuntimeError: the PL rules need proselint 0\.16: pip install"):
        lint_text("Some text.\n", "x.md", select=[CODES["hedging"]])


def test_proselint_runs_once_per_document_when_documents_are_linted_as_a_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every PL rule reads the same proselint results: with the rules run rule by
    rule over a batch of documents, proselint still lints each document once."""
    from proselint import tools

    from contentlint.config import Config
    from contentlint.engine import Overrides, build_selection, lint_documents
    from contentlint.markdown import parse_markdown

    calls: list[str] = []
    real = tools.LintFile

    def counting(path, text):
        calls.append(path)
        return real(path, text)

    monkeypatch.setattr(tools, "LintFile", counting)
    selection = build_selection(Config(), Overrides(select=("PL",)))
    texts = ["It is very unique.\n", "We will utilize it.\n", "In my opinion, it is very unique.\n"]
    results = lint_documents([parse_markdown(text, f"{n}.md") for n, text in enumerate(texts)], selection)
    assert sorted(calls) == ["0.md", "1.md", "2.md"]
    assert all(result.findings for result in results)
