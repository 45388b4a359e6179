"""Reporters turn a Report into text for people or machines.

Each module has ``render(report, rules, color) -> str``; ``rules`` maps codes
to Rule objects, for formats that describe the rules (SARIF).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from contentlint.rule import Rule
    from contentlint.runner import Report

FORMATS = {
    "text": "contentlint.reporters.text",
    "json": "contentlint.reporters.json_format",
    "github": "contentlint.reporters.github",
    "sarif": "contentlint.reporters.sarif",
    "gitlab": "contentlint.reporters.gitlab",
    "junit": "contentlint.reporters.junit",
}


def render(name: str, report: Report, rules: Mapping[str, Rule], color: bool = False, **options: object) -> str:
    module = importlib.import_module(FORMATS[name])
    return module.render(report, rules, color=color, **options)
