"""Totals and date arithmetic for summaries (pure functions over query results)."""

from datetime import date, timedelta
from decimal import Decimal

from foods.nutrients import percent


def as_written(value: Decimal | None) -> str | None:
    """A decimal as people write it: "120", "2", "12.5"; never "1.2E+2" or "2.000"."""
    return None if value is None else f"{value.normalize():f}"


def long_date(day: date) -> str:
    """ "Wednesday 18 November 2026": how notices name a day."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def day_totals(by_meal: dict[str, dict]) -> dict:
    """Fold per-meal sums into day totals, keeping supplement magnesium apart (its UL
    applies to supplements only); ``count`` entries, of which ``*_unknown`` lack a value
    for that mineral (their sums are then lower bounds)."""
    zero = Decimal(0)
    total = {
        "magnesium": zero,
        "potassium": zero,
        "supplement_magnesium": zero,
        "food_magnesium": zero,
        "magnesium_unknown": 0,
        "potassium_unknown": 0,
        "count": 0,
    }
    for row in by_meal.values():
        total["magnesium"] += row["magnesium"] or zero
        total["potassium"] += row["potassium"] or zero
        total["supplement_magnesium"] += row["supplement_magnesium"] or zero
        for key in ("magnesium_unknown", "potassium_unknown", "count"):
            total[key] += row.get(key, 0)
    total["food_magnesium"] = total["magnesium"] - total["supplement_magnesium"]
    return total


def progress(
    amount: Decimal, target: Decimal | None, supplement: Decimal = Decimal(0)
) -> dict | None:
    """A bar for one mineral, in units of 0-100 across the bar: the part from food, the
    part from supplements (drawn apart, so a supplement never looks like food) and the
    part over target in another shade; past 100 % the bar rescales so the target tick
    moves left and the excess shows."""
    if target is None:
        return None
    pct = percent(amount, target) or 0
    food_pct = min(percent(amount - supplement, target) or 0, pct)
    scale = Decimal(max(pct, 100))

    def across(value) -> Decimal:
        return (Decimal(value) * 100 / scale).quantize(Decimal("0.1"))

    under = min(pct, 100)
    food = min(food_pct, under)
    return {
        "percent": pct,
        "over": pct > 100,
        "food_width": across(food),
        "supplement_x": across(food),
        "supplement_width": across(under - food),
        "over_x": across(under),
        "over_width": across(max(pct - 100, 0)),
        "tick_x": across(100),
        "remaining": max(target - amount, Decimal(0)),
    }


def day_links(day: date) -> dict[str, date]:
    return {"previous": day - timedelta(days=1), "next": day + timedelta(days=1)}


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def parse_iso_week(text: str) -> date:
    """The Monday of an ISO week written ``YYYY-Www`` (``2026-W47``); ValueError otherwise.

    Week 53 exists only in years that have it (2026 does, 2025 does not).
    """
    year, sep, week = text.partition("-W")
    if not (sep and len(year) == 4 and year.isascii() and year.isdigit()):
        raise ValueError(f"not an ISO week: {text!r}")
    if not (len(week) == 2 and week.isascii() and week.isdigit()):
        raise ValueError(f"not an ISO week: {text!r}")
    return date.fromisocalendar(int(year), int(week), 1)


def iso_week(day: date) -> str:
    """``YYYY-Www`` of the ISO week ``day`` falls in (the ISO year may differ from day.year)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_links(monday: date) -> dict[str, str]:
    return {
        "previous": iso_week(monday - timedelta(days=7)),
        "next": iso_week(monday + timedelta(days=7)),
    }


def unknown_text(magnesium: int, potassium: int) -> str:
    """What a total leaves out: "1 entry without a value", or per mineral when the counts
    differ; "" when every entry has both values."""

    def entries(n: int) -> str:
        return f"{n} entr{'y' if n == 1 else 'ies'}"

    if magnesium == potassium:
        return f"{entries(magnesium)} without a value" if magnesium else ""
    parts = [
        f"{entries(n)} without a {mineral} value"
        for n, mineral in ((magnesium, "magnesium"), (potassium, "potassium"))
        if n
    ]
    return ", ".join(parts)
