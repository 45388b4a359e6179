"""ST101-ST105 and ST201: scraped site chrome, found line by line or paragraph by
paragraph, with a delete-line fix that removes exactly the boilerplate."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint import lint_text
from contentlint.fixes import apply_edits

FIXTURES = Path(__file__).parent / "fixtures" / "st"
BOILERPLATE = ["ST101", "ST102", "ST103", "ST104", "ST105", "ST201"]


def spots(text: str, code: str, filename: str = "article.md") -> list[tuple[int, int, int, int]]:
    return [(f.line, f.column, f.end_line, f.end_column)
            for f in lint_text(text, filename, select=[code]) if f.code == code]


def fixed(text: str, codes: list[str], filename: str = "article.md") -> str:
    return apply_edits(text, lint_text(text, filename, select=codes))[0]


# -- ST101 site-navigation ---------------------------------------------------

@pytest.mark.parametrize("line", [
    "Read more", "Read More »", "Continue reading →", "« Previous post", "Next post", "Next »",
    "Back to top", "Skip to content", "Related posts", "Related posts:", "You may also like",
    "Share this:", "Share this article", "Tags: sleep, health, rest", "Filed under: Wellness",
    "Home » Health » Sleep", "Home > Blog > Sleep", "Health » Mental health » Anxiety",
    "Facebook | Twitter | Pinterest | Email", "Share: Facebook Twitter WhatsApp", "Share on Facebook",
    "Home", "Menu", "Share", "Print", "Like Loading...", "Advertisement", "Sponsored content",
    "5 min read", "Read more: 7 foods that help you sleep", "Also read: Why you wake at 3 a.m.",
])
def test_navigation_alone_on_a_line_is_reported_over_the_whole_line(line: str) -> None:
    text = f"Sleep helps the body repair itself.\n\n{line}\n"
    assert spots(text, "ST101") == [(3, 1, 3, len(line) + 1)]


@pytest.mark.parametrize("text", [
    "Read more about sleep in the NHS guide.\n",
    "Share this article with a friend who sleeps badly.\n",
    "When you get back\nhome\nrest for a while.\n",  # a lower-case word alone on a wrapped line
    "Search\n",  # also the name of a site feature
    "- Facebook\n- Twitter\n",  # a list of platforms is content in a social-media guide
    "- 50 likes\n- 25 shares\n",  # metrics in a list
    "**Related Links:**\n",  # an editor's own section label
    "| Home | Menu |\n| --- | --- |\n| Read more | Share |\n",  # table cells
    "> Home\n",  # a quotation
    "```\nRead more\n```\n",  # code
    "<div>Read more</div>\n",  # raw HTML is not checked
])
def test_navigation_words_in_running_text_tables_quotes_and_code_are_not_reported(text: str) -> None:
    assert spots(text, "ST101") == []


def test_navigation_in_list_items_and_headings_is_reported_after_the_marker() -> None:
    text = "Sleep well.\n\n- Read more\n- Next post\n\n## Related posts\n"
    assert spots(text, "ST101") == [(3, 3, 3, 12), (4, 3, 4, 12), (6, 4, 6, 17)]


def test_navigation_in_a_linked_or_bold_label_is_reported_at_the_words() -> None:
    text = "Sleep well.\n\n**Related posts:**\n\n[Share](https://example.com/share)\n"
    assert spots(text, "ST101") == [(3, 3, 3, 17), (5, 2, 5, 7)]


def test_navigation_fix_deletes_the_lines_and_the_gap_they_leave() -> None:
    # A line standing alone between blank lines takes one blank line with it; the
    # last lines leave no blank line at the end (the final newline stays).
    text = "Home » Health » Sleep\n\n# Better sleep\n\nSleep well.\nShare this:\n\nRead more\n"
    assert fixed(text, ["ST101"]) == "# Better sleep\n\nSleep well.\n"


def test_navigation_fix_keeps_crlf_line_endings() -> None:
    text = "Sleep well.\r\n\r\nBack to top\r\n\r\nRest.\r\n"
    assert spots(text, "ST101") == [(3, 1, 3, 12)]
    assert fixed(text, ["ST101"]) == "Sleep well.\r\n\r\nRest.\r\n"


def test_navigation_inside_front_matter_is_not_prose() -> None:
    text = "---\ntitle: Sleep\ntags: [sleep, rest]\n---\n\nSleep well.\n"
    assert spots(text, "ST101") == []


# -- ST102 join-call ------------------------------------------------------------

@pytest.mark.parametrize("paragraph", [
    "Do you have expertise to share? Become a contributor and join our writers team today!",
    "(Note: Have insights to share? Expand your reach by joining our authors team. Click Register to join us.)",
    "Write for us!",
    "WE WANT YOU",
    "We want you!",
    "Guest posts welcome: send us your guest post about wellness.",
    "Sign up for our newsletter.",
    "Subscribe to our weekly newsletter for more tips like these! Join 50,000 other readers.",
    "Stay informed. Subscribe to our free newsletter.",
    "Join our community of 20,000 readers and never miss a post.",
])
def test_join_calls_are_reported_over_the_whole_paragraph(paragraph: str) -> None:
    text = f"Walking after meals helps digestion.\n\n{paragraph}\n"
    assert spots(text, "ST102") == [(3, 1, 3, len(paragraph) + 1)]


@pytest.mark.parametrize("paragraph", [
    "Many people join a walking group to stay motivated.",
    "Join our community of practice to share ideas with other plain-language writers.",
    "Join a support group near you.",
    "## We're hiring",
    "Many clinics send a free newsletter about sleep; you can sign up for our newsletter at the front desk.",
    # a call in the middle of a long paragraph of content
    "Walking lowers blood pressure and improves mood. " * 8 + "Become a contributor to our walking club. "
    + "Walking with others keeps you going when the weather turns. " * 6,
])
def test_mentions_of_joining_and_newsletters_in_content_are_not_join_calls(paragraph: str) -> None:
    assert spots(f"Walking helps.\n\n{paragraph}\n", "ST102") == []


def test_a_wrapped_join_call_is_one_finding_and_the_fix_deletes_all_its_lines() -> None:
    text = ("Walking helps.\n\nDo you have knowledge to share? Unlock new opportunities by\n"
            "joining our authors team. Click Registration to join us and share\n"
            "your expertise with our readers.\n\nRest well.\n")
    assert spots(text, "ST102") == [(3, 1, 5, 33)]
    assert fixed(text, ["ST102"]) == "Walking helps.\n\nRest well.\n"


def test_a_join_call_in_a_list_item_is_reported_after_the_marker() -> None:
    text = "Walking helps.\n\n- [Sign up for our newsletter](https://example.com/news)\n- Walk daily.\n"
    assert spots(text, "ST102") == [(3, 4, 3, 30)]
    assert fixed(text, ["ST102"]) == "Walking helps.\n\n- Walk daily.\n"


# -- ST103 comment-policy --------------------------------------------------------

@pytest.mark.parametrize("paragraph", [
    "Leave a Reply",
    "Leave a comment",
    "Leave a Reply Cancel reply",
    "Your email address will not be published. Required fields are marked *",
    "Comments are moderated before they are published.",
    "Please note that any statements involving politics will not be approved.",
    "Posts containing links will not be published.",
    "Comments that attack other readers will be deleted.",
    "Comments are closed.",
    "No comments yet",
    "3 Comments",
    "Comments (12)",
    "Speech tips:",
    "Comment rules:",
    "You must be logged in to post a comment.",
])
def test_comment_section_furniture_is_reported_over_the_whole_paragraph(paragraph: str) -> None:
    text = f"Stretch gently before you run.\n\n{paragraph}\n"
    end = len(paragraph.rstrip(" *")) + 1  # a lone "*" is Markdown, not prose
    assert spots(text, "ST103") == [(3, 1, 3, end)]


@pytest.mark.parametrize("text", [
    "## Comment policy\n\nDecide which comments your agency will remove, and publish the rules.\n",
    "Stretch gently before you run. Many running clubs moderate their forums.\n",
    # a guide that discusses moderation at length
    "Moderation takes time. " * 12 + "On our pages comments are moderated by two editors. "
    + "Plan staff time for it, and review the policy each year with your lawyers and your team. " * 3,
    '<div class="notice"><p>Comments are moderated.</p></div>\n',  # raw HTML is not checked
])
def test_writing_about_comment_policies_is_not_comment_furniture(text: str) -> None:
    assert spots(text, "ST103") == []


def test_comment_furniture_as_a_heading_is_reported_after_the_hashes() -> None:
    assert spots("Stretch.\n\n### Leave a Reply\n", "ST103") == [(3, 5, 3, 18)]


# -- ST104 author-bio -------------------------------------------------------------

@pytest.mark.parametrize("paragraph", [
    "By knbbs-sharer",
    "By healthy_admin",
    "By wellness2023",
    "Posted by admin",
    "Written by: editor",
    "About the author",
    "About the Author:",
    "About the author: Jane is a certified wellness coach who loves yoga.",
    "By the Wellness Team | Updated March 3, 2023 | 5 min read",
    "Posted by admin | Updated on June 2, 2023",
    "Hi, I'm Happy Sharer and I love sharing useful knowledge with others.",
    "Hello! I'm Dana, and I'm passionate about healthy food and simple recipes.",
    "Hey there, my name is Sam. I have a passion for running and I write about it every week.",
])
def test_author_boxes_and_account_bylines_are_reported(paragraph: str) -> None:
    text = f"Drink water through the day.\n\n{paragraph}\n"
    assert spots(text, "ST104") == [(3, 1, 3, len(paragraph) + 1)]


@pytest.mark.parametrize("paragraph", [
    "By Lisa Wilcox, U.S. Department of Agriculture",  # a real byline
    "By Mary-Jane Smith",
    "By phone",
    "By e-mail",
    "By the end of the week you will sleep better.",
    "Anne: Hi, I'm Anne, and I love working on this team.",  # a transcript
    "Hi, I'm Meghan, and I'm the content strategist on the project.",  # an introduction, no author box
    "Jane is a certified wellness coach who loves yoga.",  # a bio without the label
])
def test_real_bylines_transcripts_and_sentences_are_not_author_boxes(paragraph: str) -> None:
    assert spots(f"Drink water.\n\n{paragraph}\n", "ST104") == []


def test_an_author_box_heading_is_reported_and_deleted() -> None:
    text = "Drink water.\n\n## About the Author\n\nJane writes about food.\n"
    assert spots(text, "ST104") == [(3, 4, 3, 20)]
    assert fixed(text, ["ST104"]) == "Drink water.\n\nJane writes about food.\n"


# -- ST105 site-footer ----------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "© 2023 HealthyDaily. All rights reserved.",
    "Copyright © 2019-2024 CalmDaily | Privacy Policy | Terms of Use",
    "Copyright 2024 Wellness Hub",
    "All rights reserved.",
    "Powered by WordPress",
    "Privacy Policy | Terms of Use | Contact Us",
    "About us • Careers • Sitemap",
])
def test_footer_lines_are_reported(line: str) -> None:
    assert spots(f"Drink water.\n\n{line}\n", "ST105") == [(3, 1, 3, len(line) + 1)]


@pytest.mark.parametrize("paragraph", [
    "Copyright law protects the photos in this article.",
    "Privacy Policy",
    "Read our privacy policy and terms of use before you sign up.",
    "Powered by data from the CDC, the map shows flu cases by state.",
])
def test_sentences_about_copyright_and_single_links_are_not_footers(paragraph: str) -> None:
    assert spots(f"Drink water.\n\n{paragraph}\n", "ST105") == []


# -- ST201 hashtag-line -------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "#sleep #health #wellness",
    "#sleep, #health, #wellness",
    "Tags: #sleep #rest",
    "#Schlaf #Gesundheit",
])
def test_hashtag_lines_are_reported(line: str) -> None:
    assert spots(f"Sleep well tonight.\n\n{line}\n", "ST201") == [(3, 1, 3, len(line) + 1)]


@pytest.mark.parametrize("text", [
    "The #MeToo movement changed how survivors are heard.\n",
    "#sleep\n",  # one tag
    "Steps #1 #2 and #3 are the hardest.\n",
    "Try these: #1 #2\n",
    "# Sleep\n\n## Rest\n",  # headings
    "```\n#include #define\n```\n",
])
def test_hashtags_in_sentences_single_tags_numbers_and_headings_are_not_hashtag_lines(text: str) -> None:
    assert spots(text, "ST201") == []


def test_hashtag_line_in_a_list_item_and_its_fix() -> None:
    text = "Sleep well.\n\n- #sleep #rest\n- Keep a bedtime.\n"
    assert spots(text, "ST201") == [(3, 3, 3, 15)]
    assert fixed(text, ["ST201"]) == "Sleep well.\n\n- Keep a bedtime.\n"


def test_hashtags_in_raw_html_are_left_alone_because_deleting_the_line_could_break_the_html() -> None:
    assert spots("<div>\n<p>#sleep #rest</p></div>\n", "ST201") == []


def test_a_suppression_comment_silences_one_boilerplate_line() -> None:
    text = "Sleep well.\n\n<!-- contentlint-disable-next-line ST101 -->\nRead more\n\nRead more\n"
    assert spots(text, "ST101") == [(6, 1, 6, 10)]


# -- scraped text with one paragraph per line ("paragraph" scope) --------------------

def test_one_paragraph_per_line_text_is_checked_line_by_line() -> None:
    text = (FIXTURES / "reposted-anxiety.txt").read_text(encoding="utf-8")
    found = [(f.line, f.column, f.code) for f in lint_text(text, "reposted-anxiety.txt", select=BOILERPLATE)]
    assert found == [(1, 1, "ST101"), (3, 1, "ST104"), (6, 1, "ST101"), (8, 1, "ST201"), (9, 1, "ST101"),
                     (10, 1, "ST101"), (11, 1, "ST103"), (12, 1, "ST105")]


def test_wordpress_page_chrome_is_found_and_the_fields_of_the_comment_form_are_left() -> None:
    text = (FIXTURES / "wordpress-page.txt").read_text(encoding="utf-8")
    found = {f.line: f.code for f in lint_text(text, "wordpress-page.txt", select=BOILERPLATE)}
    assert found == {1: "ST101", 2: "ST101", 3: "ST101", 4: "ST104", 8: "ST101", 9: "ST101", 10: "ST101",
                     11: "ST101", 12: "ST101", 14: "ST103", 15: "ST103", 20: "ST103", 21: "ST103", 22: "ST101",
                     23: "ST101", 24: "ST101", 25: "ST105"}
    # Left: "Categories Mental Health", a lone "Related", and the comment form's
    # field labels ("Name *", "Website"), which are ordinary words alone.
    left = fixed(text, BOILERPLATE, "wordpress-page.txt").splitlines()
    assert left == ["Categories Mental Health", text.splitlines()[5], text.splitlines()[6], "Related",
                    "Comment *", "Name *", "Email *", "Website"]


def test_a_hard_wrapped_paragraph_is_one_unit_so_a_call_inside_it_is_not_cut_out() -> None:
    # The second line starts lower case: the lines are one paragraph, which is
    # long and mostly content, so no line of it is deleted on its own.
    text = ("Walking after meals helps digestion, and many readers tell us they feel calmer.\n"
            "subscribe to our newsletter for tips.\n")
    assert spots(text, "ST102") == []


# -- whole articles -----------------------------------------------------------------

def test_scraped_article_reports_every_piece_of_chrome() -> None:
    text = (FIXTURES / "scraped-farm.md").read_text(encoding="utf-8")
    found = [(f.line, f.column, f.code) for f in lint_text(text, "scraped-farm.md", select=["ST"])]
    assert found == [(1, 1, "ST101"), (5, 1, "ST101"), (13, 1, "ST201"), (15, 1, "ST101"), (20, 1, "ST101"),
                     (22, 1, "ST102"), (24, 1, "ST103"), (26, 1, "ST103"), (28, 1, "ST104"), (30, 1, "ST104")]


def test_fixing_the_scraped_article_leaves_the_article() -> None:
    text = (FIXTURES / "scraped-farm.md").read_text(encoding="utf-8")
    result = fixed(text, ["ST"], "scraped-farm.md")
    assert [line for line in result.splitlines() if line.strip()] == [
        "# Five evening habits for deeper sleep",
        "A calm evening routine tells your body that the day is ending. Dim the lights",
        "an hour before bed and put your phone in another room.",
        "Warm showers, light stretching and a short walk after dinner all help you",
        "wind down. Keep the bedroom cool and dark.",
        "- Facebook",
        "- Twitter",
    ]
    assert [f for f in lint_text(result, "scraped-farm.md", select=BOILERPLATE)] == []


def test_professional_page_with_front_matter_html_tables_and_code_is_clean() -> None:
    text = (FIXTURES / "agency-page.md").read_text(encoding="utf-8")
    assert lint_text(text, "agency-page.md", select=["ST"]) == []


# -- property: the fix removes the boilerplate lines and only them -------------------

CONTENT = [
    "Most adults need seven or more hours of sleep.",
    "A short walk after dinner helps you wind down.",
    "Talk to your doctor if you often feel tired during the day.",
    "Keep the bedroom dark, quiet and cool.",
    "Read the label before you take any medicine.",
]
CHROME = [
    ("Read more »", "ST101"), ("Skip to content", "ST101"), ("Home » Health » Sleep", "ST101"),
    ("Sign up for our newsletter.", "ST102"), ("WE WANT YOU", "ST102"),
    ("Leave a Reply", "ST103"), ("Comments are moderated.", "ST103"),
    ("By site-admin", "ST104"), ("About the author", "ST104"),
    ("© 2024 SleepWell. All rights reserved.", "ST105"), ("#sleep #rest #health", "ST201"),
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(CONTENT), st.sampled_from(CHROME)), min_size=1, max_size=12),
       st.sampled_from(["\n\n", "\n"]))
def test_fix_removes_exactly_the_chrome_lines(pieces: list, separator: str) -> None:
    # Paragraphs separated by blank lines, or one per line as in scraped text.
    text = separator.join(piece if isinstance(piece, str) else piece[0] for piece in pieces) + "\n"
    findings = lint_text(text, "article.md", select=BOILERPLATE)
    step = separator.count("\n")
    wanted = [(1 + step * index, 1, piece[1]) for index, piece in enumerate(pieces) if not isinstance(piece, str)]
    assert [(f.line, f.column, f.code) for f in findings] == wanted
    result = apply_edits(text, findings)[0]
    assert [line for line in result.splitlines() if line.strip()] == [p for p in pieces if isinstance(p, str)]


# -- the pack features the ST packs rely on ---------------------------------------------

PACK = """rules:
  - code: ZZ101
    name: short-join-us
    kind: existence
    scope: paragraph
    anchor: whole
    max-length: {max_length}
    patterns: ['(?s).*\\bjoin us\\b.*']
    fix: delete-line
"""


def test_max_length_skips_longer_paragraphs(tmp_path: Path) -> None:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "zz.yml").write_text(PACK.format(max_length=20), encoding="utf-8")
    config = tmp_path / "contentlint.toml"
    config.write_text(f'rule-packs = ["{(tmp_path / "packs").as_posix()}"]\n', encoding="utf-8")
    text = "Join us today.\n\nWalk with friends, and join us on Sundays in the park.\n"
    found = lint_text(text, "a.md", select=["ZZ101"], config=config)
    assert [(f.line, f.column, f.end_column) for f in found] == [(1, 1, 15)]


def test_a_negative_max_length_is_a_pack_error(tmp_path: Path) -> None:
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "zz.yml").write_text(PACK.format(max_length=-1), encoding="utf-8")
    config = tmp_path / "contentlint.toml"
    config.write_text(f'rule-packs = ["{(tmp_path / "packs").as_posix()}"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="rule ZZ101: max-length must be 0"):
        lint_text("Join us.\n", "a.md", select=["ZZ101"], config=config)
