"""Copying a meal: another day's meal into this day, or one of this day's meals to
another day (htmx or plain)."""

from datetime import date

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from config.http import HtmxHttpRequest
from tracker import nutrients
from tracker.forms import CopyMealForm, CopyMealToForm
from tracker.models import Entry, Meal
from tracker.views.account import profile_required
from tracker.views.day_page import after_change, copy_to_form, day_context, day_urls, parse_day


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


@profile_required
@require_POST
def copy_meal(request: HtmxHttpRequest, day: str) -> HttpResponse:
    """Copy another day's meal into this day (the form below the meals)."""
    day = parse_day(day)
    form = CopyMealForm(request.POST, user=request.user, to_date=day)
    if not form.is_valid():
        if request.htmx:
            response = render(
                request,
                "tracker/day.html#copy-form",
                {"copy_form": form, "day": day, "urls": day_urls(day)},
                status=422,
            )
            return without_old_notice(reswap(retarget(response, "#copy-form"), "outerHTML"))
        return render(
            request,
            "tracker/day.html",
            {**day_context(request, day), "copy_form": form},
            status=422,
        )
    data = form.cleaned_data
    copied = Entry.objects.for_user(request.user).copy_meal(
        (data["from_date"], data["from_meal"]), (day, data["to_meal"])
    )
    notice = (
        f"Copied {_entries(copied)}."
        if copied
        else "That meal had nothing logged, so nothing was copied."
    )
    return after_change(request, day, notice=notice, done="")


@profile_required
@require_POST
def copy_meal_to(request: HtmxHttpRequest, day: str) -> HttpResponse:
    """Copy one of this day's meals to another day and meal (a meal's "Copy to…")."""
    day = parse_day(day)
    data = request.POST.copy()
    data["from_date"] = day.isoformat()  # the page's own day, whatever was posted
    form = copy_to_form(day, data.get("from_meal", ""), data, user=request.user)
    if not form.is_valid():
        return _copy_to_errors(request, day, form)
    meal, to_day, to_meal = (form.cleaned_data[k] for k in ("from_meal", "to_date", "to_meal"))
    copied = Entry.objects.for_user(request.user).copy_meal((day, meal), (to_day, to_meal))
    if not copied:
        return after_change(
            request, day, done="", notice="That meal had nothing logged, so nothing was copied."
        )
    where = f"{Meal(to_meal).label} on {nutrients.long_date(to_day)}"
    notice = f"Copied {_entries(copied)} from {Meal(meal).label} to {where}."
    if not request.htmx:
        # Without JavaScript the person goes where the copies are, and reads what came.
        messages.info(request, notice)
        return redirect("tracker:day", to_day.isoformat())
    link = None
    if to_day != day:
        link = {"url": reverse("tracker:day", args=[to_day.isoformat()]), "text": "Open that day"}
    return after_change(request, day, done="", notice=notice, notice_link=link)


def without_old_notice(response: HttpResponse) -> HttpResponse:
    """An htmx answer that swaps only a form, plus the day's notice emptied out of band:
    what the last copy said ("Copied 3 entries.") is no longer the news."""
    response.write(render_to_string("tracker/day.html#day-notice", {"notice_oob": True}))
    return response


def _copy_to_errors(request, day: date, form: CopyMealToForm) -> HttpResponse:
    """A meal's "Copy to…" form again with its errors, open (422).  A meal that is not one
    of the sections (only a crafted POST has one) is said above the meals instead."""
    meal = form.data.get("from_meal")
    if meal not in Meal.values:
        problem = f"Nothing was copied. {' '.join(form.errors.get('from_meal', []))}"
        context = day_context(request, day, problem=problem)
        if request.htmx:
            response = render(request, "tracker/day.html#day-body", context, status=422)
            return reswap(retarget(response, "#day-body"), "outerHTML")
        return render(request, "tracker/day.html", context, status=422)
    if request.htmx:
        section = {"key": meal, "label": Meal(meal).label, "copy_to": form}
        response = render(
            request,
            "tracker/day.html#copy-to",
            {"day": day, "urls": day_urls(day), "meal": section},
            status=422,
        )
        return without_old_notice(reswap(retarget(response, f"#copy-to-{meal}"), "outerHTML"))
    return render(request, "tracker/day.html", day_context(request, day, copy_to=form), status=422)
