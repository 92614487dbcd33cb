"""Search reads our everyday names as well as USDA's descriptions (foods.search)."""

from foods import search

TEA = (1, "Beverages, tea, black, brewed, prepared with tap water", "Beverages", 2, "Tea")
GREEN = (2, "Beverages, tea, green, brewed, regular", "Beverages", 2, "Green tea")
DECAF = (3, "Beverages, tea, black, brewed, prepared with tap water, decaffeinated", "Beverages", 2, "Tea, decaf")  # fmt: skip
OATS = (4, "Cereals, oats, regular and quick, unenriched, cooked with water", "Breakfast Cereals", 2, "Oatmeal, cooked with water")  # fmt: skip


def test_a_name_of_ours_finds_the_food_its_description_does_not_name():
    index = search.Index.build([OATS, TEA])
    assert index.rank("oatmeal") == [4]  # USDA never writes "oatmeal" for it


def test_the_food_we_call_by_the_query_comes_first():
    index = search.Index.build([GREEN, DECAF, TEA])
    assert index.rank("tea")[0] == 1
    assert index.rank("green tea")[0] == 2
    assert index.rank("decaf")[0] == 3


def test_what_a_food_comes_with_does_not_name_it():
    rows = [
        (5, "Soup, lentil with ham, canned, ready-to-serve", "Soups", 2, "Lentil soup with ham"),
        (6, "Ham, minced", "Pork Products", 2, "Ham, minced"),
    ]
    assert search.Index.build(rows).rank("ham")[0] == 6
    assert search.Index.build(rows).rank("lentil soup") == [5]


def test_a_derived_form_our_name_does_not_repeat_is_no_penalty():
    # USDA's canned tuna is "light" (a kind of tuna), which is not a light product.
    fish = "Finfish and Shellfish Products"
    rows = [
        (7, "Fish, tuna, light, canned in water, drained solids", fish, 2, "Tuna, canned in water"),
        (8, "Fish, tuna, fresh, yellowfin, raw", fish, 2, "Tuna, yellowfin, raw"),
    ]
    assert search.Index.build(rows).rank("tuna")[0] == 7


def test_foods_without_a_name_rank_as_before():
    plain = search.Index.build([row[:4] for row in (TEA, GREEN, DECAF)])
    named_empty = search.Index.build([(*row[:4], "") for row in (TEA, GREEN, DECAF)])
    for query in ("tea", "green tea", "black tea", "decaffeinated", "t"):
        assert plain.rank(query) == named_empty.rank(query)


def test_one_letter_lists_foods_whose_name_of_ours_starts_with_it():
    assert 4 in search.Index.build([OATS, TEA]).rank("o")
