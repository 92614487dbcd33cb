"""The food list's and a food page's table rows, formatted once in Python.

A results page has 40 rows of five cells; written as template filters that is hundreds
of variable lookups, filter calls and URL reversals per request.  Here each row is
worked out once, and the template only places the values.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TypedDict

from config import paths
from foods.nutrients import HUNDRED, percent, scale
from foods.portions import spoken

ONE = Decimal(1)
CENT = Decimal("0.01")


def whole(value: Decimal | None) -> str:
    """A whole number as people write it, or "?" for a value never analysed (not 0)."""
    if value is None:
        return "?"
    return f"{Decimal(value).quantize(ONE, ROUND_HALF_UP):f}"


def trimmed(value: Decimal) -> str:
    """What ``floatformat:"-2"`` writes: a whole number without decimals ("118"), any
    other with two ("7.50")."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{value.quantize(ONE):f}"
    return f"{value.quantize(CENT, ROUND_HALF_UP):f}"


class Row(TypedDict):
    """A dict, not an object: the template language tries ``row["url"]`` before
    ``row.url``, and for an object that first try is an exception caught, hundreds of
    times a page."""

    id: int
    url: str
    name: str  # what the list shows: our everyday name, else the description
    description: str  # USDA's, the link's accessible description when it differs
    described: bool  # the description differs from the name shown
    category: str
    own: bool
    supplement: bool
    magnesium: str
    potassium: str
    energy: str
    per: str


def result_rows(foods, basis: str) -> list[Row]:
    """Rows for ``foods`` per 100 g, per first portion (``first_portion_grams`` annotated)
    or per 100 kcal."""
    foods = list(foods)
    urls = paths.each("foods:detail", [food.pk for food in foods])
    rows = []
    for food, url in zip(foods, urls, strict=True):
        values = (food.magnesium_mg, food.potassium_mg, food.energy_kcal)
        per = "100 g"
        if basis == "portion" and food.first_portion_grams:
            grams = food.first_portion_grams
            values = tuple(scale(v, grams) for v in values)
            per = spoken(food.first_portion_label)
        elif basis == "kcal":
            kcal = food.energy_kcal
            values = tuple(v * HUNDRED / kcal if v is not None and kcal else None for v in values)
            values = (*values[:2], HUNDRED)
            per = "100 kcal"
        rows.append(
            Row(
                id=food.pk,
                url=url,
                name=food.display_name,
                description=food.description,
                described=food.display_name != food.description,
                category=food.category,
                own=food.owner_id is not None,
                supplement=food.is_supplement,
                magnesium=whole(values[0]),
                potassium=whole(values[1]),
                energy=whole(values[2]),
                per=per,
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class PortionRow:
    label: str
    grams: str
    magnesium: str | None  # None: the food has no value for it
    potassium: str | None
    magnesium_percent: int | None
    potassium_percent: int | None


def portion_rows(food, portions, reference: dict) -> list[PortionRow]:
    """A food page's household portions: each one's weight, its minerals in whole mg and
    their share of ``reference`` (the person's targets, or the adult reference)."""
    rows = []
    for portion in portions:
        minerals = food.minerals_for(portion.grams)
        rows.append(
            PortionRow(
                label=spoken(portion.label),
                grams=trimmed(portion.grams),
                **{
                    key: None if minerals[key] is None else whole(minerals[key])
                    for key in ("magnesium", "potassium")
                },
                magnesium_percent=percent(minerals["magnesium"], reference["magnesium"]),
                potassium_percent=percent(minerals["potassium"], reference["potassium"]),
            )
        )
    return rows
