"""The day page: its plain view, the search as you type and the add form for a food."""

from datetime import date

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from config.http import HtmxHttpRequest
from foods import finder
from foods.models import Food
from tracker import adding, nutrients, undo
from tracker.forms import EntryForm
from tracker.models import Entry, Meal, meal_for_hour
from tracker.views.account import profile_required
from tracker.views.day_page import (
    copy_to_form,
    day_context,
    day_urls,
    parse_day,
    ready_to_add,
)

SEARCH_RESULTS = 10


@profile_required
@require_GET
def day_view(request: HtmxHttpRequest, day: str | None = None) -> HttpResponse:
    jump = request.GET.get("d")
    if jump:  # the "go to day" form, which works without JavaScript
        return redirect("tracker:day", parse_day(jump).isoformat())
    day = parse_day(day)
    query = request.GET.get("q", "").strip()[:100]
    results = stats = None
    if query:
        # The person's recent foods rank first among equal matches; the quick-add lists
        # below read the same numbers.
        stats = Entry.objects.for_user(request.user).food_stats()
        habits = Entry.objects.for_user(request.user).habits(stats)
        results = finder.top(query, request.user, SEARCH_RESULTS, habits=habits)
    picked = None
    food_id = request.GET.get("food", "")
    if food_id.isascii() and food_id.isdigit():  # "²" and "①" pass isdigit() alone
        picked = Food.objects.visible_to(request.user).filter(pk=food_id).first()
    elif request.GET.get("pick") == "first" and results:
        # Enter pressed before the results arrived: open the best match, as Enter on the
        # results would have (and a plain GET shows it with the results).
        picked = results[0]
    add_form = _add_form_for(request, day, picked) if picked is not None else None
    adds = adding.minerals(picked, adding.grams_of(add_form)) if add_form else None

    target = request.htmx.target if request.htmx else None
    search = {
        "day": day,
        "urls": day_urls(day),
        "query": query,
        "results": results,
        "numbers": adding.result_numbers(results) if results else [],
    }
    if target == "food-results":
        return render(request, "tracker/day.html#food-results", search)
    picked_context = {"add_form": add_form, "picked": picked, "adds": adds}
    if target == "add-preview" and add_form is not None:
        return render(request, "tracker/day.html#add-preview", {**search, **picked_context})
    if target == "add-form":
        context = {"day": day, "urls": day_urls(day), **picked_context}
        form = render_to_string("tracker/day.html#add-form", context, request)
        if "pick" not in request.GET:
            return HttpResponse(form)
        # The results list, out of band, shows the text that was searched (and says so
        # when nothing matches), so the list and the opened food agree.
        found = render_to_string("tracker/day.html#food-results", {**search, "oob": True}, request)
        return HttpResponse(form + found)
    copy_open = request.GET.get("copy")
    if target == f"copy-to-{copy_open}" and copy_open in Meal.values:
        # A meal's "Copy to…" opened: its form, ready for the day to copy to.
        section = {"key": copy_open, "label": Meal(copy_open).label, "entries": True}
        section["copy_to"] = copy_to_form(day, copy_open)
        section["copy_to"].fields["to_date"].widget.attrs["autofocus"] = True
        context = {"day": day, "urls": day_urls(day), "meal": section}
        return render(request, "tracker/day.html#copy-to", context)
    undo_token = request.GET.get("undo")
    context = day_context(
        request,
        day,
        stats=stats,
        query=query,
        results=results,
        numbers=search["numbers"],
        **picked_context,
        undo=undo.read(undo_token, request.user) and undo_token,
        copy_open=copy_open,
    )
    if target == "day-body":
        return render(request, "tracker/day.html#day-body", context)
    return render(request, "tracker/day.html", context)


def _add_form_for(request, day: date, food: Food) -> EntryForm:
    """The add form for ``food``, preset to how this person usually logs it; or, when
    an amount was sent (the form's "Show what it adds", or its numbers refreshed as the
    amount changes), the form as sent, checked."""
    portions = list(food.portions.all())
    if "amount" in request.GET:
        form = ready_to_add(EntryForm(request.GET, user=request.user, food=food), portions)
        form.is_valid()
        form.fields["amount"].widget.attrs["autofocus"] = True
        return form
    usual = Entry.objects.for_user(request.user).usual_amounts([food.pk]).get(food.pk)
    initial = {"food": food, "date": day, "meal": meal_for_hour(timezone.localtime().hour)}
    if food.is_supplement:
        initial["meal"] = Meal.SUPPLEMENTS
    if usual is not None:
        # As people write numbers: "120", not "1.2E+2" (what normalize() alone gives).
        quantity = nutrients.as_written(usual.quantity)
        # Their last amount; the meal stays the one for now (or Supplements), since the
        # same food is often eaten at another meal.
        initial.update(portion=usual.portion_id, amount=quantity)
        if usual.portion_id is None:
            initial["amount"] = nutrients.as_written(usual.grams)
    elif portions:
        initial.update(portion=food.default_portion(portions).pk, amount=1)
    else:
        initial["amount"] = 100
    form = ready_to_add(EntryForm(initial=initial, user=request.user, food=food), portions)
    # The next action is the amount.  htmx honours autofocus in swaps.
    form.fields["amount"].widget.attrs["autofocus"] = True
    return form
