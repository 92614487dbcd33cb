"""The days a page judges: seven days' numbers read from the log, and the notes on them.

The week page judges Monday to Sunday; the day page the seven days that end on it.  Both
read the same sums (one query for the days, one for the foods) and the same notes (at
most one more query, for the catalogue foods a low note suggests).
"""

from datetime import date, timedelta

from django.utils import timezone

from foods.models import Food
from tracker import insights, summary
from tracker.models import DayTotal, Entry


def seven_days(user, first: date, *, foods: bool = True) -> summary.Span:
    """Seven days' numbers from ``first``: sums per day and (``foods``) per food."""
    last = first + timedelta(days=6)
    rows = DayTotal.rows(user, first, last)
    days = summary.days_from(first, 7, rows, today=timezone.localdate())
    per_food = Entry.objects.for_user(user).between(first, last).food_totals() if foods else None
    return summary.summarise(days, user.profile.targets_on(last), per_food)


def notes(user, span: summary.Span, prefer=None) -> list[insights.Note]:
    """The span's notes; a low note gets foods from the live catalogue, preferring those
    this person already logs: ``prefer``, or the foods logged in the span."""
    found = insights.judge(span, user.profile.person_on(span.last))
    for note in found:
        if note.suggest:
            candidates = Food.objects.rich_in(
                note.suggest,
                prefer=span.food_ids if prefer is None else prefer,
                avoid_potassium=note.avoid_potassium,
                age_months=note.child_age_months,
                limit=30,
            )
            note.foods = insights.varied(list(candidates))
    return found
