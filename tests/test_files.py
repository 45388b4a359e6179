"""File discovery's fast paths: one directory listing per folder instead of a
system call per entry, real paths remembered for the run, one stat per path
named on the command line. Each is compared with the plain computation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from contentlint.config import find_config_file
from contentlint.engine import Overrides
from contentlint.files import GitIgnores, RealPaths, walk
from contentlint.runner import Linter, Report, _file_mode

from conftest import write


def os_walk_reference(folder: Path, keep_in) -> list[str]:
    """files.walk as it was, on os.walk (asking the file system whether each entry is a link)."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        keep = keep_in(root, set(dirs) | set(files))
        dirs[:] = [name for name in sorted(dirs) if keep(name, True, os.path.islink(os.path.join(root, name)))]
        found.extend(os.path.join(root, name) for name in sorted(files)
                     if keep(name, False, os.path.islink(os.path.join(root, name))))
    found.sort(key=lambda path: path.split(os.sep))
    return found


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """Folders, files, links to files and folders (inside and outside), a broken link, a loop."""
    top = tmp_path / "top"
    for name in ("a.md", "b.txt", "z.md", "sub/c.md", "sub/deeper/d.md", "sub2/e.md", "zz/f.md", "skip/g.md"):
        write(top / name, "x\n")
    outside = write(tmp_path / "outside" / "o.md", "x\n")
    (top / "link.md").symlink_to(top / "a.md")
    (top / "out.md").symlink_to(outside)
    (top / "dirlink").symlink_to(top / "sub", target_is_directory=True)
    (top / "broken.md").symlink_to(tmp_path / "missing.md")
    (top / "loop").symlink_to(top / "loop")
    return top


def recording_test(calls: list[tuple[str, str, bool, bool]], skip: str = "skip"):
    def keep_in(root: str, names):
        def keep(name: str, is_dir: bool, is_link: bool) -> bool:
            calls.append((os.path.relpath(os.path.join(root, name)), name, is_dir, is_link))
            return name != skip
        return keep
    return keep_in


def test_walk_agrees_with_os_walk(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree.parent)
    mine: list[tuple[str, str, bool, bool]] = []
    theirs: list[tuple[str, str, bool, bool]] = []
    found = walk(Path("top"), recording_test(mine))
    assert found == os_walk_reference(Path("top"), recording_test(theirs))
    assert sorted(mine) == sorted(theirs)  # the same entries asked about, with the same kinds
    names = [os.path.relpath(path, "top") for path in found]
    assert names == ["a.md", "b.txt", "broken.md", "link.md", "loop", "out.md", "sub/c.md", "sub/deeper/d.md",
                     "sub2/e.md", "z.md", "zz/f.md"]  # no link to a folder entered, skip/ not entered
    assert ("top/dirlink", "dirlink", True, True) in mine and ("top/out.md", "out.md", False, True) in mine


def test_walk_passes_over_an_unreadable_folder(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scandir = os.scandir

    def refusing(path):  # what a folder without read permission does, even for root
        if os.path.basename(path) == "sub2":
            raise PermissionError(13, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    found = walk(tree, recording_test([]))
    assert found == os_walk_reference(tree, recording_test([]))
    assert not any("sub2" in path for path in found) and any("zz" in path for path in found)


def test_walk_tells_the_test_the_names_in_each_folder(tree: Path) -> None:
    seen: dict[str, set[str]] = {}

    def keep_in(root: str, names):
        seen[os.path.relpath(root, tree)] = set(names)
        return lambda name, is_dir, is_link: True

    walk(tree, keep_in)
    assert seen["sub"] == {"c.md", "deeper"}
    assert seen["."] == {"a.md", "b.txt", "z.md", "sub", "sub2", "zz", "skip", "link.md", "out.md", "dirlink",
                         "broken.md", "loop"}


def test_real_paths_agree_with_realpath(tree: Path) -> None:
    real = RealPaths()
    listed = RealPaths()
    for root, dirs, files in os.walk(tree):
        for name in dirs + files:
            path = os.path.join(root, name)
            listed.note(path, os.path.islink(path))
    paths = [str(tree), *(os.path.join(root, name) for root, dirs, files in os.walk(tree) for name in dirs + files)]
    paths += [str(tree / "dirlink" / "c.md"), str(tree / "missing" / "x.md")]
    for path in paths:
        expected = os.path.realpath(path)
        assert real.real_absolute(path) == expected, path
        assert real.real_absolute(path) == expected, path  # remembered
        assert listed.real_absolute(path) == expected, path  # with what a listing said of links


def test_real_paths_of_relative_names(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    real = RealPaths()
    for name in ("a.md", "link.md", "out.md", "dirlink/c.md", "./sub/../z.md", "broken.md"):
        assert real.real(name) == os.path.realpath(name)
        assert real.real(Path(name)) == str(Path(name).resolve())


def test_file_mode_is_exists_and_is_dir(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    for name in ("a.md", "sub", "dirlink", "link.md", "broken.md", "loop", "missing", "a.md/x", "", ".", "bad\0name"):
        path = Path(name)
        mode = _file_mode(path)
        assert (mode is not None) == path.exists(), name
        assert (mode is not None and os.path.isdir(path)) == path.is_dir(), name


def test_explicit_files_take_the_configuration_of_their_real_folder(tmp_path: Path, isolated_dir: Path) -> None:
    write(isolated_dir / "real" / ".contentlint.toml", 'extend-exclude = ["secret.md"]\n')
    target = write(isolated_dir / "real" / "secret.md", "x\n")
    (isolated_dir / "alias.md").symlink_to(target)
    linter = Linter(Overrides())
    assert linter.collect(["alias.md"], Report()) == []  # excluded by real/.contentlint.toml, as Path.resolve says
    kept = Linter(Overrides()).collect(["real/secret.md", "missing.md"], report := Report())
    assert kept == [] and report.errors == ["missing.md: no such file or directory"]


def test_dot_dot_after_a_link_to_a_folder_is_resolved_as_path_resolve_does(isolated_dir: Path) -> None:
    write(isolated_dir / "far" / "x.md", "x\n")
    write(isolated_dir / "far" / ".contentlint.toml", 'extend-exclude = ["x.md"]\n')  # the real folder's
    write(isolated_dir / "place" / "deep" / "x.md", "x\n")  # what "link/../x.md" would be, read lexically
    (isolated_dir / "place" / "link").symlink_to(isolated_dir / "far" / "sub", target_is_directory=True)
    (isolated_dir / "far" / "sub").mkdir()
    name = "place/link/../x.md"
    assert Path(name).resolve() == isolated_dir / "far" / "x.md"
    assert Linter(Overrides()).collect([name], Report()) == []  # excluded by far/.contentlint.toml


def test_configuration_files_found_from_a_listing_match_find_config_file(isolated_dir: Path) -> None:
    root = isolated_dir
    write(root / "pyproject.toml", "[project]\nname = 'x'\n")  # no [tool.contentlint]: passed over
    write(root / "a" / "pyproject.toml", "[tool.contentlint]\nextend-exclude = []\n")
    write(root / "a" / "b" / "x.md", "x\n")
    (root / "a" / "b" / ".contentlint.toml").mkdir()  # a folder by that name is no configuration
    write(root / "c" / "contentlint.toml", "extend-exclude = []\n")
    write(root / "c" / "d" / "y.md", "x\n")
    write(root / "e" / "z.md", "x\n")
    linter = Linter(Overrides())
    files = linter.collect(["."], Report())
    assert [path.relative_to(root).as_posix() for path in files] == ["a/b/x.md", "c/d/y.md", "e/z.md"]
    for folder in ("a/b", "c/d", "e", "a", "c", "."):
        absolute = str(root / folder)
        assert linter.config_file(absolute) == find_config_file(root / folder), folder
        config = linter.config_for(absolute)
        assert config.path == find_config_file(root / folder), folder


def test_gitignore_chain_from_a_listing(tmp_path: Path) -> None:
    write(tmp_path / ".gitignore", "*.tmp\n")
    (tmp_path / ".git").mkdir()
    sub = tmp_path / "sub"
    write(sub / ".gitignore", "drafts/\n")
    write(sub / "inner" / "x.md", "x\n")
    plain, listed = GitIgnores(), GitIgnores()
    for folder in (sub / "inner", sub, tmp_path):
        names = set(os.listdir(folder))
        assert listed.chain(str(folder), names) == plain.chain(str(folder)), folder
    assert [folder for folder, _ in plain.chain(str(sub / "inner"))] == [str(sub), str(tmp_path)]
