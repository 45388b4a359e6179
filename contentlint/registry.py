"""Every rule a run can use: built-in Python rules, YAML packs, plugins.

Built-in Python rules are the Rule subclasses defined in the modules of
``contentlint.checks`` (a module may also define ``rules()`` returning rule
instances, for rules generated from data). Plugins register with the
entry-point group ``contentlint.rules``: a Rule subclass, an instance, or a
callable returning an iterable of either.
"""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contentlint.kinds import PackError
from contentlint.packs import builtin_pack_dir, load_pack, pack_files
from contentlint.rule import CODE, Rule

ENTRY_POINT_GROUP = "contentlint.rules"


@dataclass
class Registry:
    rules: dict[str, Rule] = field(default_factory=dict)  # by code, in load order
    names: dict[str, str] = field(default_factory=dict)  # name -> code
    errors: list[str] = field(default_factory=list)  # packs or plugins that failed to load

    def add(self, rule: Rule) -> None:
        if rule.code in self.rules:
            other = self.rules[rule.code]
            self.errors.append(f"{rule.origin}: rule code {rule.code} is already defined by {other.origin}")
            return
        if rule.name in self.names:
            self.errors.append(f"{rule.origin}: rule name '{rule.name}' is already used by {self.names[rule.name]}")
            return
        self.rules[rule.code] = rule
        self.names[rule.name] = rule.code

    def resolve(self, selector: str) -> list[str]:
        """Codes matched by a selector: ALL, a family or code prefix, or a rule name."""
        if selector == "ALL":
            return list(self.rules)
        if selector in self.names:
            return [self.names[selector]]
        return [code for code in self.rules if code.startswith(selector)]

    def families(self) -> list[str]:
        return sorted({rule.family for rule in self.rules.values()})


def builtin_rules(errors: list[str]) -> Iterable[Rule]:
    import contentlint.checks as package

    for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue
        name = f"{package.__name__}.{module_info.name}"
        try:
            module = importlib.import_module(name)
            # The module's classes in name order, as inspect.getmembers(module, inspect.isclass) lists them
            # (it asks getattr of every name in dir(module), which costs more).
            found = [value() for _, value in sorted(vars(module).items()) if isinstance(value, type)
                     and issubclass(value, Rule) and value.__module__ == module.__name__ and value.code]
            factory = getattr(module, "rules", None)
            if callable(factory):
                found.extend(factory())
        except Exception as error:  # one broken module must not take the other rules down
            errors.append(f"built-in rule module {name} failed to load: {type(error).__name__}: {error}")
            continue
        yield from found


def plugin_declarations() -> tuple[tuple[str, int], ...]:
    """The installed distributions' entry_points.txt files that declare contentlint rules,
    with their modification times.

    A plain scan of sys.path: importing importlib.metadata and reading every
    distribution's metadata costs more than a one-file run should, and almost
    every run has no plugin at all.
    """
    marker = f"[{ENTRY_POINT_GROUP}]".encode()
    found = []
    for entry in sys.path:
        folder = entry or "."
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            path = os.path.join(folder, name, "entry_points.txt")
            try:
                with open(path, "rb") as stream:
                    if marker in stream.read():
                        found.append((path, os.stat(path).st_mtime_ns))
            except OSError:
                continue
    return tuple(found)


def plugin_rules(errors: list[str]) -> Iterable[Rule]:
    if not plugin_declarations():
        return
    from importlib.metadata import entry_points

    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            rules = list(_as_rules(entry_point.load()))
        except Exception as error:  # a broken plugin must not stop the run
            errors.append(f"plugin {entry_point.name} ({entry_point.value}): {type(error).__name__}: {error}")
            continue
        for rule in rules:
            if rule.origin == Rule.origin:  # the plugin did not say; "built-in" would mislead
                rule.origin = f"plugin {entry_point.name} ({entry_point.value})"
        yield from rules


def _as_rules(value: Any) -> Iterable[Rule]:
    if inspect.isclass(value) and issubclass(value, Rule):
        return [value()]
    if isinstance(value, Rule):
        return [value]
    if callable(value):
        produced = list(value())
        for item in produced:
            if not isinstance(item, Rule):
                raise TypeError(f"expected Rule instances, got {type(item).__name__}")
        return produced
    raise TypeError(f"expected a Rule subclass, instance or factory, got {type(value).__name__}")


def build_registry(extra_pack_dirs: Iterable[Path] = (), plugins: bool = True) -> Registry:
    registry = Registry()
    for rule in builtin_rules(registry.errors):
        registry.add(rule)
    builtin = builtin_pack_dir()
    for folder in [builtin, *extra_pack_dirs]:
        if not folder.is_dir():
            registry.errors.append(f"{folder}: rule-pack folder does not exist")
            continue
        for path in pack_files(folder):
            try:
                # A user's packs are validated as they load; the built-in ones by the tests.
                for rule in load_pack(path, validate=folder != builtin):
                    registry.add(rule)
            except PackError as error:
                registry.errors.append(str(error))
    if plugins:
        for rule in plugin_rules(registry.errors):
            if not CODE.match(rule.code or ""):
                registry.errors.append(f"plugin rule {type(rule).__name__}: invalid code {rule.code!r}")
                continue
            registry.add(rule)
    return registry
