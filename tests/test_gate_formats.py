"""CI report formats: GitLab Code Quality JSON and JUnit XML, from the real command line."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import PACK_SETTING, write


@pytest.fixture
def project(isolated_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CONTENTLINT_CACHE_DIR", raising=False)
    write(isolated_dir / ".contentlint.toml", PACK_SETTING + 'select = ["TS901", "TS902"]\n')
    write(isolated_dir / "clean.md", "A clean article.\n")
    write(isolated_dir / "dirty.md", "TODO one\n\n#a #b #c\n")
    write(isolated_dir / "sub" / "twice.md", "TODO one\n\nTODO one\n")
    return isolated_dir


# -- GitLab Code Quality ------------------------------------------------------------

def test_gitlab_code_quality_shape(project: Path, cli) -> None:
    result = cli("check", ".", "--format", "gitlab")
    assert result.code == 1
    issues = json.loads(result.out)
    assert [(i["location"]["path"], i["location"]["positions"]["begin"]["line"], i["check_name"])
            for i in issues] == [("dirty.md", 1, "TS901"), ("dirty.md", 3, "TS902"),
                                 ("sub/twice.md", 1, "TS901"), ("sub/twice.md", 3, "TS901")]
    first = issues[0]
    assert set(first) == {"type", "check_name", "description", "categories", "severity", "fingerprint", "location"}
    assert first["type"] == "issue"
    assert first["description"] == "TS901 Marker: 'TODO'"
    assert first["categories"] == ["Style"]
    assert [i["severity"] for i in issues] == ["major", "minor", "major", "major"]  # error, warning
    assert first["location"]["positions"] == {"begin": {"line": 1, "column": 1}, "end": {"line": 1, "column": 5}}
    # GitLab drops issues with a repeated fingerprint: the same text twice in a
    # file, or in two files, must still be two issues.
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)
    assert all(len(f) == 32 and int(f, 16) >= 0 for f in fingerprints)


def test_gitlab_fingerprints_survive_lines_moving(project: Path, cli) -> None:
    before = {i["check_name"]: i["fingerprint"] for i in json.loads(cli("check", "dirty.md", "--format", "gitlab").out)}
    write(project / "dirty.md", "New first line.\n\nTODO one\n\n#a #b #c\n")
    after = {i["check_name"]: i["fingerprint"] for i in json.loads(cli("check", "dirty.md", "--format", "gitlab").out)}
    assert before == after  # so GitLab's merge request widget does not call them new


def test_gitlab_no_findings_is_an_empty_array(project: Path, cli) -> None:
    result = cli("check", "clean.md", "--format", "gitlab")
    assert (result.code, result.out) == (0, "[]\n")


def test_gitlab_info_severity(project: Path, cli) -> None:
    write(project / ".contentlint.toml", PACK_SETTING + 'select = ["TS901"]\n[rules.TS901]\nseverity = "info"\n')
    issues = json.loads(cli("check", "dirty.md", "--format", "gitlab").out)
    assert [i["severity"] for i in issues] == ["info"]


# -- JUnit XML --------------------------------------------------------------------------

def parse(out: str) -> ElementTree.Element:
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ElementTree.fromstring(out.split("\n", 1)[1])


def test_junit_counts_match_the_elements(project: Path, cli) -> None:
    result = cli("check", ".", "--format", "junit", "-o", "report.xml")
    assert result.code == 1
    root = parse((project / "report.xml").read_text(encoding="utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1
    suite = suites[0]
    cases = suite.findall("testcase")
    failures = suite.findall("testcase/failure")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("5", "4", "0")
    assert (len(cases), len(failures)) == (5, 4)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "4", "0")
    # One failing case per finding, then one passing case per clean file.
    assert [(c.get("classname"), c.get("name")) for c in cases] == [
        ("dirty.md", "TS901 test-marker (1:1)"), ("dirty.md", "TS902 test-hashtags (3:1)"),
        ("sub/twice.md", "TS901 test-marker (1:1)"), ("sub/twice.md", "TS901 test-marker (3:1)"),
        ("clean.md", "contentlint")]
    assert cases[-1].find("failure") is None
    failure = failures[0]
    assert failure.get("message") == "TS901 Marker: 'TODO'"
    assert failure.get("type") == "error"
    assert failure.text == "dirty.md:1:1: TS901 Marker: 'TODO' [test-marker]"


def test_junit_all_clean(project: Path, cli) -> None:
    result = cli("check", "clean.md", "--format", "junit")
    assert result.code == 0
    suite = parse(result.out).find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("1", "0", "0")
    assert [c.get("classname") for c in suite.findall("testcase")] == ["clean.md"]


def test_junit_errors_are_error_elements(project: Path, cli) -> None:
    (project / "bad.md").write_bytes(b"caf\xe9\n")
    result = cli("check", "bad.md", "dirty.md", "--format", "junit")
    assert result.code == 2
    suite = parse(result.out).find("testsuite")
    errors = suite.findall("testcase/error")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "2", "1")
    assert len(errors) == 1
    assert errors[0].get("message").startswith("bad.md: not valid UTF-8")


def test_junit_escapes_markup_in_messages(project: Path, cli) -> None:
    write(project / "odd <&> name.md", 'TODO "quoted" & <tag>\n')
    result = cli("check", "odd <&> name.md", "--format", "junit")
    case = parse(result.out).find("testsuite/testcase")
    assert case.get("classname") == "odd <&> name.md"
    assert case.find("failure").text == "odd <&> name.md:1:1: TS901 Marker: 'TODO' [test-marker]"


@pytest.mark.parametrize("fmt", ["gitlab", "junit"])
def test_formats_are_offered_by_the_cli(project: Path, cli, fmt: str) -> None:
    result = cli("check", "dirty.md", "--format", fmt, "-o", f"out.{fmt}")
    assert (result.code, result.out) == (1, "")
    assert (project / f"out.{fmt}").stat().st_size > 0
