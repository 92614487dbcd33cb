"""The first portion of each catalogue food is one a person eats at once.

The add form preselects it (with quantity 1) for a food never logged before, so a cup of
almonds or a mashed cup of banana there would log several servings at one click.
"""

import importlib.util
from decimal import Decimal

import pytest

from foods import catalogue
from foods.models import Food
from tracker.models import Entry

MAX_POTASSIUM_MG = 1000
MAX_MAGNESIUM_MG = 200

# Foods whose single serving is richer than the limits above, on purpose.
EXCEPTIONS = {
    173720: "conch: 3 oz cooked is the usual seafood serving, and conch has 238 mg Mg per 100 g",
}

# Measures that weigh less than a gram and are still what one uses at once.
LIGHT = {
    170917: "bay leaf: 1 tsp crumbled weighs 0.6 g",
    170934: "saffron: 1 tsp weighs 0.7 g",
    170485: "freeze-dried leeks: 0.25 cup weighs 0.8 g",
}

# Words that mark an amount bought or prepared, not one eaten.
NOT_A_SERVING = ("mashed", "pureed", "package", "1 lb", "quart", "liter")


def _first(record):
    return record.portions[0]


def _is_nut_or_seed(record) -> bool:
    return record.category == "Nut and Seed Products" or record.description.startswith("Peanuts")


@pytest.fixture(scope="module")
def records():
    return catalogue.read_foods()


def test_every_food_has_a_portion(records):
    assert all(record.portions for record in records)


def test_no_first_portion_is_more_than_a_serving(records):
    too_rich = []
    for record in records:
        if int(record.source_id) in EXCEPTIONS:
            continue
        grams = _first(record).grams
        magnesium = record.magnesium_mg * grams / 100
        potassium = record.potassium_mg * grams / 100
        if magnesium > MAX_MAGNESIUM_MG or potassium > MAX_POTASSIUM_MG:
            too_rich.append(
                f"{record.source_id} {record.description}: {_first(record).label} "
                f"= {magnesium:.0f} mg Mg, {potassium:.0f} mg K"
            )
    assert not too_rich


def test_exceptions_are_still_needed(records):
    """An exception that no longer goes over the limits should leave the list."""
    by_id = {int(r.source_id): r for r in records}
    for fdc_id in EXCEPTIONS:
        record = by_id[fdc_id]
        grams = _first(record).grams
        assert (
            record.magnesium_mg * grams / 100 > MAX_MAGNESIUM_MG
            or record.potassium_mg * grams / 100 > MAX_POTASSIUM_MG
        ), record.description


def test_no_first_portion_is_a_cup_of_nuts_or_a_bought_amount(records):
    wrong = [
        f"{record.source_id} {record.description}: {_first(record).label}"
        for record in records
        if (_is_nut_or_seed(record) and _first(record).label.startswith("1 cup"))
        or any(word in _first(record).label.lower() for word in NOT_A_SERVING)
    ]
    assert not wrong


def test_first_portions_weigh_a_plausible_amount(records):
    wrong = [
        f"{record.source_id} {record.description}: {_first(record)}"
        for record in records
        if not (
            Decimal(1) <= _first(record).grams <= Decimal(500)
            or (int(record.source_id) in LIGHT and _first(record).grams > 0)
        )
    ]
    assert not wrong


@pytest.mark.parametrize(
    ("fdc_id", "label", "grams"),
    [
        (173944, '1 medium (7" to 7-7/8" long)', 118),  # banana
        (170567, "1 oz (23 whole kernels)", Decimal("28.35")),  # almonds
        (170556, "1 oz", Decimal("28.35")),  # pumpkin seeds
        (172688, "1 slice", 32),  # whole-wheat bread
        (173905, "1 cup", 234),  # oats, cooked
        (169705, "1 serving, dry (about 1 cup cooked)", 40),  # oats
        (171955, "3 oz", 85),  # cod
        (168820, "1 serving 1 tbsp", 20),  # molasses
        (170093, "1 potato medium", 173),  # baked potato
    ],
)
def test_the_foods_the_issue_names_lead_with_their_serving(records, fdc_id, label, grams):
    record = next(r for r in records if r.source_id == str(fdc_id))
    assert (_first(record).label, _first(record).grams) == (label, grams)


def test_curate_py_reproduces_the_catalogue(shared_usda, capsys):
    """The shipped file is what curate.py makes of the USDA extract: every portion is
    either USDA's or one that curate.py declares as our own."""
    path = catalogue.DATA_DIR / "curate.py"
    spec = importlib.util.spec_from_file_location("curate", path)
    curate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(curate)
    curate.main(shared_usda)
    assert capsys.readouterr().out == catalogue.CATALOGUE.read_text(encoding="utf-8")


@pytest.mark.django_db
def test_a_food_never_logged_offers_its_serving(logged_in):
    banana = Food.objects.get(source="sr_legacy", source_id="173944")
    medium = banana.portions.get(label__startswith="1 medium")
    assert banana.portions.first() == medium
    body = logged_in.get("/log/", {"food": banana.pk}).content.decode()
    assert f'<option value="{medium.pk}" selected>' in body
    assert 'name="amount" value="1"' in body


@pytest.mark.django_db
def test_a_food_logged_before_comes_back_with_the_last_amount(logged_in, alice, log):
    almonds = Food.objects.get(source="sr_legacy", source_id="170567")
    cup = almonds.portions.get(label="1 cup, whole")
    entry = log(alice, almonds, cup.grams * Decimal("0.5"))
    Entry.objects.filter(pk=entry.pk).update(
        portion=cup, quantity=Decimal("0.5"), portion_label=cup.label
    )
    body = logged_in.get("/log/", {"food": almonds.pk}).content.decode()
    assert f'<option value="{cup.pk}" selected>' in body
    assert 'name="amount" value="0.5"' in body


@pytest.mark.django_db
def test_an_imported_food_offers_its_lightest_measure_of_20_g_or_more():

    seeds = Food.objects.create(
        description="Seeds, testseed kernels, roasted",
        source=Food.Source.SR_LEGACY,
        source_id="990101",
        magnesium_mg=Decimal(550),
    )
    cup = seeds.portions.create(label="1 cup", grams=Decimal(64), seq=1)
    pinch = seeds.portions.create(label="1 tsp", grams=Decimal(3), seq=2)
    ounce = seeds.portions.create(label="1 oz", grams=Decimal("28.35"), seq=3)
    assert seeds.default_portion([cup, pinch, ounce]) == ounce
    assert seeds.default_portion([pinch]) == pinch  # nothing of 20 g: the first
    seeds.popularity = 1  # curated: the catalogue's first portion is the default
    assert seeds.default_portion([cup, pinch, ounce]) == cup
