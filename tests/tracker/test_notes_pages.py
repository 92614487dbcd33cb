"""Notes on the week and day pages, with food suggestions from the live catalogue."""

import html
from datetime import date, timedelta
from decimal import Decimal

import pytest

from foods.models import Food
from foods.nutrients import ADULT_REFERENCE_MG

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 16)
BANANA, COOKED_SPINACH = 173944, 168463


@pytest.fixture
def low_week(alice, log, food):
    """Four complete days of one small banana at lunch and dinner: both minerals low."""
    for i in range(4):
        for meal in ("lunch", "dinner"):
            log(alice, food(BANANA), 60, meal, MONDAY + timedelta(days=i))
    return MONDAY


def notes(body: str) -> list[str]:
    return [part.split('"')[0] for part in body.split('data-note="')[1:]]


def suggestions(body: str, kind: str) -> list[str]:
    note = body.split(f'data-note="{kind}"')[1].split("</article>")[0]
    if 'class="suggestions"' not in note:
        return []
    items = note.split('class="suggestions"')[1].split("</ul>")[0]
    return [html.unescape(x.split(">")[1].split("<")[0]) for x in items.split("<a ")[1:]]


def test_a_low_week_gets_the_both_low_note_with_foods_and_its_link(logged_in, low_week):
    body = logged_in.get("/week/2026-W47/").content.decode()
    # Small days are also few calories: that note stands beside the low one.
    assert notes(body) == ["both-low", "few-calories"]
    names = suggestions(body, "both-low")
    assert 3 <= len(names) <= 5
    for name in names:
        f = Food.objects.get(name=name, owner=None)  # lists show our everyday names
        assert not f.is_supplement
    assert 'href="/learn/why-together/"' in body.split('data-note="both-low"')[1]


def test_suggestions_prefer_foods_the_person_already_logs(logged_in, alice, log, food, low_week):
    spinach = food(COOKED_SPINACH)  # a cup: 157 mg Mg, 839 mg K
    log(alice, spinach, 20, "snacks", MONDAY + timedelta(days=5))
    rich = list(Food.objects.rich_in(("magnesium", "potassium"), prefer={spinach.pk}))
    assert rich[0] == spinach  # the queryset puts a person's own food first ...
    body = logged_in.get("/week/2026-W47/").content.decode()
    assert suggestions(body, "both-low")[0] == spinach.display_name  # ... and so does the page


def test_rich_in_means_a_tenth_of_the_reference_per_typical_amount():
    for minerals in (("magnesium",), ("potassium",), ("magnesium", "potassium")):
        foods = list(Food.objects.rich_in(minerals, limit=20))
        assert foods
        for f in foods:
            assert not f.is_supplement and f.owner_id is None
            for m in minerals:
                assert getattr(f, f"{m}_amount") >= ADULT_REFERENCE_MG[m] / 10


def test_rich_in_works_without_the_curated_popularity(db):
    Food.objects.update(popularity=0)
    foods = list(Food.objects.rich_in(("magnesium",), limit=5))
    assert len(foods) == 5
    amounts = [f.magnesium_amount for f in foods]
    assert amounts == sorted(amounts, reverse=True)


def test_a_flagged_person_gets_no_potassium_nudge(client, alice, profile_for, low_week):
    profile_for(alice, potassium_restricted=True)
    client.force_login(alice)
    body = client.get("/week/2026-W47/").content.decode()
    assert notes(body) == ["magnesium-low", "provider-potassium", "few-calories"]
    shown = suggestions(body, "magnesium-low")
    safe = Food.objects.rich_in(("magnesium",), avoid_potassium=True, limit=30)
    assert shown and set(shown) <= {f.display_name for f in safe}
    for f in safe:
        assert f.potassium_amount is None or f.potassium_amount < Decimal(340)
    unsafe = Food.objects.rich_in(("magnesium",), limit=40)
    assert any(f.potassium_amount >= 340 for f in unsafe)  # the filter had work to do
    assert "potassium-low" not in body and "both-low" not in body
    assert "care team" in body


def test_the_day_page_judges_the_seven_days_ending_that_day(logged_in, low_week):
    body = logged_in.get("/log/2026-11-19/").content.decode()  # Thursday: 4 low days
    assert notes(body) == ["both-low", "few-calories"]
    assert 'href="/week/2026-W47/"' in body
    before = logged_in.get("/log/2026-11-17/").content.decode()  # only Mon and Tue so far
    assert notes(before) == ["not-enough-days"]
    # Three weeks later the low days are out of the window: no notes at all.
    later = logged_in.get("/log/2026-12-07/").content.decode()
    assert notes(later) == ["not-enough-days"]


def test_notes_survive_into_the_printed_week(logged_in, low_week):
    body = logged_in.get("/week/2026-W47/").content.decode()
    section = body.split('class="notes card"')[0].rsplit("<section", 1)[1]
    assert "no-print" not in section
