from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tracker.models import Entry, Profile

pytestmark = pytest.mark.django_db


def log(user, food, grams, meal="breakfast", day=None, **extra):
    entry = Entry(
        user=user, date=day or timezone.localdate(), meal=meal, grams=Decimal(grams), **extra
    )
    entry.take_values_from(food)
    entry.save()
    return entry


def test_it_asks_for_a_profile_first(client, alice):
    client.force_login(alice)
    response = client.get(reverse("tracker:day_today"))
    assert response.status_code == 302
    assert response["Location"] == "/profile/?next=/log/"


def test_login_is_required(client):
    response = client.get(reverse("tracker:day_today"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_it_opens_today_in_the_users_time_zone(client, alice, profile_for):
    profile_for(alice, timezone="Pacific/Kiritimati")  # UTC+14: often a day ahead of UTC
    client.force_login(alice)
    body = client.get(reverse("tracker:day_today")).content.decode()
    today = datetime.now(ZoneInfo("Pacific/Kiritimati")).date()
    assert f"{today:%A} {today.day} {today:%B %Y}" in body
    assert f'href="/log/{today - timedelta(days=1)}/" rel="prev"' in body
    assert f'href="/log/{today + timedelta(days=1)}/" rel="next"' in body


def test_any_day_has_previous_next_and_today_links(logged_in):
    body = logged_in.get("/log/2024-02-29/").content.decode()
    assert "Thursday 29 February 2024" in body
    assert 'href="/log/2024-02-28/"' in body and 'href="/log/2024-03-01/"' in body
    assert 'href="/log/">Today</a>' in body


@pytest.mark.parametrize("day", ["1899-12-31", "2024-02-30", "3000-01-01"])
def test_days_out_of_range_are_not_found(logged_in, day):
    assert logged_in.get(f"/log/{day}/").status_code == 404


def test_the_jump_form_works_without_javascript(logged_in):
    response = logged_in.get("/log/", {"d": "2025-01-15"})
    assert response.status_code == 302 and response["Location"] == "/log/2025-01-15/"


def test_meals_and_day_show_totals_and_progress(logged_in, alice, food):
    spinach, banana = food(168462), food(173944)
    log(alice, spinach, 30, "breakfast")  # Mg 23.7, K 167.4
    log(alice, banana, 118, "lunch")  # Mg 31.86, K 422.44
    body = logged_in.get("/log/").content.decode()
    for meal in ("Breakfast", "Lunch", "Dinner", "Snacks", "Supplements"):
        assert f"<span>{meal}</span>" in body
    assert 'data-meal-total="breakfast">Mg 24 mg · K 167 mg' in body
    assert 'data-meal-total="lunch">Mg 32 mg · K 422 mg' in body
    assert 'data-total="magnesium">56<' in body and 'data-total="potassium">590<' in body
    # Woman born 1990: Mg 320 (RDA 31-50 y) or 310 (19-30 y); K 2,600.
    assert "/ 2600 mg" in body
    assert 'class="food potassium"' in body


def test_supplement_magnesium_is_totalled_apart(logged_in, alice, food):
    log(alice, food(170567), 28, "snacks")  # almonds: 75.6 mg Mg
    log(alice, food("magnesium-citrate"), Decimal("0.6187"), "supplements")  # 100 mg
    body = logged_in.get("/log/").content.decode()
    assert "food 76, supplements 100 mg" in body
    assert "upper limit for magnesium from supplements is 350 mg" in body


def test_a_restricted_profile_gets_a_provider_prompt_not_a_potassium_bar(
    client, alice, profile_for, food
):
    profile_for(alice, potassium_restricted=True)
    client.force_login(alice)
    log(alice, food(173944), 118, "lunch")
    body = client.get("/log/").content.decode()
    assert "target set with your provider" in body
    assert 'class="food potassium"' not in body
    assert "Ask your doctor or dietitian" in body
    assert 'class="food magnesium"' in body


def _count_queries(client, django_assert_max_num_queries, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_day_page_runs_a_fixed_number_of_queries(
    logged_in, alice, food, django_assert_max_num_queries
):
    foods = [food(i) for i in (168462, 173944, 170567, 171705, 175168, 169097)]
    today = timezone.localdate()
    for i, f in enumerate(foods):
        log(alice, f, 50 + i, "breakfast")
    for back in range(1, 4):  # three low, complete days: a low note with its food list
        log(alice, foods[1], 10, "lunch", day=today - timedelta(days=back))
        log(alice, foods[1], 10, "dinner", day=today - timedelta(days=back))
    few = _count_queries(logged_in, django_assert_max_num_queries, "/log/")
    assert 'data-note="both-low"' in logged_in.get("/log/").content.decode()
    for i in range(120):
        log(alice, foods[i % len(foods)], 1 + i % 3, ["breakfast", "snacks"][i % 2])
        log(alice, foods[i % len(foods)], 10 + i, "lunch", day=today - timedelta(days=7 + i))
    many = _count_queries(logged_in, django_assert_max_num_queries, "/log/")
    assert 'data-note="both-low"' in logged_in.get("/log/").content.decode()
    assert few == many
    assert many <= 13  # with the saved meals offered
    # With a search and a picked food the page still stays within the budget (the notes'
    # seven days and food list are two of these; search adds the catalogue's version
    # and the page of foods, the index itself being built once per process).
    from foods import finder

    finder.catalogue()
    assert _count_queries(logged_in, None, f"/log/?q=spin&food={foods[0].pk}") <= 15


def test_profile_page_shows_targets_with_sources(logged_in):
    body = logged_in.get(reverse("tracker:profile")).content.decode()
    assert "Institute of Medicine (1997)" in body
    assert "National Academies of Sciences, Engineering, and Medicine (2019)" in body


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"date_of_birth": "2999-01-01"}, "date_of_birth", "cannot be in the future"),
        ({"sex": "male", "life_stage": "pregnant"}, "life_stage", "female tables only"),
        (
            {"magnesium_target_mg": "-5"},
            "magnesium_target_mg",
            "Enter a number of milligrams above 0.",
        ),
        ({"timezone": "Mars/Olympus"}, "timezone", "Pick a time zone from the list."),
    ],
)
def test_the_profile_form_rejects_bad_input(client, alice, data, field, message):
    client.force_login(alice)
    base = {"sex": "female", "date_of_birth": "1990-01-01", "timezone": "UTC", "life_stage": ""}
    response = client.post(reverse("tracker:profile"), {**base, **data})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Profile.objects.filter(user=alice).exists()


def test_first_login_profile_saves_and_returns_to_the_log(client, alice):
    client.force_login(alice)
    response = client.post(
        "/profile/?next=/log/2025-01-01/",
        {
            "sex": "male",
            "date_of_birth": "1980-03-04",
            "timezone": "Europe/Paris",
            "life_stage": "",
            "potassium_restricted": "on",
            "magnesium_target_mg": "400",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/log/2025-01-01/"
    profile = alice.profile
    assert (profile.sex, profile.date_of_birth, profile.timezone) == (
        "male",
        date(1980, 3, 4),
        "Europe/Paris",
    )
    assert profile.potassium_restricted and profile.magnesium_target_mg == 400
    assert profile.targets_on(date(2026, 1, 1)).magnesium_mg == 400


def test_an_age_can_stand_in_for_the_date_of_birth(client, alice):
    client.force_login(alice)
    base = {"sex": "female", "timezone": "UTC", "life_stage": ""}
    response = client.post(reverse("tracker:profile"), {**base, "date_of_birth": "", "age": ""})
    assert (
        response.status_code == 200
        and "Enter your date of birth or your age." in response.content.decode()
    )
    response = client.post(reverse("tracker:profile"), {**base, "date_of_birth": "", "age": "40"})
    assert response.status_code == 302
    today = timezone.localdate()
    born = Profile.objects.get(user=alice).date_of_birth
    assert born.year == today.year - 40
    assert Profile.objects.get(user=alice).targets_on(today).age_group == "31-50 years"


def test_copy_reports_what_it_did(logged_in, alice, food):
    yesterday = timezone.localdate() - timedelta(days=1)
    log(alice, food(168462), 30, "dinner", day=yesterday)
    url = reverse("tracker:copy_meal", args=[str(timezone.localdate())])
    data = {"from_date": str(yesterday), "from_meal": "dinner", "to_meal": "dinner"}
    body = logged_in.post(url, data, HTTP_HX_REQUEST="true").content.decode()
    assert "Copied 1 entry." in body
    body = logged_in.post(
        url, {**data, "from_meal": "lunch"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "nothing was copied" in body


def test_editing_works_as_a_plain_page_without_javascript(logged_in, alice, food):
    entry = log(alice, food(173944), 100, "lunch")
    url = reverse("tracker:entry_edit", args=[entry.pk])
    page = logged_in.get(url).content.decode()
    assert "<html" in page and f'action="{url}"' in page
    response = logged_in.post(url, {"grams": "150", "meal": "dinner", "date": str(entry.date)})
    assert response.status_code == 302 and response["Location"] == f"/log/{entry.date}/"
    entry.refresh_from_db()
    assert (entry.grams, entry.meal) == (150, "dinner")


def _first_result(client, query: str) -> str:
    """The first search result's name, as the results list shows it."""
    body = client.get(
        "/log/", {"q": query}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="food-results"
    ).content.decode()
    return body.split('class="pick"', 1)[1].split(">", 1)[1].split("<", 1)[0].strip()


def test_enter_before_the_results_opens_the_first_match(logged_in, food):
    first = _first_result(logged_in, "spinach")
    response = logged_in.get(
        "/log/",
        {"q": "spinach", "pick": "first"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="add-form",
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    form, results = body.split('<div id="food-results"', 1)
    assert form.lstrip().startswith('<div id="add-form">')
    assert f'<h3 id="picked-heading">{first}</h3>' in form
    # The amount is ready for the next key (a portion is preset, so "how many").
    assert 'name="amount" value="1" step="any" inputmode="decimal" min="0" autofocus' in form
    # The list, swapped out of band, is the one for what was typed.
    assert results.startswith(' data-query="spinach" hx-swap-oob="true">')
    assert first in results


def test_enter_with_nothing_matching_says_so(logged_in):
    response = logged_in.get(
        "/log/", {"q": "zzqxv", "pick": "first"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="add-form"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<form" not in body.split('<div id="food-results"')[0]  # no add form
    assert "No food matches “zzqxv”." in body and 'hx-swap-oob="true"' in body


def test_the_first_match_opens_without_javascript_too(logged_in):
    first = _first_result(logged_in, "banana")
    body = logged_in.get("/log/", {"q": "banana", "pick": "first"}).content.decode()
    assert "<html" in body and f'<h3 id="picked-heading">{first}</h3>' in body
    assert 'class="pick"' in body  # with the results page as before
    # Junk is answered, never a 500.
    for query in ({"pick": "first"}, {"q": "", "pick": "first"}, {"q": "x" * 500, "pick": "1"}):
        assert logged_in.get("/log/", query).status_code == 200


def test_a_food_without_portions_focuses_the_grams(logged_in, alice):
    from foods.models import Food

    mine = Food.objects.create(description="Home soup", owner=alice, magnesium_mg=Decimal(10))
    body = logged_in.get(
        "/log/", {"food": mine.pk}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="add-form"
    ).content.decode()
    assert 'name="amount" value="100" step="any" inputmode="decimal" min="0" autofocus' in body
    assert '<option value="" selected>grams</option>' in body
    # One amount and its unit: no second box for grams or how many.
    assert 'name="quantity"' not in body and 'name="grams"' not in body


def test_the_add_form_shows_a_key_for_every_meal(logged_in, food):
    from tracker.forms import MEAL_KEYS
    from tracker.models import Meal

    body = logged_in.get("/log/", {"food": food(168462).pk}).content.decode()
    assert set(MEAL_KEYS) == set(Meal.values)
    assert len(set(MEAL_KEYS.values())) == len(MEAL_KEYS)  # one key, one meal
    hint = body.split('<p id="meal-keys"', 1)[1].split("</p>", 1)[0]
    for meal, key in MEAL_KEYS.items():
        assert f'<kbd data-meal-key="{key}" data-meal="{meal}">{key}</kbd>' in hint
    assert 'aria-describedby="meal-keys"' in body.split('name="meal"')[1].split(">")[0]


def test_totals_say_what_they_leave_out(logged_in, alice, log, food):
    from foods.models import Food

    stew = Food.objects.create(description="Stew", owner=alice, potassium_mg=Decimal(300))
    log(alice, food(173944), 118, "lunch")  # banana: Mg 32, K 422
    log(alice, stew, 100, "lunch")  # no magnesium value
    log(alice, food("magnesium-citrate"), Decimal("0.6187"), "supplements")  # 100 mg Mg
    with CaptureQueriesContext(connection) as plain:
        body = logged_in.get("/log/").content.decode()
    lunch = body.split('data-meal-total="lunch">')[1].split("</h2>")[0]
    assert lunch.startswith("Mg at least 32 mg · K 722 mg")
    assert "1 entry without a magnesium value" in lunch
    summary = body.split('id="day-summary"')[1].split("</section>")[0]
    assert "at least</span>" in summary and 'data-total="magnesium">132<' in summary
    assert "Not counted: 1 entry without a magnesium value" in summary
    # The magnesium tablet shows its magnesium and nothing about potassium.
    tablet = body.split("Supplement, magnesium citrate</strong>")[1].split("</small>")[0]
    assert "Mg" in tablet and "K" not in tablet
    supplements = body.split('data-meal-total="supplements">')[1].split("</h2>")[0]
    assert "without" not in supplements and "at least" not in supplements
    # The counts come from the entries query itself: no query more than a day without them.
    log(alice, food(173944), 50, "dinner")
    with CaptureQueriesContext(connection) as more:
        logged_in.get("/log/")
    assert len(more) == len(plain)


def test_an_empty_day_says_nothing_logged(logged_in):
    body = logged_in.get("/log/").content.decode()
    summary = body.split('id="day-summary"')[1].split("</section>")[0]
    assert 'data-total="magnesium">nothing logged<' in summary
    assert "% of target" not in summary and "0 /" not in summary
