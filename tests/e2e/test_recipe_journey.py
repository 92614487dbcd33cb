"""A soup from a pasted list: reviewed, saved with a bowl portion, logged by the bowl,
and the day's totals checked against the ingredients worked out by hand."""

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from foods.models import Food
from tracker.models import Profile, Recipe

pytestmark = pytest.mark.e2e

SOUP = """400 g chickpeas
1 cup chopped celery
2 medium carrots
1 large onion
1 l water"""
# fdc id, grams each line stands for (the catalogue's own portions), as a person would
# look them up: 400 g; "1 cup chopped" celery 101 g; a medium carrot 61 g; a large onion
# 150 g; a litre of water 1,000 g.
BY_HAND = [(173757, 400), (169988, 101), (170393, 122), (170000, 150), (173647, 1000),
           (170440, 167)]  # fmt: skip
# and one more typed in the form's own box, previewed as it is typed: a medium boiled
# potato, 167 g.
SERVINGS, BOWL = 4, 350


def _round(value: Decimal) -> str:
    return str(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_a_soup_from_a_pasted_list_logged_by_the_bowl(page: Page, live_server, catalogue):
    user = get_user_model().objects.create_user("cook", "cook@example.org", "a-long-pass-42")
    Profile.objects.create(user=user, sex="female", date_of_birth=date(1980, 1, 1))
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "cook")
    page.fill("input[name=password]", "a-long-pass-42")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/log/")

    page.goto(f"{live_server.url}/recipes/new/")
    page.fill("input[name=name]", "Chickpea soup")
    page.fill("input[name=servings]", str(SERVINGS))
    page.fill("textarea[name=ingredients]", SOUP)
    page.get_by_role("button", name="Read the ingredients").click()
    expect(page.locator(".recipe-line")).to_have_count(5)  # the review, swapped in place

    # One more line from the keyboard: type it, see what it matches, Enter.
    add = page.locator("input[name=add_line]")
    add.fill("1 medium potato")
    expect(page.locator("#line-preview")).to_contain_text("Potato, boiled")
    add.press("Enter")
    expect(page.locator("input[name=add_line]")).to_be_focused()

    # The review: every line with its food and grams.
    lines = page.locator(".recipe-line")
    expect(lines).to_have_count(6)
    foods = [Food.objects.get(source_id=str(fdc)) for fdc, _ in BY_HAND]
    for i, (food, (_, grams)) in enumerate(zip(foods, BY_HAND, strict=True)):
        expect(lines.nth(i).locator("select[name$=-food]")).to_have_value(str(food.pk))
        expect(lines.nth(i).locator("input[name$=-grams]:not([type=hidden])")).to_have_value(
            str(grams)  # as people write grams: "400", not "400.00"
        )
    page.fill("input[name=portions-0-label]", "1 bowl")
    page.fill("input[name=portions-0-grams]", str(BOWL))
    page.get_by_role("button", name="Save recipe").click()
    expect(page.locator("h1")).to_have_text("Chickpea soup")

    # By hand: each ingredient's mg is its per-100 g value times grams over 100.
    whole_mg = sum(f.magnesium_mg * g / 100 for f, (_, g) in zip(foods, BY_HAND, strict=True))
    whole_k = sum(f.potassium_mg * g / 100 for f, (_, g) in zip(foods, BY_HAND, strict=True))
    dish = sum(Decimal(g) for _, g in BY_HAND)
    # Per serving is the first column of numbers, a row per nutrient.
    mg_row = page.locator("table.nutrients tr", has_text="Magnesium")
    k_row = page.locator("table.nutrients tr", has_text="Potassium")
    expect(mg_row.locator("td").first).to_contain_text(f"{_round(whole_mg / SERVINGS)} mg")
    expect(k_row.locator("td").first).to_contain_text(f"{_round(whole_k / SERVINGS)} mg")

    # Log a bowl from the day page's search: type, Enter, amount, Enter.
    page.goto(f"{live_server.url}/log/")
    search = page.locator("#food-search")
    search.fill("chickpea soup")
    first = page.locator("#food-results a.pick").first
    expect(first).to_contain_text("Chickpea soup")
    search.press("Enter")
    select = page.locator("#add-form select[name=portion]")
    bowl = select.locator("option", has_text="1 bowl").first.get_attribute("value")
    select.select_option(bowl)
    amount = page.locator("#add-form input[name=amount]")
    amount.fill("1")
    amount.press("Enter")
    expect(page.locator(".entry", has_text="Chickpea soup")).to_have_count(1)

    # The bowl's share of the pot, from the values per 100 g mgk keeps (rounded to
    # hundredths), matches the sums by hand.
    per_100g_mg = (whole_mg * 100 / dish).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    per_100g_k = (whole_k * 100 / dish).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    expect(page.locator('[data-total="magnesium"]')).to_have_text(_round(per_100g_mg * BOWL / 100))
    expect(page.locator('[data-total="potassium"]')).to_have_text(_round(per_100g_k * BOWL / 100))
    recipe = Recipe.objects.get(owner=user)
    assert recipe.food.magnesium_mg == per_100g_mg
    page.goto(f"{live_server.url}{recipe.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text(re.compile(r"Used in 1 entry"))


def test_a_saved_meal_is_logged_with_three_keys(page: Page, live_server, catalogue):
    """From quick add's meal list on the day page: a letter picks the meal, Tab reaches
    the saved meal's button, Enter logs all of its foods without a reload, and focus
    stays on the button for the next one."""
    from tracker.models import Entry, SavedMeal

    user = get_user_model().objects.create_user("eater", "eat@example.org", "a-long-pass-42")
    Profile.objects.create(user=user, sex="female", date_of_birth=date(1980, 1, 1))
    saved = SavedMeal.objects.create(owner=user, name="My usual breakfast")
    for fdc, grams in ((173904, 40), (171265, 244), (173944, 118)):
        entry = Entry(user=user, date=date(2026, 11, 16), meal="breakfast", grams=grams)
        entry.take_values_from(Food.objects.get(source_id=str(fdc)))
        entry.save()
    saved.fill_from(list(Entry.objects.filter(user=user)))
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "eater")
    page.fill("input[name=password]", "a-long-pass-42")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/log/")

    page.locator("#quick-meal").focus()
    page.keyboard.press("l")  # Lunch
    page.keyboard.press("Tab")
    button = page.get_by_role("button", name="+ My usual breakfast")
    expect(button).to_be_focused()
    page.evaluate("window.mgkLoaded = true")  # gone if the page reloads
    page.keyboard.press("Enter")
    expect(page.locator("#meal-lunch .entry")).to_have_count(3)
    expect(button).to_be_focused()
    assert page.evaluate("window.mgkLoaded === true")


def test_an_ingredient_by_keyboard_type_enter_grams_enter(page: Page, live_server, catalogue):
    """The recipe form's own box, as the day page's search: a food's name, Enter, its
    grams, Enter; the line shows its grams and minerals and nothing is saved yet."""
    user = get_user_model().objects.create_user("baker", "bake@example.org", "a-long-pass-42")
    Profile.objects.create(user=user, sex="male", date_of_birth=date(1975, 3, 1))
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "baker")
    page.fill("input[name=password]", "a-long-pass-42")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/log/")

    page.goto(f"{live_server.url}/recipes/new/")
    page.fill("input[name=name]", "Green smoothie")
    add = page.locator("input[name=add_line]")
    add.focus()
    page.keyboard.type("spinach")
    expect(page.locator("#line-preview")).to_contain_text("Enter adds it, then type its grams")
    page.keyboard.press("Enter")
    grams = page.locator("input[name=lines-0-grams]")
    expect(grams).to_be_focused()
    page.keyboard.type("60")
    page.keyboard.press("Enter")
    expect(page.locator("input[name=add_line]")).to_be_focused()
    expect(page.locator(".recipe-line .line-values")).to_contain_text("60 g gives magnesium 47 mg")
    assert not Recipe.objects.exists()
    page.get_by_role("button", name="Save recipe").click()
    expect(page.locator("h1")).to_have_text("Green smoothie")
    assert Recipe.objects.get().ingredients.get().grams == 60
