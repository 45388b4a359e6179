"""HC: construction coverage for direct causal claims (Yu et al. 2019: the
finding states that X causes or changes Y).

A checklist of the grammatical forms in which clinical and health prose
states a direct causal claim. Each form has a claim of its own (found, at
its exact line and column), a hedged twin (may, might, could, can help …)
and a correlational twin (associated with, linked to, correlated with), both
quiet. Every sentence stands in a document on health (HEALTH_INTRO), as the
sentences of an abstract or an article on health do."""

from __future__ import annotations

import pytest

from contentlint import lint_text

HEALTH_INTRO = (
    "Type 2 diabetes is common in adults.\n\n"
    "High blood pressure often comes with it.\n\n"
    "Metformin is the usual first medicine.\n\n"
    "Many patients also take a statin.\n\n"
    "Kidney disease is a common complication.\n\n"
)
CLAIM_LINE = 11
WEB_INTRO = (
    "Our agency launched a new website this spring.\n\n"
    "The team rewrote every page in plain language.\n\n"
    "Editors now publish twice a week.\n\n"
    "The search box moved to the top.\n\n"
    "Readers can subscribe to updates.\n\n"
)


def on_claim_line(sentence: str, intro: str = HEALTH_INTRO) -> list[tuple[int, int, str]]:
    findings = lint_text(intro + sentence + "\n", "article.md", select=["HC"])
    return [(f.line, f.column, f.code) for f in findings if f.line == CLAIM_LINE]


# (form, claim, column, code, hedged twin, correlational twin)
# A: active verbs; B: passives; C: nominalised changes and effects; D:
# predicates (effective, beneficial, protective, responsible, a cause);
# E: comparatives of outcome; F: negated results (claims of no effect);
# G: "helps to"; H: coordinated claims.
CHECKLIST = [
    ('A1', 'Regular aerobic exercise lowers systolic blood pressure in older adults.', 26, 'HC102',
     'Regular aerobic exercise may lower systolic blood pressure in older adults.',
     'Regular aerobic exercise is associated with lower systolic blood pressure in older adults.'),
    ('A2', 'The new inhaler reduced night-time symptoms in children with asthma.', 17, 'HC102',
     'The new inhaler might reduce night-time symptoms in children with asthma.',
     'Use of the new inhaler was linked to fewer night-time symptoms in children with asthma.'),
    ('A3', 'Zinc lozenges have shortened the duration of colds.', 20, 'HC102',
     'Zinc lozenges could shorten the duration of colds.',
     'Zinc lozenges have been associated with shorter colds.'),
    ('A4', 'The drug significantly reduced hospital admissions.', 24, 'HC102',
     'The drug may significantly reduce hospital admissions.',
     'Use of the drug was correlated with fewer hospital admissions.'),
    ('A5', 'Mindfulness training has been shown to reduce rumination.', 40, 'HC102',
     'Mindfulness training may help to reduce rumination.',
     'Mindfulness training has been linked to less rumination.'),
    ('A6', 'Daily walking improved gait speed in frail patients.', 15, 'HC102',
     'Daily walking might improve gait speed in frail patients.',
     'Daily walking was associated with faster gait speed in frail patients.'),
    ('A7', 'The brace has improved grip strength after surgery.', 15, 'HC102',
     'The brace could improve grip strength after surgery.',
     'Wearing the brace was correlated with grip strength after surgery.'),
    ('B1', 'Pain scores were significantly reduced by acupuncture.', 1, 'HC102',
     'Pain scores may be reduced by acupuncture.',
     'Lower pain scores were associated with acupuncture.'),
    ('B2', 'Glycaemic control was improved with the coaching app.', 23, 'HC102',
     'Glycaemic control might be improved with the coaching app.',
     'Glycaemic control was associated with use of the coaching app.'),
    ('B3', 'Depressive symptoms were improved in the exercise group.', 26, 'HC102',
     'Depressive symptoms may have improved in the exercise group.',
     'Depressive symptoms were correlated with exercise.'),
    ('B4', 'Fatigue was reduced after eight weeks of tai chi.', 13, 'HC102',
     'Fatigue could be reduced after eight weeks of tai chi.',
     'Less fatigue was associated with eight weeks of tai chi.'),
    ('B5', 'Readmission rates were lowered by the discharge programme.', 1, 'HC102',
     'Readmission rates might be lowered by the discharge programme.',
     'Readmission rates were linked to the discharge programme.'),
    ('C1', 'The intervention led to a reduction in emergency visits.', 18, 'HC102',
     'The intervention may lead to a reduction in emergency visits.',
     'The intervention was associated with a reduction in emergency visits.'),
    ('C2', 'Weight training resulted in greater bone density.', 17, 'HC102',
     'Weight training may result in greater bone density.',
     'Weight training was linked to greater bone density.'),
    ('C3', 'The treatment produced a marked decrease in viral load.', 15, 'HC102',
     'The treatment could produce a decrease in viral load.',
     'The treatment was associated with a decrease in viral load.'),
    ('C4', 'The supplement caused an increase in iron stores.', 16, 'HC102',
     'The supplement may cause an increase in iron stores.',
     'The supplement was associated with an increase in iron stores.'),
    ('C5', 'A reduction in HbA1c was achieved with the new regimen.', 3, 'HC102',
     'A reduction in HbA1c may be achieved with the new regimen.',
     'A reduction in HbA1c was associated with the new regimen.'),
    ('C6', 'Exercise had a significant beneficial effect on mood.', 10, 'HC102',
     'Exercise may have a beneficial effect on mood.',
     'Exercise was associated with better mood.'),
    ('C7', 'The effect of the programme on quit rates was significant.', 5, 'HC102',
     'The effect of the programme on quit rates may be significant.',
     'The association of the programme with quit rates was significant.'),
    ('C8', 'Breastfeeding had a protective effect against otitis media.', 15, 'HC102',
     'Breastfeeding may have a protective effect against otitis media.',
     'Breastfeeding was associated with less otitis media.'),
    ('D1', 'Cognitive behavioural therapy is effective for insomnia.', 31, 'HC102',
     'Cognitive behavioural therapy may be effective for insomnia.',
     'Cognitive behavioural therapy is associated with less insomnia.'),
    ('D2', 'Nicotine patches are effective in helping smokers quit.', 18, 'HC102',
     'Nicotine patches may be effective in helping smokers quit.',
     'Nicotine patches are linked to quitting.'),
    ('D3', 'Physiotherapy is an effective treatment for chronic low back pain.', 15, 'HC102',
     'Physiotherapy may be an effective treatment for chronic low back pain.',
     'Physiotherapy is associated with less chronic low back pain.'),
    ('D4', 'Breastfeeding is beneficial for infant immunity.', 15, 'HC102',
     'Breastfeeding may be beneficial for infant immunity.',
     'Breastfeeding is associated with infant immunity.'),
    ('D5', 'Folic acid is protective against neural tube defects.', 12, 'HC102',
     'Folic acid may be protective against neural tube defects.',
     'Folic acid intake is associated with fewer neural tube defects.'),
    ('D6', 'Vaccination protects against severe illness.', 13, 'HC101',
     'Vaccination may protect against severe illness.',
     'Vaccination is linked to less severe illness.'),
    ('D7', 'Poor sleep contributes to weight gain.', 12, 'HC102',
     'Poor sleep may contribute to weight gain.',
     'Poor sleep is associated with weight gain.'),
    ('D8', 'Excess salt is responsible for the rise in blood pressure.', 13, 'HC102',
     'Excess salt may be responsible for the rise in blood pressure.',
     'Excess salt is correlated with the rise in blood pressure.'),
    ('D9', 'Smoking is a major cause of lung cancer.', 9, 'HC102',
     'Smoking may be a cause of lung cancer.',
     'Smoking is associated with lung cancer.'),
    ('D10', 'Aspirin is effective at preventing a second stroke.', 9, 'HC102',
     'Aspirin may be effective at preventing a second stroke.',
     'Aspirin use is associated with fewer second strokes.'),
    ('D11', 'The new splint was efficacious in the treatment of wrist fractures.', 16, 'HC102',
     'The new splint might be efficacious in the treatment of wrist fractures.',
     'The new splint was associated with healing of wrist fractures.'),
    ('E1', 'The new drug improved survival compared with standard care.', 14, 'HC102',
     'The new drug may improve survival compared with standard care.',
     'The new drug was associated with longer survival than standard care.'),
    ('E2', 'Surgery was superior to physiotherapy in reducing pain.', 9, 'HC102',
     'Surgery may be superior to physiotherapy in reducing pain.',
     'Surgery was associated with less pain than physiotherapy.'),
    ('E3', 'Patients receiving the drug had fewer relapses.', 1, 'HC102',
     'Patients receiving the drug may have had fewer relapses.',
     'Patients receiving the drug tended to have fewer relapses, an association that needs confirming.'),
    ('E4', 'Patients treated with statins had lower rates of stroke.', 1, 'HC102',
     'Patients treated with statins might have lower rates of stroke.',
     'Statin use was associated with lower rates of stroke.'),
    ('E5', 'The combined regimen outperformed monotherapy in lowering blood glucose.', 22, 'HC102',
     'The combined regimen may outperform monotherapy in lowering blood glucose.',
     'The combined regimen was associated with lower blood glucose than monotherapy.'),
    ('F1', 'Vitamin E did not reduce the risk of heart attack.', 19, 'HC102',
     'Vitamin E may not reduce the risk of heart attack.',
     'Vitamin E intake was not associated with the risk of heart attack.'),
    ('F2', 'The programme had no effect on blood pressure.', 15, 'HC102',
     'The programme may have no effect on blood pressure.',
     'The programme was not associated with blood pressure.'),
    ('F3', 'Acupuncture failed to improve fertility outcomes.', 23, 'HC102',
     'Acupuncture may fail to improve fertility outcomes.',
     'Acupuncture was not linked to fertility outcomes.'),
    ('F4', 'The drug was not effective for migraine.', 10, 'HC102',
     'The drug may not be effective for migraine.',
     'The drug was not associated with fewer migraines.'),
    ('F5', 'Probiotics provided no benefit for symptoms of irritable bowel syndrome.', 12, 'HC102',
     'Probiotics may provide no benefit for irritable bowel syndrome.',
     'Probiotics were not associated with irritable bowel syndrome symptoms.'),
    ('F6', 'The splint did not improve grip strength.', 20, 'HC102',
     'The splint might not improve grip strength.',
     'The splint was not correlated with grip strength.'),
    ('G1', 'Stretching helps to reduce muscle soreness.', 21, 'HC102',
     'Stretching can help to reduce muscle soreness.',
     'Stretching is associated with less muscle soreness.'),
    ('H1', 'The diet reduced fasting glucose and improved insulin sensitivity.', 10, 'HC102',
     'The diet may reduce fasting glucose and improve insulin sensitivity.',
     'The diet was associated with lower fasting glucose and better insulin sensitivity.'),
    ('H2', 'The exercise programme improved balance and reduced falls.', 24, 'HC102',
     'The exercise programme might improve balance and reduce falls.',
     'The exercise programme was associated with better balance and fewer falls.'),
]


@pytest.mark.parametrize("form, claim, column, code, hedged_twin, correlational_twin", CHECKLIST,
                         ids=[case[0] for case in CHECKLIST])
def test_checklist_claim_is_found(form: str, claim: str, column: int, code: str, hedged_twin: str,
                                  correlational_twin: str) -> None:
    assert (CLAIM_LINE, column, code) in on_claim_line(claim)


@pytest.mark.parametrize("form, claim, column, code, hedged_twin, correlational_twin", CHECKLIST,
                         ids=[case[0] for case in CHECKLIST])
def test_checklist_hedged_twin_is_quiet(form: str, claim: str, column: int, code: str, hedged_twin: str,
                                        correlational_twin: str) -> None:
    assert on_claim_line(hedged_twin) == []


@pytest.mark.parametrize("form, claim, column, code, hedged_twin, correlational_twin", CHECKLIST,
                         ids=[case[0] for case in CHECKLIST])
def test_checklist_correlational_twin_is_quiet(form: str, claim: str, column: int, code: str, hedged_twin: str,
                                               correlational_twin: str) -> None:
    assert on_claim_line(correlational_twin) == []


# More of the grammar around a claim: a parenthesis before the verb,
# doubling, "predisposes to", protection conferred, a hedge-like word that
# belongs to a later predicate or a post-modifier, a subject with its own
# relative clause, a part played in an outcome, a nominalised change.
MORE_CLAIMS = [
    ('Oral iron (100 mg daily) increased haemoglobin within four weeks.', 26, 'HC102'),
    ('Adding counselling to nicotine replacement doubled quit rates.', 8, 'HC102'),
    ('Obesity predisposes to osteoarthritis of the knee.', 9, 'HC102'),
    ('The vaccine conferred protection against infection for two years.', 13, 'HC102'),
    ('Exercise reduced fatigue and should be offered to all patients.', 10, 'HC102'),
    ('The drug reduced the complications associated with surgery.', 10, 'HC102'),
    ('Early feeding reduced infections related to central lines.', 15, 'HC102'),
    ('The vaccine reduced hospitalisation, suggesting a benefit for older adults.', 13, 'HC102'),
    ('Programmes that include balance training prevent falls in older people.', 42, 'HC102'),
    ('Sleep plays a key role in recovery from injury.', 7, 'HC102'),
    ('Family support is essential to successful weight loss.', 16, 'HC102'),
    ('Insulin resistance is a major determinant of fatty liver.', 20, 'HC102'),
    ('The treatment produced a marked decrease in viral load.', 15, 'HC102'),
]


@pytest.mark.parametrize("claim, column, code", MORE_CLAIMS)
def test_more_claim_forms_are_found(claim: str, column: int, code: str) -> None:
    assert (CLAIM_LINE, column, code) in on_claim_line(claim)


@pytest.mark.parametrize("sentence", [
    # hedges still silence, before the claim or governing it
    "Exercise training may improve fatigue and should be offered to all patients.",
    "The drug may reduce the complications associated with surgery.",
    "Sleep may play a key role in recovery.",
    "Music therapy decreases anxiety in some patients before surgery.",
    # correlational claims stay quiet
    "Early feeding was associated with fewer infections related to central lines.",
    "Fewer infections were associated with early feeding, suggesting a benefit.",
    "Family support is associated with weight loss.",
    # open questions, conditions and aims are not findings
    "Further trials are needed to confirm that ketamine relieves depressive symptoms.",
    "It is unclear whether the programme reduced readmissions.",
    "If music therapy decreases anxiety, it could be offered before surgery.",
    "We aimed to assess whether music therapy decreases anxiety before surgery.",
    # descriptions of groups, not effects
    "Patients who received the drug were older.",
    "Women had higher rates of depression than men.",
    "The prevalence of hypertension increased with age.",
    # a dummy subject: a directive (HC106's business), not a part played
    "It is essential to take the full course.",
    "This is critical for patients with heart failure.",
])
def test_not_claims_stay_quiet(sentence: str) -> None:
    assert on_claim_line(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    # nothing in the sentence names health: a claim only in a document on health
    ("Sleep plays a key role in recovery from injury.", []),
    ("The effect of the programme on quit rates was significant.", []),
    # the sentence names a health outcome itself: a claim in any document
    ("The effect of the programme on anxiety was significant.", [(CLAIM_LINE, 5, "HC102")]),
    ("Patients receiving the drug had fewer relapses.", [(CLAIM_LINE, 1, "HC102")]),
    ("Depressive symptoms were improved in the exercise group.", [(CLAIM_LINE, 26, "HC102")]),
])
def test_constructions_in_a_document_not_on_health(sentence: str, expected: list) -> None:
    assert on_claim_line(sentence, WEB_INTRO) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("This study highlights the role of vitamin D in bone loss.", [(CLAIM_LINE, 23, "HC102")]),
    ("These data emphasise the importance of sleep for recovery.", [(CLAIM_LINE, 22, "HC102")]),
    # a question studied, a hedge, or a role with no one said to play it
    ("We examined the role of vitamin D in bone loss.", []),
    ("Further studies on the role of vitamin D in bone loss are needed.", []),
    ("The role of vitamin D in bone loss remains unknown.", []),
    ("This study suggests a possible role of vitamin D in bone loss.", []),
])
def test_role_or_importance_of_something_in_an_outcome(sentence: str, expected: list) -> None:
    assert on_claim_line(sentence) == expected


def test_role_needs_a_document_on_health() -> None:
    assert on_claim_line("Good design plays a key role in engagement.", WEB_INTRO) == []
    assert on_claim_line("Good design plays a key role in engagement.") == [(CLAIM_LINE, 13, "HC102")]


def test_claim_of_no_effect_by_construction_is_reported_as_such() -> None:
    findings = lint_text(HEALTH_INTRO + "The effect of the programme on quit rates was not significant.\n",
                         "article.md", select=["HC"])
    assert [(f.line, f.column, f.code) for f in findings] == [(CLAIM_LINE, 5, "HC102")]
    assert "no effect" in findings[0].message


def test_a_source_silences_a_construction_claim() -> None:
    assert on_claim_line("Patients receiving the drug had fewer relapses ([trial](https://example.org/t)).") == []
    assert on_claim_line("Sleep plays a key role in recovery from injury.[^1]") == []


def test_construction_claim_in_a_list_item_and_a_quote_block() -> None:
    assert on_claim_line("- Sleep plays a key role in recovery from injury.") == [(CLAIM_LINE, 9, "HC102")]
    assert on_claim_line("> Sleep plays a key role in recovery from injury.") == [(CLAIM_LINE, 9, "HC102")]
