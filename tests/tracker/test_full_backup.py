"""mgk's own backup: downloaded by one person, restored into an empty account, the same
rows and the same day, week and trends pages."""

import hashlib
import io
import json
import re
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from foods.models import Food
from tracker.imports import backup
from tracker.models import DayTotal, Entry, Profile, Recipe, SavedMeal

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 16)
ENTRY_FIELDS = [
    "date", "meal", "quantity", "grams", "description", "fdc_id", "portion_label",
    "magnesium_per_100g", "potassium_per_100g", "energy_per_100g", "sodium_per_100g",
    "is_supplement", "import_key",
]  # fmt: skip


@pytest.fixture
def history(alice, profile_for, food, log):
    """alice: a profile of her own, an own food with portions, catalogue and own-food
    entries (one with a portion), an imported one and a supplement, over two weeks."""
    profile_for(alice, sex="male", date_of_birth=date(1971, 3, 9), timezone="Europe/Paris",
                magnesium_target_mg=Decimal(380), units="mmol")  # fmt: skip
    soup = Food.objects.create(description="Lentil soup", owner=alice, category="Soups",
                               magnesium_mg=Decimal(36), potassium_mg=Decimal(310))  # fmt: skip
    soup.portions.create(label="1 bowl", grams=Decimal(300), seq=1)
    soup.portions.create(label="1 cup", grams=Decimal(240), seq=2)
    banana = food(173944)
    medium = banana.portions.get(label__startswith="1 medium")
    for back in range(10):
        day = DAY - timedelta(days=back)
        entry = Entry(user=alice, date=day, meal="breakfast", grams=medium.grams * 2)
        entry.take_values_from(banana)
        entry.portion, entry.portion_label, entry.quantity = medium, medium.label, Decimal(2)
        entry.save()
        log(alice, soup, 300, meal="dinner", day=day)
        log(alice, food(170567), 28, meal="lunch", day=day)  # almonds
    from tracker.models import Recipe, RecipeIngredient, SavedMeal

    stew = Recipe(owner=alice, name="Bean stew", servings=4)
    stew.save_with([
        RecipeIngredient(food=food(173735), grams=Decimal(400), text="400 g black beans"),
        RecipeIngredient(food=soup, portion=soup.portions.first(), quantity=Decimal(1),
                         portion_label="1 bowl", grams=Decimal(300)),
    ])  # fmt: skip
    log(alice, stew.food, 250, meal="dinner", day=DAY)
    usual = SavedMeal.objects.create(owner=alice, name="Usual breakfast")
    usual.fill_from(list(Entry.objects.filter(user=alice, date=DAY, meal="breakfast")))
    Entry.objects.create(user=alice, date=DAY, meal="snacks", grams=Decimal(100),
                         description="Dark chocolate", portion_label="1.00 bar",
                         magnesium_per_100g=Decimal("64.5"), import_key="a" * 64)  # fmt: skip
    return alice


def rows(user):
    entries = Entry.objects.filter(user=user).order_by("date", "meal", "description")
    return [
        (*(getattr(e, f) for f in ENTRY_FIELDS if f != "import_key"),
         e.food.description if e.food else None, e.portion.label if e.portion else None)
        for e in entries
    ]  # fmt: skip


def tables(user) -> dict:
    profile = Profile.objects.get(user=user)
    return {
        "profile": [getattr(profile, f) for f in backup.PROFILE_FIELDS],
        "foods": [
            (
                f.description,
                f.category,
                f.magnesium_mg,
                f.potassium_mg,
                f.is_supplement,
                [(p.label, p.grams, p.seq) for p in f.portions.all()],
            )
            for f in Food.objects.filter(owner=user).order_by("description")
        ],
        "entries": rows(user),
        "recipes": [
            (
                r.name,
                r.servings,
                r.cooked_grams,
                r.food.description,
                r.food.magnesium_mg,
                [
                    (
                        i.text,
                        i.grams,
                        i.quantity,
                        i.description,
                        i.magnesium_per_100g,
                        i.food.description if i.food else None,
                        i.portion.label if i.portion else None,
                    )
                    for i in r.ingredients.all()
                ],
            )
            for r in Recipe.objects.filter(owner=user).order_by("name")
        ],
        "saved_meals": [
            (
                m.name,
                [
                    (
                        i.description,
                        i.grams,
                        i.quantity,
                        i.portion_label,
                        i.food.description if i.food else None,
                        i.portion.label if i.portion else None,
                    )
                    for i in m.items.all()
                ],
            )
            for m in SavedMeal.objects.filter(owner=user).order_by("name")
        ],
        "day_totals": [
            tuple(getattr(t, f) for f in ("date", *DayTotal.SUMS))
            for t in DayTotal.objects.filter(user=user).order_by("date")
        ],
    }


def restore(client, data: bytes):
    upload = SimpleUploadedFile("mgk-backup.zip", data, content_type="application/zip")
    response = client.post("/account/import/", {"file": upload, "step": "preview"})
    digest = re.search(r'name="confirm" value="([0-9a-f]{64})"', response.content.decode())[1]
    upload.seek(0)
    response = client.post(
        "/account/import/", {"file": upload, "step": "import", "confirm": digest}
    )
    client.get(response["Location"])  # the message said, so the pages compared hold none
    return response


@pytest.fixture
def carol(db):
    user = get_user_model().objects.create_user("carol", "carol@example.org", "another-pass-3")
    Profile.objects.create(user=user, sex="female", date_of_birth=date(2000, 1, 1))
    client = Client()
    client.force_login(user)
    return user, client


def download(client) -> bytes:
    response = client.get("/account/backup.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert 'filename="mgk-backup-' in response["Content-Disposition"]
    return response.content


def test_the_backup_is_one_json_document_with_everything(history, client):
    client.force_login(history)
    with zipfile.ZipFile(io.BytesIO(download(client))) as archive:
        assert archive.namelist() == ["mgk-backup.json"]
        doc = json.loads(archive.read("mgk-backup.json"))
    assert doc["format"] == "mgk-backup" and doc["version"] == 1
    assert doc["profile"]["timezone"] == "Europe/Paris"
    soup = next(f for f in doc["foods"] if f["description"] == "Lentil soup")
    assert [p["label"] for p in soup["portions"]] == ["1 bowl", "1 cup"]
    assert len(doc["entries"]["rows"]) == 32
    assert [r["name"] for r in doc["recipes"]] == ["Bean stew"]
    assert [m["name"] for m in doc["saved_meals"]] == ["Usual breakfast"]


def test_a_restored_backup_has_the_same_rows_table_by_table(history, client, carol):
    client.force_login(history)
    user, other = carol
    response = restore(other, download(client))
    assert response.status_code == 302
    assert tables(user) == tables(history)


def _page(client, url: str) -> str:
    html = client.get(url).content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    html = re.sub(r'"x-csrftoken": "[^"]+"', "", html)
    html = re.sub(
        r"(entry[-/]|/foods/|/meals/|/recipes/|meal=|recipe=|food=|data-focus=\"[a-z]*-?|value=\")\d+",
        r"\1N",
        html,
    )
    return html.replace("carol", "alice")


@pytest.mark.parametrize(
    "url", [f"/log/{DAY}/", f"/log/{DAY - timedelta(days=8)}/", "/week/2026-W47/",
            "/week/2026-W46/", "/trends/"],
)  # fmt: skip
def test_a_restored_backup_shows_the_same_pages(history, client, carol, url):
    client.force_login(history)
    _user, other = carol
    restore(other, download(client))
    assert _page(other, url) == _page(client, url)


def test_restoring_the_same_backup_twice_adds_nothing(history, client, carol):
    client.force_login(history)
    user, other = carol
    data = download(client)
    restore(other, data)
    before = tables(user)
    upload = SimpleUploadedFile("b.zip", data, content_type="application/zip")
    page = other.post("/account/import/", {"file": upload, "step": "preview"}).content.decode()
    assert "<dt>New entries</dt><dd>0 (32 imported before, left as they are)</dd>" in page
    assert "Nothing new" in page
    upload.seek(0)
    digest = hashlib.sha256(data).hexdigest()
    response = other.post("/account/import/", {"file": upload, "step": "import", "confirm": digest})
    assert response["Location"] == "/account/import/"
    assert tables(user) == before
    assert Food.objects.filter(owner=user).count() == 2  # the soup and the stew's food


def test_a_later_backup_adds_only_what_is_new(history, client, carol, log, food):
    client.force_login(history)
    user, other = carol
    restore(other, download(client))
    log(history, food(173944), 50, meal="snacks", day=DAY)
    restore(other, download(client))
    assert tables(user)["entries"] == tables(history)["entries"]


def test_a_backup_is_not_restored_into_its_own_account(history, client):
    client.force_login(history)
    data = download(client)
    upload = SimpleUploadedFile("b.zip", data, content_type="application/zip")
    page = client.post("/account/import/", {"file": upload, "step": "preview"}).content.decode()
    assert "This is this account’s own backup" in page and 'value="import"' not in page


def test_a_cronometer_file_imported_before_is_still_known_after_a_restore(history, client, carol):
    client.force_login(history)
    user, other = carol
    restore(other, download(client))
    assert Entry.objects.get(user=user, description="Dark chocolate").import_key == "a" * 64


@pytest.mark.parametrize(
    "change",
    [lambda d: d["entries"]["rows"][0].__setitem__(6, "-5"),
     lambda d: d["entries"]["rows"][0].__setitem__(2, "elevenses"),
     lambda d: d["entries"]["rows"][0].__setitem__(1, "2026-13-01"),
     lambda d: d["entries"]["rows"].append(["k", "2026-11-01"])],
)  # fmt: skip
def test_a_damaged_backup_says_which_entry_and_restores_nothing(history, client, carol, change):
    client.force_login(history)
    user, other = carol
    with zipfile.ZipFile(io.BytesIO(download(client))) as archive:
        doc = json.loads(archive.read("mgk-backup.json"))
    change(doc)
    upload = SimpleUploadedFile("b.json", json.dumps(doc).encode(), content_type="application/json")
    page = other.post("/account/import/", {"file": upload, "step": "preview"}).content.decode()
    assert "could not be read" in page and "<li>Entry " in page
    assert not Entry.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    "text", ['{"format": "mgk-backup", "version": 9}', '{"format": "x"}', "{broken",
             '{"format": "mgk-backup", "version": 1, "entries": {"columns": []}}',
             '{"format": "mgk-backup", "version": 1, "foods": 3, "entries": {"columns": '
             + json.dumps(backup.ENTRY_COLUMNS) + "}}"],
)  # fmt: skip
def test_a_file_that_is_no_backup_is_a_form_error(carol, text):
    _user, other = carol
    upload = SimpleUploadedFile("b.json", text.encode(), content_type="application/json")
    response = other.post("/account/import/", {"file": upload, "step": "preview"})
    assert response.status_code == 422
