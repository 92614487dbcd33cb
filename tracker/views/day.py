"""The day log: the page, its search and add form, and entry changes (htmx or plain)."""

import functools
import json
from datetime import date, timedelta

from django.contrib import messages
from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap, retarget, trigger_client_event

from config.http import HtmxHttpRequest
from foods import finder
from foods.models import Food, Portion
from tracker import fragments, links, nutrients
from tracker import units as intake_units
from tracker.forms import CopyMealForm, CopyMealToForm, EntryForm, QuickAddForm
from tracker.models import (
    Entry,
    Meal,
    loggable,
    meal_for_hour,
)
from tracker.views.account import profile_required
from tracker.views.week import notes_for, seven_days

UNDO_SALT = "tracker.entry-undo"
UNDO_MAX_AGE = 60 * 60  # an hour to change one's mind
SEARCH_RESULTS = 10


def _parse_day(text: str | None) -> date:
    if text is None:
        return timezone.localdate()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise Http404("Not a date") from None
    if not loggable(day):
        raise Http404("That day is outside what mgk can log")
    return day


def _copy_to_form(day: date, meal: str, data=None, user=None) -> CopyMealToForm:
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


def _day_context(
    request,
    day: date,
    *,
    copy_to: CopyMealToForm | None = None,
    stats=None,
    cached: bool = False,
    keep: bool = False,
    **extra,
) -> dict:
    """Everything the day page shows, in a fixed number of queries.  ``copy_to`` is a
    meal's "Copy to…" form shown again with its errors; ``stats``: the person's recent
    food_stats() when the request has read them already (for search).

    ``cached``: the page's plain view, whose summary, meals, notes and quick add come
    from the person's fragment cache when nothing changed (tracker.fragments); what only
    those parts show is then worked out only if the template asks for it.  ``keep``: the
    answer to a change, worked out at once, whose rendered parts are kept for the page."""
    user = request.user
    targets = user.profile.targets_on(day)

    def shown() -> dict:
        on_day = Entry.objects.for_user(user).on_day(day)
        entries = list(on_day.with_minerals().order_by("id"))
        unit = user.profile.units
        for entry in entries:  # links and numbers made once here, not by tags per row
            entry.edit_url = links.url("tracker:entry_edit", "int", entry.pk)
            entry.delete_url = links.url("tracker:entry_delete", "int", entry.pk)
            entry.magnesium_text = intake_units.text(entry.magnesium, "magnesium", unit)
            entry.potassium_text = intake_units.text(entry.potassium, "potassium", unit)
            # The weight of a portion entry, as the template's floatformat:"-1" wrote it;
            # a grams entry says its grams once ("150 g", not "150 g (150 g)").
            entry.grams_text = floatformat(entry.grams, -1) if entry.portion_label else ""
        by_meal = on_day.totals_by_meal()
        totals = nutrients.day_totals(by_meal)
        mine = Entry.objects.for_user(user)
        recent, frequent = mine.quick_picks(
            # The foods logged lately, read once until the log changes: browsing from
            # day to day, or searching, reads them again otherwise.
            stats=stats
            if stats is not None
            else fragments.remembered(request, "food-stats", mine.food_stats)
        )
        # The notes judge the seven days that end on this day; the foods they suggest
        # favour the ones this person logs often (the quick-add lists), at no extra query.
        span = seven_days(request, day - timedelta(days=6), foods=False)
        notes = notes_for(request, span, prefer={e.food_id for e in [*recent, *frequent]})
        meals = [
            {
                "key": key,
                "label": label,
                "entries": meal_entries,
                "totals": by_meal.get(key),
                # A meal's "Copy to…" form: for meals with something to copy (or its
                # errors).
                "copy_to": copy_to
                if copy_to is not None and copy_to.data.get("from_meal") == key
                # Made when the template reads it: not when the form comes from the
                # cache, as it does after logging (it shows nothing of the log).
                else (
                    SimpleLazyObject(functools.partial(_copy_to_form, day, key))
                    if meal_entries
                    else None
                ),
            }
            for key, label in Meal.choices
            for meal_entries in [[e for e in entries if e.meal == key]]
        ]
        return {
            "notes": notes,
            "meals": meals,
            "totals": totals,
            "magnesium_progress": nutrients.progress(
                totals["magnesium"], targets.magnesium_mg, totals["supplement_magnesium"]
            ),
            "potassium_progress": nutrients.progress(totals["potassium"], targets.potassium_mg),
            "recent": recent,
            "frequent": frequent,
        }

    context = {
        "day": day,
        "urls": _day_urls(day),
        "today": timezone.localdate(),
        "links": nutrients.day_links(day),
        "week": nutrients.iso_week(day),
        "targets": targets,
        "quick_form": SimpleLazyObject(QuickAddForm),  # shown in the cached body only
        # Copying is usually yesterday's meal into today.  Made when the template reads
        # it (not when its fragment comes from the cache).
        "copy_form": SimpleLazyObject(
            lambda: CopyMealForm(
                initial={"from_date": day - timedelta(days=1), "to_meal": Meal.BREAKFAST}
            )
        ),
        "fragments": cached or keep,
    }
    context.update(fragments.deferred(shown, SHOWN) if cached else shown())
    context.update(extra)
    return context


# What the day's cached parts show (see _day_context).
SHOWN = (
    "notes", "meals", "totals", "magnesium_progress", "potassium_progress", "recent", "frequent",
)  # fmt: skip


def _day_urls(day: date) -> dict[str, str]:
    """The day's own links, which its page uses several times each."""
    return {
        name: links.url(f"tracker:{name}", "day", day.isoformat())
        for name in ("day", "entry_add", "quick_add", "copy_meal", "copy_meal_to")
    }


def _add_form_for(request, day: date, food: Food) -> EntryForm:
    """The add form for ``food``, preset to how this person usually logs it."""
    usual = Entry.objects.for_user(request.user).usual_amounts([food.pk]).get(food.pk)
    portions = list(food.portions.all())
    initial = {"food": food, "date": day, "meal": meal_for_hour(timezone.localtime().hour)}
    if food.is_supplement:
        initial["meal"] = Meal.SUPPLEMENTS
    if usual is not None:
        # As people write numbers: "120", not "1.2E+2" (what normalize() alone gives).
        quantity = nutrients.as_written(usual.quantity)
        # Their last amount; the meal stays the one for now (or Supplements), since the
        # same food is often eaten at another meal.
        initial.update(portion=usual.portion_id, quantity=quantity)
        if usual.portion_id is None:
            initial["grams"] = nutrients.as_written(usual.grams)
    elif portions:
        initial.update(portion=food.default_portion(portions).pk, quantity=1)
    else:
        initial["grams"] = 100
    form = _ready_to_add(EntryForm(initial=initial, user=request.user, food=food), portions)
    # The next action is the amount: how many of the portion, or the grams when there is
    # no portion ("How many" means nothing then).  htmx honours autofocus in swaps.
    amount = "quantity" if initial.get("portion") else "grams"
    form.fields[amount].widget.attrs["autofocus"] = True
    return form


def _ready_to_add(form: EntryForm, portions: list[Portion]) -> EntryForm:
    """The add form as the day page shows it: the food's own portions, and the meal select
    described by the one-key hint beside it."""
    form.offer_portions(portions)
    form.fields["meal"].widget.attrs["aria-describedby"] = "meal-keys"
    return form


@profile_required
@require_http_methods(["GET"])
def day_view(request: HtmxHttpRequest, day: str | None = None) -> HttpResponse:
    jump = request.GET.get("d")
    if jump:  # the "go to day" form, which works without JavaScript
        return redirect("tracker:day", _parse_day(jump).isoformat())
    day = _parse_day(day)
    query = request.GET.get("q", "").strip()[:100]
    results = stats = None
    if query:
        # The person's recent foods rank first among equal matches; the quick-add lists
        # below read the same numbers.
        entries = Entry.objects.for_user(request.user)
        # Read once until the log changes, not for every query typed.
        stats = fragments.remembered(request, "food-stats", entries.food_stats)
        habits = entries.habits(stats)
        cat = finder.catalogue()
        fragments.catalogue_read(request, cat.token)  # the cached parts key on it too
        results = finder.top(query, request.user, SEARCH_RESULTS, habits=habits, cat=cat)
    add_form = picked = None
    food_id = request.GET.get("food", "")
    if food_id.isascii() and food_id.isdigit():  # "²" and "①" pass isdigit() alone
        picked = Food.objects.visible_to(request.user).filter(pk=food_id).first()
    elif request.GET.get("pick") == "first" and results:
        # Enter pressed before the results arrived: open the best match, as Enter on the
        # results would have (and a plain GET shows it with the results).
        picked = results[0]
    if picked is not None:
        add_form = _add_form_for(request, day, picked)

    target = request.htmx.target if request.htmx else None
    if target == "food-results":
        return render(
            request,
            "tracker/day.html#food-results",
            {"day": day, "urls": _day_urls(day), "query": query, "results": results},
        )
    if target == "add-form":
        context = {"day": day, "urls": _day_urls(day), "add_form": add_form, "picked": picked}
        form = render_to_string("tracker/day.html#add-form", context, request)
        if "pick" not in request.GET:
            return HttpResponse(form)
        # The results list, out of band, shows the text that was searched (and says so
        # when nothing matches), so the list and the opened food agree.
        found = render_to_string(
            "tracker/day.html#food-results",
            {"day": day, "urls": _day_urls(day), "query": query, "results": results, "oob": True},
            request,
        )
        return HttpResponse(form + found)
    undo_token = request.GET.get("undo")
    context = _day_context(
        request,
        day,
        stats=stats,
        query=query,
        results=results,
        add_form=add_form,
        picked=picked,
        undo=_read_undo(request, undo_token) and undo_token,
        cached=True,
    )
    if target == "day-body":
        return render(request, "tracker/day.html#day-body", context)
    return render(request, "tracker/day.html", context)


def _after_change(
    request, day: date, *, done: str, undo_token: str | None = None, notice: str = "", **extra
):
    """htmx: the refreshed day body and totals, and a sentence for screen readers saying
    what happened; plain POST: back to the day page (PRG).  ``extra`` is context for the
    refreshed body (a link in the notice, the quick-add meal kept)."""
    if request.htmx:
        # The profile as it is after the change: its new version, and its settings read
        # with it in one row (another tab may have saved them meanwhile), so what is kept
        # below, or read from what is kept (the foods logged lately), is of this log.
        request.user.profile.refresh_from_db()
        # The answer renders the day's summary and body as the page now shows them: kept
        # under that version, they serve the page's next view too, unless the answer
        # shows what the page would not (a meal that a quick add keeps picked, where the
        # page offers "Now").
        picked = extra.get("quick_form")
        keep = picked is None or not picked.initial.get("meal")
        context = _day_context(request, day, undo=undo_token, notice=notice, keep=keep, **extra)
        # The day body, and the totals above the search box swapped out of band.
        body = render_to_string("tracker/day.html#day-body", context, request)
        summary = render_to_string(
            "tracker/day.html#day-summary", {**context, "oob": True}, request
        )
        response = trigger_client_event(HttpResponse(body + summary), "entry-changed")
        totals, unit = context["totals"], request.user.profile.units
        said = (
            f"{done} {notice} Day totals: magnesium "
            f"{intake_units.text(totals['magnesium'], 'magnesium', unit)}, potassium "
            f"{intake_units.text(totals['potassium'], 'potassium', unit)} {unit}."
        )
        return trigger_client_event(response, "announce", {"message": " ".join(said.split())})
    if notice:
        messages.info(request, notice)
    url = reverse("tracker:day", args=[day.isoformat()])
    return redirect(f"{url}?undo={undo_token}" if undo_token else url)


@profile_required
@require_POST
def entry_add(request: HtmxHttpRequest, day: str) -> HttpResponse:
    day = _parse_day(day)
    form = EntryForm(request.POST, user=request.user)
    if form.is_valid():
        entry = form.fill(Entry(user=request.user))
        entry.save()
        return _after_change(request, day, **_moved(entry, day, "Added"))
    food = form.cleaned_data.get("food")
    if food is not None:
        # Shown again with its errors, the form offers the picked food's portions only,
        # not every portion of every food.
        _ready_to_add(form, list(food.portions.all()))
    context = {"day": day, "urls": _day_urls(day), "add_form": form, "picked": food}
    if request.htmx:
        response = render(request, "tracker/day.html#add-form", context, status=422)
        return reswap(retarget(response, "#add-form"), "outerHTML")
    return render(
        request, "tracker/day.html", {**_day_context(request, day), **context}, status=422
    )


def _moved(entry: Entry, page_day: date, verb: str) -> dict:
    """What to say after adding or saving from ``page_day``'s page.  The page stays on its
    own day; an entry that went to another day says where, with a link there."""
    if entry.date == page_day:
        return {"done": f"{verb} {entry.description}."}
    return {
        "done": "",
        "notice": f"{verb} {entry.description} on {nutrients.long_date(entry.date)}.",
        "notice_link": {
            "url": links.url("tracker:day", "day", entry.date.isoformat()),
            "text": "Open that day",
        },
    }


@profile_required
@require_POST
def quick_add(request: HtmxHttpRequest, day: str) -> HttpResponse:
    """One click: log a food again as the given earlier entry had it, in the chosen meal."""
    day = _parse_day(day)
    source = _get_entry_for_user(request, request.POST.get("entry", ""))
    if source.food_id is None:
        raise Http404("That food no longer exists")
    form = QuickAddForm(request.POST)
    if not form.is_valid():
        context = _day_context(request, day, quick_form=form)
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
    return _after_change(
        request,
        day,
        done=f"Added {entry.description} to {entry.get_meal_display()}.",
        quick_form=QuickAddForm(initial=form.cleaned_data),
    )


def _get_entry_for_user(request, pk) -> Entry:
    """404 for anything that is not this person's entry."""
    pk = str(pk)
    if not (pk.isascii() and pk.isdigit()):  # "²" and "①" pass isdigit() but not int()
        raise Http404("No such entry")
    return get_object_or_404(Entry.objects.for_user(request.user), pk=pk)


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
            return _after_change(request, shown_on, **_moved(entry, shown_on, "Saved"))
        status = 422
    else:
        form = EntryForm(
            user=request.user,
            food=food,
            initial={
                "food": food,
                "portion": entry.portion_id,
                # As people write numbers: "2", not "2.000".
                "quantity": nutrients.as_written(entry.quantity),
                "grams": nutrients.as_written(entry.grams) if entry.portion_id is None else None,
                "meal": entry.meal,
                "date": entry.date,
            },
        )
        status = 200
    context = {"entry": entry, "form": form, "day": entry.date}
    if request.htmx:
        response = render(request, "tracker/entry_edit.html#edit-form", context, status=status)
        return retarget(response, f"#entry-{entry.pk}") if status == 422 else response
    return render(request, "tracker/entry_edit.html", context, status=status)


# What an undo restores: the entry's own values, snapshot included.
UNDO_FIELDS = [
    "id",
    "date",
    "meal",
    "food_id",
    "portion_id",
    "quantity",
    "grams",
    "description",
    "fdc_id",
    "portion_label",
    "magnesium_per_100g",
    "potassium_per_100g",
    "energy_per_100g",
    "sodium_per_100g",
    "is_supplement",
]


class _UndoSerializer:
    """signing's JSON serializer, but with Django's encoder for dates and decimals."""

    def dumps(self, obj) -> bytes:
        return json.dumps(obj, cls=DjangoJSONEncoder, separators=(",", ":")).encode("latin-1")

    def loads(self, data: bytes):
        return json.loads(data.decode("latin-1"))


def _undo_token(entry: Entry) -> str:
    """A signed copy of a deleted entry, so it can come back without keeping a row."""
    data = {field: getattr(entry, field) for field in UNDO_FIELDS}
    return signing.dumps(
        {"user": entry.user_id, "entry": data},
        salt=UNDO_SALT,
        serializer=_UndoSerializer,
        compress=True,
    )


def _read_undo(request, token: str | None) -> dict | None:
    if not token:
        return None
    try:
        payload = signing.loads(
            token, salt=UNDO_SALT, serializer=_UndoSerializer, max_age=UNDO_MAX_AGE
        )
    except signing.BadSignature:
        return None
    if payload.get("user") != request.user.pk:
        return None
    return payload["entry"]


@profile_required
@require_POST
def entry_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    entry = _get_entry_for_user(request, pk)
    token = _undo_token(entry)
    entry.delete()
    return _after_change(
        request, entry.date, undo_token=token, done=f"Deleted {entry.description}; Undo is next."
    )


@profile_required
@require_POST
def entry_undo(request: HtmxHttpRequest) -> HttpResponse:
    data = _read_undo(request, request.POST.get("token"))
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
    return _after_change(request, entry.date, done=f"Restored {entry.description}.")
