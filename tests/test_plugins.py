"""Rules from outside contentlint: Python plugins registered under the
entry-point group `contentlint.rules`, and YAML rule packs a user names with
`rule-packs` in the configuration. Both are tested through the real CLI in a
subprocess: plugins as an installed distribution would be found (a module
and a .dist-info folder on the path), packs as a content repository has them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PLUGIN_MODULE = '''\
import re

from contentlint.rule import Option, Rule
from contentlint.violation import Severity, Violation


class NoMiracle(Rule):
    """The word "miracle" in a health article.

    ## What it does
    Finds the word "miracle" in prose.

    ## Why is this bad?
    No food or treatment is a miracle.

    ## Silenced by
    Rewording.

    ## Example
    ```markdown
    Kale is a miracle food.
    ```

    ```markdown
    Kale is a vegetable.
    ```
    """

    code = "DEMO101"
    name = "no-miracle"
    severity = Severity.ERROR
    options = (Option("word", "miracle", "the word to find"),)

    def check(self, document, options):
        for match in re.finditer(r"\\b" + re.escape(options["word"]) + r"\\b", document.prose, re.I):
            yield Violation(match.start(), match.end(), f"Avoid '{match.group()}'")
'''

ARTICLE = """\
# Kale

Kale is a miracle food.

#kale #health
"""


def make_distribution(folder: Path, name: str, module: str, source: str, entry_points: str) -> None:
    """An installed distribution as importlib.metadata sees one: a module and its dist-info."""
    (folder / f"{module}.py").write_text(source, encoding="utf-8")
    dist_info = folder / f"{name.replace('-', '_')}-0.1.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n", encoding="utf-8")
    (dist_info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def contentlint(cwd: Path, *arguments: str, path: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1")
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in (path, ROOT) if p is not None)
    return subprocess.run([sys.executable, "-m", "contentlint", *arguments], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def plugin_path(tmp_path: Path) -> Path:
    folder = tmp_path / "site-packages"
    folder.mkdir()
    make_distribution(folder, "contentlint-demo", "cl_demo_plugin", PLUGIN_MODULE,
                      "[contentlint.rules]\nno-miracle = cl_demo_plugin:NoMiracle\n")
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "kale.md").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_plugin_rule_is_listed_with_its_origin(plugin_path: Path, tmp_path: Path) -> None:
    result = contentlint(tmp_path / "work", "rules", "--format", "json", path=plugin_path)
    assert (result.returncode, result.stderr) == (0, "")
    rules = {rule["code"]: rule for rule in json.loads(result.stdout)}
    assert rules["DEMO101"]["name"] == "no-miracle"
    assert rules["DEMO101"]["family"] == "DEMO"
    assert rules["DEMO101"]["summary"] == 'The word "miracle" in a health article.'
    assert rules["DEMO101"]["origin"] == "plugin no-miracle (cl_demo_plugin:NoMiracle)"
    assert "ST201" in rules


def test_plugin_rule_reports_findings_by_default_and_takes_options(plugin_path: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    result = contentlint(work, "check", "kale.md", "--format", "json", path=plugin_path)
    assert result.returncode == 1, result.stderr
    found = [(f["line"], f["column"], f["end_column"], f["code"], f["severity"], f["message"])
             for f in json.loads(result.stdout)]
    assert (3, 11, 18, "DEMO101", "error", "Avoid 'miracle'") in found
    assert any(code == "ST201" for *_, code, _, _ in found)

    (work / ".contentlint.toml").write_text('select = ["DEMO"]\n[rules.no-miracle]\nword = "kale"\n',
                                            encoding="utf-8")
    result = contentlint(work, "check", "kale.md", "--format", "json", path=plugin_path)
    assert result.returncode == 1, result.stderr
    assert [(f["line"], f["column"], f["code"]) for f in json.loads(result.stdout)] == [
        (1, 3, "DEMO101"), (3, 1, "DEMO101"), (5, 2, "DEMO101")]  # "#kale" too: hashtags are prose


def test_plugin_rule_is_documented_like_a_builtin(plugin_path: Path, tmp_path: Path) -> None:
    result = contentlint(tmp_path / "work", "rule", "DEMO101", path=plugin_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# DEMO101 no-miracle\n")
    assert "from: plugin no-miracle (cl_demo_plugin:NoMiracle)" in result.stdout
    assert "Kale is a miracle food." in result.stdout


BROKEN = [
    # (module source, entry point value, the error contentlint must print)
    ("import contentlint_missing_dependency\n", "cl_broken:Rule",
     "plugin broken (cl_broken:Rule): ModuleNotFoundError: No module named 'contentlint_missing_dependency'"),
    ("x = 1\n", "cl_broken:NoSuchRule",
     "plugin broken (cl_broken:NoSuchRule): AttributeError:"),
    ("def rules():\n    return ['not a rule']\n", "cl_broken:rules",
     "plugin broken (cl_broken:rules): TypeError: expected Rule instances, got str"),
    ("from contentlint.rule import Rule\nclass Bad(Rule):\n    code = 'bad1'\n    name = 'bad'\n",
     "cl_broken:Bad", "plugin rule Bad: invalid code 'bad1'"),
]


@pytest.mark.parametrize(("source", "value", "message"), BROKEN, ids=["import", "attribute", "factory", "code"])
def test_broken_plugin_is_named_and_the_other_rules_still_run(tmp_path: Path, source: str, value: str,
                                                              message: str) -> None:
    folder = tmp_path / "site-packages"
    folder.mkdir()
    make_distribution(folder, "contentlint-broken", "cl_broken", source, f"[contentlint.rules]\nbroken = {value}\n")
    (tmp_path / "kale.md").write_text(ARTICLE, encoding="utf-8")
    result = contentlint(tmp_path, "check", "kale.md", path=folder)
    assert result.returncode == 2
    assert f"contentlint: error: {message}" in result.stderr
    assert "kale.md:5:1: ST201 [*] Hashtag line: '#kale #health' [hashtag-line]" in result.stdout.splitlines()

    listed = contentlint(tmp_path, "rules", path=folder)
    assert listed.returncode == 2
    assert message in listed.stderr
    assert any(line.startswith("ST201 ") for line in listed.stdout.splitlines())


# -- user rule packs -------------------------------------------------------------

HOUSE_PACK = """\
description: House style of an example health site.
rules:
  - code: HOUSE101
    name: no-miracle-words
    kind: existence
    severity: error
    message: "Avoid '{match}'"
    tokens: [miracle cure]
    tokens-file: words/hype.txt
    summary: Words the house style forbids.
    what: Hype words from the inline list and words/hype.txt.
    why: They promise what no food or treatment can.
    silenced-by: Rewording.
    example:
      fail: "Kale is a superfood."
      pass: "Kale is a vegetable."
  - code: HOUSE201
    name: plain-words
    kind: substitution
    severity: warning
    swap:
      utilize: use
      in order to: to
    summary: Prefer the plain word.
    example:
      fail: "Utilize a pillow."
      pass: "Use a pillow."
  - code: HOUSE301
    name: too-amazing
    kind: occurrence
    severity: info
    tokens: [amazing]
    max: 2
    summary: At most two "amazing" per article.
    example:
      fail: "Amazing. Amazing. Amazing."
      pass: "Amazing."
"""

HYPE_WORDS = "# one word or phrase per line\nsuperfood\ndetox\n"

HOUSE_ARTICLE = """\
# An amazing breakfast

Utilize oats in order to start the day. Oats are a superfood, and
this amazing, amazing detox is no miracle cure.
"""


@pytest.fixture
def house(tmp_path: Path) -> Path:
    pack = tmp_path / "styles" / "house"
    (pack / "words").mkdir(parents=True)
    (pack / "house.yml").write_text(HOUSE_PACK, encoding="utf-8")
    (pack / "words" / "hype.txt").write_text(HYPE_WORDS, encoding="utf-8")
    (tmp_path / ".contentlint.toml").write_text('rule-packs = ["styles/house"]\n', encoding="utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "oats.md").write_text(HOUSE_ARTICLE, encoding="utf-8")
    return tmp_path


def test_user_pack_rules_run_through_the_cli(house: Path) -> None:
    result = contentlint(house, "check", "articles/", "--select", "HOUSE", "--format", "json")
    assert result.returncode == 1, result.stderr
    found = json.loads(result.stdout)
    assert [(f["path"], f["line"], f["column"], f["end_column"], f["code"], f["severity"], f["message"])
            for f in found] == [
        ("articles/oats.md", 3, 1, 8, "HOUSE201", "warning", "Use 'Use' instead of 'Utilize'"),
        ("articles/oats.md", 3, 14, 25, "HOUSE201", "warning", "Use 'to' instead of 'in order to'"),
        ("articles/oats.md", 3, 52, 61, "HOUSE101", "error", "Avoid 'superfood'"),
        ("articles/oats.md", 4, 15, 22, "HOUSE301", "info", "'amazing' appears 3 times (limit 2)"),
        ("articles/oats.md", 4, 23, 28, "HOUSE101", "error", "Avoid 'detox'"),
        ("articles/oats.md", 4, 35, 47, "HOUSE101", "error", "Avoid 'miracle cure'"),
    ]
    substitution = found[0]["fix"]
    assert substitution["edits"] == [{"start": 24, "end": 31, "replacement": "Use"}]
    assert HOUSE_ARTICLE[24:31] == "Utilize"


def test_user_pack_rules_are_listed_and_explained(house: Path) -> None:
    listed = contentlint(house, "rules", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    origins = {rule["code"]: rule["origin"] for rule in json.loads(listed.stdout)}
    pack = str((house / "styles" / "house" / "house.yml").resolve())
    assert {code: origins.get(code) for code in ("HOUSE101", "HOUSE201", "HOUSE301")} == {
        "HOUSE101": pack, "HOUSE201": pack, "HOUSE301": pack}
    explained = contentlint(house, "rule", "plain-words")
    assert explained.returncode == 0, explained.stderr
    assert explained.stdout.startswith("# HOUSE201 plain-words\n")


def test_user_pack_errors_name_the_pack_and_spare_the_other_rules(house: Path) -> None:
    (house / "styles" / "house" / "broken.yml").write_text(textwrap.dedent("""\
        rules:
          - code: HOUSE401
            name: bad-kind
            kind: existance
            tokens: [x]
        """), encoding="utf-8")
    result = contentlint(house, "check", "articles/oats.md", "--select", "HOUSE")
    assert result.returncode == 2
    assert "broken.yml: rule HOUSE401: unknown kind 'existance' (did you mean 'existence'?)" in result.stderr
    assert "articles/oats.md:3:52: HOUSE101 Avoid 'superfood' [no-miracle-words]" in result.stdout.splitlines()


def test_missing_pack_folder_is_an_error(house: Path) -> None:
    (house / ".contentlint.toml").write_text('rule-packs = ["styles/missing"]\n', encoding="utf-8")
    result = contentlint(house, "check", "articles/oats.md")
    assert result.returncode == 2
    missing = (house / "styles" / "missing").resolve()
    assert f"contentlint: error: {missing}: rule-pack folder does not exist" in result.stderr
