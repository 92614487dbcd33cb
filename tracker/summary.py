"""A span of days in numbers: the one place the week page, trends, the CSV, the printed
week and the notes read their figures from.

Pure functions over the per-day sums of ``EntryQuerySet.daily()``; no database, no request.
Honest days: a day with nothing logged has no value (never 0) and a day with fewer than
two meals logged is incomplete; neither counts toward an average.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from foods.nutrients import percent
from tracker.targets import Targets

COMPLETE_MEALS = 2  # breakfast, lunch, dinner, snacks; supplements are not a meal
LOW_PERCENT = 75  # of target; 75 % of the Mg RDA sits just under the EAR
# Over this share of the logged food weight without a value for a mineral, no verdict on it.
COVERAGE_LIMIT = Decimal("0.20")
TOP_FOODS = 5
MINERALS = ("magnesium", "potassium")


# slots, not frozen: a trends page makes 730 of these, and frozen dataclasses set each
# field through object.__setattr__ (three times slower to build).
@dataclass(slots=True)
class Day:
    date: date
    future: bool = False  # after today: not yet a day that could be logged in full
    entries: int = 0
    meals: int = 0
    magnesium: Decimal | None = None  # mg, food and supplements; None when not logged
    potassium: Decimal | None = None
    supplement_magnesium: Decimal | None = None
    potassium_supplements: int = 0
    energy_kcal: Decimal | None = None
    grams: Decimal = Decimal(0)
    grams_without_magnesium: Decimal = Decimal(0)
    grams_without_potassium: Decimal = Decimal(0)

    @property
    def logged(self) -> bool:
        return self.entries > 0

    @property
    def complete(self) -> bool:
        return self.meals >= COMPLETE_MEALS

    @property
    def status(self) -> str:
        if not self.logged:
            return "to come" if self.future else "not logged"
        return "complete" if self.complete else "incomplete"


def days_from(
    first: date, count: int, rows: dict[date, dict], today: date | None = None
) -> list[Day]:
    """``count`` consecutive days from ``first``, each from its row or empty (not logged;
    "to come" when after ``today``)."""
    days = []
    for i in range(count):
        day = first + timedelta(days=i)
        row = rows.get(day)
        if row is None:
            days.append(Day(date=day, future=today is not None and day > today))
            continue
        zero = Decimal(0)
        days.append(
            Day(
                date=day,
                entries=row["entries"],
                meals=row["meals"],
                # A logged day whose foods all lack a value still sums to NULL: keep it
                # unknown rather than 0.
                magnesium=row["magnesium"],
                potassium=row["potassium"],
                # Rows read for long spans carry only the minerals: the rest stays unknown.
                supplement_magnesium=row.get("supplement_magnesium") or zero,
                potassium_supplements=row.get("potassium_supplements", 0),
                energy_kcal=row.get("energy_kcal"),
                grams=row.get("total_grams") or zero,
                grams_without_magnesium=row.get("grams_without_magnesium") or zero,
                grams_without_potassium=row.get("grams_without_potassium") or zero,
            )
        )
    return days


def average(values: list[Decimal | None]) -> Decimal | None:
    known = [v for v in values if v is not None]
    if not known:
        return None
    return sum(known, Decimal(0)) / len(known)


@dataclass
class Mineral:
    key: str
    target: Decimal | None  # None: set with a provider
    average: Decimal | None  # mg/day over complete days
    average_percent: int | None
    days_below: int | None  # complete days under LOW_PERCENT of target
    missing_share: Decimal | None  # share of logged grams with no value for it (0 to 1)
    top_foods: list[dict] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.key.capitalize()

    @property
    def missing_percent(self) -> int | None:
        return percent(self.missing_share, 1)

    @property
    def withheld(self) -> bool:
        """Too much of the log lacks a value for a verdict (the notes' coverage rule)."""
        return self.missing_share is not None and self.missing_share > COVERAGE_LIMIT


@dataclass
class Span:
    """The numbers of consecutive days for one person."""

    days: list[Day]
    targets: Targets
    magnesium: Mineral
    potassium: Mineral
    supplement_ul: Decimal | None
    days_over_ul: int
    potassium_supplements: int
    food_ids: set[int] = field(default_factory=set)  # catalogue foods logged in the span

    @property
    def first(self) -> date:
        return self.days[0].date

    @property
    def last(self) -> date:
        return self.days[-1].date

    @property
    def complete_days(self) -> list[Day]:
        return [d for d in self.days if d.complete]

    @property
    def logged_days(self) -> list[Day]:
        return [d for d in self.days if d.logged]

    @property
    def incomplete_days(self) -> list[Day]:
        return [d for d in self.days if d.logged and not d.complete]

    @property
    def unlogged_days(self) -> list[Day]:
        return [d for d in self.days if not d.logged and not d.future]

    @property
    def minerals(self) -> list[Mineral]:
        return [self.magnesium, self.potassium]

    @property
    def average_energy(self) -> Decimal | None:
        return average([d.energy_kcal for d in self.complete_days])

    @property
    def supplement_magnesium_logged(self) -> bool:
        return any(d.supplement_magnesium for d in self.days)


def top_foods(food_totals: list[dict], mineral: str, limit: int = TOP_FOODS) -> list[dict]:
    """The foods that gave the most of ``mineral``, with their share of all of it from food."""
    known = [row for row in food_totals if row[mineral]]
    total = sum((row[mineral] for row in known), Decimal(0))
    ranked = sorted(known, key=lambda row: (-row[mineral], row["description"]))[:limit]
    return [
        {
            "description": row["description"],
            "name": row.get("food_name") or row["description"],
            "food_id": row["food_id"],
            "mg": row[mineral],
            "share": percent(row[mineral], total),
        }
        for row in ranked
    ]


def summarise(days: list[Day], targets: Targets, food_totals: list[dict] | None = None) -> Span:
    """Averages, low days, coverage, top foods and supplement magnesium for ``days``."""
    complete = [d for d in days if d.complete]
    grams = sum((d.grams for d in days), Decimal(0))
    minerals = {}
    for key in MINERALS:
        target = getattr(targets, f"{key}_mg")
        mean = average([getattr(d, key) for d in complete])
        below = None
        if target is not None:  # exactly under 75 % (74.6 % counts, though shown as 75 %)
            # A day with no value at all for the mineral (a MyFitnessPal import has no
            # magnesium) is unknown, not low; the coverage note speaks for it.
            below = sum(
                1
                for d in complete
                if getattr(d, key) is not None and getattr(d, key) * 100 < target * LOW_PERCENT
            )
        missing = sum((getattr(d, f"grams_without_{key}") for d in days), Decimal(0))
        minerals[key] = Mineral(
            key=key,
            target=target,
            average=mean,
            average_percent=percent(mean, target),
            days_below=below,
            missing_share=(missing / grams) if grams else None,
            top_foods=top_foods(food_totals or [], key),
        )
    ul = targets.magnesium_supplement_ul_mg
    return Span(
        days=days,
        targets=targets,
        magnesium=minerals["magnesium"],
        potassium=minerals["potassium"],
        supplement_ul=ul,
        days_over_ul=sum(1 for d in days if ul is not None and (d.supplement_magnesium or 0) > ul),
        potassium_supplements=sum(d.potassium_supplements for d in days),
        food_ids={row["food_id"] for row in food_totals or [] if row["food_id"]},
    )


def weeks(days: list[Day], targets: Targets) -> list[dict]:
    """Weekly averages over complete days for days that start on a Monday, 7 at a time.

    A week with no complete day has no average (a gap in the trend, not a zero).
    """
    out = []
    for i in range(0, len(days), 7):
        week = days[i : i + 7]
        complete = [d for d in week if d.complete]
        row = {"monday": week[0].date, "complete_days": len(complete)}
        for key in MINERALS:
            mean = average([getattr(d, key) for d in complete])
            row[key] = mean
            row[f"{key}_percent"] = percent(mean, getattr(targets, f"{key}_mg"))
        out.append(row)
    return out


def rows(span: Span) -> list[dict]:
    """One row per day for tables, the chart and the CSV: values with their % of target."""
    out = []
    for day in span.days:
        row = {
            "date": day.date,
            "status": day.status,
            "logged": day.logged,
            "meals": day.meals,
            "supplement_magnesium": day.supplement_magnesium,
            "energy_kcal": day.energy_kcal,
            "over_ul": span.supplement_ul is not None
            and (day.supplement_magnesium or 0) > span.supplement_ul,
        }
        for mineral in span.minerals:
            value = getattr(day, mineral.key) if day.logged else None
            row[mineral.key] = value
            row[f"{mineral.key}_percent"] = percent(value, mineral.target)
        out.append(row)
    return out
