"""Logging by keyboard in Chromium: type and Enter opens the first match even before the
results arrive, Enter adds, one key sets the meal; no step reloads the page."""

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


@pytest.fixture
def day_page(page: Page, live_server, catalogue):
    """A signed-in person on today's page, the page marked (a reload would lose the mark),
    and a list of anything the Content-Security-Policy refused."""
    user = get_user_model().objects.create_user("keys", "keys@example.org", "a-long-pass-42")
    Profile.objects.create(user=user, sex="female", date_of_birth=date(1985, 1, 1))
    refused = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "keys")
    page.fill("input[name=password]", "a-long-pass-42")
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/log/$"))
    page.evaluate("window.__noReload = true")
    yield page, user
    assert page.evaluate("window.__noReload") is True
    assert refused == []


def _hold_results(page: Page) -> dict:
    """Drop the search-as-you-type requests while ``held["on"]``: Enter then comes before
    any results, whatever the machine's speed."""
    held = {"on": True}

    def handle(route):
        if held["on"] and route.request.headers.get("hx-target") == "food-results":
            route.abort()
        else:
            route.continue_()

    page.route(re.compile(r"/log/"), handle)
    return held


def test_type_enter_enter_logs_the_first_match(day_page):
    page, user = day_page
    held = _hold_results(page)
    search = page.locator("#food-search")
    expect(search).to_be_focused()

    # Results for "ban" are on the page; "spinach" is typed faster than its results come.
    held["on"] = False
    search.fill("ban")
    expect(page.locator("#food-results")).to_have_attribute("data-query", "ban")
    held["on"] = True
    search.fill("spinach")
    search.press("Enter")

    # The add form opens the first match of "spinach", and the list shows "spinach" too.
    heading = page.locator("#add-form h3")
    expect(heading).to_contain_text("pinach")
    expect(page.locator("#food-results")).to_have_attribute("data-query", "spinach")
    picked = heading.inner_text()
    expect(page.locator("#food-results a.pick").first).to_contain_text(picked)
    quantity = page.locator("#add-form input[name=amount]")
    expect(quantity).to_be_focused()

    quantity.press("Enter")
    expect(page.locator("#day-body .entry")).to_have_count(1)
    expect(page.locator("#day-body .entry")).to_contain_text(picked)
    assert Entry.objects.get(user=user).food.display_name == picked
    # Ready for the next food.
    expect(search).to_be_focused()
    expect(search).to_have_value("")

    # Nothing matches: the list says so and no form opens; the page stays.
    search.fill("zzqxv")
    search.press("Enter")
    expect(page.locator("#food-results")).to_contain_text("No food matches “zzqxv”")
    expect(page.locator("#add-form form")).to_have_count(0)


def test_one_key_sets_the_meal_and_enter_on_a_select_adds(day_page):
    page, user = day_page
    _hold_results(page)
    search = page.locator("#food-search")
    search.fill("banana")
    search.press("Enter")
    quantity = page.locator("#add-form input[name=amount]")
    expect(quantity).to_be_focused()
    meal = page.locator("#add-form select[name=meal]")
    expect(page.locator("#meal-keys")).to_be_visible()

    quantity.press("d")
    expect(meal).to_have_value("dinner")
    expect(quantity).to_have_value("1")  # the letter went to the meal, not the number
    quantity.press("Shift+U")
    expect(meal).to_have_value("supplements")
    expect(page.locator("#announce")).to_have_text("Meal: Supplements.")
    quantity.press("l")
    expect(meal).to_have_value("lunch")

    # The meal keys work on the unit list too, and Enter there adds.
    unit = page.locator("#add-form select[name=portion]")
    unit.focus()
    before = unit.input_value()
    page.keyboard.press("d")
    expect(meal).to_have_value("dinner")
    assert unit.input_value() == before  # the key went to the meal, not the portion
    page.keyboard.press("Enter")
    expect(page.locator("#meal-dinner .entry")).to_have_count(1)
    assert Entry.objects.get(user=user).meal == "dinner"


def test_quick_add_uses_the_meal_chosen_above_the_lists(day_page, live_server):
    page, user = day_page
    banana = Food.objects.get(source_id="173944")
    entry = Entry(user=user, date=timezone.localdate() - timedelta(days=1), meal="lunch")
    entry.grams = Decimal(118)
    entry.take_values_from(banana)
    entry.save()
    page.goto(f"{live_server.url}/log/")
    page.evaluate("window.__noReload = true")
    page.locator("#quick-meal").select_option("snacks")
    page.locator("#quick-add").get_by_role("button", name=re.compile("Banana")).first.click()
    expect(page.locator("#meal-snacks .entry")).to_have_count(1)
    expect(page.locator("#quick-meal")).to_have_value("snacks")  # kept for the next one


def test_on_a_phone_quick_add_says_what_it_did_where_the_person_is(day_page, live_server):
    page, user = day_page
    banana = Food.objects.get(source_id="173944")
    for back in (1, 2):
        entry = Entry(user=user, date=timezone.localdate() - timedelta(days=back), meal="lunch")
        entry.grams = Decimal(118)
        entry.take_values_from(banana)
        entry.save()
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(f"{live_server.url}/log/")
    page.evaluate("window.__noReload = true")
    button = page.locator("#quick-add").get_by_role("button", name=re.compile("Banana"))
    button.first.scroll_into_view_if_needed()
    button.first.focus()
    before = page.evaluate("window.scrollY")
    button.first.click()
    expect(page.locator("#meal-snacks .entry, #meal-lunch .entry, #meal-dinner .entry, "
                        "#meal-breakfast .entry")).to_have_count(1)  # fmt: skip
    toast = page.locator("#toast")
    expect(toast).to_be_visible()
    expect(toast).to_contain_text("Added Banana")
    # Focus is back on a quick-add button, and the view did not jump away from it.
    assert page.evaluate("document.activeElement.closest('#quick-add') !== null")
    assert abs(page.evaluate("window.scrollY") - before) < 667


class Keys:
    """Presses keys on the focused element and counts them: letters typed into the search
    box apart from the other keys."""

    def __init__(self, page: Page):
        self.page, self.count, self.letters = page, 0, 0

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.count += 1

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.letters += len(text)

    def tab_to(self, locator, limit: int = 20, back: bool = False) -> int:
        """Tab (or Shift+Tab) until ``locator`` has the focus; how many presses it took."""
        for n in range(1, limit + 1):
            self.press("Shift+Tab" if back else "Tab")
            if locator.evaluate("el => el === document.activeElement"):
                return n
        raise AssertionError(f"{locator} not reached in {limit} Tabs")


def _row(page: Page, name: str):
    return page.locator("#day-body li.entry", has_text=name)


def test_log_edit_and_delete_three_foods_without_the_mouse(day_page):
    page, user = day_page
    keys = Keys(page)
    search = page.locator("#food-search")
    expect(search).to_be_focused()
    counts = {}

    def add(letters: str, heading: str, meal_keys: list[str], meal: str) -> None:
        before = keys.count
        keys.type(letters)
        keys.press("Enter")  # opens the first match
        expect(page.locator("#add-form h3")).to_contain_text(heading)
        expect(page.locator("#add-form input[name=amount]")).to_be_focused()
        for key in meal_keys:
            keys.press(key)
        expect(page.locator("#add-form select[name=meal]")).to_have_value(meal)
        keys.press("Enter")  # adds
        expect(page.locator(f"#meal-{meal} li.entry", has_text=heading)).to_have_count(1)
        expect(search).to_be_focused()
        counts[f"add {heading}"] = keys.count - before

    add("banan", "Banana", ["b"], "breakfast")
    add("spinach", "Spinach", ["d"], "dinner")
    # The salmon case: focus on the unit list, the meal key still sets the meal.
    add("salmon", "Salmon", ["Tab", "d"], "dinner")

    def change(name: str, amount: str) -> None:
        edit = _row(page, name).locator("[data-edit]")
        expect(edit).to_be_focused()
        before = keys.count
        keys.press("Enter")  # Edit: the cursor is on the amount, its text selected
        field = page.locator("li.editing input[name=amount]")
        expect(field).to_be_focused()
        for digit in amount:  # counted as keys: they are the change itself
            keys.press(digit)
        keys.press("Enter")  # Save
        expect(_row(page, name)).to_contain_text(f"{amount} ×")
        expect(_row(page, name).locator("[data-edit]")).to_be_focused()  # the changed entry
        counts[f"change {name}"] = keys.count - before

    tabs = {"search to banana": keys.tab_to(_row(page, "Banana").locator("[data-edit]"))}
    change("Banana", "2")

    # Escape cancels and gives the focus back to the entry's Edit button.
    tabs["banana to spinach"] = keys.tab_to(_row(page, "Spinach").locator("[data-edit]"))
    keys.press("Enter")
    expect(page.locator("li.editing input[name=amount]")).to_be_focused()
    keys.type("9")
    keys.press("Escape")
    expect(page.locator("li.editing")).to_have_count(0)
    expect(_row(page, "Spinach").locator("[data-edit]")).to_be_focused()
    assert Entry.objects.get(user=user, description__startswith="Spinach").quantity == 1
    change("Spinach", "3")
    tabs["spinach to salmon"] = keys.tab_to(_row(page, "almon").locator("[data-edit]"))
    change("almon", "2")

    # Delete spinach: the focus goes to the next entry of the meal, the salmon.
    keys.tab_to(_row(page, "Spinach").get_by_role("button", name=re.compile("Delete")), back=True)
    keys.press("Enter")
    expect(_row(page, "Spinach")).to_have_count(0)
    expect(_row(page, "almon").locator("[data-edit]")).to_be_focused()
    # The salmon is then alone in its meal: after it, the focus is on its Undo.
    keys.press("Tab")
    keys.press("Enter")
    expect(_row(page, "almon")).to_have_count(0)
    expect(page.locator("[data-undo]")).to_be_focused()
    keys.tab_to(_row(page, "Banana").get_by_role("button", name=re.compile("Delete")))
    keys.press("Enter")
    expect(page.locator("#day-body li.entry")).to_have_count(0)
    assert not Entry.objects.filter(user=user).exists()

    print(f"keys: {counts}; Tabs to reach an entry: {tabs}; all keys {keys.count}")
    assert all(n <= 4 for n in counts.values()), counts
