"""Numbers before Add: search results show what their usual portion gives, the add form
what its amount adds, and one amount with a unit replaces the grams box beside the
portion list."""

from decimal import Decimal
from html import escape

import pytest
from django.urls import reverse
from django.utils import timezone

from foods.portions import spoken
from tracker.models import Entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


def _results(client, query):
    return client.get(
        "/log/", {"q": query}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="food-results"
    ).content.decode()


def test_each_result_shows_its_usual_portions_minerals(logged_in, food):
    body = _results(logged_in, "banana raw")
    first = body.split("data-result-numbers>")[1].split("</small>")[0]
    medium = food(173944).default_portion(list(food(173944).portions.all()))
    assert first.startswith(f"{escape(spoken(medium.label))}:")  # "1 medium:"
    assert "Mg 32" in first and "K 422" in first  # 118 g of banana


def test_a_supplement_result_shows_only_what_it_carries(logged_in):
    body = _results(logged_in, "magnesium citrate")
    numbers = body.split("data-result-numbers>")[1].split("</small>")[0]
    assert "Mg 100" in numbers and "K" not in numbers


def test_a_flagged_person_sees_no_potassium_percentage_in_results(client, alice, profile_for):
    profile_for(alice, potassium_restricted=True)
    client.force_login(alice)
    body = _results(client, "banana raw")
    assert "K 422" in body and " %" not in body and "of target" not in body


def _post(client, day, **data):
    payload = {"meal": "lunch", "date": str(day), **data}
    return client.post(reverse("tracker:entry_add", args=[str(day)]), payload)


def test_one_amount_in_a_portion_or_in_grams(logged_in, alice, food, today):
    banana = food(173944)
    medium = banana.portions.get(label__startswith="1 medium")
    assert _post(logged_in, today, food=banana.pk, amount="2", portion=medium.pk).status_code == 302
    assert _post(logged_in, today, food=banana.pk, amount="150", portion="").status_code == 302
    two, weighed = Entry.objects.filter(user=alice).order_by("id")
    assert (two.quantity, two.grams, two.portion_id) == (2, medium.grams * 2, medium.pk)
    assert (weighed.quantity, weighed.grams, weighed.portion_id) == (None, 150, None)


@pytest.mark.parametrize(
    ("amount", "unit", "message"),
    [
        ("", "grams", "Enter an amount."),
        ("0", "grams", "Enter an amount above zero."),
        ("lots", "grams", "Enter a number."),
        ("6000", "grams", "At most 5,000 g in one entry."),
        ("51", "medium", "At most 50 portions in one entry."),
        ("1.0001", "medium", "at most 3 decimal places"),
    ],
)
def test_a_bad_amount_gets_one_message_beside_it(
    logged_in, alice, food, today, amount, unit, message
):
    banana = food(173944)
    portion = banana.portions.get(label__startswith="1 medium").pk if unit == "medium" else ""
    response = _post(logged_in, today, food=banana.pk, amount=amount, portion=portion)
    assert response.status_code == 422
    errors = response.content.decode().split('id="id_amount_error"')[1].split("</ul>")[0]
    assert message in errors and errors.count("<li>") == 1
    assert not Entry.objects.filter(user=alice).exists()


def test_the_add_form_says_what_its_amount_adds(logged_in, food, today):
    banana = food(173944)
    medium = banana.portions.get(label__startswith="1 medium")
    opened = logged_in.get("/log/", {"food": banana.pk}).content.decode()
    assert "Adds\n" in opened or "Adds " in opened
    assert "Mg 32 · K 422" in opened.split('id="add-preview"')[1].split("</p>")[0]
    sent = {"food": banana.pk, "amount": "2", "portion": medium.pk, "meal": "lunch"}
    # htmx: only the numbers, refreshed as the amount changes.
    preview = logged_in.get(
        "/log/", {**sent, "date": str(today)}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="add-preview"
    ).content.decode()
    assert preview.lstrip().startswith('<p id="add-preview"')
    assert f'hx-get="/log/{today}/"' in preview
    assert "Mg 64 · K 845" in preview  # two bananas
    # Without JavaScript: "Show what it adds" sends the form to the page, which shows it
    # again with the same amount and what it adds; nothing is logged.
    page = logged_in.get("/log/", {**sent, "date": str(today), "preview": "1"}).content.decode()
    assert 'name="amount" value="2"' in page
    assert "Mg 64 · K 845" in page.split('id="add-preview"')[1].split("</p>")[0]
    in_grams = logged_in.get(
        "/log/",
        {**sent, "portion": "", "amount": "50", "date": str(today)},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="add-preview",
    ).content.decode()
    assert "Mg 14 · K 179" in in_grams
    assert not Entry.objects.exists()


def test_a_magnesium_tablet_adds_no_potassium_line(logged_in, food):
    opened = logged_in.get("/log/", {"food": food("magnesium-citrate").pk}).content.decode()
    adds = opened.split('id="add-preview"')[1].split("</p>")[0]
    assert "Mg 100" in adds and "K" not in adds


def test_the_older_fields_are_still_read(logged_in, alice, food, today):
    """A form that sends how many and grams, as the add form did, still logs."""
    banana = food(173944)
    medium = banana.portions.get(label__startswith="1 medium")
    response = _post(logged_in, today, food=banana.pk, portion=medium.pk, quantity="1", grams="")
    assert response.status_code == 302
    assert Entry.objects.get(user=alice).grams == medium.grams
    assert Decimal(1) == Entry.objects.get(user=alice).quantity
