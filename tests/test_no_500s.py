"""Input that once ended in a 500, each kept as a regression test, and a bounded fuzz of
every form and query string with random text and strange numbers."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foods.models import Food, Portion
from tracker.models import Entry, Profile

pytestmark = pytest.mark.django_db

STRANGE_NUMBERS = ["121", "forty", "40.5", "-1", "1e30", "-1e30", "NaN", "sNaN", "Infinity",
                   "-inf", "²", "①", "٣", "", " ", "0x10", "1_000", "9" * 40]  # fmt: skip


@pytest.mark.parametrize("age", ["121", "forty", "40.5", "-1", "sNaN", "²"])
def test_a_bad_age_with_no_date_of_birth_is_a_form_error(logged_in, alice, age):
    data = {"sex": "female", "date_of_birth": "", "age": age, "timezone": "UTC"}
    response = logged_in.post("/profile/", data)
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert Profile.objects.get(user=alice).date_of_birth is not None  # nothing written


@pytest.mark.parametrize("value", ["%C2%B2", "%E2%91%A0", "%D9%A3"])
def test_unicode_digits_are_not_ids(logged_in, value):
    assert logged_in.get(f"/log/2026-11-16/?food={value}").status_code == 200


@pytest.mark.parametrize("value", ["²", "①", "٣", "sNaN"])
def test_quick_add_with_a_unicode_digit_is_not_found(logged_in, value):
    assert logged_in.post("/log/2026-11-16/quick-add/", {"entry": value}).status_code == 404


def test_a_huge_per_serving_value_is_a_form_error(logged_in, alice):
    data = {
        "description": "Shake",
        "basis": "serving",
        "serving_grams": "30",
        "magnesium_mg": "1e30",
        "portions-TOTAL_FORMS": "0",
        "portions-INITIAL_FORMS": "0",
    }
    response = logged_in.post("/foods/mine/new/", data)
    assert response.status_code == 422
    assert not Food.objects.filter(owner=alice).exists()


def test_a_signalling_nan_in_an_existing_portion_is_a_form_error(logged_in, alice):
    food = Food.objects.create(description="Soup", owner=alice, magnesium_mg=Decimal(10))
    portion = Portion.objects.create(food=food, label="1 bowl", grams=Decimal(250))
    data = {
        "description": "Soup",
        "basis": "100g",
        "magnesium_mg": "10",
        "portions-TOTAL_FORMS": "1",
        "portions-INITIAL_FORMS": "1",
        "portions-0-id": str(portion.pk),
        "portions-0-label": "1 bowl",
        "portions-0-grams": "sNaN",
    }
    response = logged_in.post(f"/foods/mine/{food.pk}/edit/", data)
    assert response.status_code == 422
    portion.refresh_from_db()
    assert portion.grams == 250


@pytest.mark.parametrize(
    "url", ["/foods/?category=%00", "/foods/?q=a%00b", "/log/?q=%00", "/week/2026-W47/?x=%00"]
)
def test_nul_characters_are_refused_before_they_reach_the_database(logged_in, url):
    assert logged_in.get(url).status_code == 400


def test_nul_in_a_form_is_refused(logged_in, alice):
    response = logged_in.post("/foods/mine/new/", {"description": "a\x00b", "basis": "100g"})
    assert response.status_code == 400
    assert not Food.objects.filter(owner=alice).exists()


# The fuzz: every form and query string, random text and strange numbers.
text = st.one_of(st.sampled_from(STRANGE_NUMBERS), st.text(max_size=40))
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _ok(response):
    assert response.status_code < 500, response.status_code


@FUZZ
@given(q=text, food=text, d=text, category=text, sort=text, basis=text, page=text)
def test_query_strings_never_500(logged_in, q, food, d, category, sort, basis, page):
    _ok(logged_in.get("/log/2026-11-16/", {"q": q, "food": food}))
    _ok(logged_in.get("/log/", {"d": d}))
    _ok(logged_in.get("/foods/", {"q": q, "category": category, "sort": sort, "basis": basis,
                                  "page": page}))  # fmt: skip
    _ok(logged_in.get("/trends/", {"weeks": page}))


@FUZZ
@given(quantity=text, grams=text, portion=text, meal=text, date=text, food=text)
def test_the_add_form_never_500s_and_writes_nothing_bad(
    logged_in, alice, quantity, grams, portion, meal, date, food
):
    before = Entry.objects.count()
    data = {"food": food, "quantity": quantity, "grams": grams, "portion": portion,
            "meal": meal, "date": date}  # fmt: skip
    response = logged_in.post("/log/2026-11-16/add/", data)
    _ok(response)
    if response.status_code != 302:
        assert Entry.objects.count() == before


@FUZZ
@given(age=text, dob=text, mg=text, k=text, tz=text, sex=text, units=text)
def test_the_profile_form_never_500s(logged_in, alice, age, dob, mg, k, tz, sex, units):
    data = {"sex": sex, "date_of_birth": dob, "age": age, "magnesium_target_mg": mg,
            "potassium_target_mg": k, "timezone": tz, "units": units}  # fmt: skip
    _ok(logged_in.post("/profile/", data))
    assert Profile.objects.get(user=alice).date_of_birth is not None


@FUZZ
@given(description=text, serving=text, mg=text, k=text, kcal=text, grams=text, total=text)
def test_the_custom_food_form_never_500s(
    logged_in, alice, description, serving, mg, k, kcal, grams, total
):
    data = {"description": description, "basis": "serving", "serving_grams": serving,
            "magnesium_mg": mg, "potassium_mg": k, "energy_kcal": kcal,
            "portions-TOTAL_FORMS": total, "portions-INITIAL_FORMS": "0",
            "portions-0-label": description, "portions-0-grams": grams}  # fmt: skip
    _ok(logged_in.post("/foods/mine/new/", data))


@FUZZ
@given(from_date=text, from_meal=text, to_meal=text, token=text)
def test_copy_and_undo_never_500(logged_in, from_date, from_meal, to_meal, token):
    _ok(logged_in.post("/log/2026-11-16/copy/", {"from_date": from_date, "from_meal": from_meal,
                                                   "to_meal": to_meal}))  # fmt: skip
    _ok(logged_in.post("/log/undo/", {"token": token}))
