"""Input that once ended in a 500, each kept as a regression test, and a bounded fuzz of
every form and query string with random text and strange numbers."""

import urllib.parse
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foods.models import Food, Portion
from tracker.models import Entry, Profile, SavedMeal

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
@given(name=text, servings=text, cooked=text, lines=text, total=text, food=text, grams=text,
       seen=text)  # fmt: skip
def test_the_recipe_form_never_500s(logged_in, alice, name, servings, cooked, lines, total,
                                    food, grams, seen):  # fmt: skip
    data = {"name": name, "servings": servings, "cooked_grams": cooked, "ingredients": lines,
            "lines-TOTAL_FORMS": total, "lines-INITIAL_FORMS": "0", "lines-0-text": lines,
            "lines-0-food": food, "lines-0-grams": grams, "lines-0-seen_text": lines,
            "lines-0-seen_food": food, "lines-0-seen_grams": seen,
            "lines-0-quantity": seen}  # fmt: skip
    _ok(logged_in.post("/recipes/new/", data))
    _ok(logged_in.get("/recipes/"))
    _ok(logged_in.get("/recipes/line/", {"add_line": lines, "recipe": food}))


@FUZZ
@given(meal=text, name=text, servings=text, kind=text, day=text, confirm=text)
def test_saved_meal_forms_never_500(logged_in, alice, meal, name, servings, kind, day, confirm):
    data = {"from_meal": meal, "name": name, "servings": servings, "as": kind}
    _ok(logged_in.post("/log/2026-11-16/save-meal/", data))
    _ok(logged_in.post("/log/2026-11-16/copy-day/", {"to_date": day, "confirm": confirm}))
    saved = SavedMeal.objects.get_or_create(owner=alice, name="Usual")[0]
    _ok(logged_in.post(f"/meals/{saved.pk}/log/", {"date": day, "meal": meal, "confirm": confirm}))
    _ok(logged_in.post(f"/meals/{saved.pk}/", {"name": name}))


@FUZZ
@given(from_date=text, from_meal=text, to_meal=text, token=text)
def test_copy_and_undo_never_500(logged_in, from_date, from_meal, to_meal, token):
    _ok(logged_in.post("/log/2026-11-16/copy/", {"from_date": from_date, "from_meal": from_meal,
                                                   "to_meal": to_meal}))  # fmt: skip
    _ok(logged_in.post("/log/undo/", {"token": token}))


@FUZZ
@given(weeks=text, end=text)
def test_the_report_never_500s(logged_in, weeks, end):
    # The PDF answers the same form; drawing it is slow, so the fuzz asks for the page.
    _ok(logged_in.get("/report/", {"weeks": weeks, "end": end}))


@pytest.mark.parametrize("end", ["9999-12-31", "0001-01-01", "1900-01-07", "2026-02-30"])
def test_the_reports_edge_dates_never_500(logged_in, end, pdf_drawing):
    for weeks in ("1", "12"):
        _ok(logged_in.get("/report/", {"weeks": weeks, "end": end}))
        _ok(logged_in.get("/report/pdf/", {"weeks": weeks, "end": end}))


def test_a_meal_cannot_be_copied_into_itself(logged_in, alice, log, food):
    from datetime import date

    log(alice, food(173944), 100, "lunch", date(2026, 11, 16))
    data = {"from_date": "2026-11-16", "from_meal": "lunch", "to_meal": "lunch"}
    for _ in range(3):
        response = logged_in.post("/log/2026-11-16/copy/", data)
        assert response.status_code == 422
    assert "cannot be copied into itself" in response.content.decode()
    assert Entry.objects.filter(user=alice).count() == 1


def test_copying_what_is_already_there_asks_first(logged_in, alice, log, food):
    from datetime import date

    log(alice, food(173944), 100, "lunch", date(2026, 11, 15))
    data = {"from_date": "2026-11-15", "from_meal": "lunch", "to_meal": "lunch"}
    assert logged_in.post("/log/2026-11-16/copy/", data).status_code == 302
    again = logged_in.post("/log/2026-11-16/copy/", data)
    assert again.status_code == 422 and "Copy anyway" in again.content.decode()
    assert Entry.objects.filter(user=alice, date=date(2026, 11, 16)).count() == 1
    assert logged_in.post("/log/2026-11-16/copy/", {**data, "confirm": "on"}).status_code == 302
    assert Entry.objects.filter(user=alice, date=date(2026, 11, 16)).count() == 2


def test_an_entry_of_a_deleted_food_keeps_only_its_own_portion(logged_in, alice, food):
    from datetime import date

    mine = Food.objects.create(description="Stew", owner=alice, magnesium_mg=Decimal(20))
    bowl = Portion.objects.create(food=mine, label="1 bowl", grams=Decimal(300))
    entry = Entry(user=alice, date=date(2026, 11, 16), meal="lunch", grams=Decimal(300))
    entry.take_values_from(mine)
    entry.portion, entry.portion_label, entry.quantity = bowl, "1 bowl", Decimal(1)
    entry.save()
    mine.delete()  # the portion goes with it; the entry keeps its snapshot
    cup = food(168462).portions.get(label="1 cup")  # spinach's
    data = {"portion": cup.pk, "quantity": "1", "meal": "lunch", "date": "2026-11-16"}
    assert logged_in.post(f"/log/entry/{entry.pk}/edit/", data).status_code == 422
    entry.refresh_from_db()
    assert entry.grams == 300 and entry.portion_label == "1 bowl"
    grams = {"grams": "250", "meal": "lunch", "date": "2026-11-16"}
    assert logged_in.post(f"/log/entry/{entry.pk}/edit/", grams).status_code == 302
    entry.refresh_from_db()
    assert entry.grams == 250


def test_an_add_form_with_an_error_keeps_the_picked_foods_portions(logged_in, food):
    banana = food(173944)
    data = {"food": banana.pk, "quantity": "1000", "portion": banana.portions.first().pk,
            "meal": "lunch", "date": "2026-11-16"}  # fmt: skip
    response = logged_in.post("/log/2026-11-16/add/", data)
    assert response.status_code == 422
    form = response.content.decode().split('id="add-form"')[1].split("</form>")[0]
    options = form.split('name="portion"')[1].split("</select>")[0].count("<option")
    assert options == banana.portions.count() + 1  # and "grams"


PAYLOADS = ["=cmd|' /C calc'!A0", "+SUM(1+1)", "-2+3", "@SUM(1)", "\t=1+1"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_export_neutralises_formula_cells(logged_in, alice, payload):
    import csv
    import io
    from datetime import date

    mine = Food.objects.create(description=payload, owner=alice, magnesium_mg=Decimal(5))
    entry = Entry(user=alice, date=date(2026, 11, 16), meal="lunch", grams=Decimal(100))
    entry.take_values_from(mine)
    entry.portion_label, entry.quantity = payload, Decimal(1)
    entry.save()
    response = logged_in.get("/account/export.csv")
    body = b"".join(response.streaming_content).decode()
    (row,) = list(csv.DictReader(io.StringIO(body)))
    assert row["food"] == "'" + payload
    assert row["amount"].startswith("1 x ")  # starts with a digit: nothing to guard


def test_a_formset_of_thousands_is_refused(logged_in, alice):
    data = {"description": "Soup", "basis": "100g", "magnesium_mg": "10",
            "portions-TOTAL_FORMS": "2000", "portions-INITIAL_FORMS": "0"}  # fmt: skip
    response = logged_in.post("/foods/mine/new/", data)
    assert response.status_code == 422
    assert not Food.objects.filter(owner=alice).exists()


def test_healthz_answers_without_a_session(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    assert "sessionid" not in response.cookies


def test_healthz_says_503_when_the_database_does_not_answer(client, monkeypatch):
    from django.db import DatabaseError

    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", broken)
    assert client.get("/healthz").status_code == 503


def test_private_pages_are_not_cached(logged_in):
    for url in (
        "/log/",
        "/week/",
        "/account/export.csv",
        "/profile/",
        "/account/import/",
        "/account/backup.zip",
    ):
        cache = logged_in.get(url)["Cache-Control"]
        assert "private" in cache and "no-store" in cache, url


def test_a_negative_huge_value_per_serving_is_refused_not_a_500(logged_in):
    data = {"description": "Test bar", "basis": "serving", "serving_grams": "121",
            "magnesium_mg": "121", "potassium_mg": "121", "energy_kcal": "-1e30",
            "portions-TOTAL_FORMS": "0", "portions-INITIAL_FORMS": "0"}  # fmt: skip
    response = logged_in.post("/foods/mine/new/", data)
    assert response.status_code == 422


IMPORT_HEADERS = [
    "Day,Time,Group,Food Name,Amount,Magnesium (mg),Potassium (mg)",
    "Date;Meal;Calories;Sodium (mg);Potassium",
]


@FUZZ
@given(kind=st.sampled_from([0, 1]), cells=st.lists(text, min_size=1, max_size=8),
       step=st.sampled_from(["preview", "import"]))  # fmt: skip
def test_the_import_never_500s_and_writes_nothing_bad(logged_in, alice, kind, cells, step):
    import hashlib

    from django.core.files.uploadedfile import SimpleUploadedFile

    separator = ";" if kind else ","
    data = (IMPORT_HEADERS[kind] + "\n" + separator.join(cells) + "\n").encode()
    upload = SimpleUploadedFile("servings.csv", data, content_type="text/csv")
    confirm = hashlib.sha256(data).hexdigest()
    _ok(logged_in.post("/account/import/", {"file": upload, "step": step, "confirm": confirm}))
    assert all(e.grams > 0 for e in Entry.objects.filter(user=alice))


@FUZZ
@given(row=st.lists(st.one_of(text, st.none(), st.integers(), st.booleans()), max_size=16),
       profile=st.dictionaries(st.sampled_from(["sex", "date_of_birth", "timezone", "units"]),
                               st.one_of(text, st.none(), st.integers())))  # fmt: skip
def test_a_damaged_backup_never_500s(logged_in, alice, row, profile):
    import hashlib
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    from tracker.imports.backup import ENTRY_COLUMNS

    doc = {"format": "mgk-backup", "version": 1, "origin": "x", "profile": profile,
           "foods": [], "entries": {"columns": ENTRY_COLUMNS, "rows": [row]}}  # fmt: skip
    data = json.dumps(doc).encode()
    upload = SimpleUploadedFile("b.json", data, content_type="application/json")
    confirm = hashlib.sha256(data).hexdigest()
    _ok(logged_in.post("/account/import/", {"file": upload, "step": "import", "confirm": confirm}))


# The JSON API: any body, any query, any path; an answer under 500, always JSON.
def _api_ok(response):
    _ok(response)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]


json_value = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30), st.floats(),
    text, st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), text, max_size=2),
)  # fmt: skip


@pytest.fixture
def api_client(client, alice, profile_for, settings):
    import json

    from tracker.models import ApiToken

    settings.API_REQUESTS_PER_MINUTE = 10**6  # the fuzz is not a test of the throttle
    profile_for(alice)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(alice, 'fuzz')[1]}"}

    def send(method, path, body=None, params=None):
        if body is None:
            return getattr(client, method)(f"/api/v1{path}", params or {}, **auth)
        data = body if isinstance(body, str) else json.dumps(body)
        return getattr(client, method)(
            f"/api/v1{path}", data, content_type="application/json", **auth
        )

    return send


@FUZZ
@given(food=json_value, portion=json_value, quantity=json_value, grams=json_value,
       meal=json_value, date=json_value)  # fmt: skip
def test_the_api_never_500s_on_an_entry(api_client, alice, food, portion, quantity, grams, meal,
                                        date):  # fmt: skip
    banana = Food.objects.get(source_id="173944")
    for food_id in (food, banana.pk):
        body = {"food": food_id, "portion": portion, "quantity": quantity, "grams": grams,
                "meal": meal, "date": date}  # fmt: skip
        _api_ok(api_client("post", "/entries", body))
    entry = Entry.objects.filter(user=alice).first()
    if entry is not None:
        body = {"portion": portion, "quantity": quantity, "grams": grams, "meal": meal}
        _api_ok(api_client("patch", f"/entries/{entry.pk}", body))
        _api_ok(api_client("patch", f"/entries/{entry.pk}", {"date": date}))


@FUZZ
@given(q=text, limit=text, first=text, last=text, path=text)
def test_the_api_never_500s_on_a_query_or_path(api_client, q, limit, first, last, path):
    _api_ok(api_client("get", "/foods", params={"q": q, "limit": limit}))
    _api_ok(api_client("get", "/entries", params={"from": first, "to": last}))
    for prefix in ("/days/", "/weeks/", "/foods/", "/entries/"):
        _api_ok(api_client("get", prefix + urllib.parse.quote(path, safe="")))


@FUZZ
@given(raw=st.one_of(text, st.binary(max_size=40).map(lambda b: b.decode("latin-1"))))
def test_the_api_never_500s_on_a_body_that_is_not_json(api_client, raw):
    _api_ok(api_client("post", "/entries", raw))
