"""Rule packs compile lazily and screen each document with one search; neither may change a finding."""

from __future__ import annotations

import copy
import functools
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint import lint_text
from contentlint.kinds import PackError, PackRule
from contentlint.kinds.existence import Existence, balanced
from contentlint.markdown import parse_markdown
from contentlint.packs import builtin_pack_dir, load_pack, pack_files, parsed_copy_path, source_digest
from contentlint.patterns import WHITE_SPACE, compile_pattern, has_anchors, relaxed
from contentlint.plaintext import parse_text
from contentlint.registry import build_registry

BUILTIN_RULES = [rule for path in pack_files(builtin_pack_dir()) for rule in load_pack(path, validate=False)]


def test_every_builtin_pack_rule_compiles() -> None:
    # The built-in packs are not compiled when they load (a one-file run would pay
    # for every pattern): this is where a broken built-in pattern is caught.
    for path in pack_files(builtin_pack_dir()):
        assert load_pack(path)  # validate=True compiles everything
    for rule in BUILTIN_RULES:
        rule.validate()
        if isinstance(rule, Existence):
            assert rule.screen is not None, rule.code  # every built-in existence rule can be screened


def test_builtin_pack_rules_compile_on_first_check_only_what_they_need() -> None:
    [rule] = [rule for rule in load_pack(builtin_pack_dir() / "structure.yml", validate=False) if rule.code == "ST101"]
    assert isinstance(rule, Existence) and rule._parts == [None] * len(rule.sources)
    assert list(rule.check(parse_markdown("Sleep well. Read more below.\n", "a.md"), {})) == []
    assert rule._parts == [None] * len(rule.sources)  # screened out: the exact patterns were not needed
    found = list(rule.check(parse_markdown("Sleep well.\n\nRead more\n", "a.md"), {}))
    assert [(v.start, v.end) for v in found] == [(13, 22)]
    # Only the part that matched "Read more" (the word list, first) is compiled, not the slow breadcrumbs.
    assert [part is not None for part in rule._parts] == [True] + [False] * (len(rule.sources) - 1)


def user_pack(folder: Path, rules: str) -> Path:
    (folder / "packs").mkdir(exist_ok=True)
    path = folder / "packs" / "mine.yml"
    path.write_text("rules:\n" + rules, encoding="utf-8")
    return path


def test_a_user_pack_is_validated_when_it_loads_even_if_the_broken_rule_is_not_selected(tmp_path: Path) -> None:
    path = user_pack(tmp_path, "  - {code: US201, name: fine, kind: existence, patterns: ['fine']}\n"
                               "  - {code: US202, name: broken, kind: existence, patterns: ['a(?=b)']}\n")
    registry = build_registry([tmp_path / "packs"], plugins=False)
    assert registry.errors == [f"{path}: rule US202: invalid pattern 'a(?=b)': invalid perl operator: (?= "
                               "(look-around and back-references are not supported: patterns run on RE2)"]


def test_a_pack_loaded_without_validation_reports_a_broken_pattern_when_the_rule_first_runs(tmp_path: Path) -> None:
    path = user_pack(tmp_path, "  - {code: US203, name: broken, kind: existence, scope: line, anchor: whole,\n"
                               "     patterns: ['a(?=b)', 'c']}\n")
    [rule] = load_pack(path, validate=False)
    document = parse_markdown("c\n", "a.md")
    with pytest.raises(PackError, match=r"mine\.yml: rule US203: invalid pattern 'a\(\?=b\)'"):
        list(rule.check(document, {}))


def test_a_trailing_backslash_cannot_hide_in_a_combined_pattern(tmp_path: Path) -> None:
    # "(?:a\)|(?:(?:b))" compiles, but "a\" alone does not: the part must be reported.
    assert not balanced("a\\") and balanced("a\\\\") and balanced("(?:b)")
    path = user_pack(tmp_path, "  - {code: US204, name: odd, kind: existence, scope: line, anchor: whole,\n"
                               "     patterns: ['a\\', '(?:b)']}\n")
    with pytest.raises(PackError, match=r"rule US204: invalid pattern 'a\\\\'"):
        load_pack(path)


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"[^»›\n]{1,50}(?:\s*[»›]\s*[^»›\n]{1,50}){2,6}", r"[^»›\n]{1,}(?:\s*[»›]\s*[^»›\n]{1,}){2,}"),
    (r"a{0,3}?b{2}c{2,}", r"a{0,}?b{2}c{2,}"),
    (r"\{1,2}[{1,2}]\Q{1,2}\E\x{85}{1,3}\pL{1,2}\p{Greek}{3,4}", r"\{1,2}[{1,2}]\Q{1,2}\E\x{85}{1,}\pL{1,}\p{Greek}{3,}"),
    (r"[]{1,2}]{1,2}[^]a]{3,4}[[:alpha:]]{1,2}", r"[]{1,2}]{1,}[^]a]{3,}[[:alpha:]]{1,}"),
    (r"(?P<name>a){1,2}(?i:b){1,2}x{,2}", r"(?P<name>a){1,}(?i:b){1,}x{,2}"),
])
def test_relaxed_makes_bounded_repeats_unbounded_and_nothing_else(pattern: str, expected: str) -> None:
    assert relaxed(pattern) == expected
    compile_pattern(expected)


@pytest.mark.parametrize(("pattern", "anchored"), [
    ("^a", True), ("a$", True), (r"\Aa", True), (r"a\z", True), ("(?m)a", True), ("(?i-m:a)", True),
    ("[^a]", False), (r"\^a\$", False), ("[$^]", False), ("(?P<m>a)", False), ("(?i:a)", False),
    (r"\Q^$\E", False), (r"\bword\b", False),
])
def test_has_anchors(pattern: str, anchored: bool) -> None:
    assert has_anchors(pattern) is anchored


PATTERN_PIECES = ["^", "$", "\\", "A", "z", "(", "?", "<", ">", "P", "m", "i", "-", ":", ")", "[", "]", "{", "}",
                  "1", ",", "a", "Q", "E", "x", "p", "\\A", "\\z", "(?m)", "(?i:", "(?P<m>", "(?<m>", "[^", "\\Q"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PATTERN_PIECES), max_size=10).map("".join))
def test_the_quick_answers_of_relaxed_and_has_anchors_are_the_long_ones(pattern: str) -> None:
    from contentlint.patterns import anchors_among_parts, parts_of

    assert has_anchors(pattern) is anchors_among_parts(pattern)
    assert "".join(text for _, text in parts_of(pattern)) == pattern  # relaxed rebuilds the pattern from its parts
    if "{" not in pattern:
        assert all(kind != "repeat" for kind, _ in parts_of(pattern))


def test_white_space_is_what_str_isspace_trims() -> None:
    matcher = compile_pattern(WHITE_SPACE, ignore_case=False)
    spaces = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    assert all(matcher.fullmatch(char) for char in spaces)
    assert not any(matcher.fullmatch(chr(code)) for code in range(0x3100) if not chr(code).isspace())


# Relaxing a pattern may only ever add matches.
ATOMS = ["a", "b", "ab", "[ab]", "[^b\\n]", "\\s", "\\w", ".", "(?:a|bb)", "\\b"]
REPEATS = ["", "{1,2}", "{0,3}", "{2,3}?", "{2}", "*", "+"]


@st.composite
def bounded_patterns(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(st.sampled_from(ATOMS), st.sampled_from(REPEATS)), min_size=1, max_size=4))
    return "".join(atom + (repeat if atom != "\\b" else "") for atom, repeat in parts)


@settings(max_examples=300, deadline=None)
@given(bounded_patterns(), st.text(alphabet="ab \n", max_size=12))
def test_a_relaxed_pattern_matches_wherever_the_pattern_does(pattern: str, text: str) -> None:
    if compile_pattern(pattern).search(text):
        assert compile_pattern(relaxed(pattern)).search(text)
    if compile_pattern(pattern).fullmatch(text):
        assert compile_pattern(relaxed(pattern)).fullmatch(text)


# Screening is exact: with and without it, every existence and substitution rule
# finds the same things, whatever the markup, white space and line endings.
LINES = [
    "Read more", "Share this:", "Home » Health » Sleep", "Tags: sleep, health", "#sleep #health #rest",
    "© 2023 HealthyDaily. All rights reserved.", "Leave a reply", "By healthy-admin", "Home", "Like",
    "Become a contributor and join our writers team today!", "Your email address will not be published.",
    "As an AI language model, I cannot give advice.", "In this article, we will delve into sleep.",
    "Write a 600-word SEO article about walking", "Meta description: yoga for anxiety", "Call [insert phone number].",
    "TODO", "lorem ipsum dolor sit", "Her brother committed suicide in 2019.", "Sleep well and rest.",
    "Walking after meals helps digestion, and many people join a walking group.", "5 min read", "Share",
]
PREFIXES = ["", "", "- ", "# ", "> ", "1. ", "  ", "\u00a0", "**", "| a | "]
SUFFIXES = ["", "", " ", "\u00a0", "**", " |", "\t"]


@st.composite
def articles(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.tuples(st.sampled_from(PREFIXES), st.sampled_from(LINES), st.sampled_from(SUFFIXES),
                                    st.sampled_from(["\n", "\n\n", "\n", "\r\n", "\r", "\n\n\n"])),
                          min_size=1, max_size=8))
    return "".join(prefix + line + suffix + end for prefix, line, suffix, end in lines)


def findings(rule: PackRule, document: object, screened: bool) -> list[tuple[int, int, str]]:
    if not screened:
        rule = copy.copy(rule)
        rule.could_match = lambda document: True  # type: ignore[method-assign]
    return [(v.start, v.end, v.message) for v in rule.check(document, rule.default_options())]  # type: ignore[arg-type]


SCREENED = [rule for rule in BUILTIN_RULES if hasattr(rule, "could_match")]


@settings(max_examples=150, deadline=None)
@given(articles(), st.sampled_from(["a.md", "a.txt"]))
def test_screening_never_changes_what_a_rule_finds(text: str, name: str) -> None:
    document = parse_markdown(text, name) if name.endswith(".md") else parse_text(text, name)
    for rule in SCREENED:
        assert findings(rule, document, True) == findings(rule, document, False), rule.code


def test_screening_sees_a_line_inside_a_table_cell_or_after_a_lone_cr() -> None:
    # Regions that do not start a line of the text: the screen must still let them through.
    for text in ("| Read more | x |\n|---|---|\n| a | b |\n", "Sleep.\rRead more\rRest.\r", "Sleep.\r\nRead more\r\n"):
        document = parse_markdown(text, "a.md")
        for rule in SCREENED:
            assert findings(rule, document, True) == findings(rule, document, False), (rule.code, text)


# The built-in packs ship parsed (rules/parsed/*.json): a run need not import PyYAML.

def test_the_parsed_copies_of_the_builtin_packs_are_up_to_date() -> None:
    import json

    import yaml

    for pack in pack_files(builtin_pack_dir()):
        raw = pack.read_text(encoding="utf-8")
        copy = json.loads(parsed_copy_path(pack).read_text(encoding="utf-8"))
        assert copy["source-sha256"] == source_digest(raw), f"{pack.name} changed: run python tools/build_packs.py"
        assert copy["pack"] == yaml.safe_load(raw)


PACK = "rules:\n  - {code: US301, name: from-yaml, kind: existence, patterns: ['a']}\n"


def test_a_parsed_copy_is_read_only_when_it_was_made_from_the_packs_exact_text(tmp_path: Path) -> None:
    import json

    path = tmp_path / "mine.yml"
    path.write_text(PACK, encoding="utf-8")
    copy = {"rules": [{"code": "US301", "name": "from-copy", "kind": "existence", "patterns": ["a"]}]}
    parsed_copy_path(path).parent.mkdir()
    parsed_copy_path(path).write_text(json.dumps({"source-sha256": source_digest(PACK), "pack": copy}))
    assert [rule.name for rule in load_pack(path)] == ["from-copy"]
    path.write_text(PACK + "  - {code: US302, name: added, kind: existence, patterns: ['b']}\n", encoding="utf-8")
    assert [rule.name for rule in load_pack(path)] == ["from-yaml", "added"]  # stale copy: the YAML is parsed
    parsed_copy_path(path).write_text("{not json", encoding="utf-8")
    assert [rule.name for rule in load_pack(path)] == ["from-yaml", "added"]


def test_a_one_file_run_imports_no_yaml(tmp_path: Path) -> None:
    import subprocess

    (tmp_path / "a.md").write_text("Sleep well.\n\nRead more\n", encoding="utf-8")
    code = ("import sys; from contentlint.cli import main; code = main(['check', '--no-cache', 'a.md']); "
            "print('yaml' in sys.modules); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1 and "a.md:3:1: ST101" in result.stdout
    assert result.stdout.strip().endswith("False")


def test_a_caveat_packs_incidental_use_patterns_are_validated_on_load_though_compiled_late(tmp_path: Path) -> None:
    path = user_pack(tmp_path, "  - code: US401\n    name: bad-exception\n    kind: caveat\n"
                               "    topics: {x: {tokens: [sleep, '!re:(?<=a)b']}}\n    caveat-tokens: [doctor]\n")
    with pytest.raises(PackError, match=r"rule US401: US401 topic x: invalid pattern '\(\?<=a\)b'"):
        load_pack(path)
    [rule] = load_pack(path, validate=False)
    # Unvalidated, the broken list is only compiled once the topic is mentioned.
    assert list(rule.check(parse_markdown("Wake early.\n", "a.md"), rule.default_options())) == []
    with pytest.raises(Exception, match=r"US401 topic x: invalid pattern"):
        list(rule.check(parse_markdown("# Sleep\n\nSleep well.\n", "a.md"), rule.default_options()))


# The rules of a pack that search the same text are screened together, by one
# RE2 Set (kinds.PackScreen): its answer for each rule must be the rule's own screen's.

def own_screen(rule: PackRule, document: object) -> bool:
    screen = rule.screen  # type: ignore[attr-defined]
    return screen is None or screen.search(rule.screen_text(document)) is not None  # type: ignore[arg-type]


TOGETHER = [rule for rule in BUILTIN_RULES if rule.screen_slot is not None]


def test_the_structure_pack_is_screened_in_two_searches() -> None:
    screens = {rule.code: rule.screen_slot[0] for rule in TOGETHER}  # type: ignore[index]
    blocks = {code for code, screen in screens.items() if screen is screens["ST101"]}
    prose = {code for code, screen in screens.items() if screen is screens["ST302"]}
    assert blocks == {"ST101", "ST102", "ST103", "ST104", "ST105", "ST201", "ST304", "ST305", "ST401"}
    assert prose == {"ST302", "ST303"}
    caveats = {code for code, screen in screens.items() if screen is screens["CV101"]}
    assert caveats == {"CV101", "CV102", "CV103"}  # the caveats pack's rules that screen the prose


@settings(max_examples=150, deadline=None)
@given(articles(), st.sampled_from(["a.md", "a.txt"]))
def test_the_pack_screen_answers_as_each_rules_own_screen_would(text: str, name: str) -> None:
    document = parse_markdown(text, name) if name.endswith(".md") else parse_text(text, name)
    for rule in TOGETHER:
        assert rule.screened_together(document) is own_screen(rule, document), rule.code


MIXED = """\
  - {code: US501, name: loud, kind: existence, ignore-case: false, scope: line, anchor: whole, patterns: ['SLEEP(?i: well)?']}
  - {code: US502, name: quiet, kind: existence, scope: line, anchor: whole, patterns: ['sleep tight', '(?-i:Rest) easy']}
  - {code: US503, name: word, kind: existence, scope: block, patterns: ['\\bnap\\b', 'do(?-i:z)e']}
  - {code: US504, name: swap, kind: substitution, swap: {cat nap: short nap}}
  - {code: US505, name: raw, kind: substitution, ignore-case: false, swap: {Power Nap: nap}}
  - {code: US506, name: text, kind: existence, ignore-case: false, patterns: ['(?i)siesta', 'NAP']}
"""


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["sleep", "SLEEP", "Sleep", " well", " WELL", "sleep tight", "SLEEP TIGHT", "Rest easy",
                                 "rest easy", "nap", "NAP", "naps", "doze", "DOZE", "doZe", "cat nap", "CAT NAP",
                                 "Power Nap", "power nap", "siesta", "SIESTA", " ", "\n", "\n\n", "- ", "é"]),
                max_size=12))
def test_case_sensitive_and_insensitive_rules_share_a_screen_exactly(pieces: list[str]) -> None:
    # A rule's ignore-case goes into the Set as a (?i:...) group, inline flags inside it still apply.
    text = "".join(pieces)
    document = parse_markdown(text, "a.md")
    for rule in MIXED_RULES:
        assert rule.screened_together(document) is own_screen(rule, document), (rule.code, text)


def _mixed_rules() -> list[PackRule]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        rules = load_pack(user_pack(Path(folder), MIXED))
    assert all(rule.screen_slot is not None for rule in rules)
    return rules


MIXED_RULES = _mixed_rules()


def test_a_screen_the_set_refuses_leaves_its_rule_to_itself(tmp_path: Path) -> None:
    path = user_pack(tmp_path, "  - {code: US601, name: good, kind: existence, scope: line, anchor: whole, patterns: ['c']}\n"
                               "  - {code: US602, name: bad, kind: existence, scope: line, anchor: whole,\n"
                               "     patterns: ['a(?=b)', 'c']}\n")
    good, bad = load_pack(path, validate=False)
    document = parse_markdown("c\n", "a.md")
    assert good.screened_together(document) is True
    assert bad.screened_together(document) is None  # not in the Set: it screens alone, and fails as before
    assert [(v.start, v.end) for v in good.check(document, {})] == [(0, 1)]
    with pytest.raises(PackError, match=r"rule US602: invalid pattern 'a\(\?=b\)'"):
        list(bad.check(document, {}))


def test_a_set_search_counts_only_when_it_reached_the_end_of_the_text() -> None:
    import re2

    from contentlint.kinds import finished
    from contentlint.patterns import pattern_options

    screens = re2.Set.SearchSet(pattern_options(ignore_case=False))
    for pattern in ("nap", "(?i:doze)", r"\z"):
        screens.Add(pattern)
    screens.Compile()
    assert finished(screens.Match(b"a nap, a DOZE"), 2) == {0, 1, 2}
    assert finished(screens.Match(b""), 2) == {2}  # nothing matched, and the search finished
    # The binding answers None (or nothing) when RE2 could not finish the search.
    assert finished(None, 2) is None and finished([], 2) is None and finished([0, 1], 2) is None


# anchor: whole tests a region with the loose pattern first and compiles a part only when needed.
compiled = functools.lru_cache(maxsize=None)(compile_pattern)
WHOLE = [rule for rule in BUILTIN_RULES if isinstance(rule, Existence) and rule.anchor == "whole"]
LONG = "word " * 30
REGIONS = LINES + [
    "Home » " + LONG + "» Sleep", "Home » Health » " + LONG, "a » b » c", "Tags: " + LONG, "Tags: sleep. Rest",
    "Read more: " + LONG * 2, "Prompt: " + LONG * 3, "Title: " + LONG * 2, "5 min read · " + LONG, "Word count: 600",
    "Meta description: " + LONG * 3, "#sleep " * 3, "By " + LONG, "Posted on May 3, 2023", "Share » » »",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(REGIONS), min_size=1, max_size=3), st.sampled_from([" ", "\n", ""]))
def test_a_whole_region_is_filled_as_by_the_parts_themselves(pieces: list[str], joint: str) -> None:
    region = joint.join(pieces)
    for rule in WHOLE:
        exact = any(compiled(source, rule.ignore_case).fullmatch(region) for source in rule.sources)
        assert rule.fills(region) is exact, (rule.code, region)
