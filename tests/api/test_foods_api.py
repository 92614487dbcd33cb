"""Foods through the API: the site's ranking, and a food's portions."""

import re
from datetime import date
from decimal import Decimal

import pytest

from foods import finder
from foods.models import Food, Portion
from tracker.models import Entry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["banana", "spinach", "brocoli", "beans"])
def test_it_ranks_as_the_sites_search(api, alice, client, query):
    body = api.get("/foods", {"q": query, "limit": 10}).json()
    ids = finder.find(query, alice, habits=Entry.objects.for_user(alice).habits())[:10]
    assert [item["id"] for item in body["items"]] == ids and ids
    client.force_login(alice)
    page = client.get("/foods/", {"q": query}).content.decode()
    site = [int(i) for i in re.findall(r'href="/foods/(\d+)/"', page)]
    assert site[: len(ids)] == ids  # the food list page, in the same order


def test_the_foods_a_person_logs_often_come_first_among_equals(api, alice, log, food):
    plain = api.get("/foods", {"q": "banana"}).json()["items"]
    later = food(int(Food.objects.get(pk=plain[1]["id"]).source_id))
    for day in range(1, 4):
        log(alice, later, 100, "lunch", date(2026, 11, day))
    mine = api.get("/foods", {"q": "banana"}).json()["items"]
    expected = finder.find("banana", alice, habits=Entry.objects.for_user(alice).habits())
    assert [i["id"] for i in mine] == expected[: len(mine)]


def test_it_finds_a_persons_own_foods_and_no_one_elses(api, alice, bob):
    Food.objects.create(description="Alice's lentil soup", owner=alice, magnesium_mg=Decimal(30))
    theirs = Food.objects.create(description="Bob's lentil soup", owner=bob)
    names = [i["description"] for i in api.get("/foods", {"q": "lentil soup"}).json()["items"]]
    assert "Alice's lentil soup" in names and "Bob's lentil soup" not in names
    assert api.get(f"/foods/{theirs.pk}").status_code == 404


def test_a_food_comes_with_its_portions(api, food):
    banana = food(173944)
    body = api.get(f"/foods/{banana.pk}").json()
    assert body["fdc_id"] == 173944 and body["magnesium_mg_per_100g"] == 27
    assert body["name"] == banana.display_name and body["description"] == "Bananas, raw"
    medium = next(p for p in body["portions"] if p["label"].startswith("1 medium"))
    portion = Portion.objects.get(pk=medium["id"])
    assert medium["grams"] == float(portion.grams)
    assert medium["magnesium_mg"] == pytest.approx(float(portion.grams) * 27 / 100)


def test_an_unknown_value_is_null_not_zero(api, alice):
    mine = Food.objects.create(description="Mystery broth", owner=alice, potassium_mg=Decimal(100))
    body = api.get(f"/foods/{mine.pk}").json()
    assert body["magnesium_mg_per_100g"] is None and body["own"] is True


@pytest.mark.parametrize(
    ("params", "field"),
    [({"q": "  "}, "q"), ({}, "q"), ({"q": "x" * 101}, "q"), ({"q": "a", "limit": 0}, "limit")],
)
def test_a_bad_search_is_named(api, params, field):
    response = api.get("/foods", params)
    assert response.status_code == 422 and response.json()["field"] == field


def test_a_food_id_that_is_not_a_number_is_not_found(api):
    for path in ("/foods/abc", "/foods/%C2%B2", "/foods/99999999999999999999999"):
        response = api.get(path)
        assert response.status_code == 404 and response["Content-Type"] == "application/json"
