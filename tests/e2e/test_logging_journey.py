"""A new person signs up, fills the profile and logs two foods, all in Chromium."""

import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from foods.models import Food
from foods.nutrients import scale
from foods.portions import spoken

pytestmark = pytest.mark.e2e


def _totals(foods_grams) -> tuple[str, str]:
    """Day totals as the page rounds them, from the catalogue's own values."""
    mg = sum(scale(f.magnesium_mg, g) for f, g in foods_grams)
    k = sum(scale(f.potassium_mg, g) for f, g in foods_grams)
    return str(round(mg)), str(round(k))


def _expect_totals(page: Page, foods_grams) -> None:
    mg, k = _totals(foods_grams)
    expect(page.locator('[data-total="magnesium"]')).to_have_text(mg)
    expect(page.locator('[data-total="potassium"]')).to_have_text(k)


def _log(page: Page, letters: str, pick: str, meal: str, portion_label: str | None = None) -> None:
    search = page.locator("#food-search")
    expect(search).to_be_focused()
    search.fill(letters)
    result = page.locator("#food-results a.pick", has_text=pick).first
    expect(result).to_be_visible()
    if page.locator("#food-results a.pick").first.inner_text().startswith(pick):
        search.press("Enter")  # the best match is first: Enter picks it
    else:
        result.click()
    quantity = page.locator("#add-form input[name=amount]")
    expect(quantity).to_be_focused()
    page.locator("#add-form select[name=meal]").select_option(meal)
    if portion_label:
        select = page.locator("#add-form select[name=portion]")
        value = select.locator("option", has_text=portion_label).first.get_attribute("value")
        select.select_option(value)
    quantity.press("Enter")


def test_sign_up_profile_log_edit_delete_undo(page: Page, live_server, catalogue):
    spinach = Food.objects.get(source_id="168462")
    banana = Food.objects.get(source_id="173944")
    cup = spinach.portions.get(label="1 cup")
    medium = banana.portions.get(label__startswith="1 medium")

    # The app runs under its Content-Security-Policy: nothing it does may be refused.
    refused = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"{live_server.url}/accounts/signup/")
    page.fill("input[name=username]", "newperson")
    page.fill("input[name=email]", "new@example.org")
    page.fill("input[name=password1]", "a-long-passphrase-42")
    page.fill("input[name=password2]", "a-long-passphrase-42")
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Check your e-mail")
    link = next(w for w in mail.outbox[-1].body.split() if "/accounts/activate/" in w)
    page.goto(link)

    expect(page.locator("h1")).to_have_text("Tell mgk a little about you")
    page.check("input[name=sex][value=female]")
    page.fill("input[name=date_of_birth]", "1988-04-12")
    page.click("form.profile-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/log/$"))
    expect(page.locator("#totals-heading")).to_be_visible()

    # Mark the document: if any step reloads the page, the mark is gone.
    page.evaluate("window.__noReload = true")

    # Lists show our everyday names ("Spinach", not USDA's "Spinach, raw").
    _log(page, "spinach", "Spinach", "breakfast")
    _expect_totals(page, [(spinach, cup.grams)])
    expect(page.locator("#meal-breakfast .entry")).to_have_count(1)
    # The live region says what happened, with the new totals.
    expect(page.locator("#announce")).to_contain_text("Added Spinach. Day totals: magnesium")

    _log(page, "banana", "Banana", "lunch", portion_label=spoken(medium.label))
    _expect_totals(page, [(spinach, cup.grams), (banana, medium.grams)])

    banana_row = page.locator("#meal-lunch .entry", has_text="Banana")
    banana_row.get_by_role("link", name=re.compile("Edit")).click()
    page.locator("li.editing input[name=amount]").fill("2")
    page.locator("li.editing").get_by_role("button", name="Save").click()
    _expect_totals(page, [(spinach, cup.grams), (banana, medium.grams * 2)])
    expect(page.locator("#meal-lunch .entry")).to_contain_text("2 × 1 medium (236 g)")

    spinach_row = page.locator("#meal-breakfast .entry", has_text="Spinach")
    spinach_row.get_by_role("button", name=re.compile("Delete")).click()
    _expect_totals(page, [(banana, medium.grams * 2)])
    expect(page.locator("#meal-breakfast .entry")).to_have_count(0)
    expect(page.locator("#announce")).to_contain_text(
        "Deleted Spinach; Undo is at the top of the day."
    )
    expect(page.get_by_role("button", name="Undo")).to_be_focused()

    page.get_by_role("button", name="Undo").click()
    _expect_totals(page, [(spinach, cup.grams), (banana, medium.grams * 2)])
    expect(page.locator("#meal-breakfast .entry")).to_have_count(1)

    assert page.evaluate("window.__noReload") is True
    assert refused == []
    shots = os.environ.get("MGK_SCREENSHOTS")
    if shots:
        page.set_viewport_size({"width": 1100, "height": 1400})
        page.screenshot(path=str(Path(shots) / "day.png"), full_page=True)
    assert Decimal(page.locator('[data-total="magnesium"]').inner_text()) > 0
