"""What every view of the day page shares: the day from its URL, the page's context, and
the answer to a change (the refreshed day for htmx, a redirect for a plain form)."""

from datetime import date, timedelta

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_htmx.http import trigger_client_event

from foods.models import Portion
from tracker import nutrients, spans
from tracker import units as intake_units
from tracker.forms import CopyMealForm, CopyMealToForm, EntryForm, QuickAddForm
from tracker.models import Entry, Meal, SavedMeal, loggable, meal_totals


def parse_day(text: str | None) -> date:
    if text is None:
        return timezone.localdate()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise Http404("Not a date") from None
    if not loggable(day):
        raise Http404("That day is outside what mgk can log")
    return day


def day_urls(day: date) -> dict[str, str]:
    """The day's own links, which its page uses several times each."""
    names = ("day", "entry_add", "quick_add", "copy_meal", "copy_meal_to")
    return {name: reverse(f"tracker:{name}", args=[day.isoformat()]) for name in names}


def copy_to_form(day: date, meal: str, data=None, user=None) -> CopyMealToForm:
    """A meal section's "Copy to…" form; its ids carry the meal, as the page has five."""
    following = day + timedelta(days=1)
    return CopyMealToForm(
        data,
        user=user,
        auto_id=f"copy-{meal if meal in Meal.values else 'meal'}-%s",
        # Usually the same meal on the next day (tomorrow's breakfast like today's).
        initial={
            "from_meal": meal,
            "to_date": following if loggable(following) else day,
            "to_meal": meal,
        },
    )


def ready_to_add(form: EntryForm, portions: list[Portion]) -> EntryForm:
    """The add form as the day page shows it: the food's own portions, and the meal select
    described by the one-key hint beside it."""
    form.offer_portions(portions)
    form.fields["meal"].widget.attrs["aria-describedby"] = "meal-keys"
    return form


def day_context(
    request,
    day: date,
    *,
    copy_to: CopyMealToForm | None = None,
    copy_open: str | None = None,
    stats=None,
    **extra,
) -> dict:
    """Everything the day page shows, in a fixed number of queries whatever the history.
    ``copy_to``: a meal's "Copy to…" form shown again with its errors; ``copy_open``: the
    meal whose "Copy to…" form was asked for (the others show only a link); ``stats``: the
    person's food_stats() when the request read them already (its search ranked by
    them); ``extra`` is more context (the search, a notice, the quick-add meal kept)."""
    user = request.user
    targets = user.profile.targets_on(day)
    on_day = Entry.objects.for_user(user).on_day(day)
    # Each entry carries its meal's totals (a window in the same query).
    entries = list(on_day.with_meal_totals().order_by("id"))
    by_meal = meal_totals(entries)
    totals = nutrients.day_totals(by_meal)
    recent, frequent = Entry.objects.for_user(user).quick_picks(stats=stats)
    # The notes judge the seven days that end on this day; the foods they suggest favour
    # the ones this person logs often (the quick-add lists), at no extra query.
    span = spans.seven_days(user, day - timedelta(days=6), foods=False)
    meals = []
    for key, label in Meal.choices:
        in_meal = [e for e in entries if e.meal == key]
        if copy_to is not None and copy_to.data.get("from_meal") == key:
            form = copy_to  # shown again with its errors
        elif key == copy_open and in_meal:
            form = copy_to_form(day, key)
            form.fields["to_date"].widget.attrs["autofocus"] = True  # asked for: its turn
        else:
            # Most views copy nothing: the forms were a fifth of the page's time, so a
            # meal's form comes when asked for (htmx on opening, or ?copy= without it).
            form = None
        meals.append(
            {
                "key": key,
                "label": label,
                "entries": in_meal,
                "totals": by_meal.get(key),
                "copy_to": form,
            }
        )
    return {
        "day": day,
        "urls": day_urls(day),
        "today": timezone.localdate(),
        "links": nutrients.day_links(day),
        "week": nutrients.iso_week(day),
        "targets": targets,
        "notes": spans.notes(user, span, prefer={e.food_id for e in [*recent, *frequent]}),
        "meals": meals,
        "totals": totals,
        "magnesium_progress": nutrients.progress(
            totals["magnesium"], targets.magnesium_mg, totals["supplement_magnesium"]
        ),
        "potassium_progress": nutrients.progress(totals["potassium"], targets.potassium_mg),
        "recent": recent,
        "frequent": frequent,
        "quick_form": QuickAddForm(),
        "saved_meals": list(
            SavedMeal.objects.for_user(user).only("id", "name").annotate(foods=Count("items"))[:50]
        ),
        # Copying is usually yesterday's meal into today.
        "copy_form": CopyMealForm(
            initial={"from_date": day - timedelta(days=1), "to_meal": Meal.BREAKFAST}
        ),
        **extra,
    }


def after_change(
    request, day: date, *, done: str, undo_token: str | None = None, notice: str = "", **extra
) -> HttpResponse:
    """htmx: the refreshed day body and totals, and a sentence for screen readers saying
    what happened; plain POST: back to the day page (PRG).  ``extra`` is context for the
    refreshed body (a link in the notice, the quick-add meal kept)."""
    if not request.htmx:
        if notice:
            messages.info(request, notice)
        url = reverse("tracker:day", args=[day.isoformat()])
        return redirect(f"{url}?undo={undo_token}" if undo_token else url)
    context = day_context(request, day, undo=undo_token, notice=notice, **extra)
    # The day body, and the totals above the search box swapped out of band.
    body = render_to_string("tracker/day.html#day-body", context, request)
    summary = render_to_string("tracker/day.html#day-summary", {**context, "oob": True}, request)
    response = trigger_client_event(HttpResponse(body + summary), "entry-changed")
    totals, unit = context["totals"], request.user.profile.units
    said = (
        f"{done} {notice} Day totals: magnesium "
        f"{intake_units.text(totals['magnesium'], 'magnesium', unit)}, potassium "
        f"{intake_units.text(totals['potassium'], 'potassium', unit)} {unit}."
    )
    return trigger_client_event(response, "announce", {"message": " ".join(said.split())})
