"""Days and meals: which days mgk shows and takes entries for, the meals of a day and
the one a person most likely means at an hour, and how an amount reads."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import models
from django.utils import timezone

from foods.portions import spoken
from tracker.nutrients import as_written

EARLIEST_DAY = date(1900, 1, 1)


def loggable(day: date) -> bool:
    """Whether ``day`` is one mgk shows: 1900 to a year ahead (entries stop at tomorrow,
    see ``latest_entry_day``)."""
    return EARLIEST_DAY <= day <= latest_day()


def latest_day() -> date:
    """The last day mgk shows: a year after today (a week or a plan ahead may be opened)."""
    today = timezone.localdate()
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today + timedelta(days=365)


def latest_entry_day() -> date:
    """The last day an entry may have: tomorrow (tonight's plan for breakfast; a date
    further ahead is far more often a typo than a plan)."""
    return timezone.localdate() + timedelta(days=1)


def amount_text(
    quantity: Decimal | None, portion_label: str, grams: Decimal, times="×", as_said=True
) -> str:
    """How an entry's amount reads, with USDA's measure as people say it (foods.portions):
    "1 medium", "2 <times> 1/2 cup" or "118 g", or an imported entry's amount as its file
    wrote it ("1.00 cup": no portion, no count).  ``as_said=False`` keeps the count and
    the stored label as they are ("1 x 1 medium (7" to 7-7/8" long)"), for exports."""
    if portion_label and quantity is not None:
        if not as_said:
            return f"{as_written(quantity)} {times} {portion_label}"
        if quantity == 1:
            return spoken(portion_label)
        return f"{as_written(quantity)} {times} {spoken(portion_label)}"
    if portion_label:
        return portion_label
    return f"{as_written(grams)} g"


class Meal(models.TextChoices):
    BREAKFAST = "breakfast", "Breakfast"
    LUNCH = "lunch", "Lunch"
    DINNER = "dinner", "Dinner"
    SNACKS = "snacks", "Snacks"
    SUPPLEMENTS = "supplements", "Supplements"


def meal_for_hour(hour: int) -> str:
    """The meal a person most likely means at this local hour."""
    if 4 <= hour < 11:
        return Meal.BREAKFAST
    if 11 <= hour < 15:
        return Meal.LUNCH
    if 17 <= hour < 22:
        return Meal.DINNER
    return Meal.SNACKS
