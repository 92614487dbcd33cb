"""MyFitnessPal's "Nutrition" export: one row per day and meal, with the meal's totals.

MyFitnessPal records no magnesium, so each row becomes one entry whose magnesium is
unknown (never zero): the week's coverage rule then says the magnesium average is
incomplete instead of reporting a low intake."""

import hashlib
from collections import Counter
from datetime import date

from tracker.imports import table
from tracker.imports.cronometer import meal_for
from tracker.imports.table import BadCell, Parsed, Problem, Row

SOURCE = "myfitnesspal"


def looks_like(header: list[str]) -> bool:
    return "date" in header and "meal" in header and table.column(header, "calories") is not None


def parse(header: list[str], body, first: date, last: date) -> Parsed:
    result = Parsed(SOURCE)
    at = {
        "date": table.column(header, "date"),
        "meal": table.column(header, "meal"),
        "time": table.column(header, "time"),
        "energy": table.column(header, "calories", units=("", "kcal")),
        "sodium": table.column(header, "sodium", units=("", "mg")),
        "potassium": table.column(header, "potassium", units=("", "mg")),
    }
    result.notes.append("MyFitnessPal records no magnesium: magnesium is unknown.")
    for nutrient in ("potassium", "energy", "sodium"):
        if at[nutrient] is None:
            result.notes.append(f"The file has no {nutrient} column: {nutrient} is unknown.")
    seen: Counter = Counter()
    for line, cells in body:
        get = lambda name: table.cell(cells, at[name]).strip()  # noqa: E731, B023
        try:
            values = {}
            for nutrient in ("potassium", "sodium", "energy"):
                maximum = table.MAX_KCAL if nutrient == "energy" else table.MAX_MG
                try:
                    values[nutrient] = table.number(get(nutrient), maximum)
                except BadCell as error:
                    raise BadCell(f"{nutrient}: {error}") from None
            day = table.day(get("date"), first, last)
        except BadCell as error:
            result.problems.append(Problem(line, str(error)))
            continue
        meal_name = " ".join(get("meal").split()) or "Meal"
        # One row per day and meal: a later export of the same days is recognised by
        # day and meal, so an overlap adds only the days that are new.
        base = f"{SOURCE}\x1f{day}\x1f{meal_name.lower()}"
        seen[base] += 1
        result.rows.append(
            Row(
                line=line,
                day=day,
                meal=meal_for(meal_name, get("time")),
                description=f"{meal_name[:200]} from MyFitnessPal",
                amount="meal total",
                grams=None,
                magnesium=None,
                is_supplement=False,
                key=hashlib.sha256(f"{base}\x1f{seen[base]}".encode()).hexdigest(),
                **values,
            )
        )
    return result
