"""HC: the document-level health context.

In a document about health (at least half of its sentences, and five, name a
health outcome, a disease or an intervention), a verb of change or an
efficacy predicate is a claim whatever its object is called; the same
sentence in a document about something else is not."""

from __future__ import annotations

import pytest

from contentlint import lint_text

# Five sentences on health (each names a disease, an outcome or an intervention).
HEALTH_INTRO = (
    "Type 2 diabetes is common in adults.\n"
    "High blood pressure often comes with it.\n"
    "Metformin is the usual first medicine.\n"
    "Many patients also take a statin.\n"
    "Kidney disease is a common complication.\n"
    "\n"
)
# Five sentences about a website.
WEB_INTRO = (
    "Our agency launched a new website this spring.\n"
    "The team rewrote every page in plain language.\n"
    "Editors now publish twice a week.\n"
    "The search box moved to the top.\n"
    "Readers can subscribe to updates.\n"
    "\n"
)


def hc(text: str) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.code) for f in lint_text(text, "article.md", select=["HC"])]


@pytest.mark.parametrize("claim, column", [
    ("The new device improves the conspicuity of small lesions.\n", 16),
    ("Zorvex ameliorates the pHDL index.\n", 8),
    ("The program had significant positive effects on parent communication.\n", 13),
    ("The procedure was successful in most of the selected cases.\n", 15),
    ("The tool down-regulates the expression of the receptor.\n", 10),
    ("This trial demonstrated better postoperative outcomes at six months.\n", 12),
    ("Yoga practice produced significant improvements in flexibility.\n", 15),
])
def test_claim_with_an_unknown_object_is_found_in_a_health_document(claim: str, column: int) -> None:
    assert hc(HEALTH_INTRO + claim) == [(7, column, "HC102")]


@pytest.mark.parametrize("claim", [
    "The new device improves the conspicuity of small lesions.\n",
    "Zorvex ameliorates the pHDL index.\n",
    "The program had significant positive effects on parent communication.\n",
    "The procedure was successful in most of the selected cases.\n",
])
def test_same_claim_in_a_document_not_on_health_is_quiet(claim: str) -> None:
    assert hc(WEB_INTRO + claim) == []


def test_a_short_document_is_not_a_health_document() -> None:
    # Four sentences on health are too few to decide what a document is about.
    text = "Type 2 diabetes is common in adults.\nMetformin is the usual first medicine.\n\n" \
           "Zorvex ameliorates the pHDL index.\n"
    assert hc(text) == []


@pytest.mark.parametrize("claim", [
    "The new device may improve the conspicuity of small lesions.\n",
    "The new device could improve the conspicuity of small lesions.\n",
    "The new device appears to improve the conspicuity of small lesions.\n",
    "The new device is associated with better conspicuity of small lesions.\n",
    "The new device can help improve the conspicuity of small lesions.\n",
    "It is hoped that the new device will improve the conspicuity of small lesions.\n",
    "Not all devices will be effective for everyone.\n",
])
def test_hedged_claims_stay_quiet_in_a_health_document(claim: str) -> None:
    assert hc(HEALTH_INTRO + claim) == []


@pytest.mark.parametrize("claim", [
    "Choosing a generic drug lowers your costs.\n",  # money, not health
    "A new patient portal reduces wait times.\n",  # time
    "The redesign increased page views.\n",  # a website's measure
    "The campaign, reducing paperwork, helped.\n",  # a verb after a comma
    "We improved the conspicuity of the signs.\n",  # the writer's own work
    "To improve the conspicuity of the signs, we moved them.\n",  # a purpose
    "Does the new device improve the conspicuity of small lesions?\n",  # a question
])
def test_not_health_objects_and_other_silencers_stay_quiet(claim: str) -> None:
    assert hc(HEALTH_INTRO + claim) == []


def test_a_link_silences_the_relaxed_claim() -> None:
    text = HEALTH_INTRO + "The new device improves the conspicuity of small lesions ([trial](https://example.org/t)).\n"
    assert hc(text) == []


def test_suggests_that_reports_the_claim_it_introduces() -> None:
    # "suggests that" reports a claim stated as fact; a hedge inside the claim still silences it.
    assert hc("The findings suggest that the intervention was effective.\n") == [(1, 31, "HC102")]
    assert hc("The findings suggest that the intervention may be effective.\n") == []
    assert hc("The findings suggest the intervention reduces pain.\n") == [(1, 39, "HC102")]


def test_a_group_difference_is_no_result_of_benefit() -> None:
    assert hc(HEALTH_INTRO + "Women showed greater improvements in mood than men.\n") == []
