"""Copying a meal to another day from its own section: opening "Copy to…" brings its form
(fetched when opened), the day to copy to has the focus, and the copy lands there."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Page, expect

from foods.models import Food
from tracker.models import Entry, Profile

pytestmark = pytest.mark.e2e


def test_copy_a_meal_to_tomorrow_from_its_section(page: Page, live_server, catalogue):
    user = get_user_model().objects.create_user("cook", "c@example.org", "a-long-pass-42")
    Profile.objects.create(user=user, sex="female", date_of_birth=date(1985, 1, 1))
    today = timezone.localdate()
    for source_id, grams in (("173944", 118), ("168462", 30)):
        entry = Entry(user=user, date=today, meal="breakfast", grams=Decimal(grams))
        entry.take_values_from(Food.objects.get(source_id=source_id))
        entry.save()

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "cook")
    page.fill("input[name=password]", "a-long-pass-42")
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/log/$"))

    section = page.locator("#meal-breakfast")
    expect(section.locator("form[action$='/copy-to/']")).to_have_count(0)
    section.locator("summary", has_text="to…").click()
    date_box = page.locator("#copy-breakfast-to_date")
    expect(date_box).to_be_focused()
    expect(date_box).to_have_value((today + timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Copy breakfast").click()
    expect(page.locator("#day-notice")).to_contain_text("Copied 2 entries from Breakfast")
    assert Entry.objects.filter(user=user, date=today + timedelta(days=1)).count() == 2
