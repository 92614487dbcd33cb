import csv
from decimal import Decimal

import pytest
from django.core.management import call_command

from foods import catalogue
from foods.importing import upsert
from foods.models import Food, Portion

# Every food DOMAIN.md names, as the catalogue names it (head words that must match).
MISSION_FOODS = {
    "spinach": 168462,
    "kale": 168421,
    "almonds": 170567,
    "pumpkin seeds": 170556,
    "black beans": 173735,
    "lentils": 172421,
    "avocado": 171705,
    "banana": 173944,
    "apricot": 171697,
    "orange": 169097,
    "potato": 170093,
    "squash": 169296,
    "milk": 171265,
    "yogurt": 171284,
    "salmon": 175168,
    "cod": 171955,
    "oats": 169705,
    "brown rice": 169704,
    "whole-wheat bread": 172688,
    "quinoa": 168917,
}


def test_it_ships_at_least_300_foods_each_complete():
    records = catalogue.read_foods()
    assert len(records) >= 300
    assert len({r.source_id for r in records}) == len(records)
    for record in records:
        assert int(record.source_id) > 0
        for name in ("magnesium_mg", "potassium_mg", "energy_kcal", "sodium_mg"):
            assert getattr(record, name) is not None, (record.description, name)
        assert record.portions, record.description
        assert all(p.grams > 0 for p in record.portions)


def test_every_food_has_a_short_unique_everyday_name():
    records = catalogue.read_foods()
    names = [r.name for r in records]
    assert all(names), [r.description for r in records if not r.name]
    assert all(len(name) <= 45 for name in names), [n for n in names if len(n) > 45]
    assert len({name.casefold() for name in names}) == len(names)
    # Shorter than USDA's description, or the description itself when that is short.
    assert all(len(r.name) <= max(len(r.description), 20) for r in records)


@pytest.mark.django_db
def test_the_name_is_loaded_and_shown_with_the_description_kept():
    oats = Food.objects.get(source="sr_legacy", source_id="173905")
    assert oats.name == "Oatmeal, cooked with water"
    assert oats.description.startswith("Cereals, oats, regular and quick")
    assert oats.display_name == str(oats) == "Oatmeal, cooked with water"
    # A food without a name of ours (an import, a person's own) shows USDA's words.
    assert Food(description="Testnuts, raw").display_name == "Testnuts, raw"


@pytest.mark.django_db
def test_a_usda_import_keeps_our_name():
    upsert([_record(1, ("1 oz", "28.35"))])
    Food.objects.filter(source_id="990001").update(name="Testnuts")
    upsert([_record(None, ("1 oz", "28.35"))])  # FDC rows carry no name
    assert Food.objects.get(source_id="990001").name == "Testnuts"


def test_it_includes_every_food_the_mission_names():
    ids = {int(r.source_id) for r in catalogue.read_foods()}
    missing = {name: fdc for name, fdc in MISSION_FOODS.items() if fdc not in ids}
    assert not missing


def test_it_matches_usda_within_ten_percent(shared_usda):
    usda = {
        row["fdc_id"]: row
        for row in csv.DictReader((shared_usda / "foods_mg_k.csv").open(encoding="utf-8"))
    }
    for record in catalogue.read_foods():
        row = usda[record.source_id]
        for ours, theirs in (
            (record.magnesium_mg, row["magnesium_mg"]),
            (record.potassium_mg, row["potassium_mg"]),
        ):
            theirs = Decimal(theirs)
            assert abs(ours - theirs) <= theirs * Decimal("0.10"), (
                record.description,
                ours,
                theirs,
            )


@pytest.mark.django_db
def test_it_is_loaded_with_portions_and_supplements():
    assert Food.objects.filter(popularity__gte=1, source="sr_legacy").count() >= 300
    spinach = Food.objects.get(source="sr_legacy", source_id="168462")
    assert spinach.magnesium_mg == 79 and spinach.potassium_mg == 558
    assert spinach.portions.filter(label="1 cup", grams=30).exists()
    supplements = Food.objects.filter(is_supplement=True)
    assert set(supplements.values_list("source_id", flat=True)) >= {
        "magnesium-oxide",
        "magnesium-citrate",
        "magnesium-glycinate",
        "potassium-chloride",
        "potassium-gluconate",
        "potassium-citrate",
    }


@pytest.mark.django_db
def test_loading_twice_changes_nothing(capsys):
    before = list(Food.objects.values_list("id", "updated_at").order_by("id"))
    portions = list(Portion.objects.values_list("id", "label", "grams").order_by("id"))
    call_command("load_catalogue")
    assert "0 created, 0 updated" in capsys.readouterr().out
    assert list(Food.objects.values_list("id", "updated_at").order_by("id")) == before
    assert list(Portion.objects.values_list("id", "label", "grams").order_by("id")) == portions


@pytest.mark.django_db
def test_an_updated_file_updates_in_place(tmp_path):
    text = catalogue.CATALOGUE.read_text(encoding="utf-8")
    row = '168462,Spinach,"Spinach, raw",Vegetables and Vegetable Products,79,558,23,79,1,'
    assert row in text
    changed = text.replace(
        row,
        '168462,Spinach,"Spinach, raw",Vegetables and Vegetable Products,80,560,23,79,1,',
    ).replace("1 cup=30|1 bunch=340|1 leaf=10|1 package (10 oz)=284", "1 cup=31|1 bunch=340")
    path = tmp_path / "catalogue.csv"
    path.write_text(changed, encoding="utf-8")
    spinach = Food.objects.get(source_id="168462")
    cup = spinach.portions.get(label="1 cup")

    summary = upsert(catalogue.read_foods(path))

    assert (summary.created, summary.updated) == (0, 1)
    spinach.refresh_from_db()
    assert (spinach.magnesium_mg, spinach.potassium_mg) == (80, 560)
    cup.refresh_from_db()  # same row, new weight: entries pointing at it stay valid
    assert cup.grams == 31
    assert list(spinach.portions.values_list("label", flat=True)) == ["1 cup", "1 bunch"]


def test_a_broken_catalogue_row_names_its_line(tmp_path):
    path = tmp_path / "catalogue.csv"
    path.write_text(
        "fdc_id,description,category,magnesium_mg,potassium_mg,energy_kcal,sodium_mg,staple,portions\n"
        '1,"A, raw",X,1,2,3,4,0,1 cup=30\n'
        '2,"B, raw",X,lots,2,3,4,0,1 cup=30\n',
        encoding="utf-8",
    )
    expected = r"catalogue\.csv line 3: magnesium_mg 'lots'"
    with pytest.raises(catalogue.CatalogueError, match=expected):
        catalogue.read_foods(path)


def _record(popularity, *portions):
    from foods.importing import FoodRecord, PortionRecord

    return FoodRecord(
        source=Food.Source.SR_LEGACY,
        source_id="990001",
        description="Testnuts, raw",
        category="Nut and Seed Products",
        magnesium_mg=Decimal(200),
        potassium_mg=Decimal(600),
        popularity=popularity,
        portions=[
            PortionRecord(seq=i, label=label, grams=Decimal(grams))
            for i, (label, grams) in enumerate(portions, start=1)
        ],
    )


@pytest.mark.django_db
def test_a_new_portion_order_moves_rows_and_keeps_logged_amounts():

    upsert([_record(1, ("1 cup, whole", "143"), ("1 oz", "28.35"))])
    food = Food.objects.get(source_id="990001")
    cup = food.portions.get(label="1 cup, whole")
    # The curated file now leads with the ounce: rows move, their label and weight stay.
    upsert([_record(1, ("1 oz", "28.35"), ("1 cup, whole", "143"))])
    assert [p.label for p in food.portions.all()] == ["1 oz", "1 cup, whole"]
    cup.refresh_from_db()
    assert (cup.label, cup.grams, cup.seq) == ("1 cup, whole", Decimal(143), 2)


@pytest.mark.django_db
def test_a_usda_import_leaves_the_curated_portions_alone():

    upsert([_record(1, ("1 oz", "28.35"), ("3 oz", "85"))])  # the catalogue's own measures
    upsert([_record(None, ("1 cup, whole", "143"), ("1 oz", "28.35"))])  # what USDA lists
    food = Food.objects.get(source_id="990001")
    assert [p.label for p in food.portions.all()] == ["1 oz", "3 oz"]
    assert food.popularity == 1
