"""ST301-ST304: left-over prompts and the chatbot's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from contentlint import lint_text

FIXTURES = Path(__file__).parent / "fixtures" / "st"


def spots(text: str, code: str, filename: str = "article.md") -> list[tuple[int, int, int, int]]:
    return [(f.line, f.column, f.end_line, f.end_column)
            for f in lint_text(text, filename, select=[code]) if f.code == code]


# -- ST301 prompt-left-in -------------------------------------------------------------

# A content-farm article in the scraped style: one paragraph per line, no
# blank lines, the prompt left between the article and a second telling.
SCRAPED = """\
Gardening can lower stress and lift the mood of people living with depression. Time outdoors, gentle movement and caring for plants all play a part.
Working with soil exposes gardeners to daylight, which helps set the body clock and improves sleep. Regular sleep in turn steadies mood and energy.
Growing food also gives a sense of purpose. Watching seeds turn into vegetables rewards patience, and sharing a harvest builds friendships with neighbours.
Community gardens add company, so people who feel isolated meet others with the same interest.
How does gardening lower stress and lift the mood of people with depression?
Gardening lowers stress and lifts mood in people with depression through time outdoors, movement and the care of plants. Many gardeners say the routine calms them.
"""


def test_scraped_prompt_between_two_tellings_is_reported_over_the_question_line() -> None:
    assert spots(SCRAPED, "ST301") == [(5, 1, 5, 77)]
    assert spots(SCRAPED, "ST301", "article.txt") == [(5, 1, 5, 77)]


def test_prompt_heading_restating_the_title_is_reported_after_the_hashes() -> None:
    text = (FIXTURES / "prompt-left-in.md").read_text(encoding="utf-8")
    assert spots(text, "ST301") == [(15, 4, 15, 38)]
    finding = lint_text(text, "prompt-left-in.md", select=["ST301"])[0]
    assert finding.fix is None
    assert finding.message.startswith("Prompt left in?")


def test_question_that_moves_to_a_new_subtopic_is_not_a_prompt() -> None:
    text = SCRAPED.replace("How does gardening lower stress and lift the mood of people with depression?",
                           "Which vegetables are easiest for a beginner?")
    assert spots(text, "ST301") == []


def test_question_followed_by_new_material_is_not_a_prompt() -> None:
    lines = SCRAPED.splitlines()
    lines[5] = ("Start with a raised bed near the kitchen door, water it in the evening, and ask a neighbour "
                "which seeds do well in your soil before you buy any.")
    assert spots("\n".join(lines) + "\n", "ST301") == []


def test_question_early_in_the_article_is_a_section_not_a_prompt() -> None:
    # "What is X?" after a short introduction, with most of the article after it.
    text = ("Gardening can lower stress and lift the mood of people living with depression. Time outdoors, "
            "gentle movement and caring for plants all play a part. Many clinics now suggest it to patients "
            "who want something to do with their hands.\n\n"
            "## How does gardening lower stress and lift the mood?\n\n"
            "Gardening lowers stress and lifts mood through time outdoors, movement and caring for plants. "
            + "Working with soil exposes gardeners to daylight, which helps set the body clock. " * 6 + "\n")
    assert spots(text, "ST301") == []


def test_a_rhetorical_so_question_is_the_writers_own() -> None:
    text = SCRAPED.replace("How does gardening", "So, does gardening")
    assert spots(text, "ST301") == []
    assert spots(SCRAPED, "ST301") == [(5, 1, 5, 77)]


def test_faq_pages_with_many_questions_are_not_checked() -> None:
    lines = SCRAPED.splitlines()
    text = "\n".join(lines[:1] + ["Is gardening good for the mood?", lines[1], "Can gardening help sleep?"]
                     + lines[2:]) + "\n"
    assert len([line for line in text.splitlines() if line.endswith("?")]) == 3
    assert spots(text, "ST301") == []


def test_question_sharing_its_line_or_inside_a_list_or_quote_is_not_a_prompt() -> None:
    question = "How does gardening lower stress and lift the mood of people with depression?"
    for replacement in (f"Many people ask a simple question. {question}", f"- {question}", f"> {question}"):
        text = SCRAPED.replace(question, "\n" + replacement + "\n")
        assert spots(text, "ST301") == [], replacement


def test_min_words_options_come_from_configuration(tmp_path: Path) -> None:
    config = tmp_path / "contentlint.toml"
    config.write_text('[rules.prompt-left-in]\nmin-words-before = 500\n', encoding="utf-8")
    assert [f for f in lint_text(SCRAPED, "a.md", select=["ST301"], config=config)] == []


# -- ST302 ai-disclaimer ---------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "match"), [
    ("As an AI language model, I cannot give medical advice.", "As an AI language model"),
    ("As an AI, I do not sleep.", "As an AI, I"),
    ("I'm an AI assistant and cannot see your test results.", "I'm an AI assistant"),
    ("I cannot browse the internet, so check the latest guidance.", "I cannot browse the internet"),
    ("As of my last knowledge update, the guideline was 150 minutes.", "As of my last knowledge update"),
    ("My knowledge cutoff is 2021.", "My knowledge cutoff"),
    ("I don't have personal experiences with fasting.", "I don't have personal experiences"),
    ("Certainly! Here is an article about walking and mood.", "Certainly! Here is an article"),
    ("Sure, here's a 500-word blog post on sleep:", "Sure, here's a 500-word blog post"),
    ("I'm sorry, but I can't help with that.", "I'm sorry, but I can't help with that"),
    ("Regenerate response", "Regenerate response"),
])
def test_chatbot_text_is_reported_at_the_phrase(sentence: str, match: str) -> None:
    text = f"Walking helps.\n\n{sentence}\n"
    assert spots(text, "ST302") == [(3, 1, 3, len(match) + 1)]
    finding = lint_text(text, "a.md", select=["ST302"])[0]
    assert finding.message == f"AI assistant text left in the article: '{match}'"
    assert finding.fix is None


def test_chatbot_text_in_the_middle_of_a_paragraph_has_its_column() -> None:
    text = "Walking helps. Note: as an AI language model I\ncannot examine you.\n"
    assert spots(text, "ST302") == [(1, 22, 1, 45)]


@pytest.mark.parametrize("text", [
    "As an AI researcher, I study sleep.\n",
    "AI language models can make mistakes; check with your doctor.\n",
    "I cannot access my patient portal after midnight.\n",
    "Here is an article from the CDC about walking.\n",
    "```\nAs an AI language model\n```\n",
])
def test_writing_about_ai_and_ordinary_first_person_is_not_chatbot_text(text: str) -> None:
    assert spots(text, "ST302") == []


# -- ST303 meta-announcement -----------------------------------------------------------

@pytest.mark.parametrize(("sentence", "match"), [
    ("In this article, we will explore the benefits of sleep.", "In this article, we will explore"),
    ("In this article, I will delve into sleep hygiene.", "In this article, I will delve"),
    ("In this blog post, we'll take a closer look at fasting.", "In this blog post, we'll take a closer look"),
    ("This article aims to shed light on burnout.", "This article aims to shed light"),
    ("This essay will discuss the causes of stress.", "This essay will discuss"),
])
def test_meta_announcements_are_reported(sentence: str, match: str) -> None:
    assert spots(f"{sentence}\n", "ST303") == [(1, 1, 1, len(match) + 1)]
    assert lint_text(f"{sentence}\n", "a.md", select=["ST303"])[0].severity.label == "info"


@pytest.mark.parametrize("sentence", [
    "In this article, I will describe two concepts from neuroscience.",
    "In this post, we'll take a look at how sleep works.",
    "In this post we will explore the next step.",
    "Sleep helps the body repair itself. This article describes how.",
    "Let's dive in.",
])
def test_plain_announcements_are_not_reported(sentence: str) -> None:
    assert spots(f"{sentence}\n", "ST303") == []


# -- ST304 instruction-left-in ---------------------------------------------------------

@pytest.mark.parametrize(("text", "where"), [
    ("# Write a 600-word SEO article about the benefits of walking\n\nWalking lifts mood.\n", (1, 3, 1, 61)),
    ("Generate a blog post on sleep hygiene for teenagers.\n\nSleep matters.\n", (1, 1, 1, 53)),
    ("Please write an article about anxiety in plain language:\n\nAnxiety is common.\n", (1, 1, 1, 57)),
    ("Rewrite the following text in a friendly tone.\n\nSleep matters.\n", (1, 1, 1, 47)),
    ("Prompt: an upbeat post about morning walks\n\nWalk daily.\n", (1, 1, 1, 43)),
])
def test_generation_instructions_are_reported(text: str, where: tuple[int, int, int, int]) -> None:
    assert spots(text, "ST304") == [where]


@pytest.mark.parametrize("text", [
    "# The benefits of walking\n\nWalking lifts mood.\n",
    "Create an interview guide. Chances are you will use it in every interview.\n",
    "1. Write a blog post about your launch.\n2. Share it.\n",  # a step in a how-to
    "Write down three things that went well today.\n",
])
def test_advice_and_titles_are_not_instructions(text: str) -> None:
    assert spots(text, "ST304") == []


def test_instruction_as_the_first_line_of_scraped_text() -> None:
    text = "Write an article on how gardening helps depression\n" + SCRAPED
    assert spots(text, "ST304", "article.txt") == [(1, 1, 1, 51)]


# -- ST305 generation-metadata -------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Title: 10 Ways Yoga Improves Mental Health",
    "Meta Description: Learn how yoga helps anxiety in five easy steps.",
    "SEO title: Yoga for anxiety",
    "Focus keyword: yoga anxiety",
    "Keywords: yoga, anxiety, breathing",
    "Word count: 1,204 words",
])
def test_generator_fields_in_the_text_are_reported(line: str) -> None:
    assert spots(f"{line}\n\nYoga can calm the mind.\n", "ST305") == [(1, 1, 1, len(line) + 1)]


@pytest.mark.parametrize("text", [
    "---\ntitle: Yoga\ndescription: Learn how yoga helps.\nkeywords: [yoga]\n---\n\nYoga can calm the mind.\n",
    "- Title: the name of your dataset\n- Keywords: words people search for\n",
    "| Title: | Yoga |\n| --- | --- |\n",
    "Title: a short phrase that names the page.\n\nKeywords: the words people search for.\n",
])
def test_front_matter_lists_and_tables_are_not_generator_fields(text: str) -> None:
    assert spots(text, "ST305") == []
