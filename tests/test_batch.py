"""Linting documents as a batch (each rule over every document in turn) gives
exactly what linting them one at a time gives.

The engine runs rules rule by rule over a batch for speed (engine.run_rules);
the runner reads BATCH files, then lints them together in groups of the same
settings (Linter.lint_paths). Nothing a document reports may depend on which
other documents share its batch, or on where it sits in it.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentlint.config import Config
from contentlint.engine import DocumentResult, Overrides, build_selection, lint_document, lint_documents
from contentlint.markdown import parse_markdown
from contentlint.registry import Registry
from contentlint.rule import Rule
from contentlint.runner import BATCH, Linter
from contentlint.violation import Severity, Violation

SETTINGS = settings(max_examples=int(os.environ.get("CONTENTLINT_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Pieces that make the families speak: claims, repetition, long sentences,
# crisis topics, scraped furniture, suppression comments (used and unused).
PIECES = [
    "Studies show that turmeric cures anxiety and depression in weeks.",
    "This supplement reverses type 2 diabetes.",
    "You must stop taking your medication now.",
    "Talk to your doctor before you change your treatment.",
    "If you are thinking about suicide, you are not alone.",
    "Call or text 988 to reach the Suicide and Crisis Lifeline.",
    "Share this on Facebook",
    "Click here to subscribe to our newsletter!",
    "Regular exercise can help some people sleep better.",
    "Regular exercise can help some people sleep better.",
    "The the clinic opens at nine.",
    "According to Smith et al. (2021), sleep matters.",
    "<!-- contentlint: disable-next-line HC102 -->",
    "<!-- contentlint: disable-next-line RP101 -->",
    "Notwithstanding the aforementioned multidimensional considerations, the implementation of "
    "comprehensive interdisciplinary interventions necessitates substantial organizational "
    "commitment, extraordinary coordination, and considerable institutional responsibility.",
    "# Anxiety and sleep",
    "## What the research says",
    "- Eat well\n- Sleep well\n- Eat well",
]

articles = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("\n\n".join)


def same(result: DocumentResult, other: DocumentResult) -> bool:
    return (result.findings, result.errors, result.directives, result.summaries) == (
        other.findings, other.errors, other.directives, other.summaries)


@SETTINGS
@given(st.lists(articles, min_size=1, max_size=6))
def test_a_batch_reports_what_each_document_reports_alone(texts: list[str]) -> None:
    selection = build_selection(Config(), Overrides(extend_select=("CL",)))
    alone = [lint_document(parse_markdown(text, f"{index}.md"), selection) for index, text in enumerate(texts)]
    together = lint_documents([parse_markdown(text, f"{index}.md") for index, text in enumerate(texts)], selection)
    assert all(same(a, b) for a, b in zip(alone, together, strict=True))


class Fragile(Rule):
    """Fails on any document that mentions "boom"; reports each "x" otherwise."""

    code = "ZZ901"
    name = "fragile"
    severity = Severity.WARNING

    def check(self, document, options):
        if "boom" in document.text:
            raise ValueError("boom")
        return [Violation(i, i + 1, "an x") for i, c in enumerate(document.text) if c == "x"]


class Steady(Rule):
    """Reports each "y": runs after Fragile, on every document of the batch."""

    code = "ZZ902"
    name = "steady"
    severity = Severity.WARNING

    def check(self, document, options):
        return [Violation(i, i + 1, "a y") for i, c in enumerate(document.text) if c == "y"]


def test_a_rule_failing_on_one_document_of_a_batch_costs_only_that_documents_findings_of_it() -> None:
    registry = Registry()
    registry.add(Fragile())
    registry.add(Steady())
    selection = build_selection(Config(), Overrides(), registry)
    texts = ["x y\n", "boom x y\n", "y x\n"]
    results = lint_documents([parse_markdown(text, f"{n}.md") for n, text in enumerate(texts)], selection)
    assert [[(f.code, f.column) for f in r.findings] for r in results] == [
        [("ZZ901", 1), ("ZZ902", 3)],
        [("ZZ902", 8)],  # Fragile failed here; Steady still ran
        [("ZZ902", 1), ("ZZ901", 3)],
    ]
    assert results[0].errors == results[2].errors == []
    assert len(results[1].errors) == 1
    assert results[1].errors[0].startswith("1.md: internal error in rule ZZ901 (fragile): ValueError: boom")


def test_lint_paths_over_several_batches_keeps_the_files_order_and_each_files_outcome(tmp_path: Path) -> None:
    """More files than a batch, with an unreadable file, an undecodable one and two
    groups of settings (per-file-ignores) interleaved: each outcome is the file's own."""
    (tmp_path / ".contentlint.toml").write_text('[per-file-ignores]\n"b*.md" = ["RP101", "HC"]\n')
    names = []
    for index in range(BATCH + 7):
        name = f"{'ab'[index % 2]}{index:03}.md"
        names.append(name)
        body = f"The the claim {index}. Studies show that turmeric cures anxiety.\n"
        (tmp_path / name).write_text(body, encoding="utf-8")
    (tmp_path / names[3]).write_bytes(b"\x00\xff\xfe binary")
    (tmp_path / names[10]).unlink()  # named, but gone by the time it is read
    paths = [tmp_path / name for name in names]

    linter = Linter(cwd=tmp_path)
    together = linter.lint_paths(paths)
    one_by_one = [Linter(cwd=tmp_path).lint_path(path) for path in paths]

    assert [o.path for o in together] == [o.path for o in one_by_one] == names
    for batched, alone in zip(together, one_by_one):
        assert (batched.findings, batched.errors, batched.checked) == (alone.findings, alone.errors, alone.checked)
    assert together[3].errors and not together[3].checked
    assert together[10].errors and not together[10].checked
    codes = {o.path: {f.code for f in o.findings} for o in together if o.checked}
    assert codes["a000.md"] >= {"RP101", "HC103"}
    assert "RP101" not in codes["b001.md"] and not any(c.startswith("HC") for c in codes["b001.md"])

