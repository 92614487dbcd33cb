"""Saved meals, a meal saved as a recipe, and copying a whole day."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from tracker.models import Entry, Recipe, SavedMeal

DAY = date(2026, 11, 16)
NEXT = DAY + timedelta(days=1)
OATS, MILK, BANANA = 173904, 171265, 173944


@pytest.fixture
def breakfast(alice, food, log):
    return [log(alice, food(fdc), grams, "breakfast", DAY) for fdc, grams in
            ((OATS, 40), (MILK, 244), (BANANA, 118))]  # fmt: skip


def _save(client, day=DAY, meal="breakfast", name="My usual breakfast", **more):
    data = {"from_meal": meal, "name": name, "as": "meal", **more}
    return client.post(reverse("tracker:save_meal", args=[day.isoformat()]), data)


@pytest.mark.django_db
def test_a_meal_is_saved_under_a_name(logged_in, alice, breakfast):
    response = _save(logged_in)
    assert response.status_code == 302
    saved = SavedMeal.objects.get()
    assert saved.owner == alice and saved.name == "My usual breakfast"
    items = list(saved.items.all())
    assert [i.description for i in items] == [e.description for e in breakfast]
    assert [i.grams for i in items] == [e.grams for e in breakfast]


@pytest.mark.django_db
def test_it_is_logged_into_another_day_in_one_action(logged_in, alice, breakfast):
    _save(logged_in)
    saved = SavedMeal.objects.get()
    url = reverse("tracker:log_saved_meal", args=[saved.pk])
    response = logged_in.post(url, {"date": NEXT.isoformat(), "meal": "lunch"})
    assert response.status_code == 302
    logged = list(Entry.objects.filter(user=alice, date=NEXT, meal="lunch").order_by("id"))
    assert [(e.description, e.grams, e.magnesium_per_100g) for e in logged] == [
        (e.description, e.grams, e.magnesium_per_100g) for e in breakfast
    ]
    day = logged_in.get(reverse("tracker:day", args=[NEXT.isoformat()]))
    assert day.context["totals"]["magnesium"] == sum(e.minerals()["magnesium"] for e in breakfast)


@pytest.mark.django_db
def test_logging_it_twice_into_one_meal_asks_first(logged_in, alice, breakfast):
    _save(logged_in)
    saved = SavedMeal.objects.get()
    url = reverse("tracker:log_saved_meal", args=[saved.pk])
    again = logged_in.post(url, {"date": DAY.isoformat(), "meal": "breakfast"})
    assert again.status_code == 422
    assert "already has these foods" in again.content.decode()
    assert Entry.objects.filter(date=DAY).count() == 3
    sure = logged_in.post(url, {"date": DAY.isoformat(), "meal": "breakfast", "confirm": "on"})
    assert sure.status_code == 302
    assert Entry.objects.filter(date=DAY).count() == 6


@pytest.mark.django_db
def test_the_day_page_offers_saved_meals(logged_in, breakfast):
    _save(logged_in)
    saved = SavedMeal.objects.get()
    body = logged_in.get(reverse("tracker:day", args=[NEXT.isoformat()])).content.decode()
    quick_add = body[body.index('id="quick-add"') :]
    quick_add = quick_add[: quick_add.index("</section>")]
    assert f'formaction="{reverse("tracker:log_saved_meal", args=[saved.pk])}"' in quick_add
    assert "+ My usual breakfast <small>(3 foods)</small>" in quick_add


@pytest.mark.django_db
def test_quick_add_logs_a_saved_meal_without_a_reload(logged_in, alice, breakfast):
    _save(logged_in)
    saved = SavedMeal.objects.get()
    url = reverse("tracker:log_saved_meal", args=[saved.pk])
    data = {"date": NEXT.isoformat(), "meal": "lunch", "from": "day"}
    response = logged_in.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="day-body"')
    said = json.loads(response.headers["HX-Trigger"])["announce"]["message"]
    assert said.startswith("Logged “My usual breakfast” (3 entries) in Lunch. Day totals")
    assert Entry.objects.filter(user=alice, date=NEXT, meal="lunch").count() == 3
    # The meal picked stays picked for the next quick add.
    assert '<option value="lunch" selected>' in body


@pytest.mark.django_db
def test_quick_add_asks_before_logging_a_saved_meal_twice(logged_in, alice, breakfast):
    _save(logged_in)
    saved = SavedMeal.objects.get()
    url = reverse("tracker:log_saved_meal", args=[saved.pk])
    data = {"date": DAY.isoformat(), "meal": "breakfast", "from": "day"}
    again = logged_in.post(url, data, HTTP_HX_REQUEST="true")
    assert again.status_code == 422 and again.headers["HX-Retarget"] == "#quick-add"
    body = again.content.decode()
    assert body.lstrip().startswith('<section class="card" id="quick-add"')
    assert "Breakfast already has the foods of “My usual breakfast”. Log them again?" in body
    assert ">Log it again</button>" in body
    assert Entry.objects.filter(date=DAY).count() == 3
    sure = logged_in.post(url, {**data, "confirm": "on"}, HTTP_HX_REQUEST="true")
    assert sure.status_code == 200 and Entry.objects.filter(date=DAY).count() == 6


@pytest.mark.django_db
@pytest.mark.parametrize(("hour", "meal"), [(7, "breakfast"), (12, "lunch"), (19, "dinner")])
def test_now_logs_a_saved_meal_into_the_meal_of_the_hour(logged_in, breakfast, hour, meal):
    import time_machine

    _save(logged_in)
    saved = SavedMeal.objects.get()
    url = reverse("tracker:log_saved_meal", args=[saved.pk])
    with time_machine.travel(f"{NEXT.isoformat()}T{hour:02}:30:00+00:00"):
        logged_in.post(url, {"date": NEXT.isoformat(), "meal": "", "from": "day"})
    assert set(Entry.objects.filter(date=NEXT).values_list("meal", flat=True)) == {meal}


@pytest.mark.django_db
def test_a_saved_meal_is_edited_and_deleted(logged_in, breakfast):
    _save(logged_in)
    saved = SavedMeal.objects.get()
    oats, milk, banana = saved.items.all()
    data = {"name": "Porridge", f"item-{oats.pk}-grams": "60", f"item-{milk.pk}-grams": "244",
            f"item-{banana.pk}-grams": "118", f"item-{banana.pk}-remove": "on"}  # fmt: skip
    response = logged_in.post(saved.get_absolute_url(), data)
    assert response.status_code == 302
    saved.refresh_from_db()
    assert saved.name == "Porridge"
    assert [(i.description, i.grams) for i in saved.items.all()] == [
        (oats.description, Decimal(60)),
        (milk.description, milk.grams),
    ]
    bad = logged_in.post(saved.get_absolute_url(), {**data, f"item-{oats.pk}-grams": "-1"})
    assert bad.status_code == 422
    logged_in.post(reverse("tracker:saved_meal_delete", args=[saved.pk]))
    assert not SavedMeal.objects.exists()
    assert Entry.objects.count() == 3  # the day it came from is unchanged


@pytest.mark.django_db
def test_saved_meals_are_private(client, logged_in, bob, profile_for, breakfast):
    _save(logged_in)
    saved = SavedMeal.objects.get()
    profile_for(bob)
    client.force_login(bob)
    for name in ("tracker:saved_meal", "tracker:saved_meal_delete"):
        assert client.get(reverse(name, args=[saved.pk])).status_code == 404
    url = reverse("tracker:log_saved_meal", args=[saved.pk])
    assert client.post(url, {"date": DAY.isoformat(), "meal": "lunch"}).status_code == 404
    assert "My usual breakfast" not in client.get(reverse("tracker:saved_meals")).content.decode()
    assert "My usual breakfast" not in client.get("/log/").content.decode()


@pytest.mark.django_db
def test_an_empty_meal_saves_nothing(logged_in, breakfast):
    response = _save(logged_in, meal="dinner")
    assert response.status_code == 302 and not SavedMeal.objects.exists()


@pytest.mark.django_db
def test_these_entries_become_a_recipe(logged_in, alice, breakfast):
    response = _save(logged_in, name="Porridge bowl", servings="2", **{"as": "recipe"})
    recipe = Recipe.objects.get()
    assert response["Location"] == recipe.get_absolute_url()
    assert recipe.servings == 2 and recipe.owner == alice
    lines = list(recipe.ingredients.all())
    assert [(i.food_id, i.grams) for i in lines] == [(e.food_id, e.grams) for e in breakfast]
    whole = sum(e.minerals()["magnesium"] for e in breakfast)
    assert recipe.totals().whole["magnesium"] == whole


@pytest.mark.django_db
def test_the_whole_day_is_copied(logged_in, alice, food, log, breakfast):
    log(alice, food(BANANA), 100, "snacks", DAY)
    url = reverse("tracker:copy_day", args=[DAY.isoformat()])
    assert logged_in.get(url).status_code == 200
    response = logged_in.post(url, {"to_date": NEXT.isoformat()})
    assert response.status_code == 302
    copied = Entry.objects.filter(user=alice, date=NEXT)
    assert sorted(copied.values_list("meal", "grams")) == sorted(
        Entry.objects.filter(user=alice, date=DAY).values_list("meal", "grams")
    )
    again = logged_in.post(url, {"to_date": NEXT.isoformat()})
    assert again.status_code == 422 and "Copy anyway" in again.content.decode()
    onto_itself = logged_in.post(url, {"to_date": DAY.isoformat()})
    assert onto_itself.status_code == 422
    assert Entry.objects.filter(user=alice, date=NEXT).count() == 4


@pytest.mark.django_db
def test_saved_meals_are_in_the_recipes_csv(logged_in, breakfast):
    _save(logged_in)
    body = logged_in.get(reverse("tracker:recipes_csv")).content.decode()
    rows = body.strip().splitlines()[1:]
    assert len(rows) == 3 and all(r.startswith("saved meal,My usual breakfast,") for r in rows)
