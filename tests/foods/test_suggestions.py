"""What the notes suggest and the learn tables list: foods eaten as they are described
(a dietitian's review), lower in potassium for a flagged person, and children's foods."""

from decimal import Decimal

import pytest
from django.db.models import Q
from django.urls import reverse

from foods.models import LOWER_POTASSIUM_MG, Food
from foods.portions import spoken
from foods.suggesting import not_suggested

pytestmark = pytest.mark.django_db

COMBINATIONS = [("magnesium",), ("potassium",), ("magnesium", "potassium")]
# Each named in the review, by its catalogue description's start.
NEVER = [
    "Nuts, brazilnuts",
    "Soybeans, mature seeds, raw",
    "Chicken, ground, raw",
    "Beans, liquid from stewed kidney beans",
    "Plums, wild",
    "Tomatoes, sun-dried",
    "Lentils, raw",
    "Potatoes, flesh and skin, raw",
]


def test_the_named_foods_are_in_the_catalogue_but_never_put_forward(client):
    for head in NEVER:
        food = Food.objects.get(description__startswith=head, owner=None)
        assert Food.objects.filter(pk=food.pk).filter(not_suggested()).exists(), head
        assert not Food.objects.suggestable().filter(pk=food.pk).exists(), head
    page = client.get(reverse("tracker:learn_page", args=["food-sources"])).content.decode()
    for minerals in COMBINATIONS:
        for restricted in (False, True):
            shown = Food.objects.rich_in(minerals, avoid_potassium=restricted, limit=500)
            names = [f.description for f in shown]
            assert not any(n.startswith(head) for n in names for head in NEVER)
    for head in NEVER:
        assert head not in page


def test_foods_eaten_as_described_are_still_suggested():
    kept = ["Beans, black, mature seeds, cooked", "Nuts, almonds", "Spinach, raw",
            "Cereals, oats, regular and quick", "Soybeans, mature seeds, dry roasted",
            "Fish, salmon, Atlantic, farmed, cooked"]  # fmt: skip
    for head in kept:
        assert Food.objects.suggestable().filter(description__startswith=head).exists(), head


def test_lower_in_potassium_means_under_200_mg_in_the_portion_logged():
    foods = list(Food.objects.rich_in(("magnesium",), avoid_potassium=True, limit=100))
    assert len(foods) >= 3
    for food in foods:
        portion = food.default_portion(list(food.portions.all()))
        assert food.potassium_mg is not None  # an unknown value is not "lower"
        assert food.potassium_mg * portion.grams / 100 < LOWER_POTASSIUM_MG
    everyone = Food.objects.rich_in(("magnesium",), limit=100)
    assert len(everyone) > len(foods)  # the rule had work to do


def test_a_young_childs_suggestions_have_no_whole_nuts_or_seeds_and_are_everyday_foods():
    for minerals in COMBINATIONS:
        child = list(Food.objects.rich_in(minerals, age_months=30, limit=100))
        assert child, minerals
        for food in child:
            assert food.category != "Nut and Seed Products" and food.popularity >= 2
            assert not food.description.startswith(("Peanut", "Seaweed"))
    adult = Food.objects.rich_in(("magnesium",), limit=100)
    assert any(f.category == "Nut and Seed Products" for f in adult)


def test_the_learn_tables_show_the_portion_the_add_form_offers(client):
    page = client.get(reverse("tracker:learn_page", args=["food-sources"])).content.decode()
    table = page.split('id="magnesium-portion"')[1].split("</table>")[0]
    rows = table.split("<tbody>")[1].split("</tr>")[:-1]
    assert len(rows) == 10
    for row in rows:
        pk = int(row.split('href="/foods/')[1].split("/")[0])
        food = Food.objects.get(pk=pk)
        portion = food.default_portion(list(food.portions.all()))
        # As the add form says it: "1/2 cup (61 g)", the weight once.
        assert f"{spoken(portion.label)} (" in row.replace("&quot;", '"').replace("&#x27;", "'")
    assert "sun-dried" not in page


def test_a_flagged_persons_note_says_lower_in_potassium(client, alice, profile_for):
    from datetime import date, timedelta

    from tracker.models import Entry

    profile_for(alice, potassium_restricted=True)
    bread = Food.objects.get(source_id="172688")
    monday = date(2026, 11, 16)
    entries = []
    for i in range(5):
        for meal in ("breakfast", "lunch"):
            entry = Entry(user=alice, date=monday + timedelta(days=i), meal=meal, grams=Decimal(30))
            entry.take_values_from(bread)
            entries.append(entry)
    Entry.objects.bulk_create(entries)
    client.force_login(alice)
    body = client.get("/week/2026-W47/").content.decode()
    note = body.split('data-note="magnesium-low"')[1].split("</article>")[0]
    assert "lower in potassium (under 200 mg a portion)" in note
    names = [n.split(">")[1] for n in note.split('<li><a href="/foods/')[1:]]
    assert names
    for name in names:
        shown = name.split("</a")[0].replace("&#x27;", "'")  # the everyday name, if any
        food = Food.objects.get(Q(name=shown) | Q(name="", description=shown), owner=None)
        portion = food.default_portion(list(food.portions.all()))
        assert food.potassium_mg * portion.grams / 100 < 200
