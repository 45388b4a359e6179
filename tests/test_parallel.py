"""How a parallel run shares out its files, and its corpus phase done while the
workers lint (the output itself is compared with a serial run's in test_gate_cache.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contentlint.engine import Overrides
from contentlint.registry import Registry
from contentlint.rule import CorpusCheck, CorpusRule, CorpusViolation
from contentlint.runner import MAX_CHUNK, MIN_CHUNK, Linter, RunOptions, chunked

from conftest import write


@given(st.integers(0, 5000), st.integers(1, 8))
def test_chunks_cover_the_files_in_order(count: int, jobs: int) -> None:
    files = list(range(count))
    chunks = chunked(files, jobs)  # type: ignore[arg-type]
    assert [item for chunk in chunks for item in chunk] == files
    sizes = [len(chunk) for chunk in chunks]
    assert all(MIN_CHUNK <= size <= MAX_CHUNK for size in sizes[:-1])
    assert all(1 <= size <= MAX_CHUNK for size in sizes[-1:])
    assert sizes == sorted(sizes, reverse=True)  # never a larger chunk after a smaller one


def test_chunks_shrink_toward_the_end() -> None:
    sizes = [len(chunk) for chunk in chunked(list(range(4061)), 2)]  # type: ignore[arg-type]
    assert sizes[0] == MAX_CHUNK and sizes[-9:] == [MIN_CHUNK] * 9
    assert sizes[-12:-9] == [6, 5, 5]  # a quarter of a worker's share of what is left
    assert len(sizes) == 85


# -- the corpus phase fed while the workers lint -----------------------------------------------


class SameFirstLine(CorpusRule):
    """A test corpus rule: a document whose first line is an earlier document's."""

    code = "ZZ950"
    name = "same-first-line"

    def summarize(self, document, options):
        return document.text.split("\n", 1)[0]

    def check_corpus(self, summaries, options):
        first: dict[str, str] = {}
        for path, line in summaries:
            if line in first:
                yield CorpusViolation(path, 1, 1, 1, 2, f"first line as in {first[line]}")
            first.setdefault(line, path)


class Recording(CorpusCheck):
    """Keeps the parts it is given (the feed runs in the parent: this process)."""

    parts: list[list[tuple[str, str]]] = []

    def add(self, summaries):
        Recording.parts.append(list(summaries))
        super().add(summaries)


class StreamingSameFirstLine(SameFirstLine):
    code = "ZZ951"
    name = "streaming-same-first-line"

    def corpus_check(self, options):
        return Recording(self, options)


class Failing(CorpusCheck):
    def add(self, summaries):
        raise ValueError("boom")


class FailingSameFirstLine(SameFirstLine):
    code = "ZZ952"
    name = "failing-same-first-line"

    def corpus_check(self, options):
        return Failing(self, options)


@pytest.fixture
def corpus_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    import contentlint.runner as runner

    registry = Registry()
    for rule in (SameFirstLine(), StreamingSameFirstLine(), FailingSameFirstLine()):
        registry.add(rule)
    monkeypatch.setattr(runner, "cached_registry", lambda packs: registry)
    Recording.parts = []


def articles(folder, count: int) -> None:
    for index in range(count):  # names whose path order is not the walk's order ("a-b" before "a/")
        name = f"a/{index}.md" if index % 3 else f"a-b/{index}.md"
        write(folder / name, f"Heading {index % 7}\n\nBody {index}.\n")


def lint(jobs: int, paths: list[str], stdin: str | None = None):
    linter = Linter(Overrides(select=("ZZ",)), options=RunOptions(jobs=jobs))
    return linter.run(paths, stdin_text=stdin, stdin_filename="b.md" if stdin else None)


def spots(report) -> list[tuple[str, str, str]]:
    return [(f.path, f.code, f.message) for f in report.findings]


def test_a_parallel_run_feeds_corpus_rules_in_path_order_as_results_come(corpus_rules, isolated_dir) -> None:
    articles(isolated_dir, 80)
    parallel = lint(2, ["."])
    parts = Recording.parts
    assert len(parts) > 1  # fed a part at a time, not once at the end
    fed = [item for part in parts for item in part]
    assert fed == sorted(fed) and len(fed) == 80  # every document once, in path order
    Recording.parts = []
    serial = lint(1, ["."])
    assert len(Recording.parts) == 1 and Recording.parts[0] == fed  # a serial run: all at once, the same
    assert spots(parallel) == spots(serial)
    codes = [code for _path, code, _message in spots(serial)]
    assert codes.count("ZZ950") == codes.count("ZZ951") == 73  # 80 documents, 7 first lines
    assert parallel.errors == serial.errors == [
        "internal error in rule ZZ952 (failing-same-first-line) across files: ValueError: boom"]


def test_each_configuration_is_fed_its_own_documents(corpus_rules, isolated_dir) -> None:
    articles(isolated_dir / "one", 40)
    articles(isolated_dir / "two", 40)
    write(isolated_dir / "two" / ".contentlint.toml", '[per-file-ignores]\n"*.md" = ["ZZ952"]\n')
    parallel = lint(2, ["one", "two"])
    groups = {tuple(sorted({path.split("/")[0] for path, _ in part})) for part in Recording.parts}
    assert groups == {("one",), ("two",)}  # never a part mixing configurations
    serial = lint(1, ["one", "two"])
    assert spots(parallel) == spots(serial) and parallel.errors == serial.errors
    assert len(parallel.errors) == 1  # the files of "two" ignore the failing rule


def test_standard_input_with_files_is_compared_at_the_end(corpus_rules, isolated_dir) -> None:
    articles(isolated_dir, 40)
    parallel = lint(2, ["."], stdin="Heading 0\n")
    serial = lint(1, ["."], stdin="Heading 0\n")
    assert spots(parallel) == spots(serial)
    assert ("b.md", "ZZ951", "first line as in a-b/0.md") in spots(parallel)  # "b.md" sorts among the files
    assert [len(part) for part in Recording.parts[-2:]] == [41, 41]  # each run compared all 41 at the end
