"""Rule packs: YAML files of data-defined rules (Vale-style).

A pack is a mapping with an optional ``description`` and a list of ``rules``;
each rule names its ``kind`` (see contentlint.kinds). Built-in packs live in
the top-level ``rules/`` folder, shipped in the wheel as ``contentlint/_rules``.

Each built-in pack also ships parsed, as JSON in ``rules/parsed/`` (written by
``tools/build_packs.py``) with the SHA-256 of the YAML it came from: importing
PyYAML and parsing costs a one-file run ~20 ms, reading JSON under 1 ms. A
copy that does not match its pack's text is ignored and the YAML is parsed.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from pathlib import Path
from typing import Any

from contentlint.kinds import KINDS, PackContext, PackError, PackRule, PackScreen, suggest

PACK_KEYS = {"pack", "description", "rules"}
MAX_PACK_BYTES = 2 * 1024 * 1024


def builtin_pack_dir() -> Path:
    """The built-in packs: inside the installed package, or the source tree's rules/."""
    here = Path(__file__).resolve().parent
    installed = here / "_rules"
    return installed if installed.is_dir() else here.parent / "rules"


def pack_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())


def load_pack(path: Path, validate: bool = True) -> list[PackRule]:
    """Load one pack file, or raise PackError naming the file and the problem.

    validate: compile every pattern now, so that a broken rule is reported when
    its pack loads, selected or not. Without it patterns compile when a rule
    first checks a document: for the built-in packs, which the tests validate,
    and whose ~40 ms of compiling a one-file run would otherwise pay in full.
    """
    try:
        if path.stat().st_size > MAX_PACK_BYTES:
            raise PackError(f"{path}: pack is larger than {MAX_PACK_BYTES:,} bytes")
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PackError(f"{path}: cannot read pack: {error}") from None
    data = parsed_copy(path, raw)
    if data is None:
        data = parse_yaml(path, raw)
    if not isinstance(data, dict):
        raise PackError(f"{path}: a pack must be a mapping with a 'rules' list")
    for key in data:
        if key not in PACK_KEYS:
            raise PackError(f"{path}: unknown top-level key '{key}'{suggest(str(key), PACK_KEYS)}")
    specs = data.get("rules")
    if not isinstance(specs, list):
        raise PackError(f"{path}: 'rules' must be a list of rules")
    rules: list[PackRule] = []
    for index, spec in enumerate(specs):
        context = PackContext(path, index)
        if not isinstance(spec, dict):
            raise context.error({}, "a rule must be a mapping")
        kind = spec.get("kind")
        if kind not in KINDS:
            raise context.error(spec, f"unknown kind {kind!r}{suggest(str(kind), KINDS)}; "
                                      f"kinds: {', '.join(sorted(KINDS))}")
        rule = kind_class(kind)(spec, context)
        if validate:
            rule.validate()
        rules.append(rule)
    PackScreen.attach(rules)
    return rules


def parse_yaml(path: Path, raw: str) -> Any:
    import yaml

    try:
        return yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise PackError(f"{path}: not valid YAML{where}: {problem}") from None


def parsed_copy_path(path: Path) -> Path:
    return path.parent / "parsed" / f"{path.stem}.json"


def source_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def parsed_copy(path: Path, raw: str) -> Any:
    """The pack's parsed copy, if it has one made from exactly this text; else None."""
    try:
        copy = json.loads(parsed_copy_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(copy, dict) or copy.get("source-sha256") != source_digest(raw):
        return None
    return copy.get("pack")


def kind_class(kind: str) -> Any:
    module_name, _, class_name = KINDS[kind].partition(":")
    return getattr(importlib.import_module(module_name), class_name)
