"""Numbers formatted once in Python write what the template filters they replace wrote."""

from decimal import Decimal

import pytest
from django.template.defaultfilters import floatformat

from foods.models import Food
from foods.nutrients import ADULT_REFERENCE_MG, percent
from foods.rows import portion_rows, trimmed, whole

VALUES = [
    "0", "0.004", "0.005", "0.5", "1", "7.5", "7.499", "7.995", "7.999", "12.25", "12.345",
    "98", "118.000", "240.1", "999.995", "1000", "1234.5678",
]  # fmt: skip


@pytest.mark.parametrize("value", [Decimal(v) for v in VALUES])
def test_trimmed_and_whole_write_what_floatformat_wrote(value):
    assert trimmed(value) == floatformat(value, -2)
    assert whole(value) == floatformat(value, 0)


@pytest.mark.django_db
def test_a_food_pages_portions_with_their_minerals_and_shares(food):
    spinach = food(168462)  # 79 mg Mg, 558 mg K per 100 g
    portions = list(spinach.portions.all())
    rows = portion_rows(spinach, portions, ADULT_REFERENCE_MG)
    assert [r.label for r in rows] == [p.label for p in portions]
    for row, portion in zip(rows, portions, strict=True):
        minerals = spinach.minerals_for(portion.grams)
        assert row.grams == floatformat(portion.grams, -2)
        assert row.magnesium == floatformat(minerals["magnesium"], 0)
        assert row.potassium_percent == percent(minerals["potassium"], Decimal(3400))
    unknown = Food(description="No potassium analysed", magnesium_mg=Decimal(10))
    (row,) = portion_rows(unknown, portions[:1], {"magnesium": Decimal(320), "potassium": None})
    assert row.potassium is None and row.potassium_percent is None
    assert row.magnesium is not None and row.magnesium_percent is not None
