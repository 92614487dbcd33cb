"""Importing a Cronometer file in the browser: preview (which must pass axe and fit a
phone), then confirm, and the week page shows what came in."""

import os
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, expect

from tracker.models import Entry, Profile

pytestmark = pytest.mark.e2e
SHOTS = os.environ.get("MGK_SHOTS")  # a folder: the pages are also saved as screenshots

SERVINGS = """Day,Time,Group,Food Name,Amount,Category,Energy (kcal),Magnesium (mg),Potassium (mg),Sodium (mg)
2026-11-16,7:45 AM,Breakfast,"Oats, rolled",40.00 g,Cereals,150.4,55.2,146,2.4
2026-11-16,12:30 PM,Lunch,"Banana, raw",1.00 medium,Fruits,105,31.86,422.44,1.18
2026-11-16,7:10 PM,Dinner,"Spinach, boiled",180.00 g,Vegetables,41,157,839,126
2026-11-17,8:00 AM,Breakfast,"Yogurt, plain",1.00 cup,Dairy,149,29,380,113
2026-11-17,1:00 PM,Lunch,"Lentil soup, home made",1.00 bowl,Soups,230,71,731,480
2026-11-17,,Uncategorized,Pumpkin seeds,1.00 oz,Nuts,163,156,229,2
2026-11-18,bad,Dinner,"Salmon, baked",150.00 g,Fish,,45,,
"""


@pytest.fixture
def person(catalogue):
    user = get_user_model().objects.create_user("importer", "im@example.org", "a-long-pass-42")
    Profile.objects.create(user=user, sex="female", date_of_birth=date(1985, 6, 1))
    return user


def _shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.mark.parametrize("width", [375, 1280])
def test_preview_then_import(browser: Browser, live_server, person, tmp_path, width):
    servings = tmp_path / "servings.csv"
    servings.write_text(SERVINGS.replace("Fish,,45,,", "Fish,x,45,,"))
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "importer")
    page.fill("input[name=password]", "a-long-pass-42")
    page.locator("main button[type=submit]").click()
    page.goto(f"{live_server.url}/profile/")
    page.get_by_role("link", name="Import from Cronometer, MyFitnessPal or a backup").click()
    _shot(page, f"import-{width}")

    # A line that cannot be read: listed with its number, and nothing can be imported.
    page.set_input_files("input[type=file]", str(servings))
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".problems")).to_contain_text('Line 8: energy: "x" is not a number')
    expect(page.get_by_role("button", name="Import")).to_have_count(0)
    _shot(page, f"import-problem-{width}")

    servings.write_text(SERVINGS.replace("Fish,,45,,", "Fish,233,45,,"))
    page.set_input_files("input[type=file]", str(servings))
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("button", name="Import 7 entries")).to_be_visible()
    _shot(page, f"import-preview-{width}")
    problems = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert problems[0] <= problems[1], "the preview scrolls sideways"
    page.add_script_tag(path=str(Path(__file__).parent / "vendor" / "axe.min.js"))
    violations = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id))"
    )
    assert not violations

    page.get_by_role("button", name="Import 7 entries").click()
    page.wait_for_url(f"{live_server.url}/week/2026-W47/")
    expect(page.locator(".messages")).to_contain_text(
        "Imported 7 entries on 3 days, 2026-11-16 to 2026-11-18."
    )
    _shot(page, f"import-week-after-{width}")
    assert Entry.objects.filter(user=person).count() == 7
    context.close()
