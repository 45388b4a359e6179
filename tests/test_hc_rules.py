"""HC101–HC106 one by one: failing and passing examples at exact line:column,
every silencer, Markdown structure (lists, tables, HTML blocks, quotes), case
and Unicode quotes/apostrophes."""

from __future__ import annotations

import pytest

from contentlint import lint_text


def found(text: str, code: str) -> list[tuple[int, int]]:
    """(line, column) of each finding of `code` when only that rule runs."""
    return [(f.line, f.column) for f in lint_text(text, "article.md", select=[code]) if f.code == code]


# --- HC101 unsourced-disease-claim ---------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Turmeric cures arthritis.\n", [(1, 10)]),
    ("TURMERIC CURES ARTHRITIS.\n", [(1, 10)]),  # case
    ("Green tea prevents Alzheimer’s disease.\n", [(1, 11)]),  # curly apostrophe
    ("“Vitamin C cures colds.”\n", [(1, 12)]),  # curly quotes, no attribution
    ("Intro line.\n\n- Garlic treats high blood pressure and cures the common cold.\n", [(3, 10)]),  # list item
    ("> Oregano oil kills cancer cells.\n", [(1, 15)]),  # block quote
    ("| Remedy | Claim |\n| --- | --- |\n| Honey | Honey heals eczema |\n", [(3, 17)]),  # table cell
    ("<p>Fasting reverses type 2 diabetes.</p>\n", [(1, 12)]),  # HTML block
    ("This remedy is guaranteed to cure insomnia.\n", [(1, 30)]),
    ("Honey is a natural cure for eczema.\n", [(1, 7)]),
])
def test_hc101_fails(text: str, expected: list[tuple[int, int]]) -> None:
    assert found(text, "HC101") == expected


@pytest.mark.parametrize("text", [
    "Turmeric may ease arthritis.\n",  # hedge
    "Turmeric cures arthritis [1].\n",  # numbered citation
    "Turmeric cures arthritis.[^1]\n\n[^1]: Smith 2020.\n",  # footnote
    "Turmeric cures arthritis. See the [review](https://example.org/review).\n",  # link in the paragraph
    "Turmeric cures arthritis (Smith, 2020).\n",  # author–year citation: HC104's business
    "Turmeric is used to treat arthritis.\n",  # purpose
    "Does turmeric cure arthritis?\n",  # question
    "## How turmeric treats arthritis\n",  # topic heading
    '"Turmeric cured my arthritis," said Jane Doe.\n',  # attributed quote
    "“Turmeric cured my arthritis,” said Jane Doe.\n",
    "Insulin is a hormone that treats diabetes.\n",  # definition
    "Health services that cover a range of prevention, wellness, and treatment for common illnesses.\n",
])
def test_hc101_passes(text: str) -> None:
    assert found(text, "HC101") == []


def test_hc101_negated_disease_claim_is_an_efficacy_claim() -> None:
    text = "Turmeric did not cure arthritis.\n"
    assert found(text, "HC101") == []
    findings = lint_text(text, "a.md", select=["HC102"])
    assert [(f.line, f.column) for f in findings] == [(1, 18)]
    assert "no effect" in findings[0].message


# --- HC102 unsourced-efficacy-claim --------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Yoga reduces anxiety.\n", [(1, 6)]),
    ("YOGA REDUCES ANXIETY.\n", [(1, 6)]),
    ("Meditation lowers cortisol and improves sleep.\n", [(1, 12)]),  # one finding per sentence
    ("Anxiety is reduced by yoga.\n", [(1, 1)]),  # passive: the span starts at the outcome
    ("Exercise has a strong positive effect on mood.\n", [(1, 10)]),
    ("Magnesium doesn’t improve sleep.\n", [(1, 19)]),  # a claim of no effect, curly apostrophe
    ("This can be useful, as it reduces anxiety.\n", [(1, 27)]),  # the hedge is in another clause
    ("Yoga can reduce anxiety.\n", [(1, 10)]),  # bare "can" is not a hedge
    ("Intro.\n\n1. First.\n2. Cold showers boost your immune system.\n", [(4, 17)]),  # ordered list
])
def test_hc102_fails(text: str, expected: list[tuple[int, int]]) -> None:
    assert found(text, "HC102") == expected


@pytest.mark.parametrize("text", [
    "Reduce stress by walking.\n",  # imperative
    "To reduce stress, walk daily.\n",  # purpose
    "Patients with reduced anxiety slept better.\n",  # adjective
    "Yoga is associated with lower anxiety.\n",  # correlational
    "Yoga is linked to lower stress.\n",
    "Yoga can help reduce anxiety.\n",  # "can help"
    "Yoga might reduce anxiety.\n",
    "For some people, yoga reduces anxiety.\n",  # scope hedge
    "Yoga reduces anxiety ([NIH](https://www.nccih.nih.gov/health/yoga)).\n",  # link
    "Yoga reduces anxiety <https://example.org/yoga>.\n",  # autolink
    'Yoga reduces anxiety <a href="https://example.org">study</a>.\n',  # HTML link
    "Yoga reduces anxiety.¹\n",  # superscript
    "Your plan covers therapy that reduces anxiety.\n",  # administrative
    "Preventive care helps you stay healthy.\n",  # no specific outcome
    # the hedge governs a list joined by ", and": one clause
    "Some people find that a regular bedtime, a dark room, and less caffeine help them sleep better.\n",
    # a glossary fragment
    "Health care services that help you keep, learn, or improve skills and functioning for daily living.\n",
])
def test_hc102_passes(text: str) -> None:
    assert found(text, "HC102") == []


# Claims in clinical wording: efficacy predicates, any object of a verb of
# change in a clause that names something clinical, passives with their cause.
@pytest.mark.parametrize("text, expected", [
    ("Aspirin had no effect on the incidence of stroke.\n", [(1, 9)]),  # a claim of no effect
    ("Nutrition training reduced IPV among households.\n", [(1, 20)]),  # object not in any lexicon
    ("Coronary artery disease negatively influences the patency of vascular access.\n", [(1, 36)]),
    ("Success of dental implants is significantly affected by bruxism.\n", [(1, 45)]),  # passive + agent
    ("The nutritional course can be improved by early oral nutritional supplements.\n", [(1, 31)]),
    ("Pain was significantly reduced with acupuncture.\n", [(1, 24)]),  # passive + "with" an intervention
    ("Statins lower LDL cholesterol.\n", [(1, 9)]),  # "lower" right after an intervention is a verb
    ("Probiotics are effective for antibiotic-associated diarrhoea.\n", [(1, 1)]),  # "-associated": no hedge
    ("The garden program improved dietary behaviours that may lead to weight loss.\n", [(1, 20)]),  # hedge
    # governs the relative clause, not the claim
    ("Smoking cessation lowered the risk of recurrent myocardial infarction.\n", [(1, 19)]),
    ("PLD has efficacy comparable to that of standard regimens in metastatic breast cancer.\n", [(1, 5)]),
    ("Our findings demonstrate that tai chi improves balance in older adults.\n", [(1, 39)]),
    ("This combination therapy was well tolerated and effective.\n", [(1, 18)]),
    # a generic "we" with an outcome is a claim about people (the writer's own work is not: see below)
    ("By nurturing our relationships, we can improve our mental health.\n", [(1, 40)]),
    # the administrative word ("application") is past the claim
    ("EN is suitable for children with digestive diseases, which can improve the nutritional status of the "
     "patients and was safe for clinical application.\n", [(1, 64)]),
])
def test_hc102_clinical_claims_fail(text: str, expected: list[tuple[int, int]]) -> None:
    assert found(text, "HC102") == expected


@pytest.mark.parametrize("text, phrase", [
    ("The intervention was not effective.\n", "'intervention was not effective', negated"),
    ("Vitamin C failed to reduce the duration of colds.\n", "'reduce the duration of colds', negated"),
    ("Acupuncture was not superior to sham acupuncture for back pain.\n", "'was not superior to … back pain'"),
])
def test_hc102_negated_efficacy_is_a_claim_of_no_effect(text: str, phrase: str) -> None:
    findings = lint_text(text, "a.md", select=["HC102"])
    assert len(findings) == 1 and findings[0].message.startswith(f"Claim of no effect ({phrase}")


@pytest.mark.parametrize("text", [
    "Technology decreases physical distance between people.\n",  # a health topic word, nothing clinical
    "The COVID-19 pandemic caused some common topics to drop.\n",  # the pandemic as an event
    "A poster with flu information can have a code that can lead to a website.\n",  # a place, not an outcome
    "Cancer trials are a step on the pathway for new or improved treatments.\n",  # "or improved": adjective
    "Risk was increased with age.\n",  # a difference, not an effect
    "These data support the use of statins in older adults.\n",  # support for an idea
    "Our data do not support the use of antibiotics for acute bronchitis.\n",
    "We need to figure out how we can promote learning about vaccines.\n",  # the writer's own plan
    "Patients had lower scores on the depression scale.\n",  # comparative
    "Patients on insulin had lower HbA1c.\n",
    "Describe the recovery procedures for each system and support function.\n",  # "support" as a noun
    "Breast cancer is common and mostly affects women.\n",  # who is affected, not an outcome
    "The findings suggest that the intervention may be effective.\n",  # hedge in the claim
    "The findings suggest that the intervention is associated with fewer falls.\n",
    "Brand-name drugs are protected by a patent.\n",
    "Testing with visitors in Bone Hall led to important improvements to the app.\n",  # "Bone Hall": a name
    "The study used video to discuss pain treatments, engage with citizens, and increase the reach of its talks.\n",
])
def test_hc102_clinical_wording_passes(text: str) -> None:
    assert found(text, "HC102") == []


def test_hc102_extra_outcomes_option(tmp_path) -> None:
    config = tmp_path / ".contentlint.toml"
    config.write_text('[rules.HC102]\nextra-outcomes = ["gut flora"]\n', encoding="utf-8")
    text = "Kefir improves gut flora.\n"
    assert found(text, "HC102") == []
    findings = lint_text(text, "a.md", select=["HC102"], config=config)
    assert [(f.line, f.column) for f in findings] == [(1, 7)]


# --- HC103 vague-research-appeal -----------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Studies show that yoga reduces stress.\n", [(1, 1)]),
    ("Research suggests that walking may improve mood.\n", [(1, 1)]),  # hedges do not silence it
    ("There is an abundance of research that supports sex for trauma recovery.\n", [(1, 1)]),
    ("Doctors recommend magnesium for sleep.\n", [(1, 1)]),
    ("Intro.\n\n> Experts agree that fasting heals the gut.\n", [(3, 3)]),  # quote with no attribution
    ("Studies show:\n\n- Sleep improves memory.\n", [(1, 1)]),  # the health topic is in the next sentence
    ("Cold showers cut stress by 60%.\n", [(1, 14)]),  # a statistic as a research result
])
def test_hc103_fails(text: str, expected: list[tuple[int, int]]) -> None:
    assert found(text, "HC103") == expected


@pytest.mark.parametrize("text", [
    "Studies show [1] that yoga may reduce stress.\n",
    "Studies show that yoga reduces stress ([review](https://example.org/r)).\n",
    "No studies show that detox teas work for weight loss.\n",  # negated
    "Research shows users read 20% of a page.\n",  # not about health
    "Cold showers cut stress by 60% ([trial](https://example.org/t)).\n",
    "Many studies of sleep exist.\n",  # no reporting verb
    "Studies show that yoga reduces stress (Smith et al., 2020).\n",  # a citation: HC104 checks it
])
def test_hc103_passes(text: str) -> None:
    assert found(text, "HC103") == []


# --- HC104 unverifiable-citation -----------------------------------------

REFERENCES = "\n\n## Sources\n\n- Walker, M. (2017). Why we sleep. Scribner.\n"


@pytest.mark.parametrize("text, expected", [
    ("Sleep improves memory (Walker et al., 2017).\n", [(1, 23)]),  # no reference list
    ("Sleep improves memory (Walker et al., 2016).\n" + REFERENCES, [(1, 23)]),  # list does not match the year
    ("Sleep improves memory (Jones, 2017).\n" + REFERENCES, [(1, 23)]),  # nor the author
    ("Walker and Stickgold (2006) found that sleep consolidates memory.\n", [(1, 1)]),
    ("A 2019 study published in the Journal of Sleep Research found that naps help memory.\n", [(1, 1)]),
    ("Researchers at Stanford found that sleep improves memory.\n", [(1, 1)]),
    ("Dr. Lee, a sleep researcher, says that naps improve memory.\n", [(1, 1)]),
    ("Intro.\n\n- Naps help memory (Mednick & Ehrman, 2006).\n", [(3, 20)]),  # list item
])
def test_hc104_fails(text: str, expected: list[tuple[int, int]]) -> None:
    assert found(text, "HC104") == expected


@pytest.mark.parametrize("text", [
    "Sleep improves memory (Walker et al., 2017).\n" + REFERENCES,  # matching entry
    "Sleep improves memory (Walker, 2017).\n\nReferences\n----------\n\n1. Walker, M. (2017). Why we sleep.\n",
    "Sleep improves memory (Walker, 2017).[^1]\n\n[^1]: Walker, M. (2017). Why we sleep.\n",  # footnote definition
    "Sleep improves memory (Walker et al., 2017; see [paper](https://doi.org/10.1/x)).\n",  # link
    "Researchers at Stanford found that sleep improves memory ([study](https://example.org)).\n",
    "The Deputy Chief Information Officer (2015) joined the team.\n",  # a job title, not a citation
    "The report was updated (March 2012).\n",
])
def test_hc104_passes(text: str) -> None:
    assert found(text, "HC104") == []


# --- HC105 absolute-health-language --------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("This tea is clinically proven to melt belly fat.\n", [(1, 13)]),
    ("Our supplement is 100% safe with no side effects.\n", [(1, 19)]),
    ("It’s clinically proven to ease pain.\n", [(1, 6)]),
    ("THIS TEA IS CLINICALLY PROVEN TO MELT BELLY FAT.\n", [(1, 13)]),
    ("| Product | Claim |\n| --- | --- |\n| Tea | Guaranteed weight loss |\n", [(3, 9)]),
])
def test_hc105_fails(text: str, expected: list[tuple[int, int]]) -> None:
    assert found(text, "HC105") == expected


@pytest.mark.parametrize("text", [
    "This has not been proven to help anxiety.\n",
    "There is no guarantee that therapy works for anxiety.\n",
    "Our plan pays 100% of the cost of preventive care.\n",  # administrative
    "This proven method cuts sleep problems ([trial](https://example.org/t)).\n",  # sourced
    "Is melatonin proven to help sleep?\n",  # question
    "We guarantee a reply within a day.\n",  # not about health
])
def test_hc105_passes(text: str) -> None:
    assert found(text, "HC105") == []


# --- HC106 prescriptive-directive ----------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Everyone with depression must take a cold shower every morning.\n", [(1, 1)]),
    ("EVERYONE WITH DEPRESSION MUST TAKE A COLD SHOWER.\n", [(1, 1)]),
    ("Anyone with anxiety should stop drinking coffee.\n", [(1, 1)]),
    ("It is essential for people who have experienced trauma to start dating again.\n", [(1, 1)]),
    ("If you have PTSD, you must avoid sleeping pills.\n", [(1, 1)]),
    ("If you’re anxious, you must avoid caffeine.\n", [(1, 1)]),
    ("Intro.\n\n- Everyone recovering from trauma should start dating again.\n", [(3, 3)]),
])
def test_hc106_fails(text: str, expected: list[tuple[int, int]]) -> None:
    assert found(text, "HC106") == expected


@pytest.mark.parametrize("text", [
    "Everyone with depression must talk to a doctor before stopping medication.\n",
    "Everyone with depression should exercise; talk to your doctor first.\n",
    "Everyone with depression should exercise. Talk to your doctor before you start.\n",  # same paragraph
    "Some people with depression may want to try exercise.\n",  # softener
    "Everyone must enroll in a health plan by March 31.\n",  # administrative
    "Patients should be monitored for side effects.\n",  # care given to the group
    "You don’t have to give up coffee if you have anxiety.\n",  # no duty
    "People with diabetes should avoid sugar ([ADA](https://diabetes.org/)).\n",  # sourced
    "It is essential for individuals to seek professional help if needed.\n",
    "Everyone should read the style guide before writing.\n",  # not about health
])
def test_hc106_passes(text: str) -> None:
    assert found(text, "HC106") == []


def test_hc102_clinical_outcomes_that_studies_measure() -> None:
    text = ("# Rehab\n\n"
            "Early walking after surgery shortened the hospital stay.\n\n"
            "Home visits by nurses decreased emergency department visits.\n\n"
            "Reminder calls improved attendance at the diabetes clinic.\n\n"
            "The new website improved attendance at our events.\n")
    found = [(f.code, f.line, f.column) for f in lint_text(text, "a.md", select=["HC"])]
    # "attendance" is a general outcome word: a claim only in a sentence on health.
    assert found == [("HC102", 3, 29), ("HC102", 5, 23), ("HC102", 7, 16)]
