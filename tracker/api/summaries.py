"""Days and weeks: the totals, averages and notes the day and week pages show, read the
same way (tracker.spans, tracker.summary, tracker.insights)."""

import re
from datetime import date, timedelta

from django.http import Http404
from django.urls import reverse
from ninja import Router

from tracker import nutrients, spans, summary
from tracker.api.entries import entry_out
from tracker.api.errors import FieldError
from tracker.api.schemas import DayOut, Error, WeekOut
from tracker.models import Entry, meal_totals, profile_of
from tracker.views.day_page import parse_day
from tracker.views.week import parse_week

router = Router(tags=["days and weeks"])
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _profile(request):
    profile = profile_of(request.user)
    if profile is None:
        raise FieldError("Set up your profile on the site first: targets depend on it.", status=409)
    return profile


def _day(text: str) -> date:
    # YYYY-MM-DD only, as the day page's URL (fromisoformat also reads "2026-W49-1");
    # the rest is the day page's own reading.
    if not (text.isascii() and DAY.fullmatch(text)):
        raise Http404("Not a date")
    return parse_day(text)


def _targets(targets) -> dict:
    return {
        "magnesium_mg": targets.magnesium_mg,
        "potassium_mg": targets.potassium_mg,
        "potassium_care_team_mg": targets.potassium_care_team_mg,
        "magnesium_supplement_ul_mg": targets.magnesium_supplement_ul_mg,
    }


def _notes(notes) -> list[dict]:
    return [
        {
            "kind": note.kind,
            "text": note.text,
            "caution": note.caution,
            "link": reverse("tracker:learn_page", args=[note.link]) if note.link else None,
            "link_text": note.link_text,
            "foods": [{"id": f.pk, "description": f.description} for f in note.foods],
        }
        for note in notes
    ]


@router.get("/days/{day}", response={200: DayOut, 404: Error, 409: Error}, summary="A day")
def day(request, day: str):
    """A day (YYYY-MM-DD): its totals, meals and entries, and the notes on the seven days
    that end on it, as the day page shows them."""
    day = _day(day)
    profile = _profile(request)
    user = request.user
    targets = profile.targets_on(day)
    entries = list(Entry.objects.for_user(user).on_day(day).with_meal_totals().order_by("id"))
    by_meal = meal_totals(entries)
    totals = nutrients.day_totals(by_meal)
    # The day page's notes favour the foods of its quick-add lists: the same here.
    recent, frequent = Entry.objects.for_user(user).quick_picks()
    span = spans.seven_days(user, day - timedelta(days=6), foods=False)
    notes = spans.notes(user, span, prefer={e.food_id for e in [*recent, *frequent]})
    magnesium = nutrients.progress(
        totals["magnesium"], targets.magnesium_mg, totals["supplement_magnesium"]
    )
    potassium = nutrients.progress(totals["potassium"], targets.potassium_mg)
    return {
        "date": day,
        "targets": _targets(targets),
        "magnesium_mg": totals["magnesium"],
        "potassium_mg": totals["potassium"],
        "supplement_magnesium_mg": totals["supplement_magnesium"],
        "food_magnesium_mg": totals["food_magnesium"],
        "magnesium_percent": magnesium and magnesium["percent"],
        "potassium_percent": potassium and potassium["percent"],
        "entries_without_magnesium": totals["magnesium_unknown"],
        "entries_without_potassium": totals["potassium_unknown"],
        "meals": [
            {
                "meal": meal,
                "entries": sums["count"],
                "magnesium_mg": sums["magnesium"],
                "potassium_mg": sums["potassium"],
                "supplement_magnesium_mg": sums["supplement_magnesium"],
            }
            for meal, sums in by_meal.items()
        ],
        "entries": [entry_out(e) for e in entries],
        "notes": _notes(notes),
    }


def _mineral(mineral: summary.Mineral) -> dict:
    return {
        "target_mg": mineral.target,
        "average_mg": mineral.average,
        "average_percent": mineral.average_percent,
        "days_below": mineral.days_below,
        "missing_percent": mineral.missing_percent,
        "top_foods": [
            {
                "food": food["food_id"],
                "description": food["description"],
                "mg": food["mg"],
                "share_percent": food["share"],
            }
            for food in mineral.top_foods
        ],
    }


@router.get("/weeks/{week}", response={200: WeekOut, 404: Error, 409: Error}, summary="A week")
def week(request, week: str):
    """An ISO week (YYYY-Www, e.g. 2026-W49), Monday to Sunday: each day, the averages
    over complete days, the top foods and the notes, as the week page shows them."""
    monday = parse_week(week)
    _profile(request)
    span = spans.seven_days(request.user, monday)
    return {
        "week": nutrients.iso_week(monday),
        "monday": monday,
        "sunday": monday + timedelta(days=6),
        "targets": _targets(span.targets),
        "complete_days": len(span.complete_days),
        "logged_days": len(span.logged_days),
        "average_energy_kcal": span.average_energy,
        "magnesium": _mineral(span.magnesium),
        "potassium": _mineral(span.potassium),
        "days_over_supplement_limit": span.days_over_ul,
        "days": [
            {
                "date": row["date"],
                "status": row["status"],
                "meals": row["meals"],
                "magnesium_mg": row["magnesium"],
                "potassium_mg": row["potassium"],
                "magnesium_percent": row["magnesium_percent"],
                "potassium_percent": row["potassium_percent"],
                "supplement_magnesium_mg": row["supplement_magnesium"] if row["logged"] else None,
                "energy_kcal": row["energy_kcal"],
                "over_supplement_limit": row["over_ul"],
            }
            for row in summary.rows(span)
        ],
        "notes": _notes(spans.notes(request.user, span)),
    }
