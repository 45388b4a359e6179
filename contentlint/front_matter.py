"""Front matter in its plainest form, read without PyYAML.

Most article front matter is a list of ``key: value`` lines::

    title: "Managing stress at work"
    date: 2024-05-01
    tags: [stress, work]

Importing PyYAML costs a one-file run 15-20 ms, more than parsing the file.
``simple_mapping`` reads exactly that plain form and gives what
``yaml.safe_load`` gives; anything else — nesting, multi-line values,
anchors, escapes, values YAML would read as a number, date, boolean or null —
makes it return None, and the caller parses with PyYAML as before. It never
guesses: when in doubt, it declines.
"""

from __future__ import annotations

import re
from typing import Any

_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?")
# Plain (unquoted) values YAML 1.1 would resolve to something other than a string,
# or that start with an indicator: left to PyYAML.
_NOT_A_PLAIN_STRING = re.compile(r"[-+]?[0-9.]|[-?:,\[\]{}#&*!|>'\"%@`~=<]")
# y and n are not booleans for PyYAML, but declining them costs nothing.
_SPECIAL_WORDS = frozenset("yes no true false on off null y n".split())
# Characters YAML treats as line breaks or forbids, and tabs: left to PyYAML.
_AWKWARD = re.compile(r"[\x00-\x08\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_DECLINE = object()  # what a value reader returns for a value it leaves to PyYAML


def simple_mapping(source: str) -> dict[str, Any] | None:
    """The front matter as a dict when it is plain `key: value` lines, else None."""
    if _AWKWARD.search(source):
        return None
    found: dict[str, Any] = {}
    for line in source.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        if line.startswith("#"):
            continue
        match = _KEY_LINE.fullmatch(line.rstrip(" "))
        if match is None:
            return None
        key, raw = match.group(1), match.group(2)
        if key in found or key.lower() in _SPECIAL_WORDS:
            return None
        value = _value(raw.strip(" ") if raw is not None else "")
        if value is _DECLINE:
            return None
        found[key] = value
    return found or None  # nothing but comments: PyYAML says None, not {}



def _value(raw: str) -> Any:
    if raw == "":
        return _DECLINE  # null, or a nested block on the next lines
    if raw[0] == '"':
        inner = raw[1:-1]
        if len(raw) >= 2 and raw[-1] == '"' and '"' not in inner and "\\" not in inner:
            return inner
        return _DECLINE
    if raw[0] == "'":
        inner = raw[1:-1]
        if len(raw) >= 2 and raw[-1] == "'" and "'" not in inner:
            return inner
        return _DECLINE
    if raw[0] == "[" and raw[-1] == "]":
        return _flow_list(raw[1:-1])
    return _plain(raw)


def _flow_list(inner: str) -> Any:
    if not inner.strip(" "):
        return []
    items = []
    for part in inner.split(","):
        item = _plain(part.strip(" "))
        if item is _DECLINE or "[" in item or "]" in item or "{" in item or "}" in item:
            return _DECLINE
        items.append(item)
    return items


def _plain(raw: str) -> Any:
    if not raw or _NOT_A_PLAIN_STRING.match(raw) or raw.lower() in _SPECIAL_WORDS:
        return _DECLINE
    if ": " in raw or " #" in raw or raw.endswith(":"):
        return _DECLINE
    return raw
