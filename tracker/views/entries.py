"""Changes to the day's entries: add, edit, delete and undo, and quick add (htmx or plain
forms).  Each answers with the refreshed day (day_page.after_change)."""

from datetime import date

from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from config.http import HtmxHttpRequest
from foods.models import Food, Portion
from tracker import nutrients, undo
from tracker.forms import EntryForm, QuickAddForm
from tracker.models import Entry
from tracker.views.account import profile_required
from tracker.views.day_page import after_change, day_context, day_urls, parse_day, ready_to_add


def _get_entry_for_user(request, pk) -> Entry:
    """404 for anything that is not this person's entry."""
    pk = str(pk)
    if not (pk.isascii() and pk.isdigit()):  # "²" and "①" pass isdigit() but not int()
        raise Http404("No such entry")
    return get_object_or_404(Entry.objects.for_user(request.user).with_names(), pk=pk)


def _moved(entry: Entry, page_day: date, verb: str) -> dict:
    """What to say after adding or saving from ``page_day``'s page.  The page stays on its
    own day; an entry that went to another day says where, with a link there."""
    if entry.date == page_day:
        return {"done": f"{verb} {entry.display_name}."}
    return {
        "done": "",
        "notice": f"{verb} {entry.display_name} on {nutrients.long_date(entry.date)}.",
        "notice_link": {
            "url": reverse("tracker:day", args=[entry.date.isoformat()]),
            "text": "Open that day",
        },
    }


@profile_required
@require_POST
def entry_add(request: HtmxHttpRequest, day: str) -> HttpResponse:
    day = parse_day(day)
    form = EntryForm(request.POST, user=request.user)
    if form.is_valid():
        entry = form.fill(Entry(user=request.user))
        entry.save()
        return after_change(request, day, **_moved(entry, day, "Added"))
    food = form.cleaned_data.get("food")
    if food is not None:
        # Shown again with its errors, the form offers the picked food's portions only,
        # not every portion of every food.
        ready_to_add(form, list(food.portions.all()))
    context = {"day": day, "urls": day_urls(day), "add_form": form, "picked": food}
    if request.htmx:
        response = render(request, "tracker/day.html#add-form", context, status=422)
        return reswap(retarget(response, "#add-form"), "outerHTML")
    return render(request, "tracker/day.html", {**day_context(request, day), **context}, status=422)


@profile_required
@require_POST
def quick_add(request: HtmxHttpRequest, day: str) -> HttpResponse:
    """One click: log a food again as the given earlier entry had it, in the chosen meal."""
    day = parse_day(day)
    source = _get_entry_for_user(request, request.POST.get("entry", ""))
    if source.food_id is None:
        raise Http404("That food no longer exists")
    form = QuickAddForm(request.POST)
    if not form.is_valid():
        context = day_context(request, day, quick_form=form)
        if request.htmx:
            response = render(request, "tracker/day.html#quick-add", context, status=422)
            return reswap(retarget(response, "#quick-add"), "outerHTML")
        return render(request, "tracker/day.html", context, status=422)
    entry = Entry(user=request.user)
    entry.take_values_from(
        get_object_or_404(Food.objects.visible_to(request.user), pk=source.food_id)
    )
    entry.date, entry.meal = day, form.meal_for(source)
    entry.grams, entry.portion_id = source.grams, source.portion_id
    entry.portion_label, entry.quantity = source.portion_label, source.quantity
    entry.save()
    # The meal picked stays picked for the next quick add (several foods into one meal).
    return after_change(
        request,
        day,
        done=f"Added {entry.display_name} to {entry.get_meal_display()}.",
        quick_form=QuickAddForm(initial=form.cleaned_data),
    )


@profile_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    entry = _get_entry_for_user(request, pk)
    food = entry.food
    if request.method == "POST":
        data = request.POST.copy()
        data["food"] = entry.food_id or ""
        form = EntryForm(data, user=request.user, food=food)
        if food is None:
            # The food was deleted since: its snapshot still lets grams and meal change,
            # and the entry may keep its own portion but take no other food's.
            form.fields["food"].required = False
            form.fields["portion"].queryset = Portion.objects.filter(pk=entry.portion_id)
        if form.is_valid():
            shown_on = entry.date  # the page the edit was made from
            form.fill(entry).save()
            return after_change(request, shown_on, **_moved(entry, shown_on, "Saved"))
        status = 422
    else:
        form = EntryForm(
            user=request.user,
            food=food,
            initial={
                "food": food,
                "portion": entry.portion_id,
                # As people write numbers: "2", not "2.000"; how many of the portion, or
                # the grams when there is none.
                "amount": nutrients.as_written(
                    entry.quantity if entry.portion_id is not None else entry.grams
                ),
                "meal": entry.meal,
                "date": entry.date,
            },
        )
        status = 200
    # Edit means change the amount: the cursor starts there (htmx honours autofocus).
    form.fields["amount"].widget.attrs["autofocus"] = True
    context = {"entry": entry, "form": form, "day": entry.date}
    if request.htmx:
        response = render(request, "tracker/entry_edit.html#edit-form", context, status=status)
        return retarget(response, f"#entry-{entry.pk}") if status == 422 else response
    return render(request, "tracker/entry_edit.html", context, status=status)


@profile_required
@require_POST
def entry_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    entry = _get_entry_for_user(request, pk)
    token = undo.token_for(entry)
    entry.delete()
    return after_change(
        request,
        entry.date,
        undo_token=token,
        done=f"Deleted {entry.display_name}; Undo is at the top of the day.",
    )


@profile_required
@require_POST
def entry_undo(request: HtmxHttpRequest) -> HttpResponse:
    data = undo.read(request.POST.get("token"), request.user)
    if data is None:
        raise Http404("Nothing to undo (it may be over an hour old)")
    food_id = data.pop("food_id")
    portion_id = data.pop("portion_id")
    entry = Entry(user=request.user, **data)
    # The food or portion may have gone since; the snapshot still holds the values.
    entry.food = Food.objects.visible_to(request.user).filter(pk=food_id).first()
    entry.portion_id = (
        portion_id if entry.food and entry.food.portions.filter(pk=portion_id).exists() else None
    )
    entry.full_clean(exclude=["id", "user", "food", "portion"], validate_unique=False)
    try:
        # Back under its old id: a second click on Undo finds it there and adds nothing.
        with transaction.atomic():
            entry.save(force_insert=True)
    except IntegrityError:
        pass
    return after_change(request, entry.date, done=f"Restored {entry.display_name}.")
