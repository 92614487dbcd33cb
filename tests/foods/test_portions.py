from decimal import Decimal

import pytest

from foods.portions import grams_text, spoken, with_weight


@pytest.mark.parametrize(
    ("usda", "said"),
    [
        ('1 medium (7" to 7-7/8" long)', "1 medium"),
        ("1 cup, chopped", "1 cup, chopped"),
        ('1 cup chopped (1/2" pieces)', "1 cup chopped"),
        ('1 fruit (2-5/8" dia)', "1 fruit"),
        ('1 wedge or slice (1/8 of one 2-1/8" dia lemon)', "1 wedge or slice"),
        ("1 steak (yield from 532 g raw meat)", "1 steak"),
        ("1 Arrowroot biscuit (include Arrowroot cookie)", "1 Arrowroot biscuit"),
        ("1 wedge (approx 1/16 of melon)", "1 wedge"),
        ("2 biscuits (1 NLEA serving)", "2 biscuits"),
        ("0.75 cup (1 NLEA serving)", "3/4 cup"),
        ("1 NLEA serving", "1 serving"),
        ("1 serving 1 cup", "1 cup"),
        ("1 serving 1/2 cup", "1/2 cup"),
        ("1 serving 8 fl oz", "8 fl oz"),
        ("2 crackers 1 serving", "2 crackers"),
        ("4 cracker 1 serving", "4 crackers"),
        ("3 cookie", "3 cookies"),
        ("10 strip", "10 strips"),
        ("0.5 cup", "1/2 cup"),
        ("0.25 cup, dry", "1/4 cup, dry"),
        ("0.33 cup, dry (about 1 cup cooked)", "1/3 cup, dry (about 1 cup cooked)"),
        ("1 oz (23 whole kernels)", "1 oz (23 whole kernels)"),  # says how many: kept
        ("1 cup (8 fl oz)", "1 cup (8 fl oz)"),
        ("1 cookie", "1 cookie"),
        ("1 can (303 x 406)", "1 can"),  # a can size code, not something people say
        ("28.35 g", "28.35 g"),
    ],
)
def test_it_says_usdas_measures_as_people_do(usda, said):
    assert spoken(usda) == said


def test_a_label_that_is_all_note_stays_as_it_was():
    assert spoken('(2" dia)') == '(2" dia)'


def test_the_weight_is_given_once_without_trailing_zeros():
    assert with_weight('1 medium (7" to 7-7/8" long)', Decimal("118.0000")) == "1 medium (118 g)"
    assert with_weight("1 cup, chopped", Decimal(160)) == "1 cup, chopped (160 g)"
    assert with_weight("1 oz", Decimal("28.3500")) == "1 oz (28.35 g)"
    assert grams_text(Decimal("0.5")) == "0.5 g"
    assert grams_text(Decimal("100")) == "100 g"  # normalize() would write 1E+2
