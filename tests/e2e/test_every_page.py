"""Every page, at a phone's width and a desktop's, in light and dark: no sideways scroll
with long data, and no serious or critical axe-core violation."""

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Browser

from foods.models import Food
from tracker.learn import PAGES
from tracker.models import ApiToken, Entry, Profile, Recipe, RecipeIngredient, SavedMeal
from tracker.nutrients import iso_week

pytestmark = pytest.mark.e2e

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
LONG = "Grandmas" + "verylongwordwithoutanyspaces" * 4  # 120 characters, no break
WIDTHS = (320, 375, 1280)
# The first element past the right edge that no scroll box of its own holds in.
WIDEST = """() => { const w = document.documentElement.clientWidth;
  for (const el of document.querySelectorAll('body *')) {
    if (el.getBoundingClientRect().right <= w + 1) continue;
    let a = el.parentElement, held = false;
    while (a && !held) { held = getComputedStyle(a).overflowX !== 'visible'; a = a.parentElement; }
    if (!held) return el.tagName + '.' + el.className + ' ' + (el.textContent || '').trim().slice(0, 30);
  } return 'something positioned outside its scroll box'; }"""


@pytest.fixture
def long_data(catalogue):
    """A person whose day, week and own foods carry a very long unbroken name."""
    user = get_user_model().objects.create_user("longname", "ln@example.org", "a-long-pass-42")
    Profile.objects.create(user=user, sex="female", date_of_birth=date(1980, 1, 1))
    mine = Food.objects.create(
        description=LONG, owner=user, magnesium_mg=Decimal(40), potassium_mg=Decimal(300)
    )
    mine.portions.create(label="1 bowl " + "x" * 60, grams=Decimal(250))
    banana = Food.objects.get(source_id="173944")
    today = timezone.localdate()
    entries = []
    for back in range(4):
        for meal, food in (("breakfast", mine), ("lunch", banana), ("dinner", mine)):
            entry = Entry(user=user, date=today - timedelta(days=back), meal=meal)
            entry.grams = Decimal(100)
            entry.take_values_from(food)
            entries.append(entry)
    Entry.objects.bulk_create(entries)
    ApiToken.issue(user, LONG[:60])  # the token page lists its name
    recipe = Recipe(owner=user, name=LONG + " soup", servings=4)
    recipe.save_with(
        [
            RecipeIngredient(text="250 g " + LONG, food=mine, grams=Decimal(250)),
            RecipeIngredient(text="2 medium bananas", food=banana, grams=Decimal(236)),
        ]
    )
    saved = SavedMeal.objects.create(owner=user, name=LONG + " breakfast")
    saved.fill_from(list(Entry.objects.filter(user=user, date=today)))
    return {
        "saved": saved,
        "user": user,
        "food": mine,
        "entry": Entry.objects.filter(user=user).first(),
        "recipe": recipe,
    }


def pages(data) -> list[str]:
    today = timezone.localdate()
    food, entry, recipe = data["food"], data["entry"], data["recipe"]
    banana = Food.objects.get(source_id="173944")
    return [
        "/",
        "/foods/",
        "/foods/?q=bean",
        f"/foods/{banana.pk}/",
        f"/foods/{food.pk}/",
        "/foods/mine/",
        "/foods/mine/new/",
        f"/foods/mine/{food.pk}/edit/",
        f"/foods/mine/{food.pk}/delete/",
        "/log/",
        f"/log/?q=banana&food={banana.pk}",
        f"/log/entry/{entry.pk}/edit/",
        "/week/",
        f"/week/{iso_week(today - timedelta(days=7))}/",
        "/trends/",
        "/report/",
        "/profile/",
        "/profile/tokens/",
        "/account/import/",
        "/account/delete/",
        "/recipes/",
        "/recipes/new/",
        f"/recipes/{recipe.pk}/",
        f"/recipes/{recipe.pk}/edit/",
        f"/recipes/{recipe.pk}/delete/",
        "/meals/",
        f"/meals/{data['saved'].pk}/",
        f"/meals/{data['saved'].pk}/delete/",
        f"/log/{today.isoformat()}/copy-day/",
        "/accounts/password_change/",
        "/learn/",
        *(f"/learn/{slug}/" for slug in PAGES),
        "/no-such-page/",
    ]


ANONYMOUS = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password_reset/"]


def _login(context, live_server):
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "longname")
    page.fill("input[name=password]", "a-long-pass-42")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/log/")
    return page


def _check(page, url: str, width: int, scheme: str) -> list[str]:
    problems = []
    page.goto(url)
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if scroll > client:
        widest = page.evaluate(WIDEST)
        problems.append(
            f"{url} at {width} px ({scheme}): scrolls sideways ({scroll} > {client}): {widest}"
        )
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(' | ')))"
    )
    problems += [f"{url} at {width} px ({scheme}): {v}" for v in result]
    return problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_scrolls_sideways_or_fails_axe(browser: Browser, live_server, long_data, scheme):
    problems = []
    for width in WIDTHS:
        # bypass_csp: axe-core is injected as a script, which the app's policy (rightly)
        # refuses; the other browser tests run with the policy on.
        context = browser.new_context(
            viewport={"width": width, "height": 800}, color_scheme=scheme, bypass_csp=True
        )
        anonymous = context.new_page()
        for path in ANONYMOUS:
            problems += _check(anonymous, live_server.url + path, width, scheme)
        anonymous.close()
        page = _login(context, live_server)
        for path in pages(long_data):
            problems += _check(page, live_server.url + path, width, scheme)
        context.close()
    assert not problems, "\n".join(problems)


def test_a_phone_sees_the_days_totals_and_the_search_box_first(
    browser: Browser, live_server, long_data
):
    context = browser.new_context(viewport={"width": 375, "height": 667})
    page = _login(context, live_server)
    page.goto(f"{live_server.url}/log/")
    for selector in ('[data-total="magnesium"]', '[data-total="potassium"]', "#food-search"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 667, selector
    context.close()
