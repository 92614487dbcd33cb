"""The corrections from a dietitian's review of every user-facing claim, kept fixed.

Each test names the file whose wording or rule it proves."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.tracker.test_insights import LOW_MG, day, span
from tracker import insights
from tracker.insights import Person

FLAGGED = Person(age_months=40 * 12, potassium_restricted=True)
UL_WORDING = "the published upper limit (350 mg), set for people with healthy kidneys; your care team sets yours"


# --- Kidney flag and the upper limit -------------------------------------------------


def test_insights_over_limit_note_for_a_flagged_person_is_not_their_limit():
    """tracker/insights.py"""
    note = insights.judge(span(day(supp=400), restricted=True), FLAGGED)[0]
    assert note.kind == "supplement-over-limit"
    assert UL_WORDING in note.text
    assert "for your age" not in note.text
    unflagged = insights.judge(span(day(supp=400)), Person(age_months=40 * 12))[0]
    assert "the upper limit for your age" in unflagged.text


@pytest.mark.django_db
def test_week_and_day_pages_supplement_line_for_a_flagged_person(
    client, alice, profile_for, log, food
):
    """templates/tracker/week.html, templates/tracker/day.html, templates/tracker/profile.html"""
    profile_for(alice, potassium_restricted=True)
    client.force_login(alice)
    log(alice, food("magnesium-citrate"), Decimal(3), "supplements")  # about 485 mg
    week = " ".join(client.get("/week/").content.decode().split())
    assert UL_WORDING in week and "The upper limit for your age" not in week
    day_page = " ".join(client.get("/log/").content.decode().split())
    assert UL_WORDING in day_page
    profile = " ".join(client.get("/profile/").content.decode().split())
    assert UL_WORDING in profile


# --- Salt substitutes ------------------------------------------------------------------


def test_provider_potassium_note_names_salt_substitutes():
    """tracker/insights.py"""
    note = insights.judge(span(*[day()] * 3, restricted=True), FLAGGED)[-1]
    assert note.kind == "provider-potassium"
    assert "Salt substitutes and low-sodium salts can carry a lot of potassium" in note.text
    assert "care team" in note.text


@pytest.mark.django_db
def test_day_pages_kidney_note_names_salt_substitutes(client, alice, profile_for):
    """templates/tracker/day.html"""
    profile_for(alice, potassium_restricted=True)
    client.force_login(alice)
    body = " ".join(client.get("/log/").content.decode().split())
    assert 'Salt substitutes and "low-sodium" salts can carry a lot of potassium' in body.replace(
        "&quot;", '"'
    )


# --- Who can help ----------------------------------------------------------------------


def test_a_pregnant_person_under_14_is_pointed_to_a_parent_and_their_midwife():
    """tracker/insights.py"""
    young = Person(age_months=13 * 12, pregnant=True)
    s = span(*[day(LOW_MG, 2900)] * 3, born=date(2013, 6, 1), life_stage="pregnant")
    assert "a parent and your midwife or doctor can help" in insights.judge(s, young)[0].text


def test_a_supplement_note_for_a_child_speaks_to_the_parent():
    """tracker/insights.py"""
    child = Person(age_months=10 * 12)
    note = insights.judge(span(day(supp=400), born=date(2016, 1, 1)), child)[0]
    assert note.kind == "supplement-over-limit"
    assert "your child" in note.text and "your child's doctor or pharmacist" in note.text
    assert "your age" not in note.text


# --- Consistency -----------------------------------------------------------------------


def test_both_low_gives_the_kidneys_part_then_the_pump_as_the_learn_page_does():
    """tracker/insights.py, templates/learn/why-together.html"""
    note = insights.judge(span(*[day(LOW_MG, 1500)] * 3), Person(age_months=36 * 12))[0]
    assert note.kind == "both-low"
    assert note.text.index("kidneys") < note.text.index("pump")


# --- Citations -------------------------------------------------------------------------


@pytest.mark.django_db
def test_both_lists_sentence_cites_the_nih_fact_sheets(client):
    """templates/learn/food-sources.html"""
    body = client.get("/learn/food-sources/").content.decode()
    sentence = body.split("Beans, lentils and leafy greens are on both.")[1].split("</sup>")[0]
    assert 'href="#ref-4"' in sentence and 'href="#ref-5"' in sentence
    assert 'id="ref-4">NIH Office of Dietary Supplements. <cite>Magnesium' in body
    assert 'id="ref-5">NIH Office of Dietary Supplements. <cite>Potassium' in body


@pytest.mark.django_db
def test_ai_more_than_needed_cites_iom_2000_and_nasem_2019(client):
    """templates/learn/reference-intakes.html"""
    body = client.get("/learn/reference-intakes/").content.decode()
    sentence = body.split("For many people the AI is more than they need.")[1].split("</sup>")[0]
    assert 'href="#ref-3"' in sentence and 'href="#ref-2"' in sentence
    assert "Applications in Dietary Assessment</cite>" in body.split('id="ref-3"')[1][:300]


@pytest.mark.django_db
def test_food_page_supplement_sentence_cites_the_nih_fact_sheet(client, food):
    """templates/foods/detail.html"""
    supplement = food("magnesium-citrate")
    body = client.get(supplement.get_absolute_url()).content.decode()
    sentence = body.split("Supplements are not needed by most people")[1][:400]
    assert "ods.od.nih.gov/factsheets/Magnesium-HealthProfessional" in sentence


# --- Suggestions a dietitian would make --------------------------------------------------


def test_a_flagged_persons_magnesium_foods_are_said_to_be_lower_in_potassium():
    """tracker/insights.py (the foods themselves: tests/foods/test_suggestions.py)"""
    note = insights.judge(span(*[day(LOW_MG)] * 3, restricted=True), FLAGGED)[0]
    assert note.kind == "magnesium-low" and note.avoid_potassium
    assert "lower in potassium (under 200 mg a portion)" in note.text
    assert "but not in potassium" not in note.text


def test_a_childs_suggestions_are_asked_for_at_the_childs_age():
    """tracker/insights.py, tracker/spans.py"""
    child = Person(age_months=3 * 12)
    s = span(*[day(40, 800)] * 3, born=date(2023, 6, 1))
    note = next(n for n in insights.judge(s, child) if n.suggest)
    assert note.child_age_months == 36
    adult = insights.judge(span(*[day(LOW_MG)] * 3), Person(age_months=40 * 12))[0]
    assert adult.suggest and adult.child_age_months is None


@pytest.mark.django_db
def test_a_young_childs_week_page_suggests_no_whole_nuts(client, alice, profile_for, food):
    """tracker/spans.py, foods/suggesting.py"""
    from datetime import timedelta

    from tracker.models import Entry

    profile_for(alice, date_of_birth=date(2023, 6, 1))
    apple = food(171688)
    monday = date(2026, 11, 16)
    entries = []
    for i in range(4):
        for meal in ("breakfast", "lunch"):
            entry = Entry(user=alice, date=monday + timedelta(days=i), meal=meal, grams=Decimal(50))
            entry.take_values_from(apple)
            entries.append(entry)
    Entry.objects.bulk_create(entries)
    client.force_login(alice)
    body = client.get("/week/2026-W47/").content.decode()
    listed = body.split('class="suggestions"')[1].split("</ul>")[0]
    assert "<li>" in listed
    assert "Nuts," not in listed and "Seeds," not in listed and "Peanut" not in listed


# --- Consistency ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_week_card_says_nothing_of_low_days_for_a_mineral_without_a_verdict(
    client, alice, profile_for, food
):
    """templates/tracker/week.html, tracker/summary.py"""
    from datetime import timedelta

    from foods.models import Food
    from tracker.models import Entry

    profile_for(alice)
    # A soup with no potassium value is most of what was logged: no potassium verdict.
    soup = Food.objects.create(description="Soup", owner=alice, magnesium_mg=Decimal(10))
    banana = food(173944)
    monday = date(2026, 11, 16)
    entries = []
    for i in range(4):
        for meal, item, grams in (("breakfast", soup, 400), ("lunch", banana, 50)):
            entry = Entry(user=alice, date=monday + timedelta(days=i), meal=meal)
            entry.grams = Decimal(grams)
            entry.take_values_from(item)
            entries.append(entry)
    Entry.objects.bulk_create(entries)
    client.force_login(alice)
    body = " ".join(client.get("/week/2026-W47/").content.decode().split())
    assert 'data-note="coverage"' in body
    card = body.split('id="summary-heading"')[1].split("</section>")[0]
    potassium = card.split('class="average potassium"')[1]
    magnesium = card.split('class="average magnesium"')[1].split('class="average potassium"')[0]
    assert "under 75 % of target" not in potassium
    assert "4 of 4 complete days under 75 % of target" in magnesium  # judged: it is said


@pytest.mark.django_db
def test_learn_page_names_what_the_day_page_shows_for_unknown_values(client):
    """templates/learn/reading-your-numbers.html"""
    page = client.get("/learn/reading-your-numbers/").content.decode()
    section = page.split("<h2>Unknown values</h2>")[1].split("<h2>")[0]
    for shown in ("?", "at least", "Not counted:", "not analysed"):
        assert shown in section, shown
    day = (Path(__file__).resolve().parents[2] / "templates/tracker/day.html").read_text()
    assert "Not counted:" in day and "at least" in day and "“?”" in day


# --- The seed's comparison -------------------------------------------------------------


@pytest.mark.django_db
def test_why_together_sets_the_two_side_by_side_each_row_cited(client):
    """templates/learn/why-together.html"""
    page = client.get("/learn/why-together/").content.decode()
    table = page.split("data-side-by-side")[1].split("</table>")[0]
    rows = table.split("<tbody>")[1].split("</tr>")[:-1]
    names = [row.split('data-row="')[1].split('"')[0] for row in rows]
    assert names == ["where", "does", "interact", "shortage"]
    for row in rows:
        cells = row.split("<td>")[1:]
        assert len(cells) == 2 and all('<sup><a href="#ref-' in cell for cell in cells), row
    both = page.split('id="both-as-supplements"')[1].split("What mgk does with this")[0]
    assert "kidneys" in both and "99 mg" in both and "350 mg" in both
    assert 'class="caution"' in both
    for ref in ("#ref-7", "#ref-8", "#ref-9"):
        assert ref in both


@pytest.mark.django_db
def test_kale_and_avocados_are_on_the_magnesium_list(client):
    """templates/learn/food-sources.html"""
    page = client.get("/learn/food-sources/").content.decode()
    mg_list = page.split("Where magnesium comes from")[1].split("Where potassium comes from")[0]
    assert "kale" in mg_list and "Avocados" in mg_list
