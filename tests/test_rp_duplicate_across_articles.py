"""RP105 duplicate-across-articles: the corpus phase over per-file fingerprints."""

from __future__ import annotations

import json
import pickle
import random
import shutil
import subprocess
import sys
import zlib
from array import array
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint import lint_paths
from contentlint.checks import rp_duplicate_across_articles as rp105_module
from contentlint.checks import _repetition
from contentlint.checks._repetition import BANDS, ROWS, could_match, least_overlap, minhash_bands, shingle_hashes
from contentlint.checks.rp_duplicate_across_articles import DuplicateAcrossArticles, find_duplicates
from contentlint.markdown import parse_markdown

FIXTURES = Path(__file__).parent / "fixtures" / "rp"
CLINIC = ("Our clinic offers free blood pressure checks every Tuesday morning from nine until noon, and no "
          "appointment is needed for adults of any age who live or work in the county.")
VOCABULARY = [f"w{i}" for i in range(5000)]


def rp105(folder: Path, **kwargs):
    report = lint_paths([folder], select=["RP105"], cwd=folder, **kwargs)
    assert report.errors == []
    return report


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def test_fixture_corpus_reports_in_later_files_naming_the_first(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", folder)
    report = rp105(folder)
    found = [(f.path, f.line, f.column, f.end_line, f.end_column, f.message) for f in report.findings]
    assert found == [
        ("b-pharmacy.md", 5, 1, 5, 172, "Paragraph is the same as the one at a-clinic.md:3; 3 files share it"),
        ("c-events.md", 3, 1, 3, 173, "Paragraph is 81% like the one at a-clinic.md:3; 3 files share it"),
    ]
    assert report.exit_code == 1


def test_order_is_path_order_not_discovery_order(tmp_path: Path) -> None:
    write(tmp_path, {"z/first.md": f"# Z\n\n{CLINIC}\n", "a/second.md": f"Intro line.\n\n{CLINIC}\n"})
    findings = rp105(tmp_path).findings
    assert [(f.path, f.line, f.message) for f in findings] == [
        ("z/first.md", 3, "Paragraph is the same as the one at a/second.md:3")
    ]


@pytest.mark.parametrize(
    "second",
    [
        f"# Heading\n\n- {CLINIC}\n",  # a list item
        f"> {CLINIC}\n",  # a quotation
        f"| {CLINIC} |\n| --- |\n",  # a table
        f"# {CLINIC}\n",  # a heading
        f"```\n{CLINIC}\n```\n",  # code
        "Flu shots are available at the pharmacy counter on weekdays, and the pharmacist can tell you whether "
        "this year's vaccine is right for you or for the children in your care.\n",
    ],
)
def test_quiet_on_structure_code_and_different_text(tmp_path: Path, second: str) -> None:
    write(tmp_path, {"a.md": f"{CLINIC}\n", "b.md": second})
    assert rp105(tmp_path).findings == []


def test_repeats_within_one_file_are_left_to_rp102_and_rp103(tmp_path: Path) -> None:
    write(tmp_path, {"a.md": f"{CLINIC}\n\nSee you soon.\n\n{CLINIC}\n", "b.md": "Something else entirely.\n"})
    assert rp105(tmp_path).findings == []


def test_short_paragraphs_are_skipped(tmp_path: Path) -> None:
    short = "Call the clinic on weekdays between nine and five to book your appointment with a nurse."
    write(tmp_path, {"a.md": f"{short}\n", "b.md": f"{short}\n"})
    assert rp105(tmp_path).findings == []


def config(folder: Path, table: str) -> None:
    (folder / ".contentlint.toml").write_text(f"[rules.RP105]\n{table}\n", encoding="utf-8")


def test_allow_phrase_max_files_and_min_words_options(tmp_path: Path) -> None:
    write(tmp_path, {"a.md": f"{CLINIC}\n", "b.md": f"{CLINIC}\n", "c.md": f"{CLINIC}\n"})
    assert len(rp105(tmp_path).findings) == 2
    config(tmp_path, 'allow = ["no appointment is NEEDED"]')
    assert rp105(tmp_path).findings == []
    config(tmp_path, "max-files = 2")
    assert rp105(tmp_path).findings == []
    config(tmp_path, "max-files = 3")
    assert len(rp105(tmp_path).findings) == 2
    config(tmp_path, "min-words = 40")
    assert rp105(tmp_path).findings == []


def test_suppression_comment_in_the_later_file(tmp_path: Path) -> None:
    write(tmp_path, {"a.md": f"{CLINIC}\n", "b.md": f"<!-- contentlint-disable-next-line RP105 -->\n{CLINIC}\n"})
    assert rp105(tmp_path).findings == []


def test_per_file_ignores_excludes_shared_boilerplate(tmp_path: Path) -> None:
    write(tmp_path, {"news/a.md": f"{CLINIC}\n", "events/b.md": f"{CLINIC}\n", "events/c.md": f"{CLINIC}\n"})
    (tmp_path / ".contentlint.toml").write_text('[per-file-ignores]\n"events/**" = ["RP105"]\n', encoding="utf-8")
    assert rp105(tmp_path).findings == []


def test_summary_is_small_picklable_and_holds_no_text() -> None:
    document = parse_markdown(f"# Title\n\n{CLINIC}\n\nShort one.\n", "a.md")
    rule = DuplicateAcrossArticles()
    summary = rule.summarize(document, rule.default_options())
    data = pickle.dumps(summary)
    assert pickle.loads(data) == summary
    assert len(summary) == 1 and summary[0][:4] == (3, 1, 3, 172)
    assert b"clinic" not in data and len(data) < 400


def test_single_file_needs_no_corpus_phase() -> None:
    document = parse_markdown(f"{CLINIC}\n", "a.md")
    rule = DuplicateAcrossArticles()
    summaries = [("a.md", rule.summarize(document, rule.default_options()))]
    assert list(rule.check_corpus(summaries, rule.default_options())) == []


def summaries_of(texts: dict[str, str]) -> list:
    rule = DuplicateAcrossArticles()
    options = rule.default_options()
    return sorted((path, rule.summarize(parse_markdown(text, path), options)) for path, text in texts.items())


def test_boilerplate_in_thousands_of_files_is_one_group() -> None:
    rng = random.Random(5)
    texts = {}
    for n in range(3000):
        own = " ".join(rng.sample(VOCABULARY, 40))
        texts[f"doc{n:05}.md"] = f"{own}.\n\n{CLINIC}\n"
    matches = find_duplicates(summaries_of(texts), 0.7)
    assert len(matches) == 2999
    assert {m.earlier_path for m in matches} == {"doc00000.md"}
    assert {m.group for m in matches} == {matches[0].group} and matches[0].files == 3000


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 12), st.integers(0, 10_000), st.data())
def test_a_copied_paragraph_is_found_once_in_the_later_file(count: int, seed: int, data) -> None:
    rng = random.Random(seed)
    texts = {f"f{n:02}.md": " ".join(rng.sample(VOCABULARY, 35)) + ".\n" for n in range(count)}
    names = sorted(texts)
    assert find_duplicates(summaries_of(texts), 0.7) == []
    source, target = sorted(data.draw(st.lists(st.sampled_from(names), min_size=2, max_size=2, unique=True)))
    texts[target] = texts[target] + "\n" + texts[source]
    matches = find_duplicates(summaries_of(texts), 0.7)
    assert [(m.path, m.earlier_path, m.entry[0], m.earlier[0]) for m in matches] == [(target, source, 3, 1)]


def test_cli_json_output(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "corpus", tmp_path / "corpus")
    result = subprocess.run([sys.executable, "-m", "contentlint", "check", "--select", "RP105", "--format", "json",
                             "corpus"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["path"], r["line"], r["column"], r["code"], r["name"], r["severity"]) for r in rows] == [
        ("corpus/b-pharmacy.md", 5, 1, "RP105", "duplicate-across-articles", "warning"),
        ("corpus/c-events.md", 3, 1, "RP105", "duplicate-across-articles", "warning"),
    ]


def entry_of(words: list[str], line: int) -> tuple:
    """A summary entry as summarize() makes it, for a paragraph of these words."""
    joined = " ".join(words)
    return (line, 1, line, len(joined) + 1, zlib.crc32(joined.encode()) << 32 | len(joined), shingle_hashes(words))


# Paragraphs from a small vocabulary, so that shared and near-identical ones are common.
paragraph_words = st.lists(st.sampled_from("abcdef"), min_size=3, max_size=10)
corpora = st.lists(st.lists(paragraph_words, max_size=4), min_size=2, max_size=6)


@settings(max_examples=150, deadline=None)
@given(corpora, st.sampled_from([0.2, 0.5, 0.7, 0.9, 1.0, 1.5]))
def test_could_match_keeps_every_paragraph_with_a_similar_one(corpus, threshold) -> None:
    packed = [shingle_hashes(words) for doc in corpus for words in doc]
    sets = [frozenset(array("I", item)) for item in packed]
    kept = could_match(packed, threshold)
    for one, first in enumerate(sets):
        repeated = sum(any(hash_ in other for k, other in enumerate(sets) if k != one) for hash_ in first)
        assert kept[one] == (repeated >= least_overlap(len(first), threshold))
        for two, second in enumerate(sets):
            shared = len(first & second)
            if one != two and (shared / (len(first) + len(second) - shared) >= threshold or first == second):
                assert kept[one] and kept[two]


@settings(max_examples=150, deadline=None)
@given(corpora, st.sampled_from([0.2, 0.5, 0.7, 0.9, 1.0]))
def test_skipping_the_paragraphs_could_match_rules_out_changes_nothing(corpus, threshold) -> None:
    summaries = [(f"f{n}.md", tuple(entry_of(words, line) for line, words in enumerate(doc, 1)))
                 for n, doc in enumerate(corpus)]
    fast = find_duplicates(summaries, threshold)
    with mock.patch.object(rp105_module, "could_match", lambda packed, _: [True] * len(packed)):
        every = find_duplicates(summaries, threshold)

    def seen(matches: list) -> list:
        return [(m.path, m.entry, m.earlier_path, m.earlier, m.similarity, m.files) for m in matches]

    assert seen(fast) == seen(every)


def reference_bands(packed: list[bytes]) -> list[list[int]]:
    """minhash_bands as first written: one numpy step, the shift before the minimum."""
    import numpy as np

    generator = np.random.default_rng(20240517)
    multipliers = generator.integers(1, 2**63, size=BANDS * ROWS, dtype=np.uint64) | np.uint64(1)
    offsets = generator.integers(0, 2**63, size=BANDS * ROWS, dtype=np.uint64)
    mixers = generator.integers(1, 2**63, size=ROWS, dtype=np.uint64) | np.uint64(1)
    values = np.frombuffer(b"".join(packed), dtype=np.uint32).astype(np.uint64)
    lengths = np.array([len(item) // 4 for item in packed], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    with np.errstate(over="ignore"):
        hashed = (values[None, :] * multipliers[:, None] + offsets[:, None]) >> np.uint64(32)
        rows = np.minimum.reduceat(hashed, starts, axis=1).reshape(BANDS, ROWS, -1)
        return (rows * mixers[None, :, None]).sum(axis=1, dtype=np.uint64).T.tolist()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.frozensets(st.integers(0, 2**32 - 1), min_size=1, max_size=30), min_size=1, max_size=12),
       st.sampled_from([1, 7, 40, 4096]))
def test_band_keys_do_not_depend_on_the_step_size(sets, chunk) -> None:
    packed = [array("I", sorted(hashes)).tobytes() for hashes in sets]
    with mock.patch.object(_repetition, "_CHUNK", chunk):
        assert minhash_bands(packed) == reference_bands(packed)
