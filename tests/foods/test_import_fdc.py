import io
import shutil
import zipfile
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from foods.models import Food, Portion

SAMPLE_IDS = 30


def _snapshot():
    return (
        list(
            Food.objects.order_by("id").values_list(
                "id", "description", "magnesium_mg", "potassium_mg"
            )
        ),
        list(Portion.objects.order_by("id").values_list("id", "label", "grams")),
    )


def _write(folder, name, header, *rows):
    lines = [",".join(f'"{c}"' for c in header)] + [",".join(f'"{c}"' for c in row) for row in rows]
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def mini(tmp_path):
    """A tiny FDC download: one SR Legacy food, one Foundation food, one branded food."""
    _write(
        tmp_path,
        "food.csv",
        ["fdc_id", "data_type", "description", "food_category_id", "publication_date"],
        ["900001", "sr_legacy_food", "Testfruit, raw", "9", "2019-04-01"],
        ["900002", "foundation_food", "Testbean, cooked", "16", "2021-10-28"],
        ["900003", "branded_food", "CRUNCHY TESTBAR", "", "2021-10-28"],
    )
    _write(
        tmp_path,
        "food_category.csv",
        ["id", "code", "description"],
        ["9", "0900", "Fruits and Fruit Juices"],
        ["16", "1600", "Legumes and Legume Products"],
    )
    _write(
        tmp_path,
        "food_nutrient.csv",
        ["id", "fdc_id", "nutrient_id", "amount"],
        ["1", "900001", "1090", "12.5"],
        ["2", "900001", "1092", "300"],
        ["3", "900001", "1008", "50"],
        ["4", "900001", "1003", "1.1"],
        ["5", "900002", "1090", "40"],
        ["6", "900002", "1092", "400"],
        ["7", "900002", "2047", "120"],
        ["8", "900003", "1090", "5"],
    )
    _write(tmp_path, "measure_unit.csv", ["id", "name"], ["1000", "cup"], ["9999", "undetermined"])
    _write(
        tmp_path,
        "food_portion.csv",
        [
            "id",
            "fdc_id",
            "seq_num",
            "amount",
            "measure_unit_id",
            "portion_description",
            "modifier",
            "gram_weight",
        ],
        ["1", "900001", "1", "1.0", "9999", "", "fruit", "120.0"],
        ["2", "900002", "", "1", "1000", "", "drained", "170"],
    )
    return tmp_path


@pytest.mark.django_db
def test_it_imports_the_fdc_format_sample(shared_usda, capsys):
    call_command("import_fdc", shared_usda / "fdc_format_sample", "--no-progress")
    out = capsys.readouterr().out
    # The default catalogue already holds most of these foods: they are matched, not duplicated.
    assert Food.objects.filter(source="sr_legacy", source_id__in=["168462", "173944"]).count() == 2
    created = int(out.split("created")[0].split()[-1])
    unchanged = int(out.split("unchanged")[0].split()[-1])
    assert created + unchanged == SAMPLE_IDS
    chia = Food.objects.get(source_id="170554")
    assert chia.description.startswith("Seeds, chia")
    assert chia.magnesium_mg == Decimal("335") and chia.potassium_mg == Decimal("407")
    assert chia.portions.exists()

    call_command("import_fdc", shared_usda / "fdc_format_sample", "--no-progress")
    assert f"0 created, 0 updated, {SAMPLE_IDS} unchanged" in capsys.readouterr().out


@pytest.mark.django_db
def test_it_imports_a_zip_with_data_types_portions_and_energy_fallback(mini, tmp_path, capsys):
    archive = shutil.make_archive(
        str(tmp_path / "download"), "zip", root_dir=mini.parent, base_dir=mini.name
    )
    call_command("import_fdc", archive, "--no-progress")
    out = capsys.readouterr().out
    assert "2 created" in out
    assert "skipped 1: data type branded_food is not imported" in out
    fruit = Food.objects.get(source="sr_legacy", source_id="900001")
    assert (fruit.magnesium_mg, fruit.potassium_mg, fruit.energy_kcal) == (Decimal("12.5"), 300, 50)
    assert fruit.sodium_mg is None  # not in the file: unknown, never 0
    assert fruit.category == "Fruits and Fruit Juices"
    assert list(fruit.portions.values_list("label", "grams")) == [("1 fruit", Decimal("120"))]
    bean = Food.objects.get(source="foundation", source_id="900002")
    assert bean.energy_kcal == 120  # from the Atwater energy, as 1008 is absent
    assert list(bean.portions.values_list("label", flat=True)) == ["1 cup, drained"]
    assert not Food.objects.filter(source_id="900003").exists()


@pytest.mark.django_db
def test_a_reimport_updates_in_place(mini, capsys):
    call_command("import_fdc", mini, "--no-progress")
    fruit = Food.objects.get(source_id="900001")
    path = mini / "food_nutrient.csv"
    path.write_text(
        path.read_text().replace('"1","900001","1090","12.5"', '"1","900001","1090","13"')
    )
    call_command("import_fdc", mini, "--no-progress")
    assert "0 created, 1 updated, 1 unchanged" in capsys.readouterr().out
    assert Food.objects.get(pk=fruit.pk).magnesium_mg == 13


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: (d / "food_nutrient.csv").unlink(), "food_nutrient.csv is missing"),
        (
            lambda d: (d / "food.csv").write_text('"id","kind","name"\n"1","x","y"\n'),
            "food.csv line 1: wrong header, missing column(s) fdc_id, data_type, description",
        ),
        (
            lambda d: (d / "food_nutrient.csv").write_text(
                (d / "food_nutrient.csv").read_text().replace('"300"', '"3OO"')
            ),
            "food_nutrient.csv line 3: amount '3OO' is not a number",
        ),
        (
            lambda d: (d / "food_portion.csv").write_text(
                (d / "food_portion.csv").read_text().replace('"170"', '"-170"')
            ),
            "food_portion.csv line 3: gram_weight '-170' is negative",
        ),
        (
            lambda d: (d / "food.csv").write_text(
                (d / "food.csv").read_text().replace('"900002"', '"9x"')
            ),
            "food.csv line 3: fdc_id '9x' is not a whole number",
        ),
    ],
)
def test_bad_input_fails_naming_file_and_line_and_writes_nothing(mini, damage, message):
    before = _snapshot()
    damage(mini)
    with pytest.raises(CommandError) as excinfo:
        call_command("import_fdc", mini, "--no-progress")
    assert message in str(excinfo.value)
    assert "nothing was imported" in str(excinfo.value)
    assert _snapshot() == before


@pytest.mark.django_db
def test_a_failure_while_saving_rolls_everything_back(mini, monkeypatch):
    before = _snapshot()
    from foods import importing

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "_sync_portions", explode)
    with pytest.raises(RuntimeError):
        call_command("import_fdc", mini, "--no-progress")
    assert _snapshot() == before


def test_it_exits_non_zero_from_the_command_line(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", "import_fdc", str(tmp_path / "nowhere.zip")],
        capture_output=True,
        text=True,
        env={
            "DJANGO_DEBUG": "1",
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        },
    )
    assert result.returncode != 0
    assert "nowhere.zip: no such file or folder" in result.stderr


def test_a_zip_is_read_by_file_name_at_any_depth(mini, tmp_path):
    from foods import fdc

    archive = tmp_path / "nested.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in mini.glob("*.csv"):
            zf.write(path, f"FoodData_Central_sr_legacy_food_csv_2018-04/{path.name}")
    result = fdc.parse(archive)
    assert {r.source_id for r in result.records} == {"900001", "900002"}


class _Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("stream, shown", [(_Terminal(), True), (io.StringIO(), False)])
def test_progress_bars_show_on_a_terminal_only(monkeypatch, stream, shown):
    from foods.management.commands.import_fdc import Bars

    monkeypatch.setattr("sys.stderr", stream)
    bars = Bars()
    bars("food.csv", 50, 200)
    bars("food.csv", 200, 200)
    bars("saving", 7490, 7490)
    text = stream.getvalue()
    assert ("food.csv" in text and "100%" in text and "saving" in text) is shown
    assert shown or text == ""
