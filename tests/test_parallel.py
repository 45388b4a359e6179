"""How a parallel run shares out its files, and its corpus phase over what the
workers linted (the output itself is compared with a serial run's in test_gate_cache.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contentlint.engine import Overrides
from contentlint.registry import Registry
from contentlint.rule import CorpusRule, CorpusViolation
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


# -- the corpus phase after the workers -----------------------------------------------


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


class FailingSameFirstLine(SameFirstLine):
    code = "ZZ952"
    name = "failing-same-first-line"

    def check_corpus(self, summaries, options):
        raise ValueError("boom")


@pytest.fixture
def corpus_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    import contentlint.runner as runner

    registry = Registry()
    for rule in (SameFirstLine(), FailingSameFirstLine()):
        registry.add(rule)
    monkeypatch.setattr(runner, "cached_registry", lambda packs: registry)


def articles(folder, count: int) -> None:
    for index in range(count):  # names whose path order is not the walk's order ("a-b" before "a/")
        name = f"a/{index}.md" if index % 3 else f"a-b/{index}.md"
        write(folder / name, f"Heading {index % 7}\n\nBody {index}.\n")


def lint(jobs: int, paths: list[str], stdin: str | None = None):
    linter = Linter(Overrides(select=("ZZ",)), options=RunOptions(jobs=jobs))
    return linter.run(paths, stdin_text=stdin, stdin_filename="b.md" if stdin else None)


def spots(report) -> list[tuple[str, str, str]]:
    return [(f.path, f.code, f.message) for f in report.findings]


def test_a_parallel_run_compares_every_document_as_a_serial_run_does(corpus_rules, isolated_dir) -> None:
    articles(isolated_dir, 80)
    parallel = lint(2, ["."])
    serial = lint(1, ["."])
    assert spots(parallel) == spots(serial)
    codes = [code for _path, code, _message in spots(serial)]
    assert codes.count("ZZ950") == 73  # 80 documents, 7 first lines
    assert parallel.errors == serial.errors == [
        "internal error in rule ZZ952 (failing-same-first-line) across files: ValueError: boom"]


def test_each_configuration_compares_its_own_documents(corpus_rules, isolated_dir) -> None:
    articles(isolated_dir / "one", 40)
    articles(isolated_dir / "two", 40)
    write(isolated_dir / "two" / ".contentlint.toml", '[per-file-ignores]\n"*.md" = ["ZZ952"]\n')
    parallel = lint(2, ["one", "two"])
    serial = lint(1, ["one", "two"])
    assert spots(parallel) == spots(serial) and parallel.errors == serial.errors
    assert len(parallel.errors) == 1  # the files of "two" ignore the failing rule
    earlier = {message.split(" in ")[1].split("/")[0] for _path, code, message in spots(parallel) if code == "ZZ950"}
    assert earlier == {"one", "two"}
    assert all(path.split("/")[0] == message.split(" in ")[1].split("/")[0]
               for path, code, message in spots(parallel) if code == "ZZ950")  # never across configurations


def test_standard_input_with_files_is_compared_with_them(corpus_rules, isolated_dir) -> None:
    articles(isolated_dir, 40)
    parallel = lint(2, ["."], stdin="Heading 0\n")
    serial = lint(1, ["."], stdin="Heading 0\n")
    assert spots(parallel) == spots(serial)
    assert ("b.md", "ZZ950", "first line as in a-b/0.md") in spots(parallel)  # "b.md" sorts among the files
