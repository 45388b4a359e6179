"""Configuration: ``[tool.contentlint]`` in pyproject.toml, or .contentlint.toml.

The nearest file upward from each linted file applies (a pyproject.toml
without a ``[tool.contentlint]`` table is passed over). Every key is checked:
an unknown key, a wrong type or an unknown rule code is an error naming the
file, the line and the key, with the nearest valid key suggested.
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contentlint.violation import Severity



def _toml():  # imported when a file is read: a run with no configuration file never needs it
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib

CONFIG_FILES = (".contentlint.toml", "contentlint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ["*.md", "*.markdown", "*.mdown", "*.mkd", "*.mdx", "*.txt", "*.text"]
DEFAULT_EXCLUDE = [
    ".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", "node_modules", "__pycache__", ".mypy_cache",
    ".pytest_cache", ".ruff_cache", ".contentlint_cache", "site-packages", "build", "dist",
]
DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


class ConfigError(Exception):
    def __init__(self, path: Path | str | None, line: int | None, message: str) -> None:
        where = str(path) if path else "configuration"
        if line:
            where += f":{line}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


@dataclass
class Config:
    path: Path | None = None  # the file it came from; None for defaults
    root: Path = field(default_factory=Path.cwd)  # globs are relative to this folder
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: list[str] = field(default_factory=list)
    fail_on: Severity = Severity.WARNING
    rule_packs: list[Path] = field(default_factory=list)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)  # code or name -> severity and options
    locale: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    cache_dir: Path | None = None
    raw_text: str = ""  # the file's text, to find the line of a key in error messages
    key_prefix: tuple[str, ...] = ()  # ("tool", "contentlint") in a pyproject.toml

    def line_of(self, *keys: str) -> int | None:
        return find_line(self.raw_text, (*self.key_prefix, *keys)) if self.raw_text else None

    def error(self, message: str, *keys: str) -> ConfigError:
        return ConfigError(self.path, self.line_of(*keys), message)

    @property
    def all_excludes(self) -> list[str]:
        return self.exclude + self.extend_exclude


def _list_of_str(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise ValueError("expected a list of strings")


def _severity(value: Any) -> Severity:
    if not isinstance(value, str):
        raise ValueError("expected one of \"error\", \"warning\", \"info\"")
    return Severity.parse(value)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _size(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d+)\s*([KMG]?)B?\s*", value, re.IGNORECASE)
        if match:
            return int(match.group(1)) * {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}[match.group(2).upper()]
    raise ValueError("expected a positive number of bytes, or a size such as \"10MB\"")


def _string(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("expected a non-empty string")
    return value


def _table(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("expected a table")
    return value


# key -> (attribute, converter)
SCHEMA: dict[str, tuple[str, Any]] = {
    "select": ("select", _list_of_str),
    "extend-select": ("extend_select", _list_of_str),
    "ignore": ("ignore", _list_of_str),
    "per-file-ignores": ("per_file_ignores", _table),
    "include": ("include", _list_of_str),
    "exclude": ("exclude", _list_of_str),
    "extend-exclude": ("extend_exclude", _list_of_str),
    "fail-on": ("fail_on", _severity),
    "rule-packs": ("rule_packs", _list_of_str),
    "rules": ("rules", _table),
    "locale": ("locale", _list_of_str),
    "respect-gitignore": ("respect_gitignore", _bool),
    "max-file-size": ("max_file_size", _size),
    "cache-dir": ("cache_dir", lambda value: Path(_string(value))),
}


def suggestion(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, [str(choice) for choice in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _blank_comments(raw: str) -> str:
    """The TOML text with comments blanked (same length), so a key in a comment is not found."""
    out = []
    for line in raw.splitlines(keepends=True):
        quote = ""
        for index, char in enumerate(line):
            if quote:
                if char == quote:
                    quote = ""
            elif char in "\"'":
                quote = char
            elif char == "#":
                body = line[index:].rstrip("\r\n")
                line = line[:index] + " " * len(body) + line[index + len(body):]
                break
        out.append(line)
    return "".join(out)


def find_line(raw: str, keys: tuple[str, ...]) -> int | None:
    """The line where the last of `keys` is set, searching after each earlier key in turn.

    A key is a bare or quoted name followed by `=`, `.` or `]` (a table
    header), or a string value in an array (followed by `,` or `]`).
    """
    text = _blank_comments(raw)
    position = 0
    line = None
    for key in keys:
        name = re.escape(key)
        pattern = re.compile(
            r'(?:^|(?<=[\s.\[{,]))(?:"' + name + r'"|\'' + name + r"'|" + name + r")(?=[ \t]*(?:=|\]|\.|,|\}))",
            re.MULTILINE,
        )
        match = pattern.search(text, position)
        if not match:
            break
        position = match.end()
        line = text.count("\n", 0, match.start()) + 1
    return line


def parse_config(data: dict[str, Any], path: Path | None, raw: str = "") -> Config:
    """Check and convert the contentlint table of a configuration file."""
    prefix = ("tool", "contentlint") if path is not None and path.name == "pyproject.toml" else ()
    config = Config(path=path, root=path.parent if path else Path.cwd(), raw_text=raw, key_prefix=prefix)
    for key, value in data.items():
        if key not in SCHEMA:
            raise ConfigError(path, find_line(raw, (*prefix, key)),
                              f"unknown key '{key}'{suggestion(key, SCHEMA)}")
        attribute, convert = SCHEMA[key]
        try:
            converted = convert(value)
        except ValueError as error:
            raise ConfigError(path, find_line(raw, (*prefix, key)), f"'{key}': {error}") from None
        setattr(config, attribute, converted)
    for pattern, codes in config.per_file_ignores.items():
        try:
            config.per_file_ignores[pattern] = _list_of_str(codes)
        except ValueError:
            raise ConfigError(path, find_line(raw, (*prefix, "per-file-ignores", pattern)),
                              f"'per-file-ignores.\"{pattern}\"': expected a list of rule codes") from None
    for selector, options in config.rules.items():
        if not isinstance(options, dict):
            raise ConfigError(path, find_line(raw, (*prefix, "rules", selector)),
                              f"'rules.{selector}': expected a table of options, e.g. severity = \"info\"")
        if "severity" in options:
            try:
                _severity(options["severity"])
            except ValueError as error:
                raise ConfigError(path, find_line(raw, (*prefix, "rules", selector, "severity")),
                                  f"'rules.{selector}.severity': {error}") from None
    config.rule_packs = [(config.root / folder).resolve() for folder in config.rule_packs]  # type: ignore[operator]
    if isinstance(config.cache_dir, Path) and not config.cache_dir.is_absolute():
        config.cache_dir = config.root / config.cache_dir
    return config


def load_config(path: Path) -> Config:
    """Read one configuration file (a .contentlint.toml, or a pyproject.toml's tool table)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(path, None, "configuration file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(path, None, f"cannot read: {error}") from None
    try:
        data = _toml().loads(raw)
    except _toml().TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+)", str(error))
        line = int(match.group(1)) if match else None
        if line is None and "end of document" in str(error):
            line = len(raw.splitlines()) or 1
        raise ConfigError(path, line, f"invalid TOML: {error}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("contentlint", {})
        if not isinstance(data, dict):
            raise ConfigError(path, find_line(raw, ("tool", "contentlint")), "[tool.contentlint] must be a table")
    return parse_config(data, path, raw)


def has_contentlint_table(path: Path) -> bool:
    """Whether a pyproject.toml configures contentlint (a cheap text check first).

    Any TOML spelling counts (`[tool.contentlint]`, dotted keys, `[tool]`
    with `contentlint = …`); a broken file that names the table counts too,
    so its error is reported instead of the file being passed over.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "contentlint" not in raw:
        return False
    try:
        tool = _toml().loads(raw).get("tool", {})
    except _toml().TOMLDecodeError:
        return re.search(r"(?m)^\s*\[\s*tool\s*\.\s*contentlint\b|^\s*tool\s*\.\s*contentlint\b", raw) is not None
    return isinstance(tool, dict) and "contentlint" in tool


def find_config_file(start: Path) -> Path | None:
    """The nearest configuration file at or above the folder `start`."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or has_contentlint_table(candidate)):
                return candidate
    return None


STARTER_CONFIG = """\
# contentlint configuration. Every key is optional; see `contentlint rules`.

# Rule families or codes to run (default: HC, CV, RP, RD, ST; PL is opt-in).
# select = ["HC", "CV", "RP", "RD", "ST"]
extend-select = []
ignore = []

# Exit with status 1 when a finding is at least this severe: "error", "warning" or "info".
fail-on = "warning"

# Files to leave alone (gitignore-style patterns, relative to this file).
extend-exclude = []

# Folders of your own YAML rule packs.
rule-packs = []

# Crisis resources and helplines to expect, by locale (e.g. "en-US", "en-GB").
locale = []

[per-file-ignores]
# "drafts/**" = ["RD"]

[rules]
# Per-rule severity and options, by code or name:
# [rules.RD001]
# severity = "info"
"""
