"""Search ranking: pure tests on real SR Legacy descriptions, then the index in the app.

The ranking must hold without the curated popularity list (every food here has
popularity 0), so it rests on the descriptions themselves.
"""

import csv
import re
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from foods import finder, search, terms
from foods.models import CatalogueVersion, Food

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data" / "usda" / "foods_mg_k.csv"

# (id, description, category): the plain foods, and what today's users got instead.
CORPUS = [
    (170187, "Nuts, walnuts, english", "Nut and Seed Products"),
    (170594, "Nuts, walnuts, dry roasted, with salt added", "Nut and Seed Products"),
    (171030, "Oil, walnut", "Fats and Oils"),
    (167746, "Lemons, raw, without peel", "Fruits and Fruit Juices"),
    (167749, "Lemon peel, raw", "Fruits and Fruit Juices"),
    (174683, "Grapes, red or green (European type, such as Thompson seedless), raw", "Fruits"),
    (168575, "Grape leaves, raw", "Vegetables and Vegetable Products"),
    (169393, "Grape leaves, canned", "Vegetables and Vegetable Products"),
    (171287, "Egg, whole, raw, fresh", "Dairy and Egg Products"),
    (173428, "Egg, yolk, dried", "Dairy and Egg Products"),
    (172183, "Egg, white, raw, fresh", "Dairy and Egg Products"),
    (170899, "Cheese, cheddar, sharp, sliced", "Dairy and Egg Products"),
    (167964, "Snacks, M&M MARS, COMBOS Snacks Cheddar Cheese Pretzel", "Snacks"),
    (168005, "Pepperidge Farm, Goldfish, Baked Snack Crackers, Cheddar", "Baked Products"),
    (174032, "Beef, ground, 85% lean meat / 15% fat, patty, cooked, broiled", "Beef Products"),
    (174597, "Roast beef spread", "Sausages and Luncheon Meats"),
    (168606, "Beef, retail cuts, separable fat, cooked", "Beef Products"),
    (168878, "Rice, white, long-grain, regular, enriched, cooked", "Cereal Grains and Pasta"),
    (168877, "Rice, white, long-grain, regular, raw, enriched", "Cereal Grains and Pasta"),
    (173161, "Rice crackers", "Snacks"),
    (168897, "Wild rice, cooked", "Cereal Grains and Pasta"),
    (171890, "Beverages, coffee, brewed, prepared with tap water", "Beverages"),
    (175224, "SILK Coffee, soymilk", "Legumes and Legume Products"),
    (173190, "Alcoholic beverage, wine, table, red", "Beverages"),
    (900001, "Vinegar, red wine", "Beverages"),
    (172004, "Fish, trout, mixed species, cooked, dry heat", "Finfish and Shellfish Products"),
    (175153, "Fish, trout, mixed species, raw", "Finfish and Shellfish Products"),
    (168060, "Steelhead trout, boiled, canned (Alaska Native)", "American Indian/Alaska Native Foods"),
    (169737, "Pasta, cooked, enriched, without added salt", "Cereal Grains and Pasta"),
    (168899, "Pasta, gluten-free, corn, dry", "Cereal Grains and Pasta"),
    (169736, "Pasta, dry, enriched", "Cereal Grains and Pasta"),
    (171477, "Chicken, broilers or fryers, breast, meat only, cooked, roasted", "Poultry Products"),
    (171476, "Chicken, broilers or fryers, breast, meat only, raw", "Poultry Products"),
    (174608, "Chicken breast, roll, oven-roasted", "Sausages and Luncheon Meats"),
    (173874, "Chicken breast, deli, rotisserie seasoned, sliced, prepackaged", "Sausages and Luncheon Meats"),
    (173905, "Cereals, oats, regular and quick, unenriched, cooked with water (includes boiling and microwaving), without salt", "Breakfast Cereals"),
    (173904, "Cereals, oats, regular and quick, not fortified, dry", "Breakfast Cereals"),
    (173757, "Chickpeas (garbanzo beans, bengal gram), mature seeds, cooked, boiled, without salt", "Legumes and Legume Products"),
    (169291, "Squash, summer, zucchini, includes skin, raw", "Vegetables and Vegetable Products"),
    (169228, "Eggplant, raw", "Vegetables and Vegetable Products"),
    (171284, "Yogurt, plain, whole milk", "Dairy and Egg Products"),
    (169997, "Coriander (cilantro) leaves, raw", "Vegetables and Vegetable Products"),
    (169387, "Arugula, raw", "Vegetables and Vegetable Products"),
    (175180, "Crustaceans, shrimp, cooked", "Finfish and Shellfish Products"),
    (170093, "Potatoes, baked, flesh and skin, without salt", "Vegetables and Vegetable Products"),
    (170438, "Potatoes, baked, skin, without salt", "Vegetables and Vegetable Products"),
    (170005, "Onions, spring or scallions (includes tops and bulb), raw", "Vegetables and Vegetable Products"),
    (170379, "Broccoli, raw", "Vegetables and Vegetable Products"),
    (170381, "Broccoli raab, raw", "Vegetables and Vegetable Products"),
    (171705, "Avocados, raw, all commercial varieties", "Fruits and Fruit Juices"),
    (170162, "Nuts, cashew nuts, raw", "Nut and Seed Products"),
    (171711, "Blueberries, raw", "Fruits and Fruit Juices"),
    (173944, "Bananas, raw", "Fruits and Fruit Juices"),
    (172793, "Bread, banana, prepared from recipe, made with margarine", "Baked Products"),
]  # fmt: skip


@pytest.fixture(scope="module")
def index():
    return search.Index.build((i, d, c, 0) for i, d, c in CORPUS)


def _first(index, query, habits=None):
    ids = index.rank(query, habits=habits)
    return index.documents[ids[0]].description if ids else None


@pytest.mark.parametrize(
    "query, meant",
    [
        ("walnuts", "Nuts, walnuts, english"),
        ("lemon", "Lemons, raw, without peel"),
        ("grapes", "Grapes, red or green (European type, such as Thompson seedless), raw"),
        ("egg", "Egg, whole, raw, fresh"),
        ("cheddar", "Cheese, cheddar, sharp, sliced"),
        ("beef", "Beef, ground, 85% lean meat / 15% fat, patty, cooked, broiled"),
        ("rice", "Rice, white, long-grain, regular, enriched, cooked"),
        ("coffee", "Beverages, coffee, brewed, prepared with tap water"),
        ("wine", "Alcoholic beverage, wine, table, red"),
        ("trout", "Fish, trout, mixed species, cooked, dry heat"),
        ("pasta", "Pasta, cooked, enriched, without added salt"),
        ("chicken breast", "Chicken, broilers or fryers, breast, meat only, cooked, roasted"),
        ("baked potato", "Potatoes, baked, flesh and skin, without salt"),
        ("banana", "Bananas, raw"),
    ],
)
def test_a_plain_word_finds_the_plain_food_in_its_usual_form(index, query, meant):
    assert _first(index, query) == meant


@pytest.mark.parametrize(
    "query, meant",
    [
        ("walnut oil", "Oil, walnut"),
        ("lemon peel", "Lemon peel, raw"),
        ("grape leaves", "Grape leaves, raw"),
        ("raw pasta", None),  # every word must match: there is no raw pasta here
        ("dry pasta", "Pasta, dry, enriched"),
        ("raw chicken breast", "Chicken, broilers or fryers, breast, meat only, raw"),
        ("banana bread", "Bread, banana, prepared from recipe, made with margarine"),
    ],
)
def test_a_derived_form_comes_first_when_the_query_names_it(index, query, meant):
    assert _first(index, query) == meant


@pytest.mark.parametrize(
    "query, meant",
    [
        ("oatmeal", 173905),
        ("porridge", 173905),
        ("rolled oats", 173905),
        ("garbanzo", 173757),
        ("chick peas", 173757),
        ("courgette", 169291),
        ("aubergine", 169228),
        ("yoghurt", 171284),
        ("coriander", 169997),
        ("cilantro", 169997),
        ("rocket", 169387),
        ("prawns", 175180),
        ("mince", 174032),
        ("jacket potato", 170093),
        ("spring onion", 170005),
        ("scallion", 170005),
    ],
)
def test_everyday_and_british_names_find_the_usda_food(index, query, meant):
    assert index.rank(query)[0] == meant


@pytest.mark.parametrize(
    "query, meant",
    [
        ("brocoli", "Broccoli, raw"),
        ("avocdo", "Avocados, raw, all commercial varieties"),
        ("cashwes", "Nuts, cashew nuts, raw"),
        ("blubery", "Blueberries, raw"),
        ("bananna", "Bananas, raw"),
    ],
)
def test_one_typo_still_finds_the_food(index, query, meant):
    assert _first(index, query) == meant


def test_exact_words_rank_above_word_starts_and_typos_are_tried_last():
    index = search.Index.build(
        [(1, "Cashew butter, plain", "Nut and Seed Products", 0), (2, "Cashes, raw", "", 0)]
    )
    assert index.rank("cashes") == [2, 1]  # the word itself, then "cash..." as a start
    both = search.Index.build([(1, "Avocados, raw", "", 0), (2, "Avocdo dip", "", 0)])
    assert both.rank("avocdo") == [2]  # a word that exists is not read as a typo
    assert both.rank("avokado") == [1]  # one typo away from "avocado", two from "avocdo"


def test_words_match_in_any_order_and_as_word_starts(index):
    assert _first(index, "breast chicken roasted") == _first(index, "chicken breast roasted")
    assert _first(index, "banan") == "Bananas, raw"
    assert index.rank("xyzzy") == []
    assert index.rank(" ,, ") == []


def test_the_persons_own_foods_come_first_among_equally_good_matches(index):
    assert _first(index, "rice") == "Rice, white, long-grain, regular, enriched, cooked"
    # They log raw rice often: it comes first among the plain rice foods...
    assert (
        _first(index, "rice", habits={168877: 9})
        == "Rice, white, long-grain, regular, raw, enriched"
    )
    # ...but a food that merely contains the word stays behind the plain food.
    assert _first(index, "rice", habits={173161: 20}) != "Rice crackers"


def test_one_or_two_letters_list_foods_named_so_plainest_first(index):
    found = [index.documents[i].description for i in index.rank("b")]
    assert found[0] == "Bananas, raw"
    assert all(d.lower().startswith("b") for d in found)


def test_curated_popularity_breaks_ties_only():
    rows = [(1, "Milk, whole", "Dairy", 0), (2, "Milk, goat, fluid", "Dairy", 2)]
    assert search.Index.build(rows).rank("milk")[0] == 1  # goat milk is not plain milk
    rows = [(1, "Apples, raw, fuji", "Fruits", 0), (2, "Apples, raw, gala", "Fruits", 1)]
    assert search.Index.build(rows).rank("apple")[0] == 2


def test_synonym_table_targets_are_usda_words(index):
    # Every right-hand side is lower-case words; the original query is searched as well.
    for left, right in terms.SYNONYMS.items():
        assert terms.words(right) == right.split(), (left, right)
    assert terms.variants("courgette soup") == [["courgette", "soup"], ["zucchini", "soup"]]


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared/data/usda (the USDA extract)")
def test_hit_at_1_over_full_sr_legacy_without_the_curated_list():
    sys.path.insert(0, str(ROOT / "bench"))
    from queries import QUERIES

    with SHARED.open(encoding="utf-8") as fh:
        index = search.Index.build(
            (int(r["fdc_id"]), r["description"], r["category"], 0) for r in csv.DictReader(fh)
        )
    misses = []
    for query, pattern in QUERIES.items():
        ids = index.rank(query)
        top = index.documents[ids[0]].description if ids else None
        if not (top and re.search(pattern, top)):
            misses.append((query, top))
    assert len(QUERIES) >= 80
    assert 1 - len(misses) / len(QUERIES) >= 0.90, misses
    for query in ("walnuts", "lemon", "grapes", "egg", "cheddar", "rice", "coffee", "trout"):
        assert query not in dict(misses), query


# The index in the app: visibility, filters, freshness, and what a page costs.


@pytest.mark.django_db
def test_find_shows_a_persons_own_foods_to_them_only(django_user_model):
    me = django_user_model.objects.create_user("me", password="x-pass-12345")
    other = django_user_model.objects.create_user("other", password="x-pass-12345")
    mine = Food.objects.create(description="Zzfoo granola, mine", owner=me)
    theirs = Food.objects.create(description="Zzfoo granola, theirs", owner=other)
    found = finder.find("zzfoo", me)
    assert mine.pk in found and theirs.pk not in found
    assert finder.find("zzfoo", None) == []


@pytest.mark.django_db
def test_the_index_follows_catalogue_changes():
    before = CatalogueVersion.current()
    assert not finder.find("quuxberry")
    food = Food.objects.create(
        description="Quuxberries, raw", source=Food.Source.SR_LEGACY, source_id="999999"
    )
    assert CatalogueVersion.current() != before
    assert finder.find("quuxberry") == [food.pk]
    food.delete()
    assert finder.find("quuxberry") == []


@pytest.mark.django_db
def test_category_filter_and_counts():
    fruit = finder.find("banana", category="Fruits and Fruit Juices")
    assert fruit and all(
        Food.objects.get(pk=i).category == "Fruits and Fruit Juices" for i in fruit
    )
    counts = dict(finder.catalogue().category_counts)
    assert (
        counts["Fruits and Fruit Juices"]
        == Food.objects.filter(owner__isnull=True, category="Fruits and Fruit Juices").count()
    )


@pytest.mark.django_db
def test_the_search_page_does_not_count_or_scan_the_catalogue(client):
    finder.catalogue()  # built once per process, as a running server has it
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("foods:list"), {"q": "banana"})
    assert response.status_code == 200
    assert "Bananas, raw" in response.text
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "COUNT(" not in sql.upper()
    assert "LIKE" not in sql.upper()
    assert len(queries) <= 3, [q["sql"] for q in queries.captured_queries]


def test_a_listed_synonym_comes_before_the_words_as_typed():
    index = search.Index.build(
        [
            (1, "Desserts, apple crisp, prepared-from-recipe", "Sweets", 0),
            (2, "Snacks, potato chips, plain, salted", "Snacks", 0),
            (3, "Arugula, raw", "Vegetables", 0),
            (4, "Beverages, Energy drink, ROCKSTAR", "Beverages", 0),
        ]
    )
    assert index.rank("crisps")[0] == 2
    assert index.rank("rocket") == [3]  # "rocket" is not read as a typo of "rockst..."
