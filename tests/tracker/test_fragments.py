"""A person's day, week and trends pages come from cached fragments until what they show
changes; whatever changes, the page served is the page a fresh render gives."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from foods.models import CatalogueVersion, Food
from tracker import fragments
from tracker.models import Entry, Profile
from tracker.views.day import _undo_token

BANANA, SPINACH, ALMONDS = 173944, 168462, 170567
DAY = date(2026, 11, 18)  # a Wednesday
NOON = datetime(2026, 11, 18, 12, tzinfo=UTC)
PAGES = [
    "/log/2026-11-18/",
    "/log/",
    "/week/2026-W47/",
    "/week/",
    "/trends/?weeks=4",
    "/foods/?q=banana",
    "/foods/?q=banana&sort=potassium&page=2",
]


@pytest.fixture(autouse=True)
def empty_cache():
    caches["fragments"].clear()
    yield
    caches["fragments"].clear()


@pytest.fixture
def alice_logs(logged_in, alice, log, food):
    log(alice, food(BANANA), 118, "breakfast", DAY)
    log(alice, food(SPINACH), 60, "lunch", DAY - timedelta(days=1))
    return logged_in


def _plain(html: str) -> str:
    """The page without its CSRF tokens, which are masked afresh on every request."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'"x-csrftoken": "[^"]+"', "", html)
    # A message after a change shows once, on the next page.
    html = re.sub(r'<ul class="messages".*?</ul>', "", html, flags=re.S)
    return " ".join(html.split())


def _get(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return _plain(response.content.decode())


def _fresh(client, path) -> str:
    caches["fragments"].clear()
    return _get(client, path)


@time_machine.travel(NOON, tick=False)
@pytest.mark.parametrize("path", PAGES)
def test_an_unchanged_page_comes_from_the_cache_as_it_was_rendered(alice_logs, path):
    first = _get(alice_logs, path)
    with CaptureQueriesContext(connection) as ctx:
        again = _get(alice_logs, path)
    assert again == first
    # Session, the person with their profile, the catalogue's version: nothing of the log.
    assert len(ctx) == 3, [q["sql"] for q in ctx.captured_queries]


def _add(client, alice, food, path):
    client.post(
        reverse("tracker:entry_add", args=[str(DAY)]),
        {"food": food(ALMONDS).pk, "grams": "28", "meal": "snacks", "date": str(DAY)},
    )


def _edit(client, alice, food, path):
    entry = Entry.objects.get(user=alice, date=DAY)
    client.post(
        reverse("tracker:entry_edit", args=[entry.pk]),
        {"grams": "250", "meal": "dinner", "date": str(DAY)},
    )


def _move(client, alice, food, path):
    entry = Entry.objects.get(user=alice, date=DAY)
    client.post(
        reverse("tracker:entry_edit", args=[entry.pk]),
        {"grams": "118", "meal": "breakfast", "date": str(DAY - timedelta(days=2))},
    )


def _delete(client, alice, food, path):
    entry = Entry.objects.get(user=alice, date=DAY)
    client.post(reverse("tracker:entry_delete", args=[entry.pk]), HTTP_HX_REQUEST="true")


def _undo(client, alice, food, path):
    entry = Entry.objects.get(user=alice, date=DAY)
    token = _undo_token(entry)
    Entry.objects.filter(pk=entry.pk).delete()
    without = _get(client, path)  # the page without it, cached
    client.post(reverse("tracker:entry_undo"), {"token": token})
    return without


def _quick_add(client, alice, food, path):
    source = Entry.objects.get(user=alice, date=DAY - timedelta(days=1))
    client.post(
        reverse("tracker:quick_add", args=[str(DAY)]), {"entry": source.pk, "meal": "dinner"}
    )


def _copy(client, alice, food, path):
    client.post(
        reverse("tracker:copy_meal", args=[str(DAY)]),
        {"from_date": str(DAY - timedelta(days=1)), "from_meal": "lunch", "to_meal": "lunch"},
    )


def _bulk_delete(client, alice, food, path):
    Entry.objects.filter(user=alice, date=DAY).delete()  # the admin's delete action


def _units(client, alice, food, path):
    profile = Profile.objects.get(user=alice)
    profile.units = "mmol"
    profile.save()


def _kidneys(client, alice, food, path):
    client.post(
        reverse("tracker:profile"),
        {
            "sex": "female",
            "date_of_birth": "1990-05-01",
            "timezone": "UTC",
            "life_stage": "",
            "potassium_restricted": "on",
            "units": "mg",
        },
    )


@time_machine.travel(NOON, tick=False)
@pytest.mark.parametrize("path", ["/log/2026-11-18/", "/week/2026-W47/", "/trends/?weeks=4"])
@pytest.mark.parametrize(
    "change",
    [_add, _edit, _move, _delete, _undo, _quick_add, _copy, _bulk_delete, _units, _kidneys],
)
def test_every_change_shows_at_once(alice_logs, alice, food, path, change):
    before = _get(alice_logs, path)
    before = change(alice_logs, alice, food, path) or before
    served = _get(alice_logs, path)
    assert served != before
    assert served == _fresh(alice_logs, path)


def test_a_catalogue_change_makes_new_keys(rf, alice, profile_for):
    profile_for(alice)

    def key(day):
        request = rf.get("/log/", HTTP_COOKIE="csrftoken=" + "a" * 32)
        request.user = alice
        request.META["CSRF_COOKIE"] = "a" * 32
        return fragments.key(request, "day-body", [day])

    first = key(DAY)
    assert key(DAY) == first
    assert key(DAY + timedelta(days=1)) != first
    CatalogueVersion.bump()
    assert key(DAY) != first


def test_a_food_saved_changes_the_suggested_foods_at_once(alice_logs, alice, log, food):
    for day in (16, 17, 18):  # low, complete days: the week's notes suggest foods
        log(alice, food(BANANA), 100, "lunch", date(2026, 11, day))
        log(alice, food(BANANA), 100, "dinner", date(2026, 11, day))
    with time_machine.travel(NOON, tick=False):
        before = _get(alice_logs, "/week/2026-W47/")
        suggestions = re.search(r'<ul class="suggestions".*?</ul>', before, re.S)
        shown = re.findall(r'href="/foods/(\d+)/"', suggestions.group(0) if suggestions else "")
        assert shown, "the week's notes suggest foods"
        Food.objects.filter(pk=shown[0]).update(description="Renamed food")
        Food.objects.get(pk=shown[0]).save()  # the admin saves one: its signal bumps the version
        after = _get(alice_logs, "/week/2026-W47/")
        assert "Renamed food" in after
        assert after == _fresh(alice_logs, "/week/2026-W47/")


def test_the_day_moves_on_at_midnight(alice_logs):
    with time_machine.travel(datetime(2026, 11, 18, 23, 59, tzinfo=UTC), tick=False):
        assert "Today" in _get(alice_logs, "/log/2026-11-18/").split("</h1>")[0]
    with time_machine.travel(datetime(2026, 11, 19, 0, 1, tzinfo=UTC), tick=False):
        head = _get(alice_logs, "/log/2026-11-18/").split("</h1>")[0]
    assert "Today" not in head


def test_quick_add_says_which_meal_now_is_as_the_hour_moves_on(alice_logs):
    for hour, now in ((10, "Now (Breakfast)"), (11, "Now (Lunch)")):
        with time_machine.travel(datetime(2026, 11, 18, hour, 30, tzinfo=UTC), tick=False):
            assert now in _get(alice_logs, "/log/2026-11-18/")


def test_people_never_see_each_others_fragments(client, alice, bob, profile_for, log, food):
    profile_for(alice)
    profile_for(bob)
    log(alice, food(BANANA), 118, "breakfast", DAY)
    with time_machine.travel(NOON, tick=False):
        client.force_login(alice)
        assert "Bananas" in _get(client, "/log/2026-11-18/")
        client.force_login(bob)
        assert "Bananas" not in _get(client, "/log/2026-11-18/")


@time_machine.travel(NOON, tick=False)
def test_forms_from_the_cache_work_after_signing_in_again(alice, profile_for, log, food):
    """Signing in makes a new CSRF secret; a page cached before must not hand out tokens
    of the old one."""
    profile_for(alice)
    entry = log(alice, food(BANANA), 118, "breakfast", DAY)
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    client.get("/log/2026-11-18/")  # cached, with the first secret's tokens
    client.logout()
    client.force_login(alice)
    page = client.get("/log/2026-11-18/").content.decode()
    token = re.search(
        rf'action="/log/entry/{entry.pk}/delete/".*?name="csrfmiddlewaretoken" value="([^"]+)"',
        page,
        re.S,
    ).group(1)
    response = client.post(f"/log/entry/{entry.pk}/delete/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert not Entry.objects.filter(pk=entry.pk).exists()


@time_machine.travel(NOON, tick=False)
def test_a_form_shown_with_errors_is_never_cached(alice_logs, alice):
    _get(alice_logs, "/log/2026-11-18/")
    bad = alice_logs.post(
        reverse("tracker:copy_meal", args=[str(DAY)]),
        {"from_date": "", "from_meal": "lunch", "to_meal": "lunch"},
    )
    assert bad.status_code == 422
    assert "errorlist" in bad.content.decode()
    assert "errorlist" not in _get(alice_logs, "/log/2026-11-18/")


@time_machine.travel(NOON, tick=False)
def test_search_results_follow_the_catalogue_and_the_log(alice_logs, alice, log, food):
    path = "/foods/?q=almonds"
    before = _get(alice_logs, path)
    Food.objects.create(description="Almonds, my own mix", owner=alice, magnesium_mg=200)
    mine = _get(alice_logs, path)
    assert "Almonds, my own mix" in mine and "Almonds, my own mix" not in before
    assert mine == _fresh(alice_logs, path)
    log(alice, Food.objects.filter(description__startswith="Nuts, almonds").last(), 28)
    assert _get(alice_logs, path) == _fresh(alice_logs, path)
    # Someone without a profile yet (or signed out) gets the list rendered each time.
    alice_logs.logout()
    assert "Almonds, my own mix" not in _get(alice_logs, path)


@time_machine.travel(NOON, tick=False)
def test_logging_keeps_what_shows_nothing_of_the_log(alice_logs, alice, food, monkeypatch):
    """The copy forms and the targets' sources are rendered again only when the profile
    changes, not when a food is logged."""
    rendered = []
    get_or_render = fragments.get_or_render

    def spy(request, name, parts, render, **kwargs):
        return get_or_render(
            request, name, parts, lambda: rendered.append(name) or render(), **kwargs
        )

    monkeypatch.setattr(fragments, "get_or_render", spy)
    _get(alice_logs, "/log/2026-11-18/")
    assert {"day-nav", "day-summary", "day-body", "copy-to", "day-foot"} <= set(rendered)
    rendered.clear()
    _add(alice_logs, alice, food, "/log/2026-11-18/")
    _get(alice_logs, "/log/2026-11-18/")
    # The day's summary and body, and the new snacks' "Copy to…" form.
    assert sorted(rendered) == ["copy-to", "day-body", "day-summary"]
    rendered.clear()
    _units(alice_logs, alice, food, "/log/2026-11-18/")
    _get(alice_logs, "/log/2026-11-18/")
    assert "day-foot" in rendered and rendered.count("copy-to") == 2


def _htmx(client, url, data):
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response


@time_machine.travel(NOON, tick=False)
@pytest.mark.parametrize("change", ["add", "edit", "delete", "undo", "copy"])
def test_the_answer_to_a_change_serves_the_next_view_of_the_day(alice_logs, alice, food, change):
    """Logging from the page renders its summary and body afresh; the page's next view is
    served from them, as a fresh render would show it, with nothing of the log read."""
    path = "/log/2026-11-18/"
    before = _get(alice_logs, path)
    entry = Entry.objects.get(user=alice, date=DAY)
    if change == "add":
        _htmx(
            alice_logs,
            reverse("tracker:entry_add", args=[str(DAY)]),
            {"food": food(ALMONDS).pk, "grams": "28", "meal": "snacks", "date": str(DAY)},
        )
    elif change == "edit":
        _htmx(
            alice_logs,
            reverse("tracker:entry_edit", args=[entry.pk]),
            {"grams": "250", "meal": "dinner", "date": str(DAY)},
        )
    elif change == "delete":
        _htmx(alice_logs, reverse("tracker:entry_delete", args=[entry.pk]), {})
    elif change == "undo":
        token = _undo_token(entry)
        _htmx(alice_logs, reverse("tracker:entry_delete", args=[entry.pk]), {})
        before = _get(alice_logs, path)
        _htmx(alice_logs, reverse("tracker:entry_undo"), {"token": token})
    else:
        _htmx(
            alice_logs,
            reverse("tracker:copy_meal", args=[str(DAY)]),
            {"from_date": str(DAY - timedelta(days=1)), "from_meal": "lunch", "to_meal": "lunch"},
        )
    with CaptureQueriesContext(connection) as ctx:
        served = _get(alice_logs, path)
    assert len(ctx) == 3, [q["sql"] for q in ctx.captured_queries]
    assert served != before
    assert served == _fresh(alice_logs, path)


@time_machine.travel(NOON, tick=False)
def test_a_quick_add_answer_keeps_its_meal_but_the_page_says_now(alice_logs, alice):
    """A quick add into a chosen meal keeps that meal picked in its answer; the page's
    next view offers "Now" again, so that answer's body is not kept for it."""
    source = Entry.objects.get(user=alice, date=DAY - timedelta(days=1))
    answer = _htmx(
        alice_logs,
        reverse("tracker:quick_add", args=[str(DAY)]),
        {"entry": source.pk, "meal": "dinner"},
    ).content.decode()
    picked = re.compile(r'id="quick-meal"[^>]*>.{0,200}?<option value="dinner" selected>', re.S)
    assert picked.search(answer)
    served = _get(alice_logs, "/log/2026-11-18/")
    assert "Dinner" in served and not picked.search(served)
    assert served == _fresh(alice_logs, "/log/2026-11-18/")
    # Added "now", the answer is what the page shows: its next view is served from it.
    _htmx(alice_logs, reverse("tracker:quick_add", args=[str(DAY)]), {"entry": source.pk})
    with CaptureQueriesContext(connection) as ctx:
        served = _get(alice_logs, "/log/2026-11-18/")
    assert len(ctx) == 3
    assert served == _fresh(alice_logs, "/log/2026-11-18/")


@time_machine.travel(NOON, tick=False)
@pytest.mark.parametrize("path", ["/foods/", "/log/2026-11-18/"])
def test_the_foods_logged_lately_are_read_once_while_typing(alice_logs, alice, log, food, path):
    """Search ranks a person's recent foods first; typing reads them once, not per query,
    and logging a food is followed at once."""

    def stats_queries(query):
        with CaptureQueriesContext(connection) as ctx:
            page = _get(alice_logs, f"{path}?q={query}")
        # Entry.food_stats(): the times each food was logged lately, as "n".
        return page, [q for q in ctx.captured_queries if 'AS "n"' in q["sql"]]

    _, first = stats_queries("alm")
    assert len(first) == 1
    _, again = stats_queries("almo")  # a new query, results rendered afresh
    assert again == []
    # Their own almonds, logged now, rank first among the plain almonds at once.
    almonds = Food.objects.filter(description__startswith="Nuts, almonds").order_by("pk")
    log(alice, almonds.last(), 28)
    page, after = stats_queries("almonds")
    assert len(after) == 1
    assert page == _fresh(alice_logs, f"{path}?q=almonds")


@time_machine.travel(NOON, tick=False)
def test_a_profile_saved_in_another_tab_during_a_change_is_followed(
    alice_logs, alice, food, monkeypatch
):
    """Another tab saves the units after this request read the person, before its entry
    change: what the answer keeps under the new version is of the profile as saved."""
    path = "/log/2026-11-18/"
    _get(alice_logs, path)
    data_changed = Profile.data_changed

    def other_tab_first(user_id):
        profile = Profile.objects.get(user_id=user_id)
        profile.units = "mmol"
        profile.save()
        monkeypatch.setattr(Profile, "data_changed", staticmethod(data_changed))
        data_changed(user_id)

    monkeypatch.setattr(Profile, "data_changed", staticmethod(other_tab_first))
    _htmx(
        alice_logs,
        reverse("tracker:entry_add", args=[str(DAY)]),
        {"food": food(ALMONDS).pk, "grams": "28", "meal": "snacks", "date": str(DAY)},
    )
    served = _get(alice_logs, path)
    assert "mmol" in served
    assert served == _fresh(alice_logs, path)


@time_machine.travel(NOON, tick=False)
def test_a_quick_add_answer_lists_what_was_just_added(alice_logs, alice):
    """The answer's quick-add lists count the food just added, as the page then does."""
    path = "/log/2026-11-18/"
    _get(alice_logs, path)  # the foods logged lately, kept

    def lists(html):
        section = re.search(r'<section class="card" id="quick-add".*?</section>', html, re.S)
        return _plain(
            re.sub(r'<div class="quick-meal">.*?</div>', "", section.group(0), flags=re.S)
        )

    banana = Entry.objects.get(user=alice, date=DAY)
    answer = _htmx(
        alice_logs,
        reverse("tracker:quick_add", args=[str(DAY)]),
        {"entry": banana.pk, "meal": "dinner"},
    ).content.decode()
    assert "Most often" in lists(answer)  # bananas, logged twice now
    assert lists(answer) == lists(_fresh(alice_logs, path))
