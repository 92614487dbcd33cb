"""A person whose week is low reads the note, follows it to the explanation, comes back."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Page, expect

from foods.models import Food
from tracker.models import Entry, Profile
from tracker.nutrients import iso_week, week_start

pytestmark = pytest.mark.e2e


def test_low_week_note_links_to_the_explanation_and_back(page: Page, live_server, catalogue):
    monday = week_start(timezone.localdate()) - timedelta(days=7)
    user = get_user_model().objects.create_user("lowweek", "l@example.org", "a-long-pass-42")
    Profile.objects.create(user=user, sex="female", date_of_birth=date(1985, 1, 1))
    banana = Food.objects.get(source_id="173944")
    for offset in range(4):
        for meal in ("lunch", "dinner"):
            entry = Entry(user=user, date=monday + timedelta(days=offset), meal=meal)
            entry.grams = Decimal(60)
            entry.take_values_from(banana)
            entry.save()

    week_url = f"{live_server.url}/week/{iso_week(monday)}/"
    page.goto(f"{live_server.url}/accounts/login/?next=/week/{iso_week(monday)}/")
    page.fill("input[name=username]", "lowweek")
    page.fill("input[name=password]", "a-long-pass-42")
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(week_url)

    note = page.locator('[data-note="both-low"]')
    expect(note).to_be_visible()
    expect(note).to_contain_text("both low over 4 days")
    expect(note.locator(".suggestions li")).not_to_have_count(0)
    note.get_by_role("link", name="How the two work together").click()
    expect(page).to_have_url(f"{live_server.url}/learn/why-together/")
    expect(page.locator("h1")).to_contain_text("magnesium")
    expect(page.locator("#refs, .references").first).to_be_visible()

    page.go_back()
    expect(page).to_have_url(week_url)
    expect(page.locator('[data-note="both-low"]')).to_be_visible()

    # The page a person takes to a provider: one A4 sheet, notes and disclaimer kept.
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".disclaimer")).to_be_visible()
    expect(page.locator('[data-note="both-low"]')).to_be_visible()
    expect(page.locator("svg.week-chart.wide")).to_be_visible()
    expect(page.locator("table.week-table")).to_be_visible()
