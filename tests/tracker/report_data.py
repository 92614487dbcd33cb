"""Four weeks of a varied log, for the report's tests and the sample report in docs/.

2 to 29 November 2026 (Monday to Sunday, four ISO weeks), four meals on most days: two
days not logged, one day with only breakfast, a magnesium supplement every third day, a
potassium supplement once, and on some days a home-made soup with no potassium value.
"""

from datetime import date, timedelta
from decimal import Decimal

from foods.models import Food, Portion
from tracker.models import Entry

FIRST, LAST = date(2026, 11, 2), date(2026, 11, 29)
END = LAST  # the report's "ending with the week of"

BREAKFASTS = [("173904", 0), ("172688", 1), ("173904", 0), ("170894", None)]  # oats, bread, yogurt
LUNCHES = [("173735", 0), ("168463", 0), ("169704", None), ("171477", None)]
DINNERS = [("175168", 0), ("170093", 0), ("171477", None), ("173735", 1)]
SNACKS = [("173944", 0), ("170567", 0), ("171688", 0), ("169918", None)]
NOT_LOGGED = {5, 19}
BREAKFAST_ONLY = {12}


def _entry(user, day, meal, food, portion=None, quantity=Decimal(1), grams=None):
    entry = Entry(user=user, date=day, meal=meal)
    entry.take_values_from(food)
    if portion is not None:
        entry.portion, entry.portion_label = portion, portion.label
        entry.quantity, entry.grams = quantity, portion.grams * quantity
    else:
        entry.grams = Decimal(grams or 150) * quantity
    return entry


def _portion(food, index):
    portions = sorted(food.portions.all(), key=lambda p: p.pk)
    return portions[index] if index is not None and index < len(portions) else None


def four_weeks(user) -> list[Entry]:
    """Write the log for ``user`` (one bulk insert, which keeps the day totals) and return it."""
    foods = {f.source_id: f for f in Food.objects.filter(owner=None).prefetch_related("portions")}
    soup = Food.objects.create(
        description="Lentil soup, home-made", owner=user, magnesium_mg=Decimal(30)
    )
    citrate = foods["magnesium-citrate"]
    capsule = Portion.objects.get(food=citrate, label__startswith="1 capsule (150")
    gluconate = foods["potassium-gluconate"]
    entries = []
    for i in range((LAST - FIRST).days + 1):
        day = FIRST + timedelta(days=i)
        if i in NOT_LOGGED:
            continue
        meals = [("breakfast", BREAKFASTS)]
        if i not in BREAKFAST_ONLY:
            meals += [("lunch", LUNCHES), ("dinner", DINNERS), ("snacks", SNACKS)]
        for meal, choices in meals:
            source_id, portion_index = choices[i % len(choices)]
            food = foods[source_id]
            # Two portions of the main dish, one of a snack: about 1,500 to 2,000 kcal.
            times = Decimal(1) if meal == "snacks" else Decimal(2)
            entries.append(_entry(user, day, meal, food, _portion(food, portion_index), times, 250))
            if meal == "breakfast":
                milk = foods["170870"]
                entries.append(_entry(user, day, meal, milk, _portion(milk, 0)))
            if meal == "dinner" and i % 2:
                pasta = foods["169737"]
                entries.append(_entry(user, day, meal, pasta, _portion(pasta, 1), Decimal(2)))
        if i % 4 == 1 and i not in BREAKFAST_ONLY:
            entries.append(_entry(user, day, "lunch", soup, grams=300))  # no potassium value
        if i % 3 == 0:
            entries.append(_entry(user, day, "supplements", citrate, capsule, Decimal(2)))
        if i == 9:
            entries.append(_entry(user, day, "supplements", gluconate, _portion(gluconate, 0)))
    Entry.objects.bulk_create(entries)
    return entries
