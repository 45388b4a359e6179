"""Reporters: the JSON contract, GitHub annotations, SARIF 2.1.0 (checked against its schema)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contentlint.registry import build_registry
from contentlint.reporters import github, sarif
from contentlint.runner import Report
from contentlint.violation import Edit, Finding, Fix, Severity

from conftest import MARKERS_PACK, PACK_SETTING, write

SCHEMA = Path(__file__).parent / "fixtures" / "engine" / "sarif-schema-2.1.0.json"
RULES = build_registry([MARKERS_PACK], plugins=False).rules


@pytest.fixture
def project(isolated_dir: Path) -> Path:
    write(isolated_dir / ".contentlint.toml", PACK_SETTING + 'select = ["TS"]\n[rules.TS902]\nseverity = "info"\n')
    write(isolated_dir / "docs" / "my café.md", "# Café TODO\n\nText.\n\n#a #b #c\n")
    write(isolated_dir / "b.md", "😀 TODO\n")
    return isolated_dir


# -- JSON -------------------------------------------------------------------------------

def test_json_exact_keys_and_values(project: Path, cli) -> None:
    result = cli("check", "--format", "json")
    assert result.code == 1
    data = json.loads(result.out)
    assert data[0] == {"path": "b.md", "line": 1, "column": 3, "end_line": 1, "end_column": 7, "code": "TS901",
                       "name": "test-marker", "severity": "error", "message": "Marker: 'TODO'"}
    assert data[1] == {"path": "docs/my café.md", "line": 1, "column": 8, "end_line": 1, "end_column": 12,
                       "code": "TS901", "name": "test-marker", "severity": "error",
                       "message": "Marker: 'TODO'"}
    hashtags = data[2]
    assert set(hashtags) == {"path", "line", "column", "end_line", "end_column", "code", "name", "severity",
                             "message", "fix"}
    assert (hashtags["path"], hashtags["line"], hashtags["column"], hashtags["code"], hashtags["severity"]) == \
        ("docs/my café.md", 5, 1, "TS902", "info")
    assert set(hashtags["fix"]) == {"description", "safe", "edits"}
    start = len("# Café TODO\n\nText.\n\n")
    assert hashtags["fix"]["edits"] == [{"start": start, "end": start + len("#a #b #c\n"), "replacement": ""}]
    assert len(data) == 3
    assert '"path": "docs/my café.md"' in result.out  # not \u-escaped


def test_json_empty_is_an_empty_array(project: Path, cli) -> None:
    write(project / "clean.md", "Clean.\n")
    result = cli("check", "clean.md", "--format", "json")
    assert (result.code, result.out) == (0, "[]\n")


# -- GitHub annotations ---------------------------------------------------------------------

def finding(path: str = "docs/a.md", message: str = "Marker: 'TODO'", severity: Severity = Severity.ERROR,
            code: str = "TS901", name: str = "test-marker") -> Finding:
    return Finding(path=path, line=3, column=5, end_line=4, end_column=2, code=code, name=name, severity=severity,
                   message=message)


def test_github_annotation_format(project: Path, cli) -> None:
    result = cli("check", "b.md", "--format", "github")
    assert result.out == ("::error file=b.md,line=1,col=3,endLine=1,endColumn=7,title=TS901 test-marker::"
                          "TS901 Marker: 'TODO'\n")


def test_github_escapes_properties_and_data() -> None:
    report = Report(findings=[
        finding(path="odd,name: 100%.md", message="50% done\r\nnext: a, b"),
        finding(severity=Severity.WARNING),
        finding(severity=Severity.INFO, code="TS902", name="test-hashtags"),
    ])
    lines = github.render(report, RULES).splitlines()
    assert lines[0] == ("::error file=odd%2Cname%3A 100%25.md,line=3,col=5,endLine=4,endColumn=2,"
                        "title=TS901 test-marker::TS901 50%25 done%0D%0Anext: a, b")
    assert lines[1].startswith("::warning file=docs/a.md,")
    assert lines[2].startswith("::notice file=docs/a.md,") and lines[2].endswith("::TS902 Marker: 'TODO'")
    assert github.escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert github.render(Report(), RULES) == ""


# -- SARIF ------------------------------------------------------------------------------------

def sarif_of(project: Path, cli, *args: str) -> dict:
    result = cli("check", "--format", "sarif", *args)
    return json.loads(result.out)


def test_sarif_structure(project: Path, cli) -> None:
    log = sarif_of(project, cli)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "contentlint"
    assert run["columnKind"] == "unicodeCodePoints"
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == ["TS901", "TS902"]
    for rule in rules:
        assert rule["shortDescription"]["text"] == RULES[rule["id"]].doc.summary
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["name"] == RULES[rule["id"]].name
    # The default level is the rule's own; the configured one is on each result.
    assert {r["id"]: r["defaultConfiguration"]["level"] for r in rules} == {"TS902": "warning", "TS901": "error"}
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [("TS901", "error"), ("TS901", "error"), ("TS902", "note")]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]
    first = results[0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"] == {"uri": "b.md", "uriBaseId": "%SRCROOT%"}
    assert first["region"] == {"startLine": 1, "startColumn": 3, "endLine": 1, "endColumn": 7}
    second = results[1]["locations"][0]["physicalLocation"]
    assert second["artifactLocation"]["uri"] == "docs/my%20caf%C3%A9.md"
    assert second["region"] == {"startLine": 1, "startColumn": 8, "endLine": 1, "endColumn": 12}
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_sarif_reports_errors_as_notifications(project: Path, cli) -> None:
    log = sarif_of(project, cli, "b.md", "missing.md")
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {"level": "error", "message": {"text": "missing.md: no such file or directory"}}]


def test_sarif_with_no_findings(project: Path, cli) -> None:
    write(project / "clean.md", "Clean.\n")
    log = sarif_of(project, cli, "clean.md")
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


def test_sarif_absolute_path_is_a_file_uri() -> None:
    report = Report(findings=[finding(path="/srv/site/a b.md")])
    location = json.loads(sarif.render(report, RULES))["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {"uri": "file:///srv/site/a%20b.md"}


def validate(log: dict) -> list[str]:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(log)]


def test_sarif_validates_against_the_official_schema(project: Path, cli) -> None:
    assert validate(sarif_of(project, cli)) == []
    assert validate(sarif_of(project, cli, "b.md", "missing.md")) == []
    report = Report(findings=[finding(path="/srv/a b.md", message="x\ny"),
                              finding(code="ZZ999", name="not-registered", severity=Severity.INFO)],
                    errors=["boom"])
    assert validate(json.loads(sarif.render(report, RULES))) == []


def test_schema_check_catches_a_broken_log(project: Path, cli) -> None:
    log = sarif_of(project, cli)
    del log["runs"][0]["tool"]["driver"]["name"]
    log["runs"][0]["results"][0]["level"] = "fatal"
    problems = validate(log)
    assert any("'name' is a required property" in p for p in problems)
    assert any("'fatal' is not one of" in p for p in problems)
