"""A person with a logged week reads it, opens a day and comes back, in Chromium."""

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


def _person_with_a_week(monday: date):
    user = get_user_model().objects.create_user("weekly", "w@example.org", "a-long-pass-42")
    Profile.objects.create(user=user, sex="male", date_of_birth=date(1980, 1, 1), timezone="UTC")
    banana = Food.objects.get(source_id="173944")
    for offset in (0, 1, 3):
        for meal in ("breakfast", "dinner"):
            entry = Entry(user=user, date=monday + timedelta(days=offset), meal=meal)
            entry.grams = Decimal(118)
            entry.take_values_from(banana)
            entry.save()
    return user


def test_read_the_week_open_a_day_and_come_back(page: Page, live_server, catalogue):
    monday = week_start(timezone.localdate()) - timedelta(days=7)  # last week: all past
    _person_with_a_week(monday)
    page.goto(f"{live_server.url}/accounts/login/?next=/week/{iso_week(monday)}/")
    page.fill("input[name=username]", "weekly")
    page.fill("input[name=password]", "a-long-pass-42")
    page.locator("main button[type=submit]").click()

    expect(page.locator("h1")).to_contain_text(f"({iso_week(monday)})")
    chart = page.locator("svg.week-chart:visible")
    expect(chart).to_have_count(1)
    expect(chart.locator("rect.bar.magnesium")).to_have_count(3)
    # Each bar is drawn at its own size, inside its day's seventh of the chart (a page
    # style for the day's progress bars once stretched them across the whole drawing).
    widths = chart.evaluate(
        "svg => [svg.getBoundingClientRect().width,"
        " ...[...svg.querySelectorAll('rect.bar')].map(r => r.getBoundingClientRect().width)]"
    )
    assert widths[1:] and all(0 < w < widths[0] / 7 for w in widths[1:]), widths
    expect(page.locator('[data-average="potassium"]')).to_have_text("845")  # 2 x 422.44 mg
    expect(page.locator("table.week-table tbody tr")).to_have_count(7)
    expect(page.locator("table.week-table tbody tr.not-logged")).to_have_count(4)

    page.locator("table.week-table tbody tr").nth(1).locator("a").click()
    expect(page).to_have_url(f"{live_server.url}/log/{monday + timedelta(days=1)}/")
    expect(page.locator('[data-total="potassium"]')).to_have_text("845")

    page.locator(".day-nav").get_by_role("link", name="summary").click()
    expect(page).to_have_url(f"{live_server.url}/week/{iso_week(monday)}/")
    page.locator('a[rel="next"]').click()
    expect(page).to_have_url(f"{live_server.url}/week/{iso_week(monday + timedelta(days=7))}/")
    page.locator('a[rel="prev"]').click()
    expect(page.locator('[data-average="magnesium"]')).to_have_text("64")  # 2 x 31.86 mg
