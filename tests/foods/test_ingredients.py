"""The pasted ingredient list parser: pure, no database."""

from decimal import Decimal

import pytest

from foods.ingredients import grams_for, parse_line, read_amount

CELERY = [("1 stalk, medium (7-1/2\" - 8\" long)", Decimal(40)), ("1 cup chopped", Decimal(101)),
          ("1 tbsp", Decimal("7.5")), ("1 stalk, large (11\"-12\" long)", Decimal(64)),
          ("1 stalk, small (5\" long)", Decimal(17))]  # fmt: skip
MILK = [("1 cup", Decimal(244)), ("1 fl oz", Decimal("30.5")), ("1 tbsp", Decimal(15))]
BANANA = [("1 cup, mashed", Decimal(225)), ("1 extra large", Decimal(152)),
          ("1 large", Decimal(136)), ("1 medium", Decimal(118)), ("1 small", Decimal(101))]  # fmt: skip
CHICKPEAS = [("0.5 cup", Decimal(82)), ("1 cup", Decimal(164))]
BREAD = [("1 slice", Decimal(32))]
GARLIC = [("1 cup", Decimal(136)), ("1 tsp", Decimal("2.8")), ("1 clove", Decimal(3))]


@pytest.mark.parametrize(
    ("text", "quantity", "unit", "name"),
    [
        ("400 g chickpeas, canned", "400", "g", "chickpeas, canned"),
        ("1 cup chopped celery", "1", "cup", "chopped celery"),
        ("2 small bananas", "2", "small", "bananas"),
        ("3 slices wholemeal bread", "3", "slices", "wholemeal bread"),
        ("2 tbsp peanut butter", "2", "tbsp", "peanut butter"),
        ("1 1/2 cups milk", "1.5", "cups", "milk"),
        ("½ tsp salt", "0.5", "tsp", "salt"),
        ("250ml yoghurt", "250", "ml", "yoghurt"),
        ("1½ cups water", "1.5", "cups", "water"),
        ("1 ½ cups water", "1.5", "cups", "water"),
        ("¾ cup oats", "0.75", "cup", "oats"),
        ("0.5 kg potatoes", "0.5", "kg", "potatoes"),
        ("1,5 kg flour", "1.5", "kg", "flour"),
        (".5 cup rice", "0.5", "cup", "rice"),
        ("2-3 cloves garlic", "2.5", "cloves", "garlic"),
        ("2 to 4 carrots", "3", "", "carrots"),
        ("2 x 400 g tins tomatoes", "800", "g", "tins tomatoes"),
        ("1 lb potatoes", "1", "lb", "potatoes"),
        ("8 oz spinach", "8", "oz", "spinach"),
        ("2 fl oz cream", "2", "floz", "cream"),
        ("2 Tbsp. olive oil", "2", "tbsp", "olive oil"),
        ("1 TSP cumin", "1", "tsp", "cumin"),
        ("half a cup of oats", "0.5", "cup", "oats"),
        ("an onion", "1", "", "onion"),
        ("a pinch of salt", "1", "pinch", "salt"),
        ("3 large eggs", "3", "large", "eggs"),
        ("2 carrots", "2", "", "carrots"),
        ("- 2 carrots", "2", "", "carrots"),
        ("• 100g lentils", "100", "g", "lentils"),
        ("1) 400 g chickpeas", "400", "g", "chickpeas"),
        ("salt to taste", None, "", "salt to taste"),
        ("1 litre stock", "1", "litre", "stock"),
        ("500 grams of beef", "500", "grams", "beef"),
    ],
)
def test_it_reads_amount_unit_and_name(text, quantity, unit, name):
    line = parse_line(text)
    assert line.quantity == (None if quantity is None else Decimal(quantity))
    assert line.unit == unit
    assert line.name == name


@pytest.mark.parametrize("text", ["", "   ", "For the soup:", "Dressing:"])
def test_blank_lines_and_headings_are_not_ingredients(text):
    assert parse_line(text) is None


@pytest.mark.parametrize("text", ["1/0 cup milk", "0/0 g x"])
def test_a_zero_denominator_is_no_amount(text):
    assert parse_line(text).quantity is None


def test_a_long_line_is_cut():
    assert len(parse_line("1 cup " + "a" * 1000).text) <= 200


def test_search_words_leave_out_cutting_and_measuring():
    assert parse_line("1 cup chopped celery").search_words == "celery"
    assert parse_line("2 cups finely diced fresh carrots").search_words == "carrots"
    assert parse_line("400 g chickpeas, canned").search_words == "chickpeas canned"
    assert parse_line("2 x 400 g tins tomatoes").search_words == "tomatoes"


def test_read_amount_returns_the_rest():
    assert read_amount("1 1/2 cups milk") == (Decimal("1.5"), "cups milk")
    assert read_amount("milk") == (None, "milk")


@pytest.mark.parametrize(
    ("text", "portions", "grams", "label"),
    [
        ("400 g chickpeas", CHICKPEAS, "400", ""),
        ("1.5 kg chickpeas", CHICKPEAS, "1500", ""),
        ("1 lb chickpeas", CHICKPEAS, "453.59", ""),
        ("8 oz chickpeas", CHICKPEAS, "226.80", ""),
        # A volume with the food's own portion: that portion's weight.
        ("1 cup chopped celery", CELERY, "101", "1 cup chopped"),
        ("1 1/2 cups milk", MILK, "366", "1 cup"),
        ("2 tbsp milk", MILK, "30", "1 tbsp"),
        ("2 fl oz milk", MILK, "61", "1 fl oz"),
        ("1 cup chickpeas", CHICKPEAS, "164", "1 cup"),
        # A count: the food's portion of that name.
        ("2 small bananas", BANANA, "202", "1 small"),
        ("1 large banana", BANANA, "136", "1 large"),
        ("3 slices bread", BREAD, "96", "1 slice"),
        ("2 cloves garlic", GARLIC, "6", "1 clove"),
        ("2 stalks celery", CELERY, "80", '1 stalk, medium (7-1/2" - 8" long)'),
        # A bare count: the medium one.
        ("2 bananas", BANANA, "236", "1 medium"),
    ],
)
def test_grams_from_the_foods_portions(text, portions, grams, label):
    amount = grams_for(parse_line(text), portions)
    assert amount.grams.quantize(Decimal("0.001")) == Decimal(grams).quantize(Decimal("0.001"))
    assert amount.portion_label == label


def test_a_half_cup_portion_is_read_as_half_a_cup():
    assert grams_for(parse_line("1 cup chickpeas"), [("0.5 cup", Decimal(82))]).grams == 164


def test_millilitres_use_the_foods_cup_for_its_density():
    amount = grams_for(parse_line("250ml milk"), MILK)
    assert amount.grams == Decimal("257.83")  # 250 * 244 / 236.588, to hundredths
    assert not amount.assumed


def test_a_tablespoon_of_a_food_with_only_a_cup():
    amount = grams_for(parse_line("2 tbsp chickpeas"), [("1 cup", Decimal(164))])
    assert amount.grams.quantize(Decimal("0.01")) == Decimal("20.50")  # 2 * 14.787 * 164 / 236.588


def test_millilitres_of_a_food_without_a_volume_weigh_as_water_and_say_so():
    amount = grams_for(parse_line("250 ml stock"), [("1 slice", Decimal(30))])
    assert amount.grams == 250 and "water" in amount.assumed


@pytest.mark.parametrize(
    ("text", "portions"),
    [
        ("2 cloves chickpeas", CHICKPEAS),  # no such portion
        ("salt to taste", GARLIC),  # no amount
        ("2 carrots", [("1 cup", Decimal(128))]),  # nothing to count by
        ("0 g chickpeas", CHICKPEAS),
    ],
)
def test_an_amount_that_cannot_be_told_is_none(text, portions):
    assert grams_for(parse_line(text), portions) is None


def test_a_portion_of_two_is_counted_in_its_own_units():
    amount = grams_for(parse_line("2 tbsp peanut butter"), [("2 tbsp", Decimal(32))])
    assert (amount.grams, amount.quantity, amount.portion_label) == (32, 1, "2 tbsp")


def test_grams_are_rounded_to_hundredths():
    amount = grams_for(parse_line("1 tbsp oil"), [("1 cup", Decimal(216))])
    assert amount.grams == Decimal("13.50")


def test_a_fluid_ounce_portion_gives_the_density_too():
    amount = grams_for(parse_line("1 l water"), [("1 fl oz", Decimal("29.6"))])
    assert amount.grams == Decimal("1000.88") and not amount.assumed
