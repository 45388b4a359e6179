"""The plain front-matter reader gives what PyYAML gives, or declines."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.front_matter import simple_mapping


def test_plain_lines_are_read_as_pyyaml_reads_them() -> None:
    source = 'title: "Managing stress: what helps"\ndescription: Steps, and support.\ntags: [stress, work]\n' \
             "# a comment\nslug: 'stress-at-work'\nurl: https://example.org/a#b\n"
    assert simple_mapping(source) == yaml.safe_load(source) == {
        "title": "Managing stress: what helps", "description": "Steps, and support.", "tags": ["stress", "work"],
        "slug": "stress-at-work", "url": "https://example.org/a#b"}


def test_anything_else_is_left_to_pyyaml() -> None:
    for source in ("date: 2024-05-01\n", "draft: yes\n", "count: 3\n", "title:\n  nested: 1\n",
                   "title: Two\n  lines\n", 'title: "a \\" quote"\n', "title: a # comment\n", "on: 1\n",
                   "title: x\ntitle: y\n", "- a list\n", "tags: [a, [b]]\n", "title: &anchor x\n", "empty:\n",
                   "# only a comment\n", "title: ~\n", "ratio: .5\n", "title: 'it''s'\n", "title: a\tb\n"):
        assert simple_mapping(source) is None, source


KEYS = st.sampled_from(["title", "tags", "date", "on", "Yes", "a_b", "x-y", "title"])
SCALARS = st.sampled_from(["Stress", "stress at work", "2024-05-01", "12", "-3", "yes", "No", "null", "~", ".5",
                           "a: b", "a #b", "a#b", "http://x.org/p?q=1", "[a, b]", "[]", "[a, [b]]", "[a, 'b']",
                           '"quoted: yes"', "'single'", "'it''s'", '"esc\\n"', "&a x", "*a", "!tag x", "|", ">",
                           "@at", "`tick`", "%p", "x:", "é ü", "a\u00a0b", "", " spaced ", "{a: 1}", "-dash", "?q"])
LINES = st.one_of(
    st.tuples(KEYS, SCALARS).map(lambda pair: f"{pair[0]}: {pair[1]}"),
    st.sampled_from(["# comment", "", "  indented: 1", "- item", "key:value", "title:", "---"]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, max_size=6), st.sampled_from(["\n", "\r\n"]))
def test_what_the_plain_reader_returns_is_what_pyyaml_returns(lines: list[str], newline: str) -> None:
    source = newline.join(lines) + newline
    simple = simple_mapping(source)
    if simple is not None:
        assert simple == yaml.safe_load(source)


def test_a_title_read_without_pyyaml_is_the_document_title() -> None:
    from contentlint.markdown import parse_markdown

    document = parse_markdown('---\ntitle: "Feeling low"\ntags: [mood]\n---\n\n# Another\n')
    assert document.front_matter == {"title": "Feeling low", "tags": ["mood"]}
    assert document.title == "Feeling low"
