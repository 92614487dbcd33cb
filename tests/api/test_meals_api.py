"""Recipes and saved meals through the API: the person's own only, logged as the site
logs them."""

from datetime import date
from decimal import Decimal

import pytest

from tracker.models import Entry, Recipe, RecipeIngredient, SavedMeal

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 16)


@pytest.fixture
def porridge(alice, food):
    recipe = Recipe(owner=alice, name="Banana porridge", servings=2)
    recipe.save_with(
        [
            RecipeIngredient(text="2 bananas", food=food(173944), grams=Decimal(236)),
            RecipeIngredient(text="a cup of spinach", food=food(168462), grams=Decimal(30)),
        ]
    )
    return recipe


@pytest.fixture
def breakfast(alice, log, food):
    log(alice, food(173944), 118, "breakfast", DAY)
    log(alice, food(168462), 30, "breakfast", DAY)
    saved = SavedMeal.objects.create(owner=alice, name="Usual breakfast")
    saved.fill_from(list(Entry.objects.filter(user=alice, date=DAY)))
    return saved


def test_it_lists_a_persons_recipes_per_serving(api, porridge):
    (item,) = api.get("/recipes").json()
    assert item["name"] == "Banana porridge" and item["servings"] == 2
    assert item["serving_grams"] == 133
    expected = (236 * 27 + 30 * 79) / 100 / 2
    assert item["magnesium_mg_per_serving"] == pytest.approx(expected, abs=0.05)


def test_a_recipe_has_its_ingredients_and_logs_as_its_food(api, alice, porridge):
    body = api.get(f"/recipes/{porridge.pk}").json()
    assert [i["text"] for i in body["ingredients"]] == ["2 bananas", "a cup of spinach"]
    logged = api.post("/entries", {"food": body["food"], "portion": body["serving_portion"],
                                   "meal": "breakfast", "date": str(DAY)})  # fmt: skip
    assert logged.status_code == 201
    assert logged.json()["magnesium_mg"] == pytest.approx(
        body["magnesium_mg_per_serving"], abs=0.05
    )
    assert Entry.objects.get(user=alice).description == "Banana porridge"


def test_another_persons_recipe_and_saved_meal_are_not_found(bob_api, porridge, breakfast):
    assert bob_api.get("/recipes").json() == [] and bob_api.get("/meals").json() == []
    assert bob_api.get(f"/recipes/{porridge.pk}").status_code == 404
    assert bob_api.get(f"/meals/{breakfast.pk}").status_code == 404
    response = bob_api.post(f"/meals/{breakfast.pk}/log", {"meal": "lunch", "date": str(DAY)})
    assert response.status_code == 404
    assert not Entry.objects.filter(user__username="bob").exists()


def test_it_lists_saved_meals_with_their_items(api, breakfast):
    (saved,) = api.get("/meals").json()
    assert saved["name"] == "Usual breakfast"
    assert [i["amount"] for i in saved["items"]] == ["118 g", "30 g"]


def test_it_logs_a_saved_meal_and_asks_before_logging_it_twice(api, alice, breakfast):
    body = {"meal": "lunch", "date": "2026-11-17"}
    response = api.post(f"/meals/{breakfast.pk}/log", body)
    assert response.status_code == 201 and response.json()["logged"] == 2
    again = api.post(f"/meals/{breakfast.pk}/log", body)
    assert again.status_code == 422 and again.json()["field"] == "again"
    assert Entry.objects.filter(user=alice, date=date(2026, 11, 17)).count() == 2
    assert api.post(f"/meals/{breakfast.pk}/log", {**body, "again": True}).status_code == 201
    assert Entry.objects.filter(user=alice, date=date(2026, 11, 17)).count() == 4


def test_a_saved_meal_goes_only_to_a_day_the_site_allows(api, breakfast):
    response = api.post(f"/meals/{breakfast.pk}/log", {"meal": "lunch", "date": "2099-01-01"})
    assert response.status_code == 422 and response.json()["field"] == "date"
