"""CL: findings about contentlint's own suppression comments.

The engine produces these after suppressions are applied (a rule alone cannot
know which findings a comment silenced); these classes give them a code, a
name and documentation like any rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from contentlint.document import Document
from contentlint.rule import Rule
from contentlint.violation import Severity, Violation


class EngineRule(Rule):
    """A rule whose findings the engine makes; check() finds nothing by itself."""

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterable[Violation]:
        return ()


class UnusedSuppression(EngineRule):
    """A suppression comment that suppresses nothing.

    ## What it does
    Reports a `contentlint-disable…` comment when no finding was suppressed by
    it in this run. Off by default; turn it on with `extend-select = ["CL100"]`.

    ## Why is this bad?
    A stale suppression hides the next real problem on that line without
    anyone noticing. Removing it keeps the article honest.

    ## Silenced by
    Removing the comment, or a finding it suppresses.

    ## Example
    ```markdown
    <!-- contentlint-disable-next-line -->
    Drink water every day.
    ```

    ```markdown
    Drink water every day.
    ```

    ## Fix
    Delete the comment.
    """

    code = "CL100"
    name = "unused-suppression"
    default_on = False


class UnknownSuppressionCode(EngineRule):
    """A suppression comment names a rule that does not exist.

    ## What it does
    Reports a code, prefix or name in a `contentlint-disable…` comment that
    matches no rule.

    ## Why is this bad?
    A typo in a suppression silently suppresses nothing, and the author
    believes the finding has been dealt with.

    ## Silenced by
    Correcting the code.

    ## Example
    ```markdown
    <!-- contentlint-disable-next-line SX401 -->
    Some text.
    ```

    ```markdown
    <!-- contentlint-disable-next-line ST401 -->
    Some text.
    ```
    """

    code = "CL101"
    name = "unknown-suppression-code"
    severity = Severity.WARNING
