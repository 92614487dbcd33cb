import pytest

from foods import search
from foods.models import Food


def test_it_normalises_words():
    assert search.words("Crème fraîche, 30% fat") == ["creme", "fraiche", "30", "fat"]
    assert search.index_text("Beans, black") == " beans black "


def test_it_drops_plural_s_from_long_terms_only():
    assert search.query_terms("Black beans eggs gas glass") == [
        "black",
        "bean",
        "egg",
        "gas",
        "glass",
    ]


def test_it_limits_and_dedupes_terms():
    assert search.query_terms("a a b c d e f g h") == ["a", "b", "c", "d", "e", "f"]


def _first(query: str) -> str:
    return Food.objects.search(query).first().description


@pytest.mark.django_db
def test_it_matches_words_in_any_order_as_prefixes():
    assert _first("black beans") == "Beans, black, mature seeds, cooked, boiled, without salt"
    assert _first("beans black") == "Beans, black, mature seeds, cooked, boiled, without salt"
    assert _first("banan") == "Bananas, raw"


@pytest.mark.django_db
def test_it_ranks_the_plain_food_above_dishes_that_contain_it():
    Food.objects.create(
        description="Bread, banana, prepared from recipe, made with margarine",
        source=Food.Source.SR_LEGACY,
        source_id="172793",
        magnesium_mg=14,
        potassium_mg=134,
    )
    results = [f.description for f in Food.objects.search("banana")]
    assert results.index("Bananas, raw") < results.index(
        "Bread, banana, prepared from recipe, made with margarine"
    )
    assert results[0] == "Bananas, raw"


@pytest.mark.django_db
def test_it_requires_every_word():
    descriptions = [f.description for f in Food.objects.search("spinach raw")]
    assert descriptions
    assert all("spinach" in d.lower() and "raw" in d.lower() for d in descriptions)


@pytest.mark.django_db
def test_it_finds_nothing_for_an_empty_query():
    assert not Food.objects.search("  ,, ").exists()
