"""Configuration: discovery, every error (file and line named), selection semantics."""

from __future__ import annotations

from pathlib import Path

import pytest

from contentlint import lint_paths
from contentlint.config import Config, ConfigError, find_config_file, find_line, load_config, parse_config
from contentlint.engine import Overrides, build_selection, selected_codes
from contentlint.registry import Registry
from contentlint.rule import Option, Rule
from contentlint.violation import Severity

from conftest import MARKERS_PACK, PACK_SETTING, write

TODO_AND_HASHTAGS = "TODO here.\n\n#one #two #three\n"


def codes(report) -> list[tuple[str, str]]:
    return [(Path(f.path).name, f.code) for f in report.findings]


# -- discovery ------------------------------------------------------------------

def config_file(path: Path, body: str) -> Path:
    """A .contentlint.toml that also loads the test markers (TS901 TODO, TS902 hashtags)."""
    return write(path, PACK_SETTING + body)


def test_nearest_config_applies_to_each_file(tmp_path: Path) -> None:
    config_file(tmp_path / ".contentlint.toml", 'select = ["TS901"]\n')
    config_file(tmp_path / "sub" / ".contentlint.toml", 'select = ["TS902"]\n')
    write(tmp_path / "top.md", TODO_AND_HASHTAGS)
    write(tmp_path / "sub" / "deeper" / "low.md", TODO_AND_HASHTAGS)
    report = lint_paths([tmp_path], cwd=tmp_path)
    assert report.errors == []
    assert sorted(codes(report)) == [("low.md", "TS902"), ("top.md", "TS901")]


def test_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    config_file(tmp_path / ".contentlint.toml", 'select = ["TS901"]\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n[tool.ruff]\nselect = ["E"]\n')
    write(tmp_path / "sub" / "a.md", TODO_AND_HASHTAGS)
    assert find_config_file(tmp_path / "sub") == tmp_path / ".contentlint.toml"
    assert codes(lint_paths([tmp_path / "sub" / "a.md"], cwd=tmp_path)) == [("a.md", "TS901")]


PACKS = f'["{MARKERS_PACK.as_posix()}"]'


@pytest.mark.parametrize("table", [
    f'[tool.contentlint]\nselect = ["TS902"]\nrule-packs = {PACKS}\n',
    f'tool.contentlint.select = ["TS902"]\ntool.contentlint.rule-packs = {PACKS}\n',
    f'[tool]\ncontentlint = {{ select = ["TS902"], rule-packs = {PACKS} }}\n',
])
def test_pyproject_with_the_table_is_used(tmp_path: Path, table: str) -> None:
    config_file(tmp_path / ".contentlint.toml", 'select = ["TS901"]\n')
    write(tmp_path / "sub" / "pyproject.toml", table + '\n[project]\nname = "x"\n')
    write(tmp_path / "sub" / "a.md", TODO_AND_HASHTAGS)
    assert codes(lint_paths([tmp_path / "sub" / "a.md"], cwd=tmp_path)) == [("a.md", "TS902")]


def test_contentlint_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.contentlint]\nselect = ["ST201"]\n')
    write(tmp_path / ".contentlint.toml", 'select = ["ST401"]\n')
    assert find_config_file(tmp_path) == tmp_path / ".contentlint.toml"


def test_explicit_config_overrides_discovery(tmp_path: Path) -> None:
    config_file(tmp_path / ".contentlint.toml", 'select = ["TS901"]\n')
    other = config_file(tmp_path / "elsewhere" / "custom.toml", 'select = ["TS902"]\n')
    write(tmp_path / "a.md", TODO_AND_HASHTAGS)
    assert codes(lint_paths([tmp_path / "a.md"], config=other, cwd=tmp_path)) == [("a.md", "TS902")]


def test_isolated_ignores_configuration_files(tmp_path: Path, cli) -> None:
    write(tmp_path / ".contentlint.toml", 'select = ["ST201"]\n')
    write(tmp_path / "a.md", "Text.\n\n[insert phone number]\n")
    normal = cli("check", "a.md", cwd=tmp_path)
    isolated = cli("check", "a.md", "--isolated", "--select", "ST201,ST401", cwd=tmp_path)
    assert normal.code == 0
    assert isolated.code == 1 and "ST401" in isolated.out


def test_isolated_ignores_even_a_broken_configuration(tmp_path: Path, cli) -> None:
    write(tmp_path / ".contentlint.toml", "select = [\n")
    write(tmp_path / "a.md", "Clean.\n")
    assert cli("check", "a.md", cwd=tmp_path).code == 2
    assert cli("check", "a.md", "--isolated", cwd=tmp_path).code == 0


# -- errors: every one names the file and the line ------------------------------

def config_error(tmp_path: Path, text: str, name: str = ".contentlint.toml") -> str:
    """The message of the error linting one clean file under this configuration."""
    path = write(tmp_path / name, text)
    write(tmp_path / "a.md", "Clean text.\n")
    report = lint_paths([tmp_path / "a.md"], cwd=tmp_path)
    assert report.exit_code == 2 and len(report.errors) == 1, report.errors
    message = report.errors[0]
    assert message.startswith(f"{path}:")
    return message[len(str(path)):]


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    message = config_error(tmp_path, 'select = ["ST401"]\nignore = [\n  "ST201"\nfail-on = "error"\n')
    assert message.startswith(":4: invalid TOML:")


def test_invalid_toml_at_end_of_document(tmp_path: Path) -> None:
    assert config_error(tmp_path, 'select = ["ST401"]\nignore = [\n').startswith(":2: invalid TOML:")


def test_unknown_key_with_suggestion_and_line(tmp_path: Path) -> None:
    message = config_error(tmp_path, '# comment\nselect = ["ST401"]\nexclud = ["drafts"]\n')
    assert message == ": unknown key 'exclud' (did you mean 'exclude'?)".replace(":", ":3:", 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("select = 5", "'select': expected a list of strings"),
        ('extend-select = [1]', "'extend-select': expected a list of strings"),
        ("ignore = {}", "'ignore': expected a list of strings"),
        ("per-file-ignores = 5", "'per-file-ignores': expected a table"),
        ("include = true", "'include': expected a list of strings"),
        ("exclude = 1.5", "'exclude': expected a list of strings"),
        ('extend-exclude = [["x"]]', "'extend-exclude': expected a list of strings"),
        ("fail-on = 3", "'fail-on': expected one of \"error\", \"warning\", \"info\""),
        ("rule-packs = 1", "'rule-packs': expected a list of strings"),
        ("rules = 5", "'rules': expected a table"),
        ("locale = 5", "'locale': expected a list of strings"),
        ('respect-gitignore = "yes"', "'respect-gitignore': expected true or false"),
        ("max-file-size = 0", "'max-file-size': expected a positive number of bytes, or a size such as \"10MB\""),
        ('max-file-size = "big"', "'max-file-size': expected a positive number of bytes, or a size such as \"10MB\""),
        ("max-file-size = true", "'max-file-size': expected a positive number of bytes, or a size such as \"10MB\""),
        ('cache-dir = ""', "'cache-dir': expected a non-empty string"),
        ('fail-on = "fatal"', "'fail-on': unknown severity 'fatal' (expected error, warning or info)"),
    ],
)
def test_wrong_type_for_each_key(tmp_path: Path, text: str, expected: str) -> None:
    assert config_error(tmp_path, "# contentlint\n\n" + text + "\n") == f":3: {expected}"


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ('select = ["ST401", "SX401"]', 1, "'select': unknown rule code or name 'SX401' (did you mean 'ST401'?)"),
        ('ignore = [\n  "ST201",\n  "ST4O1",\n]', 3, "'ignore': unknown rule code or name 'ST4O1' (did you mean 'ST401'?)"),
        ('extend-select = ["placeholder-txt"]', 1,
         "'extend-select': unknown rule code or name 'placeholder-txt' (did you mean 'placeholder-text'?)"),
        ('[per-file-ignores]\n"docs/*.md" = ["ST401"]\n"drafts/**" = ["ST201", "SX201"]', 3,
         "'per-file-ignores': unknown rule code or name 'SX201' (did you mean 'ST201'?)"),
        ('[rules.SX401]\nseverity = "info"', 1, "'rules': unknown rule code or name 'SX401' (did you mean 'ST401'?)"),
    ],
)
def test_unknown_rule_codes(tmp_path: Path, text: str, line: int, expected: str) -> None:
    assert config_error(tmp_path, text + "\n") == f":{line}: {expected}"


def test_bad_severity_in_rules_table(tmp_path: Path) -> None:
    message = config_error(tmp_path, '[rules.ST401]\nseverity = "fatal"\n')
    assert message == ":2: 'rules.ST401.severity': unknown severity 'fatal' (expected error, warning or info)"


def test_rules_entry_that_is_not_a_table(tmp_path: Path) -> None:
    message = config_error(tmp_path, '[rules]\nST201 = { severity = "info" }\nST401 = 5\n')
    assert message == ":3: 'rules.ST401': expected a table of options, e.g. severity = \"info\""


def test_unknown_option_for_a_rule_without_options(tmp_path: Path) -> None:
    message = config_error(tmp_path, '[rules.ST401]\nseverity = "info"\nbogus = 1\n')
    assert message == ":3: 'rules.ST401': unknown option 'bogus' for ST401; options: severity"


def test_option_in_a_family_table_is_an_error_not_ignored(tmp_path: Path) -> None:
    message = config_error(tmp_path, '[rules.ST]\nseverity = "info"\nmax-words = 3\n')
    assert message.startswith(":3: 'rules.ST': only 'severity' can be set for a group of rules")


def test_errors_in_pyproject_name_its_lines_not_another_tools(tmp_path: Path) -> None:
    text = ('[tool.ruff]\nselect = ["E"]\nignore = ["E501"]\n\n[tool.contentlint]\n'
            'ignore = ["ST201"]\nselect = [\n  "ST401",\n  "HX101",\n]\n')
    message = config_error(tmp_path, text, name="pyproject.toml")
    assert message.startswith(":9: 'select': unknown rule code or name 'HX101'")


def test_pyproject_unknown_key_line(tmp_path: Path) -> None:
    text = '[project]\nname = "x"\n\n[tool.contentlint]\nselect = ["ST401"]\nfail_on = "error"\n'
    message = config_error(tmp_path, text, name="pyproject.toml")
    assert message == ":6: unknown key 'fail_on' (did you mean 'fail-on'?)"


def test_pyproject_contentlint_not_a_table(tmp_path: Path) -> None:
    assert config_error(tmp_path, "[tool]\ncontentlint = 5\n", name="pyproject.toml") == \
        ":2: [tool.contentlint] must be a table"


def test_config_error_still_lints_files_under_other_configs(tmp_path: Path) -> None:
    config_file(tmp_path / "good" / ".contentlint.toml", 'select = ["TS901"]\n')
    config_file(tmp_path / "bad" / ".contentlint.toml", 'select = ["NOPE1"]\n')
    write(tmp_path / "good" / "a.md", "TODO\n")
    write(tmp_path / "bad" / "b.md", "TODO\n")
    report = lint_paths([tmp_path / "good", tmp_path / "bad"], cwd=tmp_path)
    assert codes(report) == [("a.md", "TS901")]
    assert len(report.errors) == 1 and "bad/.contentlint.toml:2:" in report.errors[0]
    assert report.exit_code == 2


def test_missing_explicit_config(tmp_path: Path, cli) -> None:
    write(tmp_path / "a.md", "Clean.\n")
    result = cli("check", "a.md", "--config", "nope.toml", cwd=tmp_path)
    assert result.code == 2
    assert result.err == "contentlint: error: nope.toml: configuration file not found\n"


def test_unknown_code_on_the_command_line(tmp_path: Path, cli) -> None:
    write(tmp_path / "a.md", "Clean.\n")
    result = cli("check", "a.md", "--isolated", "--select", "ST401,SX201", cwd=tmp_path)
    assert result.code == 2
    assert "command line: unknown rule code or name 'SX201' (did you mean 'ST201'?)" in result.err


# -- find_line --------------------------------------------------------------------

def test_find_line_for_nested_keys_values_and_comments() -> None:
    raw = ('[tool.ruff]\nselect = ["E"]  # rules = here\n# [tool.contentlint]\n[tool.contentlint]\n'
           'select = [\n  "ST",\n  "HX101",\n]\n[tool.contentlint.per-file-ignores]\n"drafts/**" = ["RD", "QQ1"]\n'
           "[tool.contentlint.rules.ST401]\nseverity = \"fatal\"\n[tool.contentlint.rules]\n"
           "ST201 = { severity = \"x\", bogus = 1 }\n")
    prefix = ("tool", "contentlint")
    assert find_line(raw, (*prefix, "select")) == 5
    assert find_line(raw, (*prefix, "select", "HX101")) == 7
    assert find_line(raw, (*prefix, "per-file-ignores", "drafts/**", "QQ1")) == 10
    assert find_line(raw, (*prefix, "rules", "ST401", "severity")) == 12
    assert find_line(raw, (*prefix, "rules", "ST201", "bogus")) == 14
    assert find_line(raw, ("nothing",)) is None


# -- options of a rule ---------------------------------------------------------------

class WithOptions(Rule):
    """A rule with options of every type."""

    code = "ZZ101"
    name = "with-options"
    options = (
        Option("target", 8.0, "a number"),
        Option("limit", 3, "an integer"),
        Option("strict", False, "a boolean"),
        Option("phrases", ["a"], "a list"),
        Option("label", "x", "a string"),
    )


class Family(Rule):
    """Another rule of the family."""

    code = "ZZ102"
    name = "family-member"


class OffByDefault(Rule):
    """Off unless selected."""

    code = "ZZ201"
    name = "off-by-default"
    default_on = False


class Other(Rule):
    """Another family."""

    code = "YY101"
    name = "other-family"


def registry() -> Registry:
    found = Registry()
    for rule in (WithOptions(), Family(), OffByDefault(), Other()):
        found.add(rule)
    return found


def config_from(text: str) -> Config:
    import tomllib

    return parse_config(tomllib.loads(text), Path("/project/.contentlint.toml"), text)


def test_options_are_validated_and_converted() -> None:
    config = config_from('[rules.ZZ101]\ntarget = 9\nlimit = 5\nstrict = true\nphrases = ["b"]\nlabel = "y"\n'
                         'severity = "error"\n')
    selection = build_selection(config, Overrides(), registry())
    entry = next(e for e in selection.active if e.rule.code == "ZZ101")
    assert entry.options == {"target": 9.0, "limit": 5, "strict": True, "phrases": ["b"], "label": "y"}
    assert isinstance(entry.options["target"], float)
    assert entry.severity is Severity.ERROR


def test_options_by_rule_name() -> None:
    selection = build_selection(config_from('[rules.with-options]\nlimit = 7\n'), Overrides(), registry())
    assert next(e for e in selection.active if e.rule.code == "ZZ101").options["limit"] == 7


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('limit = "many"', "'rules.ZZ101.limit': expected an integer, got a string 'many'"),
        ("limit = 2.5", "'rules.ZZ101.limit': expected an integer, got a number 2.5"),
        ("strict = 1", "'rules.ZZ101.strict': expected a boolean, got an integer 1"),
        ("limit = true", "'rules.ZZ101.limit': expected an integer, got a boolean True"),
        ('target = "high"', "'rules.ZZ101.target': expected a number, got a string 'high'"),
        ("phrases = [1, 2]", "'rules.ZZ101.phrases': expected a list of strings"),
        ('phrases = "one"', "'rules.ZZ101.phrases': expected a list, got a string 'one'"),
        ("label = 5", "'rules.ZZ101.label': expected a string, got an integer 5"),
        ("limt = 5", "'rules.ZZ101': unknown option 'limt' for ZZ101 (did you mean 'limit'?); "
                     "options: severity, target, limit, strict, phrases, label"),
    ],
)
def test_wrong_option_types(line: str, expected: str) -> None:
    config = config_from(f'# options\n[rules.ZZ101]\n{line}\n')
    with pytest.raises(ConfigError) as error:
        build_selection(config, Overrides(), registry())
    assert str(error.value) == f"/project/.contentlint.toml:3: {expected}"


def test_options_of_an_unselected_rule_are_still_checked() -> None:
    config = config_from('ignore = ["ZZ1"]\n[rules.ZZ101]\nlimit = "x"\n')
    with pytest.raises(ConfigError):
        build_selection(config, Overrides(), registry())


def test_severity_from_family_prefix_and_exact_tables() -> None:
    config = config_from('[rules.ZZ]\nseverity = "info"\n[rules.ZZ1]\nseverity = "error"\n'
                         '[rules.family-member]\nseverity = "warning"\n')
    selection = build_selection(config, Overrides(extend_select=("ZZ201",)), registry())
    severities = {e.rule.code: e.severity for e in selection.active}
    assert severities == {"ZZ101": Severity.ERROR, "ZZ102": Severity.WARNING, "ZZ201": Severity.INFO,
                          "YY101": Severity.WARNING}


# -- selection semantics ---------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "overrides", "expected"),
    [
        ("", Overrides(), {"ZZ101", "ZZ102", "YY101"}),
        ('select = ["ZZ"]', Overrides(), {"ZZ101", "ZZ102", "ZZ201"}),
        ('select = ["ZZ"]\nignore = ["ZZ1"]', Overrides(), {"ZZ201"}),
        ('select = ["ZZ10"]\nignore = ["ZZ"]', Overrides(), {"ZZ101", "ZZ102"}),
        ('select = ["ZZ101"]\nignore = ["ZZ101"]', Overrides(), set()),  # a tie: ignore wins
        ('extend-select = ["ZZ201"]', Overrides(), {"ZZ101", "ZZ102", "ZZ201", "YY101"}),
        ('select = ["ALL"]\nignore = ["ZZ"]', Overrides(), {"YY101"}),
        ('ignore = ["ALL"]\nextend-select = ["ZZ102"]', Overrides(), {"ZZ102"}),
        ('ignore = ["with-options"]', Overrides(), {"ZZ102", "YY101"}),
        ('select = ["ZZ1"]\nignore = ["with-options"]', Overrides(), {"ZZ102"}),
        # the command line is a layer above the file
        ('ignore = ["ZZ101"]', Overrides(select=("ZZ101",)), {"ZZ101"}),
        ('extend-select = ["ZZ201"]', Overrides(select=("YY",)), {"YY101"}),
        ('select = ["ZZ"]', Overrides(ignore=("ZZ102",)), {"ZZ101", "ZZ201"}),
        ('ignore = ["ZZ"]', Overrides(extend_select=("ZZ101",)), {"ZZ101", "YY101"}),
        ("", Overrides(select=("ZZ",), ignore=("ZZ2",)), {"ZZ101", "ZZ102"}),
    ],
)
def test_selection(text: str, overrides: Overrides, expected: set[str]) -> None:
    assert selected_codes(registry(), config_from(text), overrides) == expected


def test_per_file_ignores_are_relative_to_the_config_folder(tmp_path: Path) -> None:
    project = tmp_path / "project"
    config_file(project / ".contentlint.toml",
          'select = ["TS901", "TS902"]\n[per-file-ignores]\n"drafts/*.md" = ["TS901"]\n"*.txt" = ["TS"]\n')
    write(project / "drafts" / "a.md", TODO_AND_HASHTAGS)
    write(project / "sub" / "drafts" / "b.md", TODO_AND_HASHTAGS)
    write(project / "sub" / "notes.txt", TODO_AND_HASHTAGS)
    # Run from a sub-folder: patterns still start at the configuration's folder.
    report = lint_paths([project], cwd=project / "sub")
    assert report.errors == []
    assert sorted(codes(report)) == [("a.md", "TS902"), ("b.md", "TS901"), ("b.md", "TS902")]


def test_per_file_ignores_apply_to_stdin_filename(tmp_path: Path, cli) -> None:
    config_file(tmp_path / ".contentlint.toml", '[per-file-ignores]\n"drafts/**" = ["TS901"]\n')
    ignored = cli("check", "-", "--stdin-filename", "drafts/x.md", "--select", "TS901", cwd=tmp_path, stdin=b"TODO\n")
    checked = cli("check", "-", "--stdin-filename", "final/x.md", "--select", "TS901", cwd=tmp_path, stdin=b"TODO\n")
    assert (ignored.code, checked.code) == (0, 1)
    assert checked.out.startswith("final/x.md:1:1: TS901 ")


def test_per_rule_severity_and_fail_on(tmp_path: Path, cli) -> None:
    write(tmp_path / "a.md", "TODO\n")
    config_file(tmp_path / ".contentlint.toml", 'select = ["TS901"]\n[rules.TS901]\nseverity = "info"\n')
    result = cli("check", "a.md", "--format", "json", cwd=tmp_path)
    assert result.code == 0 and '"severity": "info"' in result.out
    assert cli("check", "a.md", "--fail-on", "info", cwd=tmp_path).code == 1
    config_file(tmp_path / ".contentlint.toml", 'select = ["TS901"]\nfail-on = "info"\n[rules.test-marker]\n'
                                          'severity = "info"\n')
    assert cli("check", "a.md", cwd=tmp_path).code == 1
    config_file(tmp_path / ".contentlint.toml", 'select = ["TS902"]\nfail-on = "error"\n')
    write(tmp_path / "a.md", "Text.\n\n#a #b #c\n")
    result = cli("check", "a.md", cwd=tmp_path)
    assert result.code == 0 and "TS902" in result.out  # a warning, below the fail level
    assert cli("check", "a.md", "--fail-on", "warning", cwd=tmp_path).code == 1


def test_max_file_size_units() -> None:
    assert config_from('max-file-size = "2MB"').max_file_size == 2 * 1024 * 1024
    assert config_from('max-file-size = "512k"').max_file_size == 512 * 1024
    assert config_from("max-file-size = 1000").max_file_size == 1000


def test_paths_in_config_are_relative_to_its_folder(tmp_path: Path) -> None:
    path = write(tmp_path / "conf" / ".contentlint.toml", 'rule-packs = ["packs"]\ncache-dir = ".cache"\n')
    config = load_config(path)
    assert config.rule_packs == [(tmp_path / "conf" / "packs").resolve()]
    assert config.cache_dir == tmp_path / "conf" / ".cache"
    assert config.root == tmp_path / "conf"
