"""Entries through the API: the add form's rules and messages, scoped to the token's
person, and the day totals kept as on the site."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from foods.models import Food
from tracker.models import DayTotal, Entry

pytestmark = pytest.mark.django_db
DAY = "2026-11-16"


def test_it_logs_grams(api, alice, food):
    banana = food(173944)
    response = api.post(
        "/entries", {"food": banana.pk, "grams": 118, "meal": "snacks", "date": DAY}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["description"] == "Bananas, raw" and body["amount"] == "118 g"
    assert body["magnesium_mg"] == pytest.approx(31.86) and body["meal"] == "snacks"
    entry = Entry.objects.get(user=alice)
    assert entry.grams == 118 and entry.date == date(2026, 11, 16)
    total = DayTotal.objects.get(user=alice, date=date(2026, 11, 16))
    assert total.magnesium == Decimal("31.86")


def test_it_logs_one_portion_by_default(api, alice, food):
    banana = food(173944)
    medium = banana.portions.get(label__startswith="1 medium")
    response = api.post("/entries", {"food": banana.pk, "portion": medium.pk, "date": DAY})
    assert response.status_code == 201
    entry = Entry.objects.get(user=alice)
    assert entry.quantity == 1 and entry.grams == medium.grams and entry.portion == medium


def test_it_logs_today_in_the_persons_zone_by_default(api, alice, food):
    from zoneinfo import ZoneInfo

    response = api.post("/entries", {"food": food(173944).pk, "grams": 50, "meal": "lunch"})
    assert response.status_code == 201
    assert Entry.objects.get(user=alice).date == timezone.localdate(timezone=ZoneInfo("UTC"))


def test_a_supplement_goes_to_supplements_by_default(api, alice):
    tablet = Food.objects.filter(is_supplement=True).first()
    response = api.post("/entries", {"food": tablet.pk, "grams": 1, "date": DAY})
    assert response.status_code == 201 and response.json()["meal"] == "supplements"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"grams": 6000}, "grams", "At most 5,000 g in one entry."),
        ({"grams": 0}, "grams", "Enter an amount above zero."),
        ({"grams": -3}, "grams", "Enter an amount above zero."),
        ({}, "grams", "Enter the weight in grams, or pick a portion."),
        ({"grams": 100, "date": "1850-01-01"}, "date", "Pick a day between"),
        ({"grams": 100, "date": "2099-01-01"}, "date", "Pick a day between"),
    ],
)
def test_it_refuses_what_the_add_form_refuses_with_its_words(
    api, alice, food, body, field, message
):
    response = api.post("/entries", {"food": food(173944).pk, "meal": "lunch", "date": DAY, **body})
    assert response.status_code == 422
    assert response.json()["field"] == field and response.json()["message"].startswith(message)
    assert not Entry.objects.exists()


def test_the_limits_are_the_sites_own(api, alice, client, food):
    banana = food(173944)
    client.force_login(alice)
    site = client.post(f"/log/{DAY}/add/", {"food": banana.pk, "grams": "5001",
                                                 "meal": "lunch", "date": DAY})  # fmt: skip
    assert site.status_code == 422
    response = api.post(
        "/entries", {"food": banana.pk, "grams": 5001, "meal": "lunch", "date": DAY}
    )
    assert response.json()["message"] in site.content.decode()


def test_a_portion_and_grams_together_are_refused(api, food):
    banana = food(173944)
    body = {"food": banana.pk, "portion": banana.portions.first().pk, "grams": 100, "date": DAY}
    response = api.post("/entries", body)
    assert response.status_code == 422 and response.json()["field"] == "grams"


def test_another_foods_portion_is_refused(api, food):
    spinach_cup = food(168462).portions.first()
    body = {"food": food(173944).pk, "portion": spinach_cup.pk, "date": DAY}
    response = api.post("/entries", body)
    assert response.status_code == 422 and response.json()["field"] == "portion"


def test_a_bad_meal_or_date_is_named(api, food):
    response = api.post("/entries", {"food": food(173944).pk, "grams": 5, "meal": "brunch"})
    assert response.status_code == 422 and response.json()["field"] == "meal"
    response = api.post("/entries", {"food": food(173944).pk, "grams": 5, "date": "16/11/2026"})
    assert response.status_code == 422 and response.json()["field"] == "date"
    response = api.post("/entries", {"grams": 5})
    assert response.status_code == 422 and response.json() == {
        "message": "food is required.",
        "field": "food",
    }


def test_another_persons_food_is_not_found(api, bob):
    theirs = Food.objects.create(description="Bob's stew", owner=bob, magnesium_mg=Decimal(9))
    response = api.post("/entries", {"food": theirs.pk, "grams": 100, "date": DAY})
    assert response.status_code == 404 and response.json()["field"] == "food"
    assert not Entry.objects.exists()


def test_it_lists_a_span_of_days(api, alice, bob, log, food):
    banana = food(173944)
    for back in range(5):
        log(alice, banana, 100, "lunch", date(2026, 11, 16) - timedelta(days=back))
    log(bob, banana, 100, "lunch", date(2026, 11, 15))
    response = api.get("/entries", {"from": "2026-11-13", "to": "2026-11-15"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["date"] for i in items] == ["2026-11-13", "2026-11-14", "2026-11-15"]
    assert {Entry.objects.get(pk=i["id"]).user for i in items} == {alice}
    one = api.get("/entries", {"from": "2026-11-16"}).json()["items"]
    assert [i["date"] for i in one] == ["2026-11-16"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-11-16", "to": "2026-11-01"}, "to"),
        ({"from": "2024-01-01", "to": "2026-01-01"}, "to"),
        ({"from": "1800-01-01"}, "from"),
        ({"from": "yesterday"}, "from"),
        ({}, "from"),
    ],
)
def test_a_bad_span_is_refused(api, params, field):
    response = api.get("/entries", params)
    assert response.status_code == 422 and response.json()["field"] == field


def test_it_changes_an_entry(api, alice, log, food):
    banana = food(173944)
    entry = log(alice, banana, 100, "lunch", date(2026, 11, 16))
    medium = banana.portions.get(label__startswith="1 medium")
    response = api.patch(f"/entries/{entry.pk}", {"portion": medium.pk, "quantity": 2})
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.quantity == 2 and entry.grams == medium.grams * 2 and entry.meal == "lunch"
    # grams alone: grams, not the old portion
    assert api.patch(f"/entries/{entry.pk}", {"grams": 80}).status_code == 200
    entry.refresh_from_db()
    assert entry.grams == 80 and entry.portion is None and entry.quantity is None
    moved = api.patch(f"/entries/{entry.pk}", {"date": "2026-11-14", "meal": "dinner"})
    assert moved.status_code == 200
    entry.refresh_from_db()
    assert (entry.date, entry.meal, entry.grams) == (date(2026, 11, 14), "dinner", 80)
    # the day totals of both days follow, as on the site
    assert not DayTotal.objects.filter(user=alice, date=date(2026, 11, 16)).exists()
    assert DayTotal.objects.get(user=alice, date=date(2026, 11, 14)).entries == 1


def test_a_bad_change_writes_nothing(api, alice, log, food):
    entry = log(alice, food(173944), 100, "lunch", date(2026, 11, 16))
    response = api.patch(f"/entries/{entry.pk}", {"grams": 9000})
    assert response.status_code == 422 and response.json()["field"] == "grams"
    entry.refresh_from_db()
    assert entry.grams == 100


def test_it_deletes_an_entry(api, alice, log, food):
    entry = log(alice, food(173944), 100, "lunch", date(2026, 11, 16))
    response = api.delete(f"/entries/{entry.pk}")
    assert response.status_code == 204
    assert not Entry.objects.exists()
    assert not DayTotal.objects.filter(user=alice).exists()
    assert api.delete(f"/entries/{entry.pk}").status_code == 404


def test_another_persons_entry_is_not_found(api, bob, log, food):
    theirs = log(bob, food(173944), 100, "lunch", date(2026, 11, 16))
    for response in (
        api.get(f"/entries/{theirs.pk}"),
        api.patch(f"/entries/{theirs.pk}", {"grams": 1}),
        api.delete(f"/entries/{theirs.pk}"),
    ):
        assert response.status_code == 404 and response.json() == {
            "message": "Not found.",
            "field": None,
        }
    theirs.refresh_from_db()
    assert theirs.grams == 100
    assert api.get("/entries", {"from": "2026-11-16"}).json()["items"] == []


def test_it_reads_one_entry(api, alice, log, food):
    entry = log(alice, food(173944), 100, "lunch", date(2026, 11, 16))
    body = api.get(f"/entries/{entry.pk}").json()
    assert body["id"] == entry.pk and body["grams"] == 100 and body["food"] == food(173944).pk
