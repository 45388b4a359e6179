"""One JSON array; each element has the keys DESIGN.md fixes (path, line,
column, end_line, end_column, code, name, severity, message) and `fix`
when the rule offers one."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def render(report: Any, rules: Mapping[str, Any], **_: object) -> str:
    return json.dumps([finding.as_dict() for finding in report.findings], indent=2, ensure_ascii=False) + "\n"
