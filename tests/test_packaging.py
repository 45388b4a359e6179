"""The wheel: built from this tree, it carries the built-in rule packs
(top-level ``rules/`` as ``contentlint/_rules``) and works once installed.

The editable install finds ``rules/`` in the source tree, so only a real
wheel, installed into a separate environment, shows that the packs ship.
The wheel tests are marked slow (a build and an install, a few seconds).
A fast test checks that every third-party module the package imports is a
declared dependency: the development environment has more installed than a
user's, so a missing one would otherwise show only on a fresh install.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import zipfile
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
import yaml

from contentlint.packs import load_pack, pack_files

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"

ARTICLE = """\
# Sleep well

Keep a regular bedtime. Call [insert phone number] for help.

#sleep #health #wellness
"""


def distribution_name(requirement: str) -> str:
    """The normalized project name of a requirement string ("PyYAML>=6.0" -> "pyyaml")."""
    name = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement).group(1)
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_modules() -> dict[str, str]:
    """Top-level modules the package imports (or looks up with find_spec), with one file that does."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "contentlint").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "find_spec"
                  and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                names = [node.args[0].value]
            for name in names:
                found.setdefault(name.split(".")[0], path.relative_to(ROOT).as_posix())
    return found


def test_every_third_party_import_is_a_declared_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {distribution_name(requirement) for requirement in project["dependencies"]}
    providers = packages_distributions()
    missing = []
    for module, where in imported_modules().items():
        if module in sys.stdlib_module_names or module == "contentlint" or module == "tomli":
            continue  # tomli is declared for Python < 3.11 only, where tomllib is missing
        distributions = {distribution_name(name) for name in providers.get(module, [module])}
        if not distributions & declared:
            missing.append(f"{module} (imported in {where}; provided by {', '.join(sorted(distributions))})")
    assert missing == [], "not in [project] dependencies: " + "; ".join(missing)


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def can_build_without_isolation() -> bool:
    """With hatchling installed (the test extra has it) the build needs no download."""
    try:
        import hatchling  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)]
    if can_build_without_isolation():
        command.insert(4, "--no-isolation")
    result = run(command, cwd=out)
    assert result.returncode == 0, result.stdout + result.stderr
    wheels = list(out.glob("contentlint-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def site_packages(venv: Path) -> Path:
    found = list(venv.glob("lib/python*/site-packages")) + list(venv.glob("Lib/site-packages"))
    assert len(found) == 1, found
    return found[0]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the wheel installed; its dependencies come from the
    test interpreter's site-packages through a .pth file (plain paths: the
    editable install's own .pth hooks there are not run, so the source tree
    stays out of sys.path)."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    result = run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=venv.parent)
    assert result.returncode == 0, result.stderr
    python = venv / "bin" / "python"
    result = run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                  "--no-index", str(wheel)], cwd=venv.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    # Only now: with the test interpreter's contentlint visible, pip would call the wheel "already satisfied".
    dependencies = [entry for entry in sys.path if entry.endswith(("site-packages", "dist-packages"))
                    and Path(entry).is_dir()]
    (site_packages(venv) / "zz_test_dependencies.pth").write_text("\n".join(dependencies) + "\n")
    return venv


def clean_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    env["NO_COLOR"] = "1"
    return env


def source_rule_files() -> list[str]:
    """Every data file of the top-level rules/ folder, relative to it."""
    return sorted(
        path.relative_to(RULES).as_posix()
        for path in RULES.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith(".")
    )


@pytest.mark.slow
def test_wheel_ships_every_rule_file_under_contentlint_rules(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    files = source_rule_files()
    assert any(name.endswith(".yml") for name in files)
    missing = [name for name in files if f"contentlint/_rules/{name}" not in names]
    assert missing == []
    packs = {name for name in names if name.startswith("contentlint/_rules/") and name.endswith(".yml")}
    assert packs == {f"contentlint/_rules/{p.name}" for p in pack_files(RULES)}


@pytest.mark.slow
def test_wheel_ships_the_word_lists_the_packs_name(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for pack in pack_files(RULES):
        data = yaml.safe_load(pack.read_text(encoding="utf-8"))
        for rule in data.get("rules", []):
            word_list = rule.get("tokens-file")
            if word_list:
                shipped = (Path("contentlint/_rules") / word_list).as_posix()
                assert shipped in names, f"{pack.name}: {rule['code']} word list {word_list} is not in the wheel"


@pytest.mark.slow
def test_wheel_holds_only_the_package_and_its_metadata(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    outside = [name for name in names if not name.startswith(("contentlint/", "contentlint-"))]
    assert outside == []
    assert "contentlint/cli.py" in names
    assert not [name for name in names if name.startswith("contentlint/") and "__pycache__" in name]


@pytest.mark.slow
def test_wheel_metadata_declares_dependencies_and_console_script(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    dist_info = next(name.split("/")[0] for name in archive.namelist() if ".dist-info/" in name)
    metadata = archive.read(f"{dist_info}/METADATA").decode()
    requires = [line.split(":", 1)[1].strip().lower() for line in metadata.splitlines()
                if line.startswith("Requires-Dist:")]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for dependency in project["dependencies"]:
        name = dependency.split(";")[0].split(">")[0].split("=")[0].split("<")[0].strip().lower()
        assert any(line.startswith(name) for line in requires), f"{name} missing from Requires-Dist"
    entry_points = archive.read(f"{dist_info}/entry_points.txt").decode()
    assert "contentlint = contentlint.cli:main" in entry_points


@pytest.mark.slow
def test_installed_wheel_finds_its_packs_inside_site_packages(installed: Path, tmp_path: Path) -> None:
    python = installed / "bin" / "python"
    code = ("import contentlint, contentlint.packs as p; "
            "print(contentlint.__file__); print(p.builtin_pack_dir())")
    result = run([str(python), "-c", code], cwd=tmp_path, env=clean_env())
    assert result.returncode == 0, result.stderr
    module_file, pack_dir = (Path(line) for line in result.stdout.splitlines())
    site = site_packages(installed).resolve()
    assert module_file.resolve() == site / "contentlint" / "__init__.py"
    assert pack_dir.resolve() == site / "contentlint" / "_rules"


@pytest.mark.slow
def test_installed_wheel_lists_the_builtin_pack_rules(installed: Path, tmp_path: Path) -> None:
    result = run([str(installed / "bin" / "contentlint"), "rules", "--format", "json"], cwd=tmp_path,
                 env=clean_env())
    assert result.returncode == 0, result.stderr
    listed = {rule["code"]: rule for rule in json.loads(result.stdout)}
    expected = {rule.code for pack in pack_files(RULES) for rule in load_pack(pack)}
    assert expected and expected <= set(listed)
    shipped = site_packages(installed).resolve() / "contentlint" / "_rules"
    for code in expected:
        assert Path(listed[code]["origin"]).resolve().parent == shipped, listed[code]


@pytest.mark.slow
def test_installed_wheel_checks_an_article(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(ARTICLE, encoding="utf-8")
    command = [str(installed / "bin" / "contentlint"), "check", "post.md", "--isolated", "--format", "json",
               "--select", "ST"]
    result = run(command, cwd=tmp_path, env=clean_env())
    assert result.returncode == 1, result.stdout + result.stderr
    found = [(f["path"], f["line"], f["column"], f["code"]) for f in json.loads(result.stdout)]
    assert found == [("post.md", 3, 30, "ST401"), ("post.md", 5, 1, "ST201")]


@pytest.mark.slow
def test_installed_wheel_explains_a_pack_rule(installed: Path, tmp_path: Path) -> None:
    result = run([str(installed / "bin" / "contentlint"), "rule", "hashtag-line"], cwd=tmp_path, env=clean_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# ST201 hashtag-line")
    assert "#sleep #health #wellness" in result.stdout
