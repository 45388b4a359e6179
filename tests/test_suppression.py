"""Inline suppression comments: every form, what they may not reach, CL100 and CL101."""

from __future__ import annotations

import pytest

from conftest import PACK_SETTING, PatternRule, lint, run_rules


def found(text: str, select: list[str], filename: str = "x.md") -> list[tuple[int, str]]:
    return [(f.line, f.code) for f in lint(text, filename, select=select)]


def lines_of(text: str, code: str = "TS901", filename: str = "x.md") -> list[int]:
    return [line for line, c in found(text, [code], filename) if c == code]


# -- ranges ---------------------------------------------------------------------

RANGE = """TODO one
<!-- contentlint-disable {codes} -->
TODO two

Still TODO three
<!-- contentlint-enable {enable} -->
TODO four
"""


@pytest.mark.parametrize("codes", ["TS901", "TS", "T", "test-marker", "", "ALL", "HC101, TS901", "CL,TS9",
                                   "TS901 -- quoted from the source"])
def test_disable_enable_range(codes: str) -> None:
    text = RANGE.format(codes=codes, enable=codes.split(" -- ")[0])
    assert lines_of(text) == [1, 7]


def test_disable_without_enable_lasts_to_the_end() -> None:
    text = "TODO one\n\n<!-- contentlint-disable TS901 -->\n\nTODO two\n\nTODO three\n"
    assert lines_of(text) == [1]


def test_disable_other_rule_does_not_suppress() -> None:
    text = "<!-- contentlint-disable TS902 -->\nTODO one\n"
    assert lines_of(text) == [2]


def test_enable_one_code_after_disable_all_keeps_the_others_off() -> None:
    text = ("<!-- contentlint-disable -->\nTODO one\n\n#a #b #c\n\n"
            "<!-- contentlint-enable TS901 -->\nTODO two\n\n#d #e #f\n")
    assert found(text, ["TS901", "TS902"]) == [(7, "TS901")]


def test_enable_one_code_after_disable_prefix() -> None:
    text = ("<!-- contentlint-disable TS -->\nTODO one\n\n#a #b #c\n\n"
            "<!-- contentlint-enable TS901 -->\nTODO two\n\n#d #e #f\n")
    assert found(text, ["TS901", "TS902"]) == [(7, "TS901")]


def test_enable_other_code_does_not_end_a_range() -> None:
    text = "<!-- contentlint-disable TS901 -->\nTODO one\n<!-- contentlint-enable TS902 -->\nTODO two\n"
    assert lines_of(text) == []


def test_nested_disable_then_enable_all() -> None:
    text = ("<!-- contentlint-disable TS901 -->\n<!-- contentlint-disable TS902 -->\nTODO one\n\n#a #b #c\n\n"
            "<!-- contentlint-enable -->\nTODO two\n\n#d #e #f\n")
    assert found(text, ["TS901", "TS902"]) == [(8, "TS901"), (10, "TS902")]


# -- line forms -----------------------------------------------------------------

def test_disable_next_line_covers_only_the_next_line() -> None:
    text = "<!-- contentlint-disable-next-line TS901 -->\nTODO one\nTODO two\n"
    assert lines_of(text) == [3]


def test_disable_next_line_with_crlf_and_without_codes() -> None:
    text = "TODO zero\r\n<!-- contentlint-disable-next-line -->\r\nTODO one\r\nTODO two\r\n"
    assert lines_of(text) == [1, 4]


def test_multi_line_comment_disables_the_line_after_its_end() -> None:
    text = "<!--\ncontentlint-disable-next-line\nTS901\n-->\nTODO one\nTODO two\n"
    assert lines_of(text) == [6]


def test_disable_line_covers_its_own_line() -> None:
    text = "TODO one <!-- contentlint-disable-line TS901 -->\nTODO two\n"
    assert lines_of(text) == [2]


@pytest.mark.parametrize("where", ["start", "end"])
def test_disable_file_anywhere(where: str) -> None:
    body = "TODO one\n\nTODO two\n"
    comment = "<!-- contentlint-disable-file test-marker -->\n"
    text = comment + "\n" + body if where == "start" else body + "\n" + comment
    assert lines_of(text) == []


def test_disable_file_of_another_family_leaves_this_one() -> None:
    assert lines_of("<!-- contentlint-disable-file HC -->\n\nTODO one\n") == [3]


def test_suppression_in_plain_text() -> None:
    text = "TODO one\n<!-- contentlint-disable-next-line TS901 -->\nTODO two\n"
    assert lines_of(text, filename="x.txt") == [1]


# -- comments that are not directives -------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "```\n<!-- contentlint-disable-file -->\n```\n\nTODO one\n",
        "~~~html\n<!-- contentlint-disable -->\n~~~\n\nTODO one\n",
        "    <!-- contentlint-disable -->\n\nTODO one\n",
        "Use `<!-- contentlint-disable-file -->` to silence.\n\nTODO one\n",
        "---\nnote: <!-- contentlint-disable-file -->\n---\n\nTODO one\n",
    ],
    ids=["fenced", "tilde-fenced", "indented", "inline-code", "front-matter"],
)
def test_directives_inside_code_do_not_count(text: str) -> None:
    assert lines_of(text) == [len(text.splitlines())]


def test_directive_inside_html_block_counts() -> None:
    text = "<div>\n<!-- contentlint-disable-next-line TS901 -->\nTODO in html\n</div>\n"
    assert lines_of(text) == []


def test_similar_comments_are_not_directives() -> None:
    text = "<!-- contentlint: disable -->\nTODO one\n<!-- eslint-disable -->\nTODO two\n"
    assert lines_of(text) == [2, 4]


# -- rule names and prefixes through the engine ----------------------------------

def test_names_and_prefixes_with_custom_rules() -> None:
    first = PatternRule(r"alpha", code="ZZ901", name="alpha-rule")
    second = PatternRule(r"beta", code="ZZ902", name="beta-rule")
    text = ("alpha beta\n<!-- contentlint-disable-next-line alpha-rule -->\nalpha beta\n"
            "<!-- contentlint-disable-next-line ZZ9 -->\nalpha beta\n")
    assert [(f.line, f.code) for f in run_rules(text, first, second)] == [
        (1, "ZZ901"), (1, "ZZ902"), (3, "ZZ902")]


# -- CL100 unused-suppression ------------------------------------------------------

def test_unused_suppression_is_opt_in() -> None:
    text = "<!-- contentlint-disable-next-line TS901 -->\nNothing here.\n"
    assert found(text, ["TS901"]) == []
    findings = lint(text, "x.md", select=["TS901", "CL100"])
    assert [(f.line, f.column, f.end_line, f.end_column, f.code) for f in findings] == [(1, 1, 1, 45, "CL100")]
    assert findings[0].message == "Unused suppression: 'contentlint-disable-next-line' (TS901) suppresses nothing"
    assert findings[0].name == "unused-suppression"


def test_used_suppressions_are_not_reported() -> None:
    text = ("<!-- contentlint-disable-next-line TS901 -->\nTODO\n\n<!-- contentlint-disable -->\nTODO\n"
            "<!-- contentlint-enable -->\n\nTODO <!-- contentlint-disable-line -->\n")
    assert found(text, ["TS901", "CL100"]) == []


def test_unused_disable_all_and_disable_file_are_reported() -> None:
    text = "<!-- contentlint-disable-file -->\n\nClean text.\n\n<!-- contentlint-disable -->\n"
    assert found(text, ["TS901", "CL100"]) == [(1, "CL100"), (5, "CL100")]


def test_suppression_of_a_rule_that_is_not_running_is_not_judged() -> None:
    text = "<!-- contentlint-disable-next-line TS902 -->\nClean text.\n"
    assert found(text, ["TS901", "CL100"]) == []


def test_suppression_of_a_rule_ignored_for_the_file_is_not_judged(tmp_path) -> None:
    from contentlint import lint_paths

    (tmp_path / ".contentlint.toml").write_text(PACK_SETTING + 'select = ["TS901", "CL100"]\n[per-file-ignores]\n'
                                                '"x.md" = ["TS901"]\n')
    (tmp_path / "x.md").write_text("<!-- contentlint-disable-next-line TS901 -->\nTODO\n")
    report = lint_paths([tmp_path / "x.md"], cwd=tmp_path)
    assert report.errors == [] and report.findings == []


def test_enable_without_a_disable_is_unused() -> None:
    text = "Text.\n<!-- contentlint-enable TS901 -->\n"
    findings = lint(text, "x.md", select=["TS901", "CL100"])
    assert [(f.line, f.code) for f in findings] == [(2, "CL100")]
    assert "follows no disable comment" in findings[0].message


# -- CL101 unknown-suppression-code -------------------------------------------------

def test_unknown_code_is_reported_where_the_comment_is() -> None:
    text = "Intro.\n\nSome text <!-- contentlint-disable-line TX901, TS901 --> and TODO.\n"
    findings = lint(text, "x.md", select=["TS901", "CL101"])
    assert [(f.line, f.column, f.code, f.message) for f in findings] == [
        (3, 11, "CL101", "Unknown rule 'TX901' in suppression comment (did you mean 'TS901'?)")]


def test_unknown_code_in_enable_and_lower_case_codes() -> None:
    text = "<!-- contentlint-disable ts901 -->\nTODO\n<!-- contentlint-enable bogus-name -->\n"
    findings = lint(text, "x.md", select=["TS901", "CL101"])
    assert [(f.line, f.code, f.message) for f in findings] == [
        (1, "CL101", "Unknown rule 'ts901' in suppression comment (did you mean 'TS901'?)"),
        (2, "TS901", "Marker: 'TODO'"),
        (3, "CL101", "Unknown rule 'bogus-name' in suppression comment"),
    ]


def test_cl101_is_on_by_default_and_cl100_is_not() -> None:
    from contentlint.registry import build_registry

    registry = build_registry(plugins=False)
    assert registry.rules["CL101"].default_on is True
    assert registry.rules["CL100"].default_on is False
