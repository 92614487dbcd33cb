"""The day page on a phone: the diary comes before the advice.  With three notes on the
seven days, the first logged entry still starts within the first screen and a half."""

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

PHONE = {"width": 375, "height": 667}


def _log(user, food, grams, day, meal="lunch"):
    entry = Entry(user=user, date=day, meal=meal, grams=Decimal(grams))
    entry.take_values_from(food)
    entry.save()


def test_first_entry_within_a_screen_and_a_half_with_three_notes(
    page: Page, live_server, catalogue
):
    user = get_user_model().objects.create_user("phone", "p@example.org", "a-long-pass-42")
    Profile.objects.create(user=user, sex="female", date_of_birth=date(1985, 1, 1))
    today = timezone.localdate()
    banana = Food.objects.get(source_id="173944")
    oxide = Food.objects.get(source_id="magnesium-oxide")
    # Low days (both minerals low, few calories) and one day over the supplement limit.
    for offset in range(1, 6):
        _log(user, banana, 60, today - timedelta(days=offset))
    _log(user, oxide, 1, today - timedelta(days=1), meal="supplements")
    _log(user, banana, 118, today, meal="breakfast")
    # A food of their own without a magnesium value: the totals may be too low.
    stew = Food.objects.create(description="Lentil stew", owner=user, potassium_mg=Decimal(300))
    for offset in range(1, 4):
        _log(user, stew, 250, today - timedelta(days=offset), meal="dinner")

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "phone")
    page.fill("input[name=password]", "a-long-pass-42")
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/log/$"))

    notes = page.locator("#day-body [data-note]")
    kinds = [n.get_attribute("data-note") for n in notes.all()]
    assert len(kinds) >= 3, kinds
    expect(notes.first).to_be_visible()
    top = page.locator("#day-body .entry").first.bounding_box()["y"]
    screens = top / PHONE["height"]
    print(f"first entry at {top:.0f} px, {screens:.2f} screens, notes {kinds}")
    assert screens <= 1.5
