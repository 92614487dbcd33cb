"""The report for an appointment: whole ISO weeks of one person's log, as a care team reads it.

``read()`` asks the database a fixed number of questions whatever the range (the days'
sums, the entries, the sums per food, and at most one catalogue query per kind of food
suggestion); the rest is pure: the same ``summary`` and ``insights`` the week page uses,
so the report says what the week pages said.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Case, IntegerField, Q, Sum, Value, When
from django.utils import timezone

from foods.models import Food
from foods.nutrients import percent, scaled_expr
from tracker import insights, nutrients, summary, targets
from tracker.models import Entry, Meal, amount_text

DEFAULT_WEEKS = 4
MAX_WEEKS = 12
# Molar masses (g/mol), IUPAC standard atomic weights: a ratio of millimoles, not of mg.
SODIUM_MG_PER_MMOL = Decimal("22.990")
POTASSIUM_MG_PER_MMOL = Decimal("39.098")
SHORT_SOURCE = {"magnesium": "IOM 1997", "potassium": "NASEM 2019"}
MEAL_ORDER = [value for value, _ in Meal.choices]


def bounds(end: date, weeks: int) -> tuple[date, date]:
    """Monday of the first week and Sunday of the last: ``weeks`` whole ISO weeks ending
    with the week of ``end``, as the week pages cut them."""
    last_monday = nutrients.week_start(end)
    return last_monday - timedelta(days=7 * (weeks - 1)), last_monday + timedelta(days=6)


def molar_ratio(sodium: Decimal | None, potassium: Decimal | None) -> Decimal | None:
    """Sodium to potassium in millimoles (mg / molar mass each); None when either is
    unknown or there is no potassium to divide by."""
    if sodium is None or not potassium:
        return None
    return (sodium / SODIUM_MG_PER_MMOL) / (potassium / POTASSIUM_MG_PER_MMOL)


@dataclass
class Week:
    monday: date
    sunday: date
    iso: str
    complete_days: int
    notes: list[insights.Note]


@dataclass
class Report:
    first: date
    last: date
    weeks: int
    span: summary.Span
    targets: targets.Targets
    about: list[str]  # who the report is about, one line each
    target_lines: list[str]
    rows: list[dict]  # one a day
    averages: dict
    week_notes: list[Week]
    appendix: list[dict]  # {date, entries}: every day with something logged, meals in order
    coverage: list[str] = field(default_factory=list)  # "potassium 14 %" for each of three
    restricted: bool = False
    supplement_ul_text: str = ""

    @property
    def filename(self) -> str:
        return f"mgk-report-{self.first.isoformat()}-{self.last.isoformat()}.pdf"


def _daily(user, first: date, last: date) -> dict[date, dict]:
    """The week page's day sums and, in the same grouped query, what only the report
    shows: food and supplement apart for both minerals, and sodium."""
    food, supplement = Q(is_supplement=False), Q(is_supplement=True)
    magnesium = scaled_expr("magnesium_per_100g", "grams")
    potassium = scaled_expr("potassium_per_100g", "grams")
    return (
        Entry.objects.for_user(user)
        .between(first, last)
        .daily(
            food_magnesium=Sum(magnesium, filter=food),
            food_potassium=Sum(potassium, filter=food),
            supplement_potassium=Sum(potassium, filter=supplement),
            sodium=Sum(scaled_expr("sodium_per_100g", "grams")),
            grams_without_sodium=Sum("grams", filter=food & Q(sodium_per_100g=None)),
        )
    )


def _entries(user, first: date, last: date):
    """Every entry of the range with its minerals, in day and meal order (one query)."""
    meal_order = Case(
        *(When(meal=meal, then=Value(i)) for i, meal in enumerate(MEAL_ORDER)),
        output_field=IntegerField(),
    )
    return list(
        Entry.objects.for_user(user)
        .between(first, last)
        .with_minerals()
        .order_by("date", meal_order, "id")
    )


def _share(missing: Decimal, grams: Decimal) -> str:
    """The share of the logged food weight with no value, as the coverage line says it."""
    if not grams:
        return "nothing logged"
    if not missing:
        return "none"
    return f"{percent(missing, grams) or 'under 1'} %"


def _about(profile, found: targets.Targets) -> list[str]:
    lines = [f"{profile.get_sex_display()}, {found.age_group}"]
    if profile.sex == targets.FEMALE and profile.life_stage:
        lines[0] += f", {profile.get_life_stage_display().lower()}"
    if profile.potassium_restricted:
        lines.append(
            "Has told mgk about kidney disease or a medicine that affects potassium "
            "(potassium-sparing diuretics, ACE inhibitors, ARBs or similar)."
        )
    return lines


def _stage(profile, found: targets.Targets) -> str:
    """ "pregnancy, 19-30 years": the row of the table a target was read from."""
    if profile.sex == targets.FEMALE and profile.life_stage == targets.PREGNANT:
        return f"pregnancy, {found.age_group}"
    if profile.sex == targets.FEMALE and profile.life_stage == targets.LACTATING:
        return f"breastfeeding, {found.age_group}"
    return f"{profile.get_sex_display().lower()}, {found.age_group}"


def _target_lines(profile, found: targets.Targets) -> list[str]:
    stage = _stage(profile, found)
    if found.magnesium_is_own:
        lines = [f"Magnesium {found.magnesium_mg:,.0f} mg a day, a number the person entered"]
    else:
        lines = [
            f"Magnesium {found.magnesium_kind} {found.magnesium_mg:,.0f} mg, {stage}, "
            f"{SHORT_SOURCE['magnesium']}"
        ]
    if found.potassium_applies and found.potassium_is_own:
        lines.append(f"Potassium {found.potassium_mg:,.0f} mg a day, a number the person entered")
    elif found.potassium_applies:
        lines.append(
            f"Potassium AI {found.potassium_mg:,.0f} mg, {stage}, {SHORT_SOURCE['potassium']}"
        )
    else:
        line = (
            "Potassium: no target. The adequate intakes do not apply when the kidneys or "
            "medicines hold potassium back; the care team sets it"
        )
        if found.potassium_care_team_mg is not None:
            line += (
                f". The person entered their care team's number: "
                f"{found.potassium_care_team_mg:,.0f} mg a day"
            )
        lines.append(line)
    return lines


def _ul_text(found: targets.Targets) -> str:
    ul = found.magnesium_supplement_ul_mg
    if ul is None:
        return "No upper limit for supplement magnesium is set at this age."
    if not found.potassium_applies:
        return (
            f"Magnesium from supplements and medicines is shown against the published upper "
            f"limit ({ul:,.0f} mg), set for people with healthy kidneys; your care team sets yours."
        )
    return (
        f"Upper limit for magnesium from supplements and medicines (not food): {ul:,.0f} mg "
        f"a day, {SHORT_SOURCE['magnesium']}."
    )


def _supplement_text(entry) -> str:
    """The supplement's name, amount and what the label says it gives."""
    amounts = [
        f"{value:,.0f} mg {name}"
        for name, value in (("magnesium", entry.magnesium), ("potassium", entry.potassium))
        if value
    ]
    text = f"{entry.description}, {amount_text(entry.quantity, entry.portion_label, entry.grams)}"
    return f"{text}: {', '.join(amounts)}" if amounts else text


def _row(day: summary.Day, sums: dict, found: targets.Targets, supplements: list[str]) -> dict:
    logged = day.logged
    row = {
        "date": day.date,
        "status": day.status,
        "meals": day.meals,
        "logged": logged,
        "complete": day.complete,
        "energy_kcal": day.energy_kcal if logged else None,
        "food_magnesium": sums.get("food_magnesium"),
        "supplement_magnesium": sums.get("supplement_magnesium") if logged else None,
        "magnesium": day.magnesium if logged else None,
        "food_potassium": sums.get("food_potassium"),
        "supplement_potassium": sums.get("supplement_potassium") if logged else None,
        "potassium": day.potassium if logged else None,
        "sodium": sums.get("sodium"),
        "supplements": supplements,
    }
    row["magnesium_percent"] = percent(row["magnesium"], found.magnesium_mg)
    row["potassium_percent"] = percent(row["potassium"], found.potassium_mg)
    row["ratio"] = molar_ratio(row["sodium"], row["potassium"])
    return row


def _averages(rows: list[dict], found: targets.Targets) -> dict:
    """Means over the counting (complete) days; the ratio is that of the mean sodium and
    mean potassium, so a day with little potassium does not swing it."""
    counting = [r for r in rows if r["complete"]]
    keys = ("energy_kcal", "food_magnesium", "supplement_magnesium", "magnesium",
            "food_potassium", "supplement_potassium", "potassium", "sodium")  # fmt: skip
    out = {"days": len(counting)}
    for key in keys:
        values = [r[key] for r in counting]
        if key.startswith("supplement_"):  # a day with none logged had none
            values = [v or Decimal(0) for v in values]
        out[key] = summary.average(values)
    out["magnesium_percent"] = percent(out["magnesium"], found.magnesium_mg)
    out["potassium_percent"] = percent(out["potassium"], found.potassium_mg)
    out["ratio"] = molar_ratio(out["sodium"], out["potassium"])
    return out


def _week_notes(profile, days: list[summary.Day], food_ids: set[int]) -> list[Week]:
    """Each week's notes as its week page words them, with the same kind of suggestions:
    one catalogue query per kind of suggestion asked for, whatever the number of weeks."""
    weeks, asked = [], {}
    for i in range(0, len(days), 7):
        week = days[i : i + 7]
        sunday = week[-1].date
        span = summary.summarise(week, profile.targets_on(sunday))
        notes = insights.judge(span, profile.person_on(sunday))
        for note in notes:
            if note.suggest:
                key = (note.suggest, note.avoid_potassium)
                if key not in asked:
                    found = Food.objects.rich_in(
                        note.suggest,
                        prefer=food_ids,
                        avoid_potassium=note.avoid_potassium,
                        limit=30,
                    )
                    asked[key] = insights.varied(list(found))
                note.foods = asked[key]
        weeks.append(
            Week(
                monday=week[0].date,
                sunday=sunday,
                iso=nutrients.iso_week(week[0].date),
                complete_days=len(span.complete_days),
                notes=notes,
            )
        )
    return weeks


def read(user, end: date, weeks: int = DEFAULT_WEEKS) -> Report:
    """The report of ``weeks`` whole weeks ending with the week of ``end``."""
    profile = user.profile
    first, last = bounds(end, weeks)
    today = timezone.localdate()
    sums = _daily(user, first, last)
    days = summary.days_from(first, (last - first).days + 1, sums, today=today)
    # The targets of the last day already lived (of the first, for a range ahead).
    found = profile.targets_on(min(last, max(today, first)))
    entries = _entries(user, first, last)
    per_food = Entry.objects.for_user(user).between(first, last).food_totals()
    span = summary.summarise(days, found, per_food)

    by_day: dict[date, list] = defaultdict(list)
    supplements: dict[date, list[str]] = defaultdict(list)
    for entry in entries:
        by_day[entry.date].append(entry)
        if entry.is_supplement:
            supplements[entry.date].append(_supplement_text(entry))
    rows = [_row(d, sums.get(d.date, {}), found, supplements.get(d.date, [])) for d in days]

    grams = sum((d.grams for d in days), Decimal(0))

    def missing(key: str) -> Decimal:
        return sum((s.get(f"grams_without_{key}") or 0 for s in sums.values()), Decimal(0))

    return Report(
        first=first,
        last=last,
        weeks=weeks,
        span=span,
        targets=found,
        about=_about(profile, found),
        target_lines=_target_lines(profile, found),
        rows=rows,
        averages=_averages(rows, found),
        week_notes=_week_notes(profile, days, span.food_ids),
        appendix=[
            {"date": day, "entries": by_day[day], "meals": _meals(by_day[day])}
            for day in sorted(by_day)
        ],
        coverage=[f"{key} {_share(missing(key), grams)}" for key in (*summary.MINERALS, "sodium")],
        restricted=profile.potassium_restricted,
        supplement_ul_text=_ul_text(found),
    )


def _meals(entries) -> list[dict]:
    """A day's entries grouped by meal, in meal order (they arrive sorted)."""
    meals: list[dict] = []
    labels = dict(Meal.choices)
    for entry in entries:
        if not meals or meals[-1]["meal"] != entry.meal:
            meals.append({"meal": entry.meal, "label": labels[entry.meal], "entries": []})
        meals[-1]["entries"].append(entry)
    return meals
