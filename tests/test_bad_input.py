"""Bad input: every file that cannot be linted is named with the reason, exit 2,
and the other files are still linted and reported. Nothing crashes or hangs."""

from __future__ import annotations

import codecs
import json
import os
import time
from pathlib import Path

import pytest

from contentlint.kinds import PackError
from contentlint.markdown import parse_markdown
from contentlint.packs import load_pack
from contentlint.runner import Linter, Report
from contentlint.source import SourceError, decode

from conftest import PACK_SETTING, spots


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@pytest.fixture
def project(isolated_dir: Path) -> Path:
    write(isolated_dir / ".contentlint.toml", PACK_SETTING + 'select = ["TS901"]\n')
    write(isolated_dir / "good.md", "A TODO here.\n")
    return isolated_dir


def findings(result) -> list[tuple[str, int, int, str]]:
    return [(f["path"], f["line"], f["column"], f["code"]) for f in json.loads(result.out)]


# -- undecodable files ----------------------------------------------------------------

def test_binary_file_is_an_error_and_the_others_are_linted(project: Path, cli) -> None:
    write(project / "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = cli("check", ".", "--format", "json")
    assert result.code == 2
    assert result.err == "contentlint: error: image.md: binary file (contains NUL bytes)\n"
    assert findings(result) == [("good.md", 1, 3, "TS901")]


def test_nul_after_the_first_block_is_still_binary() -> None:
    with pytest.raises(SourceError) as error:
        decode(b"a" * 10_000 + b"\x00", "late.md")
    assert str(error.value) == "late.md: binary file (contains NUL characters)"


def test_invalid_utf8_names_file_and_byte_offset(project: Path, cli) -> None:
    write(project / "latin1.md", "Line one.\nCaf\u00e9 au lait.\n".encode("latin-1"))
    result = cli("check", ".", "--format", "json")
    assert result.code == 2
    assert result.err == ("contentlint: error: latin1.md: not valid UTF-8: cannot decode byte 0xe9 "
                          "at byte offset 13 (line 2)\n")
    assert findings(result) == [("good.md", 1, 3, "TS901")]


def test_invalid_utf8_offset_counts_the_bom() -> None:
    with pytest.raises(SourceError) as error:
        decode(codecs.BOM_UTF8 + b"ok \xff", "bom.md")
    assert str(error.value) == "bom.md: not valid UTF-8: cannot decode byte 0xff at byte offset 6 (line 1)"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_linted_with_exact_positions(project: Path, cli, encoding: str) -> None:
    bom = codecs.BOM_UTF16_LE if encoding == "utf-16-le" else codecs.BOM_UTF16_BE
    write(project / "wide.md", bom + "Title\r\n\r\n😀 and a TODO.\r\n".encode(encoding))
    result = cli("check", "wide.md", "--format", "json")
    assert result.code == 1
    assert findings(result) == [("wide.md", 3, 9, "TS901")]


def test_utf16_without_a_bom_is_binary(project: Path, cli) -> None:
    write(project / "nobom.md", "TODO".encode("utf-16-le"))
    result = cli("check", "nobom.md")
    assert result.code == 2 and "binary file" in result.err


def test_utf16_with_a_broken_surrogate() -> None:
    with pytest.raises(SourceError) as error:
        decode(codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8", "pair.md")
    assert str(error.value).startswith("pair.md: not valid UTF-16: cannot decode byte 0x00 at byte offset 6")


def test_binary_on_standard_input(project: Path, cli) -> None:
    result = cli("check", "-", "--stdin-filename", "in.md", stdin=b"\x00\x01\x02")
    assert result.code == 2
    assert result.err == "contentlint: error: in.md: binary file (contains NUL bytes)\n"


# -- empty and degenerate files ------------------------------------------------------------

@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\n\n\n", b"\r\n\r\n", b"   \t  \n", b"---\ntitle: x\n---\n",
                                     b"<!-- only a comment -->\n", b"```\nunclosed fence TODO\n"])
def test_empty_and_degenerate_files(project: Path, cli, content: bytes) -> None:
    write(project / "empty.md", content)
    result = cli("check", "empty.md")
    assert (result.code, result.out) == (0, "All checks passed (1 file checked).\n")


def test_empty_plain_text_file(project: Path, cli) -> None:
    write(project / "empty.txt", b"")
    assert cli("check", "empty.txt").code == 0


# -- size ---------------------------------------------------------------------------------

def make_big_file(path: Path, size: int) -> None:
    sentence = "Sleep helps the body recover, and most adults need seven to nine hours a night. "
    line = sentence * (20_000 // len(sentence))
    body = ("# Big\n\n" + (line + "\n\n") * (size // (len(line) + 2)) + "A TODO at the end.\n").encode()
    path.write_bytes(body)


def test_file_over_the_size_limit_is_refused_by_default(project: Path, cli) -> None:
    make_big_file(project / "big.md", 20 * 1024 * 1024)
    size = (project / "big.md").stat().st_size
    assert size > 20 * 1000 * 1000
    result = cli("check", ".", "--format", "json")
    assert result.code == 2
    assert result.err == (f"contentlint: error: big.md: file is too large ({size:,} bytes; the limit is "
                          "10,485,760, set max-file-size to raise it)\n")
    assert findings(result) == [("good.md", 1, 3, "TS901")]
    # Raised in the configuration, the same file is linted (a long but linear job).
    write(project / ".contentlint.toml", PACK_SETTING + 'select = ["TS901"]\nmax-file-size = "30MB"\n')
    started = time.perf_counter()
    result = cli("check", "big.md", "--format", "json")
    elapsed = time.perf_counter() - started
    assert result.code == 1
    last_line = (project / "big.md").read_bytes().count(b"\n")
    assert findings(result) == [("big.md", last_line, 3, "TS901")]
    assert elapsed < 120  # a generous bound: it takes seconds; a quadratic step would take hours


# -- deep nesting and hostile markup ---------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "- " * 5000 + "TODO\n",
        "1. " * 5000 + "TODO\n",
        "> " * 5000 + "TODO\n",
        "> - " * 2500 + "TODO\n",
        "".join("  " * min(depth, 40) + "- item\n" for depth in range(5000)) + "\nTODO\n",
        "<div>" * 5000 + "\n\nTODO\n",
        "[" * 5000 + "TODO" + "]" * 5000 + "\n",
        "*" * 5000 + "TODO" + "*" * 5000 + "\n",
        "`" * 5000 + " TODO\n",
    ],
    ids=["bullets", "ordered", "quotes", "quote-lists", "indented-list", "divs", "brackets", "stars", "ticks"],
)
def test_deep_nesting_does_not_crash(text: str) -> None:
    document = parse_markdown(text)
    assert len(document.prose) == len(document.text)
    found = spots(text)
    assert all(1 <= line <= text.count("\n") for line, _, _, _ in found)


def test_deep_list_reports_the_marker_at_its_column() -> None:
    text = "Intro.\n\n" + "- " * 10 + "TODO\n"
    assert spots(text) == [(3, 21, 3, 25)]


@pytest.mark.parametrize(
    "line",
    ["[" * 50_000, "![" * 25_000, "](<" * 16_000, "<!--" * 12_000, "<script>" * 6_000, "{{" * 25_000,
     "a" * 50_000 + "@", "[^" * 25_000, "http://" + "a." * 25_000, "# a" + " " * 50_000 + "b", "&#" * 25_000,
     "``a" + "`b" * 25_000, '<a "' * 25_000, '<a "x <b \'' * 10_000],
    ids=["brackets", "images", "destinations", "comments", "scripts", "shortcodes", "email", "footnotes", "url",
         "heading-spaces", "entities", "code-spans", "tag-quotes", "tag-mixed-quotes"],
)
def test_pathological_lines_take_linear_time(line: str) -> None:
    started = time.perf_counter()
    for parse in (parse_markdown, _parse_text):
        document = parse(line + "\nTODO\n")
        document.sentences
        assert len(document.prose) == len(document.text)
    # About 0.1 s each; a scan that restarts at every character would take minutes.
    assert time.perf_counter() - started < 20


def _parse_text(text: str):
    from contentlint.plaintext import parse_text

    return parse_text(text)


# -- hostile and broken rule packs --------------------------------------------------------------

def pack_project(root: Path, pack: str) -> Path:
    write(root / "packs" / "mine.yml", pack)
    write(root / ".contentlint.toml", 'rule-packs = ["packs"]\n')
    return root / "packs" / "mine.yml"


def test_catastrophic_backtracking_pattern_runs_in_linear_time(isolated_dir: Path, cli) -> None:
    pack_project(isolated_dir, "rules:\n  - code: US101\n    name: hostile\n    kind: existence\n"
                               "    patterns: ['(a+)+$', '(x+x+)+y']\n")
    write(isolated_dir / "a.txt", "a" * 50_000 + "!\n" + "x" * 50_000 + "\n")
    started = time.perf_counter()
    result = cli("check", "a.txt", "--select", "US101")
    assert (result.code, result.err) == (0, "")
    # Python's backtracking engine would not finish this in a lifetime; RE2 takes milliseconds.
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("(?<=x)y", "invalid perl operator: (?<="),
        ("(a)\\\\1", "invalid escape sequence: \\1"),
        ("(?P<n>a)(?P=n)", "invalid perl operator: (?P"),
        ("a(?!b)", "invalid perl operator: (?!"),
    ],
)
def test_pattern_re2_rejects_names_pack_rule_and_pattern(isolated_dir: Path, cli, pattern: str, reason: str) -> None:
    path = pack_project(isolated_dir, f'rules:\n  - code: US102\n    name: clever\n    kind: existence\n'
                                      f'    patterns: ["{pattern}"]\n')
    shown = pattern.replace("\\\\", "\\")
    with pytest.raises(PackError) as error:
        load_pack(path)
    assert str(error.value) == (f"{path}: rule US102: invalid pattern {shown!r}: {reason} "
                                "(look-around and back-references are not supported: patterns run on RE2)")
    write(isolated_dir / "a.md", "Clean.\n")
    result = cli("check", "a.md")
    assert result.code == 2
    assert f"contentlint: error: {path}: rule US102: invalid pattern" in result.err


def test_malformed_yaml_pack(isolated_dir: Path, cli) -> None:
    path = pack_project(isolated_dir, "rules: [\n  - code: US106\n")
    with pytest.raises(PackError) as error:
        load_pack(path)
    assert str(error.value) == f"{path}: not valid YAML (line 2, column 3): did not find expected node content"
    write(isolated_dir / "a.md", "Clean.\n")
    assert cli("check", "a.md").code == 2


def test_unknown_kind_in_pack(isolated_dir: Path) -> None:
    path = pack_project(isolated_dir, "rules:\n  - code: US104\n    name: typo\n    kind: existance\n")
    with pytest.raises(PackError) as error:
        load_pack(path)
    assert str(error.value).startswith(f"{path}: rule US104: unknown kind 'existance' (did you mean 'existence'?); "
                                       "kinds: ")


def test_unknown_key_in_pack_rule(isolated_dir: Path) -> None:
    path = pack_project(isolated_dir, "rules:\n  - code: US105\n    name: typo\n    kind: existence\n"
                                      "    patterns: [a]\n    severty: error\n")
    with pytest.raises(PackError) as error:
        load_pack(path)
    assert str(error.value) == f"{path}: rule US105: unknown key 'severty' (did you mean 'severity'?)"


def test_unknown_rule_code_in_config(project: Path, cli) -> None:
    write(project / ".contentlint.toml", PACK_SETTING + 'select = ["TS901"]\nignore = ["TS9O1"]\n')
    result = cli("check", "good.md")
    assert result.code == 2
    assert result.err == (f"contentlint: error: {project / '.contentlint.toml'}:3: 'ignore': unknown rule code or "
                          "name 'TS9O1' (did you mean 'TS901'?)\n")


# -- files that vanish or cannot be read ---------------------------------------------------------

def test_file_deleted_between_discovery_and_reading(project: Path) -> None:
    write(project / "gone.md", "TODO\n")
    linter = Linter(cwd=project)
    report = Report()
    files = linter.collect(["."], report)
    assert [f.name for f in files] == ["gone.md", "good.md"]
    (project / "gone.md").unlink()
    linter.lint_files(files, report)
    assert report.errors == ["gone.md: no such file"]
    assert [(f.path, f.code) for f in report.findings] == [("good.md", "TS901")]
    assert report.exit_code == 2


def test_dangling_symlink(project: Path, cli) -> None:
    os.symlink(project / "nowhere.md", project / "link.md")
    result = cli("check", ".", "--format", "json")
    assert result.code == 2
    assert result.err == "contentlint: error: link.md: no such file\n"
    assert findings(result) == [("good.md", 1, 3, "TS901")]


def test_directory_named_like_a_file(project: Path, cli) -> None:
    (project / "chapter.md").mkdir()
    (project / "notes.txt").mkdir()
    result = cli("check", ".", "--format", "json")
    assert (result.code, result.err) == (1, "")
    assert findings(result) == [("good.md", 1, 3, "TS901")]
    alone = cli("check", "chapter.md")
    assert alone.code == 2
    assert alone.err.startswith("contentlint: error: chapter.md: no files to lint")


def test_unreadable_file(project: Path, cli) -> None:
    locked = write(project / "locked.md", "TODO\n")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as a user who can read any file (root)")
        result = cli("check", ".", "--format", "json")
    finally:
        locked.chmod(0o644)
    assert result.code == 2
    assert result.err == "contentlint: error: locked.md: permission denied\n"
    assert findings(result) == [("good.md", 1, 3, "TS901")]


def test_permission_error_while_reading(project: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same path as test_unreadable_file, for when the tests run as root.
    import builtins

    from contentlint import source

    def refusing_open(file, *args, **kwargs):
        if os.path.basename(file) == "locked.md":
            raise PermissionError(13, "Permission denied")
        return builtins.open(file, *args, **kwargs)

    write(project / "locked.md", "TODO\n")
    monkeypatch.setattr(source, "open", refusing_open, raising=False)  # how the linter opens the files it reads
    result = cli("check", ".", "--format", "json")
    assert result.code == 2
    assert result.err == "contentlint: error: locked.md: permission denied\n"
    assert findings(result) == [("good.md", 1, 3, "TS901")]
