"""Lists show our short everyday names and USDA's measures as people say them; USDA's
full description stays on the food's page and as the accessible description."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from foods.models import Food
from tracker.models import Entry, amount_text

pytestmark = pytest.mark.django_db
BANANA = 173944


def _log_portion(user, food, label_start, quantity, meal="lunch", day=None):
    portion = food.portions.get(label__startswith=label_start)
    entry = Entry(
        user=user,
        date=day or timezone.localdate(),
        meal=meal,
        grams=portion.grams * quantity,
        portion=portion,
        portion_label=portion.label,
        quantity=Decimal(quantity),
    )
    entry.take_values_from(food)
    entry.save()
    return entry


def test_the_day_lists_the_everyday_name_and_the_spoken_portion(logged_in, alice, food):
    _log_portion(alice, food(BANANA), "1 medium", 1)
    body = logged_in.get(f"/log/{timezone.localdate()}/").content.decode()
    entries = body.split('class="entries"')[1].split("</ul>")[0]
    assert "<strong>Banana</strong>" in entries
    assert "1 medium (118 g)" in entries
    assert "7-7/8" not in entries and "Bananas, raw" not in entries
    assert "Edit Banana" in entries and "Delete Banana" in entries


def test_two_portions_read_as_a_count_of_the_measure():
    assert amount_text(Decimal(2), '1 medium (7" to 7-7/8" long)', Decimal(236)) == "2 × 1 medium"
    assert amount_text(Decimal(1), "0.5 cup", Decimal(86)) == "1/2 cup"
    assert amount_text(None, "", Decimal("28.35")) == "28.35 g"


def test_search_results_show_the_name_with_usdas_description_for_screen_readers(logged_in, food):
    body = logged_in.get(f"/log/{timezone.localdate()}/", {"q": "banana"}).content.decode()
    results = body.split('aria-label="Matching foods"')[1].split("</ul>")[0]
    banana = food(BANANA)
    first = results.split("<li>")[1]
    assert first.split(">", 1)[1].lstrip().startswith("Banana")
    assert f'aria-describedby="food-desc-{banana.pk}"' in first
    assert f'<span id="food-desc-{banana.pk}" hidden>Bananas, raw</span>' in first


def test_the_add_form_is_titled_by_the_name_and_described_by_usda(logged_in, food):
    banana = food(BANANA)
    body = logged_in.get(f"/log/{timezone.localdate()}/", {"food": banana.pk}).content.decode()
    assert '<h3 id="picked-heading">Banana</h3>' in body
    assert 'aria-describedby="picked-desc"' in body
    assert '<span id="picked-desc" hidden>Bananas, raw</span>' in body
    assert "1 medium (118 g)" in body  # the unit list


def test_the_food_page_shows_both_names(client, food):
    body = client.get(food(BANANA).get_absolute_url()).content.decode()
    assert "<h1>Banana</h1>" in body
    assert "USDA’s description: Bananas, raw" in body


def test_a_food_without_a_name_of_ours_shows_its_description(logged_in, alice, log):
    own = Food.objects.create(
        description="Grandma's lentil stew", owner=alice, magnesium_mg=30, potassium_mg=300
    )
    log(alice, own, 250, "dinner")
    body = logged_in.get(f"/log/{timezone.localdate()}/").content.decode()
    assert "<strong>Grandma&#x27;s lentil stew</strong>" in body


def test_an_entry_keeps_its_logged_words_once_its_food_is_gone(logged_in, alice, log):
    own = Food.objects.create(description="Soup of the day", owner=alice, magnesium_mg=10)
    log(alice, own, 250, "dinner", timezone.localdate() - timedelta(days=1))
    own.delete()
    day = timezone.localdate() - timedelta(days=1)
    body = logged_in.get(f"/log/{day}/").content.decode()
    assert "<strong>Soup of the day</strong>" in body
