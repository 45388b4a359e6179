"""What rules return and what the engine reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `replacement`."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    """Edits that resolve a violation. Only `safe` fixes are applied by --fix."""

    edits: tuple[Edit, ...]
    description: str = ""
    safe: bool = True


@dataclass(frozen=True)
class Violation:
    """A problem a rule found: offsets into Document.text, never line numbers."""

    start: int
    end: int
    message: str
    fix: Fix | None = None


@dataclass(frozen=True)
class Finding:
    """A violation placed in a file, with the rule's code, name and severity."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    start: int = 0
    end: int = 0
    fix: Fix | None = field(default=None, compare=False)
    fingerprint: str = field(default="", compare=False)

    def as_dict(self) -> dict[str, object]:
        """The JSON contract: scripts and CI depend on these keys."""
        data: dict[str, object] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.label,
            "message": self.message,
        }
        if self.fix is not None:
            data["fix"] = {
                "description": self.fix.description,
                "safe": self.fix.safe,
                "edits": [
                    {"start": edit.start, "end": edit.end, "replacement": edit.replacement} for edit in self.fix.edits
                ],
            }
        return data
