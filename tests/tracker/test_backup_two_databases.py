"""The backup round trip between two databases: a history written in one (SQLite), its
backup restored into an empty account in another (the configured kind, PostgreSQL in
CI), and every table of the person's data compared row by row."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

MAKE_HISTORY = """
from datetime import date, timedelta
from decimal import Decimal
from django.contrib.auth import get_user_model
from foods.models import Food
from tracker.imports import files, store
from tracker.models import Entry, Profile
alice = get_user_model().objects.create_user("alice", "a@example.org", "pw-long-enough-1")
Profile.objects.create(user=alice, sex="male", date_of_birth=date(1971, 3, 9),
                       timezone="Europe/Paris", magnesium_target_mg=Decimal(380))
soup = Food.objects.create(description="Lentil soup", owner=alice, magnesium_mg=Decimal(36),
                           potassium_mg=Decimal(310), energy_kcal=Decimal(90))
bowl = soup.portions.create(label="1 bowl", grams=Decimal(300), seq=1)
banana = Food.objects.get(source_id="173944")
medium = banana.portions.order_by("seq").first()
for back in range(21):
    day = date(2026, 11, 16) - timedelta(days=back)
    for meal, food, portion, quantity in (("breakfast", banana, medium, 2),
                                          ("dinner", soup, bowl, 1)):
        entry = Entry(user=alice, date=day, meal=meal, grams=portion.grams * quantity,
                      portion=portion, portion_label=portion.label, quantity=quantity)
        entry.take_values_from(food)
        entry.save()
from tracker.models import Recipe, RecipeIngredient, SavedMeal
stew = Recipe(owner=alice, name="Bean stew", servings=4)
stew.save_with([RecipeIngredient(food=Food.objects.get(source_id="173735"), grams=Decimal(400)),
                RecipeIngredient(food=soup, portion=bowl, quantity=1, grams=Decimal(300))])
stew_entry = Entry(user=alice, date=date(2026, 11, 16), meal="lunch", grams=Decimal(250))
stew_entry.take_values_from(stew.food)
stew_entry.save()
SavedMeal.objects.create(owner=alice, name="Usual").fill_from(
    list(Entry.objects.filter(user=alice, date=date(2026, 11, 16), meal="breakfast")))
servings = ("Day,Time,Group,Food Name,Amount,Magnesium (mg),Potassium (mg)\\n"
            "2026-11-10,8:00 AM,Breakfast,Oats,40.00 g,55.2,146\\n"
            "2026-11-11,,Custom,Yogurt,1.00 cup,27,380\\n")
store.write(alice, files.read(servings.encode(), date(1900, 1, 1), date(2026, 12, 31)))
"""

MAKE_EMPTY = """
from django.contrib.auth import get_user_model
get_user_model().objects.create_user("carol", "c@example.org", "pw-long-enough-2")
"""

TABLES = """
import json
from django.contrib.auth import get_user_model
from foods.models import Food
from tracker.imports.backup import PROFILE_FIELDS
from tracker.models import DayTotal, Entry, Profile, Recipe, SavedMeal
user = get_user_model().objects.get(username="%s")
profile = Profile.objects.get(user=user)
fields = ["date", "meal", "quantity", "grams", "description", "fdc_id", "portion_label",
          "magnesium_per_100g", "potassium_per_100g", "energy_per_100g", "sodium_per_100g",
          "is_supplement", "import_key"]
text = lambda v: None if v is None else str(v)
print(json.dumps({
    "profile": [text(getattr(profile, f)) for f in PROFILE_FIELDS],
    "foods": [[f.description, text(f.magnesium_mg), text(f.potassium_mg),
               [[p.label, text(p.grams), p.seq] for p in f.portions.all()]]
              for f in Food.objects.filter(owner=user).order_by("description")],
    "entries": sorted([[text(getattr(e, f)) for f in fields if f != "import_key"]
                       + [e.food.description if e.food else None,
                          e.portion.label if e.portion else None]
                       for e in Entry.objects.filter(user=user).select_related("food", "portion")],
                      key=json.dumps),
    "recipes": [[r.name, r.servings, r.food.description, text(r.food.magnesium_mg),
                 [[i.description, text(i.grams), i.food.description if i.food else None,
                   i.portion.label if i.portion else None] for i in r.ingredients.all()]]
                for r in Recipe.objects.filter(owner=user)],
    "saved_meals": [[m.name, [[i.description, text(i.grams), text(i.quantity),
                               i.portion.label if i.portion else None] for i in m.items.all()]]
                    for m in SavedMeal.objects.filter(owner=user)],
    "day_totals": [[text(getattr(t, f)) for f in ("date", *DayTotal.SUMS)]
                   for t in DayTotal.objects.filter(user=user).order_by("date")],
}))
"""


def _manage(url: str, *args) -> str:
    env = {"DATABASE_URL": url, "DJANGO_DEBUG": "1", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return result.stdout


def _database(url: str) -> None:
    _manage(url, "migrate", "--no-input")
    _manage(url, "load_catalogue")


def test_a_backup_restored_on_another_database_has_the_same_rows(scratch_database_url, tmp_path):
    source, target = f"sqlite:///{tmp_path}/source.sqlite3", scratch_database_url
    _database(source)
    _manage(source, "shell", "--no-imports", "-c", MAKE_HISTORY)
    _manage(source, "backup_account", "alice", str(tmp_path / "backup.zip"))
    _database(target)
    _manage(target, "shell", "--no-imports", "-c", MAKE_EMPTY)
    out = _manage(target, "restore_backup", "carol", str(tmp_path / "backup.zip"))
    assert "Restored 45 entries (0 were there already)." in out

    before = json.loads(_manage(source, "shell", "--no-imports", "-c", TABLES % "alice"))
    after = json.loads(_manage(target, "shell", "--no-imports", "-c", TABLES % "carol"))
    assert len(before["entries"]) == 45 and len(before["day_totals"]) == 21
    assert len(before["recipes"]) == 1 and len(before["saved_meals"]) == 1
    for table in ("profile", "foods", "entries", "recipes", "saved_meals", "day_totals"):
        assert after[table] == before[table], table
    # Restoring it again adds nothing.
    out = _manage(target, "restore_backup", "carol", str(tmp_path / "backup.zip"))
    assert "Restored 0 entries (45 were there already)." in out
