import io
import json
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from foods.models import Food, Portion
from tests.tracker.test_day import log
from tracker.models import Entry

pytestmark = pytest.mark.django_db


def _undo_token(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


@pytest.fixture
def today():
    return timezone.localdate()


def _add(client, day, htmx=False, **data):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    payload = {
        "meal": "breakfast",
        "date": str(day),
        "portion": "",
        "quantity": "",
        "grams": "",
        **data,
    }
    return client.post(reverse("tracker:entry_add", args=[str(day)]), payload, **headers)


def test_it_adds_a_portion_without_javascript(logged_in, alice, food, today):
    spinach = food(168462)
    cup = spinach.portions.get(label="1 cup")
    response = _add(logged_in, today, food=spinach.pk, portion=cup.pk, quantity="1")
    assert response.status_code == 302 and response["Location"] == f"/log/{today}/"
    entry = Entry.objects.get(user=alice)
    assert (entry.grams, entry.quantity, entry.portion_label) == (30, 1, "1 cup")
    assert entry.minerals() == {"magnesium": Decimal("23.70"), "potassium": Decimal("167.40")}


def test_it_adds_grams_with_htmx_and_returns_the_day_body(logged_in, alice, food, today):
    response = _add(logged_in, today, htmx=True, food=food(173944).pk, grams="118", meal="lunch")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="day-body"') and "<html" not in body
    assert 'data-meal-total="lunch">Mg 32 mg · K 422 mg' in body
    events = json.loads(response["HX-Trigger"])
    assert events["entry-changed"] == {}
    # Screen readers hear what happened and the new totals.
    assert events["announce"]["message"] == (
        "Added Banana. Day totals: magnesium 32, potassium 422 mg."
    )
    assert Entry.objects.get(user=alice).grams == 118


@pytest.mark.parametrize(("hour", "meal"), [(8, "breakfast"), (16, "snacks"), (19, "dinner")])
def test_picking_a_food_offers_its_usual_amount(logged_in, alice, food, hour, meal):
    """The last amount comes back; the meal is the one for the hour, not the last one."""
    import time_machine

    with time_machine.travel(datetime(2026, 11, 20, hour, 5, tzinfo=UTC), tick=False):
        _picking_offers_usual_amount(logged_in, alice, food, timezone.localdate(), meal)


def _picking_offers_usual_amount(logged_in, alice, food, today, meal):
    banana = food(173944)
    medium = banana.portions.get(label__startswith="1 medium")
    log(
        alice,
        banana,
        medium.grams * 2,
        "snacks",
        portion=medium,
        quantity=2,
        portion_label=medium.label,
    )
    response = logged_in.get(
        f"/log/{today}/", {"food": banana.pk}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="add-form"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="add-form">')
    assert f'<option value="{medium.pk}" selected>' in body
    assert 'name="amount" value="2"' in body
    assert f'<option value="{meal}" selected>' in body


def test_picking_a_new_food_preselects_its_first_portion(logged_in, food, today):
    body = logged_in.get(f"/log/{today}/", {"food": food(168462).pk}).content.decode()
    assert f'<option value="{food(168462).portions.first().pk}" selected>' in body
    assert 'name="amount" value="1"' in body


def test_search_as_you_type_returns_the_results_partial(logged_in, today):
    response = logged_in.get(
        f"/log/{today}/", {"q": "spinach"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="food-results"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="food-results" data-query="spinach"')
    assert "Spinach, raw" in body


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"grams": "0"}, "grams", "above zero"),
        ({"grams": "-5"}, "grams", "above zero"),
        ({"grams": "lots"}, "grams", "Enter a number"),
        ({"grams": "5000.5"}, "grams", "At most 5,000 g"),
        ({"grams": ""}, "grams", "Enter the weight in grams"),
        ({"portion": "CUP", "quantity": "0"}, "quantity", "above zero"),
        ({"portion": "CUP", "quantity": "51"}, "quantity", "At most 50 portions"),
        ({"portion": "CUP", "quantity": "abc"}, "quantity", "Enter a number"),
        ({"portion": "BUNCH", "quantity": "20"}, "quantity", "over 5,000 g"),
        ({"portion": "OTHER", "quantity": "1"}, "portion", "belongs to another food"),
        ({"portion": "999999", "quantity": "1"}, "portion", "Pick one of this food’s portions"),
        ({"food": "999999", "grams": "10"}, "food", "That food is not available"),
        ({"food": "BOBS", "grams": "10"}, "food", "That food is not available"),
        ({"date": "1899-12-31", "grams": "10"}, "date", "Pick a day between"),
        ({"date": "NEXT_YEAR_PLUS", "grams": "10"}, "date", "Pick a day between"),
        ({"date": "2024-13-01", "grams": "10"}, "date", "Enter a day as year-month-day"),
        ({"meal": "brunch", "grams": "10"}, "meal", "Pick one of the meals: Breakfast,"),
        ({"portion": "CUP", "quantity": "1", "grams": "30"}, "grams", "not both"),
        ({"portion": "CUP", "quantity": "100000"}, "quantity", "At most 50 portions"),
        ({"portion": "CUP", "quantity": "1.00001"}, "quantity", "at most 3 decimal places"),
        ({"grams": "123456789012"}, "grams", "At most 5,000 g"),
        ({"grams": "1e20"}, "grams", "At most 5,000 g"),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_bad_input_writes_nothing_and_explains(
    logged_in, bob, food, today, data, field, message, htmx
):
    spinach = food(168462)
    swaps = {
        "CUP": spinach.portions.get(label="1 cup").pk,
        "BUNCH": spinach.portions.get(label="1 bunch").pk,  # 340 g x 20 = 6,800 g
        "OTHER": food(173944).portions.first().pk,  # a banana portion on spinach
        "BOBS": Food.objects.create(description="Bob's bar", owner=bob, magnesium_mg=1).pk,
        "NEXT_YEAR_PLUS": str(today + timedelta(days=400)),
    }
    payload = {"food": spinach.pk, **{k: swaps.get(v, v) for k, v in data.items()}}
    response = _add(logged_in, today, htmx=htmx, **payload)
    assert response.status_code == 422
    body = response.content.decode()
    # The message sits in the error list tied to the field (Django links it by id).
    error_list = body.split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]
    assert message in error_list
    # One plain sentence per field, never Django's machine wording beside it.
    assert error_list.count("<li>") == 1
    assert "Ensure that" not in body and "valid choice" not in body
    assert not Entry.objects.exists()
    if htmx:
        assert response["HX-Retarget"] == "#add-form"


def test_edit_changes_amount_portion_and_meal_in_place(logged_in, alice, food):
    banana = food(173944)
    medium = banana.portions.get(label__startswith="1 medium")
    entry = log(
        alice, banana, medium.grams, "lunch", portion=medium, quantity=1, portion_label=medium.label
    )
    url = reverse("tracker:entry_edit", args=[entry.pk])
    form = logged_in.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert f'id="entry-{entry.pk}"' in form and "<html" not in form
    response = logged_in.post(
        url,
        {"portion": medium.pk, "quantity": "2", "meal": "dinner", "date": str(entry.date)},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    entry.refresh_from_db()
    assert (entry.quantity, entry.grams, entry.meal) == (2, medium.grams * 2, "dinner")
    assert "Mg 64 mg · K 845 mg" in response.content.decode()  # 236 g of banana


def test_a_bad_edit_keeps_the_entry(logged_in, alice, food):
    entry = log(alice, food(173944), 100, "lunch")
    url = reverse("tracker:entry_edit", args=[entry.pk])
    response = logged_in.post(
        url, {"grams": "-1", "meal": "lunch", "date": str(entry.date)}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422 and response["HX-Retarget"] == f"#entry-{entry.pk}"
    entry.refresh_from_db()
    assert entry.grams == 100


def test_delete_then_undo_restores_the_entry(logged_in, alice, food, today):
    entry = log(alice, food(168462), 30, "breakfast", portion_label="1 cup", quantity=1)
    response = logged_in.post(
        reverse("tracker:entry_delete", args=[entry.pk]), HTTP_HX_REQUEST="true"
    )
    assert not Entry.objects.exists()
    body = response.content.decode()
    assert "Entry deleted." in body and 'data-total="magnesium">nothing logged<' in body
    token = _undo_token(body)
    response = logged_in.post(
        reverse("tracker:entry_undo"), {"token": token}, HTTP_HX_REQUEST="true"
    )
    restored = Entry.objects.get(user=alice)
    assert (restored.description, restored.grams, restored.meal, restored.quantity) == (
        "Spinach, raw",
        30,
        "breakfast",
        1,
    )
    assert restored.magnesium_per_100g == 79
    assert 'data-total="magnesium">24<' in response.content.decode()


def test_delete_without_javascript_offers_undo_on_the_day_page(logged_in, alice, food):
    entry = log(alice, food(168462), 30)
    response = logged_in.post(reverse("tracker:entry_delete", args=[entry.pk]))
    assert response.status_code == 302 and "?undo=" in response["Location"]
    page = logged_in.get(response["Location"]).content.decode()
    assert "Entry deleted." in page and 'name="token"' in page


def test_an_undo_token_is_useless_to_someone_else(client, logged_in, alice, bob, profile_for, food):
    entry = log(alice, food(168462), 30)
    response = logged_in.post(
        reverse("tracker:entry_delete", args=[entry.pk]), HTTP_HX_REQUEST="true"
    )
    token = _undo_token(response.content.decode())
    profile_for(bob)
    client.force_login(bob)
    assert client.post(reverse("tracker:entry_undo"), {"token": token}).status_code == 404
    assert client.post(reverse("tracker:entry_undo"), {"token": token + "x"}).status_code == 404
    assert not Entry.objects.exists()


def test_a_past_day_keeps_the_values_it_was_logged_with(logged_in, alice, food, tmp_path):
    from foods import catalogue
    from foods.importing import upsert

    spinach = food(168462)
    log(alice, spinach, 100, day=timezone.localdate() - timedelta(days=3))
    changed = catalogue.CATALOGUE.read_text().replace(
        "Vegetables and Vegetable Products,79,558,", "Vegetables and Vegetable Products,99,999,"
    )
    path = tmp_path / "c.csv"
    path.write_text(changed)
    upsert(catalogue.read_foods(path))
    spinach.refresh_from_db()
    assert spinach.magnesium_mg == 99
    entry = Entry.objects.with_minerals().get()
    assert (entry.magnesium, entry.potassium) == (79, 558)
    call_command("load_catalogue", stdout=io.StringIO())
    assert Entry.objects.get().magnesium_per_100g == 79


def test_quick_add_logs_a_food_again_with_its_usual_amount(logged_in, alice, food, today):
    banana = food(173944)
    medium = banana.portions.get(label__startswith="1 medium")
    old = log(
        alice,
        banana,
        medium.grams,
        "lunch",
        day=today - timedelta(days=1),
        portion=medium,
        quantity=1,
        portion_label=medium.label,
    )
    page = logged_in.get("/log/").content.decode()
    assert "Quick add" in page and f'name="entry" value="{old.pk}"' in page
    response = logged_in.post(
        reverse("tracker:quick_add", args=[str(today)]),
        {"entry": old.pk, "meal": "snacks"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    new = Entry.objects.get(date=today)
    assert (new.grams, new.portion_id, new.meal, new.quantity) == (
        medium.grams,
        medium.pk,
        "snacks",
        1,
    )


def test_copy_a_meal_from_another_day(logged_in, alice, food, today):
    yesterday = today - timedelta(days=1)
    log(alice, food(168462), 30, "breakfast", day=yesterday)
    log(alice, food(173944), 118, "breakfast", day=yesterday)
    log(alice, food(170567), 28, "snacks", day=yesterday)
    response = logged_in.post(
        reverse("tracker:copy_meal", args=[str(today)]),
        {"from_date": str(yesterday), "from_meal": "breakfast", "to_meal": "lunch"},
    )
    assert response.status_code == 302
    copied = Entry.objects.filter(date=today)
    assert sorted(copied.values_list("description", "meal", "grams")) == [
        ("Bananas, raw", "lunch", 118),
        ("Spinach, raw", "lunch", 30),
    ]
    assert Entry.objects.filter(date=yesterday).count() == 3


def test_copy_rejects_a_bad_day(logged_in, today):
    response = logged_in.post(
        reverse("tracker:copy_meal", args=[str(today)]),
        {"from_date": "1800-01-01", "from_meal": "breakfast", "to_meal": "lunch"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422 and "Pick a day between" in response.content.decode()


def test_a_deleted_custom_food_leaves_its_entries(logged_in, alice):
    mine = Food.objects.create(
        description="Grandma's stew", owner=alice, magnesium_mg=40, potassium_mg=300
    )
    log(alice, mine, 250)
    logged_in.post(reverse("foods:custom_delete", args=[mine.pk]))
    entry = Entry.objects.with_minerals().get()
    assert entry.food is None and entry.description == "Grandma's stew" and entry.magnesium == 100
    assert "Grandma&#x27;s stew" in logged_in.get("/log/").content.decode()


def test_supplements_default_to_the_supplements_section(logged_in, food, today):
    body = logged_in.get(f"/log/{today}/", {"food": food("potassium-chloride").pk}).content.decode()
    assert '<option value="supplements" selected>' in body
    assert "it does not recommend any" in body


def test_portions_of_other_people_do_not_leak(logged_in, bob, food, today):
    secret = Food.objects.create(description="Bob's bar", owner=bob, magnesium_mg=10)
    portion = Portion.objects.create(food=secret, label="1 bar", grams=40)
    response = _add(logged_in, today, food=food(168462).pk, portion=portion.pk, quantity="1")
    assert response.status_code == 422 and not Entry.objects.exists()


def test_an_entry_of_a_deleted_food_can_still_be_edited(logged_in, alice):
    mine = Food.objects.create(description="Stew", owner=alice, magnesium_mg=40, potassium_mg=300)
    entry = log(alice, mine, 250)
    mine.delete()
    url = reverse("tracker:entry_edit", args=[entry.pk])
    response = logged_in.post(url, {"grams": "100", "meal": "dinner", "date": str(entry.date)})
    assert response.status_code == 302
    entry = Entry.objects.with_minerals().get()
    assert (entry.grams, entry.meal, entry.magnesium, entry.description) == (
        100,
        "dinner",
        40,
        "Stew",
    )


def test_undo_twice_restores_once(logged_in, alice, food):
    entry = log(alice, food(168462), 30)
    response = logged_in.post(
        reverse("tracker:entry_delete", args=[entry.pk]), HTTP_HX_REQUEST="true"
    )
    token = _undo_token(response.content.decode())
    for _ in range(2):
        assert (
            logged_in.post(
                reverse("tracker:entry_undo"), {"token": token}, HTTP_HX_REQUEST="true"
            ).status_code
            == 200
        )
    assert list(Entry.objects.values_list("id", flat=True)) == [entry.pk]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"portion": "MEDIUM", "quantity": "1000"}, "quantity", "At most 50 portions"),
        ({"portion": "MEDIUM", "quantity": "abc"}, "quantity", "Enter a number."),
        ({"portion": "MEDIUM", "quantity": "2", "grams": "50"}, "grams", "not both"),
        ({"grams": "0"}, "grams", "Enter an amount above zero."),
        ({"grams": "99999999999"}, "grams", "At most 5,000 g"),
        ({"grams": "10", "meal": "<script>"}, "meal", "Pick one of the meals"),
        ({"grams": "10", "meal": ""}, "meal", "Pick a meal."),
        ({"grams": "10", "date": ""}, "date", "Pick a day."),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_a_bad_edit_gets_one_plain_message_per_field(
    logged_in, alice, food, data, field, message, htmx
):
    banana = food(173944)
    medium = banana.portions.get(label__startswith="1 medium")
    entry = log(alice, banana, 100, "lunch")
    payload = {"meal": "lunch", "date": str(entry.date), "grams": "", "quantity": "", **data}
    payload["portion"] = medium.pk if payload.get("portion") == "MEDIUM" else ""
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = logged_in.post(reverse("tracker:entry_edit", args=[entry.pk]), payload, **headers)
    assert response.status_code == 422
    body = response.content.decode()
    error_list = body.split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]
    assert message in error_list and error_list.count("<li>") == 1
    assert body.count('class="errorlist') == 1  # and no other field complains
    assert "<script>" not in body.split("<main", 1)[-1].split("</main>")[0]
    entry.refresh_from_db()
    assert (entry.grams, entry.meal) == (100, "lunch")


def _quick_source(alice, food, today, supplement=False):
    if supplement:
        return log(alice, food("magnesium-citrate"), 1, "supplements", day=today - timedelta(1))
    return log(alice, food(173944), 118, "dinner", day=today - timedelta(days=1))


@pytest.mark.parametrize("htmx", [False, True])
def test_quick_add_puts_the_food_in_the_chosen_meal(logged_in, alice, food, today, htmx):
    source = _quick_source(alice, food, today)
    page = logged_in.get(f"/log/{today}/").content.decode()
    # One meal choice above the lists; each food is a button of the same form.
    assert '<select name="meal" aria-describedby="quick-meal-help" id="quick-meal">' in page
    assert f'<button type="submit" name="entry" value="{source.pk}" data-focus=' in page
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    url = reverse("tracker:quick_add", args=[str(today)])
    response = logged_in.post(url, {"entry": source.pk, "meal": "snacks"}, **headers)
    assert response.status_code == (200 if htmx else 302)
    assert Entry.objects.get(date=today).meal == "snacks"
    if htmx:
        # The meal stays picked for the next quick add.
        assert '<option value="snacks" selected>Snacks</option>' in response.content.decode()
        said = json.loads(response["HX-Trigger"])["announce"]["message"]
        assert said.startswith("Added Banana to Snacks.")


@pytest.mark.parametrize(
    ("hour", "supplement", "meal"),
    [
        (8, False, "breakfast"),
        (12, False, "lunch"),
        (19, False, "dinner"),
        (12, True, "supplements"),
    ],
)
def test_quick_add_now_is_the_meal_for_the_hour(logged_in, alice, food, hour, supplement, meal):
    import time_machine

    with time_machine.travel(datetime(2026, 11, 20, hour, 5, tzinfo=UTC), tick=False):
        today = timezone.localdate()
        source = _quick_source(alice, food, today, supplement)
        page = logged_in.get(f"/log/{today}/").content.decode()
        label = {"breakfast": "Breakfast", "lunch": "Lunch", "dinner": "Dinner"}
        assert (
            f'<option value="" selected>Now ({label[meal if not supplement else "lunch"]})' in page
        )
        url = reverse("tracker:quick_add", args=[str(today)])
        assert logged_in.post(url, {"entry": source.pk, "meal": ""}).status_code == 302
        assert logged_in.post(url, {"entry": source.pk}).status_code == 302  # older pages
    assert list(Entry.objects.filter(date=today).values_list("meal", flat=True)) == [meal] * 2


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("meal", ["brunch", "<script>alert(1)</script>"])
def test_quick_add_refuses_a_meal_that_is_not_one(logged_in, alice, food, today, htmx, meal):
    source = _quick_source(alice, food, today)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    url = reverse("tracker:quick_add", args=[str(today)])
    response = logged_in.post(url, {"entry": source.pk, "meal": meal}, **headers)
    assert response.status_code == 422
    body = response.content.decode()
    assert "Pick one of the meals: Breakfast, Lunch, Dinner, Snacks or Supplements." in body
    assert "<script>alert" not in body
    if htmx:
        assert response["HX-Retarget"] == "#quick-add" and "<html" not in body
        assert body.lstrip().startswith('<section class="card" id="quick-add"')
    assert not Entry.objects.filter(date=today).exists()


@pytest.mark.parametrize("htmx", [True, False])
def test_adding_to_another_day_keeps_this_days_page_and_says_where(
    logged_in, alice, food, log, htmx
):
    from datetime import date

    from tracker.models import Entry

    log(alice, food(173944), 118, "breakfast", date(2026, 11, 16))  # 422 mg of K that day
    data = {"food": food(168820).pk, "quantity": "1", "portion": food(168820).portions.first().pk,
            "meal": "lunch", "date": "2026-11-18"}  # fmt: skip
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = logged_in.post("/log/2026-11-16/add/", data, **headers, follow=not htmx)
    assert Entry.objects.get(user=alice, date=date(2026, 11, 18)).description.startswith("Mol")
    body = response.content.decode()
    assert "Wednesday 18 November 2026" in body  # where it went
    assert 'data-total="potassium">422<' in body  # this day's totals, not the other day's
    if htmx:
        assert 'href="/log/2026-11-18/"' in body and "Open that day" in body


def test_an_edit_that_moves_an_entry_refreshes_the_day_it_was_on(logged_in, alice, food, log):
    from datetime import date

    stays = log(alice, food(173944), 118, "breakfast", date(2026, 11, 16))
    moves = log(alice, food(173944), 100, "lunch", date(2026, 11, 16))
    data = {"grams": "100", "meal": "lunch", "date": "2026-11-17"}
    body = logged_in.post(
        f"/log/entry/{moves.pk}/edit/", data, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert f'id="entry-{stays.pk}"' in body and f'id="entry-{moves.pk}"' not in body
    assert "Tuesday 17 November 2026" in body


def test_a_food_logged_before_opens_with_its_amount_in_the_meal_for_now(
    logged_in, alice, food, log
):
    import time_machine

    log(alice, food(168462), 30, "lunch")  # spinach, by weight, at lunch
    with time_machine.travel(timezone.make_aware(datetime(2026, 11, 16, 20)), tick=False):
        body = logged_in.get(
            "/log/2026-11-16/", {"food": food(168462).pk}, HTTP_HX_REQUEST="true",
            HTTP_HX_TARGET="add-form",
        ).content.decode()  # fmt: skip
    assert 'name="amount" value="30"' in body  # the last amount, as people write it
    assert '<option value="dinner" selected>' in body  # 8 pm: dinner, not the old lunch


def test_the_edit_form_shows_grams_as_people_write_them(logged_in, alice, food, log):
    entry = log(alice, food(168462), 60, "lunch")
    body = logged_in.get(f"/log/entry/{entry.pk}/edit/").content.decode()
    assert 'value="60"' in body and "60.0000" not in body


def test_quick_add_lists_each_food_once(logged_in, alice, food, log, today):
    from datetime import timedelta

    for back in (1, 2, 3):  # bananas often; spinach once
        log(alice, food(173944), 118, "lunch", today - timedelta(days=back))
    log(alice, food(168462), 30, "dinner", today - timedelta(days=1))
    page = logged_in.get(f"/log/{today}/").content.decode()
    quick = page.split('id="quick-add"')[1].split("</section>")[0]
    assert quick.count("+ Banana <small>") == 1 and quick.count("+ Spinach <small>") == 1
