"""The notes' rules and wording, on hand-made spans (pure: no database)."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
import textstat

from tests.tracker.daily_rows import daily_row
from tracker import insights, summary, targets
from tracker.insights import Person

D = Decimal
MONDAY = date(2026, 11, 16)
ADULT = Person(age_months=36 * 12)


def day(mg=320, k=2600, meals=2, supp=0, kcal=2000, grams=1000, no_mg=0, no_k=0, k_supp=0):
    return daily_row(mg, k, meals=meals, supp=supp, kcal=kcal, grams=grams, no_mg=no_mg,
                     no_k=no_k, k_supp=k_supp)  # fmt: skip


def span(*days, born=date(1990, 5, 1), restricted=False, sex="female", life_stage=""):
    rows = {MONDAY + timedelta(days=i): r for i, r in enumerate(days) if r is not None}
    t = targets.reference(
        sex=sex, born=born, on=MONDAY, potassium_restricted=restricted, life_stage=life_stage
    )
    return summary.summarise(summary.days_from(MONDAY, 7, rows), t)


def kinds(s, person=ADULT):
    return [n.kind for n in insights.judge(s, person)]


LOW_MG = 200  # of 320: 63 %
LOW_K = 1500  # of 2600: 58 %


def test_enough_days_and_nothing_low_gives_no_notes():
    assert kinds(span(day(), day(), day())) == []


def test_fewer_than_three_counting_days_gives_no_verdict():
    s = span(day(LOW_MG, LOW_K), day(LOW_MG, LOW_K), day(LOW_MG, LOW_K, meals=1))
    assert kinds(s) == ["not-enough-days"]
    assert "have 2" in insights.judge(s, ADULT)[0].text
    assert kinds(span(*[day(LOW_MG, LOW_K)] * 3)) == ["both-low"]


def test_low_is_strictly_under_75_percent_of_target():
    exactly = 240  # 75 % of 320
    assert kinds(span(*[day(mg=exactly)] * 3)) == []
    assert kinds(span(*[day(mg=exactly - 2)] * 3)) == ["magnesium-low"]
    assert kinds(span(*[day(k=1950)] * 3)) == []  # 75 % of 2,600
    assert kinds(span(*[day(k=1940)] * 3)) == ["potassium-low"]


def test_both_low_replaces_the_single_notes_and_explains_the_pair():
    notes = insights.judge(span(*[day(LOW_MG, LOW_K)] * 4), ADULT)
    assert [n.kind for n in notes] == ["both-low"]
    both = notes[0]
    assert both.link == "why-together" and both.suggest == ("magnesium", "potassium")
    assert "pump" in both.text and "over 4 days" in both.text


def test_supplements_are_not_meals_but_count_toward_the_average():
    # Two meals with 150 mg and 120 mg from supplements: 270 mg, 84 %: not low.
    s = span(*[day(mg=270, supp=120)] * 3)
    assert kinds(s) == []
    # Supplements alone make no counting day.
    assert kinds(span(*[day(meals=0, supp=100)] * 3)) == ["not-enough-days"]


@pytest.mark.parametrize(
    ("born", "limit"),
    [(date(2024, 1, 1), 65), (date(2020, 1, 1), 110), (date(2015, 1, 1), 350)],
)
def test_supplement_limit_by_age(born, limit):
    person = Person(age_months=targets.age_in_months(born, MONDAY))
    over = span(day(supp=limit + 1), born=born)
    at = span(day(supp=limit), born=born)
    assert kinds(over, person)[0] == "supplement-over-limit"
    assert f"{limit} mg" in insights.judge(over, person)[0].text
    assert "supplement-over-limit" not in kinds(at, person)


def test_no_notes_under_one_year():
    born = MONDAY - timedelta(days=200)
    s = span(day(mg=1, k=1, supp=500), day(mg=1, k=1), day(mg=1, k=1), born=born)
    assert insights.judge(s, Person(age_months=6)) == []


def test_the_flag_replaces_every_potassium_note():
    flagged = Person(age_months=40 * 12, potassium_restricted=True)
    s = span(*[day(LOW_MG, LOW_K, k_supp=1)] * 3, restricted=True)
    assert kinds(s, flagged) == ["potassium-supplement", "magnesium-low", "provider-potassium"]
    mg = insights.judge(s, flagged)[1]
    assert mg.avoid_potassium and mg.suggest == ("magnesium",)
    assert "care team" in mg.text
    s = span(*[day(320, LOW_K)] * 3, restricted=True)
    assert kinds(s, flagged) == ["provider-potassium"]


def test_the_flag_says_the_supplement_limit_is_for_healthy_kidneys():
    flagged = Person(age_months=40 * 12, potassium_restricted=True)
    note = insights.judge(span(day(supp=400), restricted=True), flagged)[0]
    assert note.kind == "supplement-over-limit" and "healthy kidneys" in note.text


def test_coverage_over_a_fifth_withholds_the_verdict():
    at_limit = span(*[day(LOW_MG, LOW_K, grams=1000, no_k=200)] * 3)
    assert kinds(at_limit) == ["both-low"]  # exactly 20 % still judged
    over = span(*[day(LOW_MG, LOW_K, grams=1000, no_k=201)] * 3)
    assert kinds(over) == ["coverage", "magnesium-low"]


def test_few_calories_shows_beside_a_low_note_for_adults_only():
    s = span(*[day(LOW_MG, 2600, kcal=1100)] * 3)
    assert kinds(s) == ["magnesium-low", "few-calories"]
    teen = Person(age_months=16 * 12)
    assert kinds(span(*[day(LOW_MG, 2600, kcal=1100)] * 3, born=date(2010, 1, 1)), teen) == [
        "magnesium-low"
    ]


def test_children_and_pregnant_people_are_addressed_with_their_care_team():
    child = Person(age_months=10 * 12)
    s = span(*[day(100, 2300)] * 3, born=date(2016, 1, 1))
    assert "parent" in insights.judge(s, child)[0].text
    pregnant = Person(age_months=30 * 12, pregnant=True)
    s = span(*[day(LOW_MG, 2900)] * 3, life_stage="pregnant")
    assert "midwife" in insights.judge(s, pregnant)[0].text


def every_note() -> list[insights.Note]:
    """One of each kind, for each audience."""
    flagged = Person(age_months=40 * 12, potassium_restricted=True)
    people = [ADULT, Person(age_months=10 * 12), Person(age_months=30 * 12, pregnant=True)]
    spans = [
        span(*[day(LOW_MG, LOW_K, kcal=900, supp=400)] * 3),
        span(*[day(LOW_MG)] * 3),
        span(*[day(k=LOW_K, no_mg=500)] * 3),
        span(day(), day()),
    ]
    notes = [n for s in spans for p in people for n in insights.judge(s, p)]
    notes += insights.judge(span(*[day(LOW_MG, k_supp=1, supp=400)] * 3, restricted=True), flagged)
    return notes


def test_every_kind_is_covered_by_the_wording_tests():
    assert {n.kind for n in every_note()} == set(insights.KINDS)


FORBIDDEN = [
    "deficien",
    "hypokal",
    "hypomag",
    "you need",
    "you should take",
    "salt substitute",
    "safe to combine",
    "blood pressure",
    "cramp",
    "sleep",
    "stop taking",
    "dose",
    "diagnos",
    "treat",
    "cure",
]


def test_no_note_says_what_mgk_must_never_say():
    for note in every_note():
        text = note.text.lower()
        for phrase in FORBIDDEN:
            if phrase == "salt substitute" and note.kind == "provider-potassium":
                continue  # the flagged person's note names them as a hidden source
            assert phrase not in text, (note.kind, phrase)
        assert not re.search(r"\b(take|eat) \d", text), note.text  # no amounts to take or eat


def test_notes_are_one_to_three_sentences_at_grade_9_or_under():
    for note in every_note():
        assert 1 <= len(note.sentences) <= 3, note.kind
        grade = textstat.flesch_kincaid_grade(note.text)
        assert grade <= 9, (note.kind, grade, note.text)


def test_food_lists_take_one_food_of_each_kind():
    class F:
        def __init__(self, description):
            self.description = description

    foods = [F(d) for d in ("Beans, white", "Beans, pinto", "Spinach, cooked", "Seeds, chia")]
    assert [f.description for f in insights.varied(foods, 2)] == ["Beans, white", "Spinach, cooked"]
    assert len(insights.varied(foods)) == 3
