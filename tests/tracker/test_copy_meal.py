"""Copying a meal: into this day from another (the form below the meals), and from a meal's
own section to another day and meal ("Copy to…")."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from tests.tracker.test_day import log
from tracker.models import Entry

pytestmark = pytest.mark.django_db

MEAL_ERROR = "Pick one of the meals: Breakfast, Lunch, Dinner, Snacks or Supplements."


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def breakfast(alice, food, today):
    """Two foods in today's breakfast, and a snack that must not travel with them."""
    log(alice, food(168462), 30, "breakfast", day=today)
    log(alice, food(173944), 118, "breakfast", day=today)
    log(alice, food(170567), 28, "snacks", day=today)


def _copy_to(client, day, htmx=False, **data):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse("tracker:copy_meal_to", args=[str(day)]), data, **headers)


def test_each_meal_with_entries_offers_copy_to(logged_in, breakfast, today):
    body = logged_in.get(f"/log/{today}/").content.decode()
    breakfast_section = body.split('id="meal-breakfast"')[1].split("</section>")[0]
    assert '<details class="copy-to" id="copy-to-breakfast">' in breakfast_section
    # Closed, it holds only the way to its form: a plain link, fetched by htmx on opening.
    assert f'href="/log/{today}/?copy=breakfast#copy-to-breakfast"' in breakfast_section
    assert f'hx-get="/log/{today}/?copy=breakfast"' in breakfast_section
    assert (
        "<form" not in breakfast_section.split('id="copy-to-breakfast"')[1].split("</details>")[0]
    )
    # Empty meals have nothing to copy.
    assert 'id="copy-to-lunch"' not in body and 'id="copy-to-snacks"' in body


@pytest.mark.parametrize("htmx", [False, True])
def test_opening_copy_to_shows_its_form(logged_in, breakfast, today, htmx):
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "copy-to-breakfast"} if htmx else {}
    response = logged_in.get(f"/log/{today}/?copy=breakfast", **headers)
    body = response.content.decode()
    assert response.status_code == 200 and ("<html" in body) is not htmx
    section = body.split('id="copy-to-breakfast"')[1].split("</details>")[0]
    assert section.startswith(" open>")
    assert f'action="/log/{today}/copy-to/"' in section
    # Tomorrow's same meal unless changed; the meal it comes from rides along hidden.
    assert f'value="{today + timedelta(days=1)}"' in section and "autofocus" in section
    assert '<option value="breakfast" selected>' in section
    assert 'type="hidden" name="from_meal" value="breakfast"' in section
    # Its ids carry the meal, as a page can have five; the other meals stay closed.
    assert 'id="copy-breakfast-to_date"' in section
    if not htmx:
        snacks = body.split('id="copy-to-snacks"')[1].split("</details>")[0]
        assert snacks.startswith(">") and "<form" not in snacks


def test_opening_copy_to_of_an_empty_or_unknown_meal_opens_nothing(logged_in, breakfast, today):
    for meal in ("lunch", "elevenses"):
        body = logged_in.get(f"/log/{today}/?copy={meal}").content.decode()
        assert "copy-to/" not in body.split('id="meal-breakfast"')[1]


def test_copy_to_another_day_with_htmx_says_where_it_went(logged_in, alice, breakfast, today):
    tomorrow = today + timedelta(days=1)
    response = _copy_to(
        logged_in, today, htmx=True, from_meal="breakfast", to_date=str(tomorrow), to_meal="lunch"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="day-body"')
    when = f"{tomorrow:%A} {tomorrow.day} {tomorrow:%B %Y}"
    assert f"Copied 2 entries from Breakfast to Lunch on {when}." in body
    assert f'<a href="/log/{tomorrow}/">Open that day</a>' in body
    copied = Entry.objects.filter(user=alice, date=tomorrow)
    assert sorted(copied.values_list("description", "meal", "grams")) == [
        ("Bananas, raw", "lunch", 118),
        ("Spinach, raw", "lunch", 30),
    ]
    assert Entry.objects.filter(user=alice, date=today).count() == 3


def test_copy_to_without_javascript_goes_to_the_copies(logged_in, alice, breakfast, today):
    later = today - timedelta(days=5)
    response = _copy_to(
        logged_in, today, from_meal="breakfast", to_date=str(later), to_meal="dinner"
    )
    assert response.status_code == 302 and response["Location"] == f"/log/{later}/"
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said == [
        f"Copied 2 entries from Breakfast to Dinner on {later:%A} {later.day} {later:%B %Y}."
    ]
    assert Entry.objects.filter(date=later, meal="dinner").count() == 2


def test_copy_to_another_meal_of_the_same_day(logged_in, breakfast, today):
    response = _copy_to(
        logged_in, today, htmx=True, from_meal="breakfast", to_date=str(today), to_meal="dinner"
    )
    body = response.content.decode()
    assert "Copied 2 entries from Breakfast to Dinner" in body and "Open that day" not in body
    assert 'id="copy-to-dinner"' in body  # the copies are on this page now


def test_the_day_it_comes_from_is_the_pages_own(logged_in, alice, breakfast, food, today):
    log(alice, food(170567), 28, "breakfast", day=today - timedelta(days=3))
    tomorrow = today + timedelta(days=1)
    _copy_to(
        logged_in,
        today,
        from_date=str(today - timedelta(days=3)),  # ignored
        from_meal="breakfast",
        to_date=str(tomorrow),
        to_meal="breakfast",
    )
    assert Entry.objects.filter(date=tomorrow).count() == 2


@pytest.mark.parametrize("htmx", [False, True])
def test_a_meal_cannot_be_copied_into_itself(logged_in, breakfast, today, htmx):
    response = _copy_to(
        logged_in, today, htmx=htmx, from_meal="breakfast", to_date=str(today), to_meal="breakfast"
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "A meal cannot be copied into itself." in body
    assert '<details class="copy-to" id="copy-to-breakfast" open>' in body
    if htmx:
        assert response["HX-Retarget"] == "#copy-to-breakfast" and "<html" not in body
    assert Entry.objects.filter(date=today).count() == 3


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"to_meal": "<script>alert(1)</script>"}, MEAL_ERROR),
        ({"to_meal": "brunch"}, MEAL_ERROR),
        ({"to_date": "1800-01-01"}, "Pick a day between"),
        ({"to_date": "soon"}, "Enter a day as year-month-day"),
        ({"to_date": ""}, "Pick a day."),
    ],
)
def test_copy_to_explains_bad_input_in_its_section(
    logged_in, breakfast, today, htmx, data, message
):
    payload = {"from_meal": "breakfast", "to_date": str(today), "to_meal": "lunch", **data}
    response = _copy_to(logged_in, today, htmx=htmx, **payload)
    assert response.status_code == 422
    body = response.content.decode()
    section = body.split('id="copy-to-breakfast"')[1].split("</details>")[0]
    assert message in section and section.count("<li>") == 1
    assert "<script>alert" not in body
    if htmx:
        assert response["HX-Retarget"] == "#copy-to-breakfast"
    assert Entry.objects.filter(date=today).count() == 3


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("meal", ["brunch", "<script>alert(1)</script>", ""])
def test_copy_to_from_a_meal_that_is_not_one(logged_in, breakfast, today, htmx, meal):
    response = _copy_to(
        logged_in, today, htmx=htmx, from_meal=meal, to_date=str(today), to_meal="lunch"
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Nothing was copied." in body
    assert MEAL_ERROR in body or "Pick a meal." in body
    assert "<script>alert" not in body
    if htmx:
        assert response["HX-Retarget"] == "#day-body"
    assert Entry.objects.filter(date=today).count() == 3


def test_copying_the_same_meal_twice_asks_first(logged_in, breakfast, today):
    tomorrow = today + timedelta(days=1)
    data = {"from_meal": "breakfast", "to_date": str(tomorrow), "to_meal": "breakfast"}
    assert _copy_to(logged_in, today, **data).status_code == 302
    response = _copy_to(logged_in, today, htmx=True, **data)
    assert response.status_code == 422 and "Copy anyway" in response.content.decode()
    assert 'id="copy-breakfast-confirm"' in response.content.decode()
    # The notice of the first copy is emptied, not left above the question.
    notice = response.content.decode().split('<div id="day-notice"')[1].split("</div>")[0]
    assert 'hx-swap-oob="true"' in notice and "Copied" not in notice
    assert _copy_to(logged_in, today, confirm="on", **data).status_code == 302
    assert Entry.objects.filter(date=tomorrow).count() == 4


def test_copy_to_copies_only_ones_own_entries(client, bob, profile_for, breakfast, today):
    profile_for(bob)
    client.force_login(bob)
    response = _copy_to(
        client, today, from_meal="breakfast", to_date=str(today), to_meal="lunch", htmx=True
    )
    assert "nothing was copied" in response.content.decode()
    assert not Entry.objects.filter(user=bob).exists()


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize(
    ("field", "value"),
    [("from_meal", "brunch"), ("to_meal", "<script>alert(1)</script>"), ("from_meal", "")],
)
def test_the_copy_form_shows_a_bad_meal(logged_in, breakfast, today, htmx, field, value):
    """A crafted copy into this day: the meal's error is on the page, not swallowed."""
    data = {"from_date": str(today - timedelta(days=1)), "from_meal": "lunch", "to_meal": "lunch"}
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = logged_in.post(
        reverse("tracker:copy_meal", args=[str(today)]), {**data, field: value}, **headers
    )
    assert response.status_code == 422
    body = response.content.decode()
    form = body.split('id="copy-form"')[1].split("</form>")[0]
    error_list = form.split(f'id="id_{field}_error"')[1].split("</ul>")[0]
    assert error_list.count("<li>") == 1
    assert MEAL_ERROR in error_list or "Pick a meal." in error_list
    assert "<script>alert" not in body
    if htmx:
        assert response["HX-Retarget"] == "#copy-form"
    assert Entry.objects.count() == 3


def test_copying_into_this_day_twice_empties_the_last_notice(logged_in, breakfast, today):
    yesterday = today - timedelta(days=1)
    log_url = reverse("tracker:copy_meal", args=[str(yesterday)])
    data = {"from_date": str(today), "from_meal": "breakfast", "to_meal": "lunch"}
    first = logged_in.post(log_url, data, HTTP_HX_REQUEST="true").content.decode()
    assert "Copied 2 entries." in first and '<div id="day-notice">' in first
    again = logged_in.post(log_url, data, HTTP_HX_REQUEST="true")
    body = again.content.decode()
    assert again.status_code == 422 and again["HX-Retarget"] == "#copy-form"
    notice = body.split('<div id="day-notice"')[1].split("</div>")[0]
    assert 'hx-swap-oob="true"' in notice and "Copied" not in notice
