"""Cronometer's "Food & Recipe Entries" export (servings.csv): one row per food logged.

Columns by name, in any order: Day, Time, Group, Food Name, Amount, Category, then one
per nutrient ("Magnesium (mg)").  Each row keeps the file's own values for its amount;
nothing is matched against the catalogue, so the numbers are Cronometer's."""

import hashlib
import re
from collections import Counter
from datetime import date
from decimal import Decimal

from tracker.imports import table
from tracker.imports.table import BadCell, Parsed, Problem, Row
from tracker.models.meals import Meal, meal_for_hour

SOURCE = "cronometer"
GROUPS = {
    "breakfast": Meal.BREAKFAST,
    "lunch": Meal.LUNCH,
    "dinner": Meal.DINNER,
    "snacks": Meal.SNACKS,
    "snack": Meal.SNACKS,
    "supplements": Meal.SUPPLEMENTS,
}
GRAMS_PER = {
    "g": Decimal(1), "gram": Decimal(1), "grams": Decimal(1), "kg": Decimal(1000),
    "oz": Decimal("28.349523125"), "ounce": Decimal("28.349523125"),
    "ounces": Decimal("28.349523125"), "lb": Decimal("453.59237"), "lbs": Decimal("453.59237"),
}  # fmt: skip
MAX_GRAMS = Decimal(5000)


def looks_like(header: list[str]) -> bool:
    return "day" in header and "food name" in header


def meal_for(group: str, time: str) -> str:
    """The meal a group names; any other group (Uncategorized, one of the person's own)
    goes to the meal of its time of day, and to Snacks without a time."""
    if meal := GROUPS.get(group.strip().lower()):
        return meal
    at = table.hour(time)
    return meal_for_hour(at) if at is not None else Meal.SNACKS


def grams_of(amount: str) -> Decimal | None:
    """The weight an amount names ("118.00 g", "4 oz"), or None for a household measure
    ("1.00 cup"): Cronometer's values are for the amount either way."""
    match = re.fullmatch(r"\s*([\d.,]+)\s*([A-Za-z]+)\.?\s*", amount)
    if not match or match[2].lower() not in GRAMS_PER:
        return None
    try:
        quantity = table.number(match[1], maximum=MAX_GRAMS)
    except BadCell:
        return None
    grams = quantity * GRAMS_PER[match[2].lower()] if quantity is not None else None
    # Under a gram (a pinch, a tablet's "400 mg") the per-100 g values would not fit.
    return grams if grams is not None and 1 <= grams <= MAX_GRAMS else None


def parse(header: list[str], body, first: date, last: date) -> Parsed:
    """Every data row as a Row, or a Problem with its line and why."""
    result = Parsed(SOURCE)
    at = {
        "day": table.column(header, "day"),
        "time": table.column(header, "time"),
        "group": table.column(header, "group"),
        "name": table.column(header, "food name"),
        "amount": table.column(header, "amount"),
        "category": table.column(header, "category"),
        "magnesium": table.column(header, "magnesium", units=("mg",)),
        "potassium": table.column(header, "potassium", units=("mg",)),
        "sodium": table.column(header, "sodium", units=("mg",)),
        "energy": table.column(header, "energy", units=("kcal",)),
    }
    for nutrient in ("magnesium", "potassium", "energy", "sodium"):
        if at[nutrient] is None:
            result.notes.append(f"The file has no {nutrient} column: {nutrient} is unknown.")
    seen: Counter = Counter()
    for line, cells in body:
        try:
            row = _row(line, cells, at, first, last)
        except BadCell as error:
            result.problems.append(Problem(line, str(error)))
            continue
        # Two identical servings on one day are two entries; the same file again gives
        # the same keys, so they are recognised and not added twice.
        seen[row.key] += 1
        row.key = hashlib.sha256(f"{row.key}\x1f{seen[row.key]}".encode()).hexdigest()
        result.rows.append(row)
    return result


def _row(line: int, cells: list[str], at: dict, first: date, last: date) -> Row:
    get = lambda name: table.cell(cells, at[name]).strip()  # noqa: E731
    name = " ".join(get("name").split())
    if not name:
        raise BadCell("the food has no name")
    amount = get("amount")
    values = {}
    for nutrient in ("magnesium", "potassium", "sodium", "energy"):
        maximum = table.MAX_KCAL if nutrient == "energy" else table.MAX_MG
        try:
            values[nutrient] = table.number(get(nutrient), maximum)
        except BadCell as error:
            raise BadCell(f"{nutrient}: {error}") from None
    day = table.day(get("day"), first, last)
    meal = meal_for(get("group"), get("time"))
    key = "\x1f".join(
        [SOURCE, day.isoformat(), get("time"), get("group").lower(), name, amount]
        + [str(values[n]) for n in ("magnesium", "potassium", "sodium", "energy")]
    )
    return Row(
        line=line,
        day=day,
        meal=meal,
        description=name[:255],
        amount=amount[:120],
        grams=grams_of(amount),
        is_supplement=get("category").lower() == "supplements" or meal == Meal.SUPPLEMENTS,
        key=key,
        **values,
    )
