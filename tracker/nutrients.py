"""Totals and date arithmetic for summaries (pure functions over query results)."""

from datetime import date, timedelta
from decimal import Decimal

from foods.nutrients import percent


def day_totals(by_meal: dict[str, dict]) -> dict:
    """Fold per-meal sums into day totals, keeping supplement magnesium apart (its UL
    applies to supplements only)."""
    zero = Decimal(0)
    total = {
        "magnesium": zero,
        "potassium": zero,
        "supplement_magnesium": zero,
        "food_magnesium": zero,
    }
    for row in by_meal.values():
        total["magnesium"] += row["magnesium"] or zero
        total["potassium"] += row["potassium"] or zero
        total["supplement_magnesium"] += row["supplement_magnesium"] or zero
    total["food_magnesium"] = total["magnesium"] - total["supplement_magnesium"]
    return total


def progress(amount: Decimal, target: Decimal | None) -> dict | None:
    """Bar data for one mineral: percent of target (capped at 100 for the bar width)."""
    if target is None:
        return None
    pct = percent(amount, target) or 0
    return {"percent": pct, "width": min(pct, 100), "remaining": max(target - amount, Decimal(0))}


def day_links(day: date) -> dict[str, date]:
    return {"previous": day - timedelta(days=1), "next": day + timedelta(days=1)}
