"""Entries: a span of days' entries, and adding, changing and deleting one.  Input goes
through the site's own EntryForm, so the limits and messages are the add form's."""

from datetime import date, timedelta
from typing import Annotated

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Status

from foods.models import Food, Portion
from tracker.api.errors import FieldError
from tracker.api.schemas import EntryIn, EntryList, EntryOut, EntryPatch, Error
from tracker.forms import EntryForm
from tracker.models import Entry, Meal, loggable, meal_for_hour

router = Router(tags=["entries"])
MAX_DAYS = 366


def entry_out(entry: Entry) -> dict:
    minerals = entry.minerals()
    return {
        "id": entry.pk,
        "date": entry.date,
        "meal": entry.meal,
        "food": entry.food_id,
        "description": entry.description,
        "portion": entry.portion_id,
        "portion_label": entry.portion_label,
        "quantity": entry.quantity,
        "grams": entry.grams,
        "amount": entry.amount_label,
        "magnesium_mg": minerals["magnesium"],
        "potassium_mg": minerals["potassium"],
        "supplement": entry.is_supplement,
    }


def _get_entry_for_user(request, entry_id: int) -> Entry:
    """404 for anything that is not this person's entry."""
    return get_object_or_404(Entry.objects.for_user(request.user), pk=entry_id)


def _number(value) -> str:
    return "" if value is None else str(value)


def _save(form: EntryForm, entry: Entry) -> Entry:
    """Save what the form accepts, or refuse with its first error and its field."""
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        raise FieldError(errors[0], None if name == "__all__" else name)
    form.fill(entry).save()
    return entry


@router.get("/entries", response={200: EntryList, 422: Error}, summary="Entries of a span")
def list_entries(
    request,
    first: Annotated[date, Query(alias="from", description="The first day, YYYY-MM-DD.")],
    last: Annotated[date | None, Query(alias="to", description="The last (default: from).")] = None,
):
    """Your entries from ``from`` to ``to``, both included (at most 366 days)."""
    last = first if last is None else last
    if not (loggable(first) and loggable(last)):
        raise FieldError("Pick days between 1900 and a year from now.", "from")
    if last < first:
        raise FieldError("“to” is before “from”.", "to")
    if last - first >= timedelta(days=MAX_DAYS):
        raise FieldError(f"At most {MAX_DAYS} days at a time.", "to")
    entries = Entry.objects.for_user(request.user).between(first, last).order_by("date", "id")
    return {"first": first, "last": last, "items": [entry_out(e) for e in entries]}


@router.post("/entries", response={201: EntryOut, 404: Error, 422: Error}, summary="Log a food")
def create_entry(request, payload: EntryIn):
    """Log ``food``: a portion (``quantity`` of them, 1 by default) or ``grams``."""
    food = Food.objects.visible_to(request.user).filter(pk=payload.food).first()
    if food is None:
        raise FieldError("No such food.", "food", status=404)
    meal = payload.meal
    if meal is None:  # as the add form presets it
        meal = Meal.SUPPLEMENTS if food.is_supplement else meal_for_hour(timezone.localtime().hour)
    quantity = payload.quantity
    if payload.portion is not None and quantity is None:
        quantity = 1
    data = {
        "food": food.pk,
        "portion": _number(payload.portion),
        "quantity": _number(quantity),
        "grams": _number(payload.grams),
        "meal": meal,
        "date": (payload.date or timezone.localdate()).isoformat(),
    }
    entry = _save(EntryForm(data, user=request.user, food=food), Entry(user=request.user))
    return Status(201, entry_out(entry))


@router.get("/entries/{int:entry_id}", response={200: EntryOut, 404: Error}, summary="An entry")
def get_entry(request, entry_id: int):
    return entry_out(_get_entry_for_user(request, entry_id))


@router.patch(
    "/entries/{int:entry_id}", response={200: EntryOut, 404: Error, 422: Error}, summary="Change"
)
def update_entry(request, entry_id: int, payload: EntryPatch):
    """Change the amount, portion, meal or day; what is not sent stays.  The food stays
    (delete the entry and log another food instead), as on the site."""
    entry = _get_entry_for_user(request, entry_id)
    sent = payload.model_fields_set
    if "portion" in sent:
        portion = payload.portion
    else:  # grams alone means grams, not the old portion
        portion = None if "grams" in sent else entry.portion_id
    if portion is not None:
        kept = entry.quantity if portion == entry.portion_id else None
        quantity = payload.quantity if "quantity" in sent else (kept or 1)
        grams = payload.grams
    else:
        quantity = payload.quantity
        grams = payload.grams if "grams" in sent else entry.grams
    data = {
        "food": entry.food_id or "",
        "portion": _number(portion),
        "quantity": _number(quantity),
        "grams": _number(grams),
        "meal": payload.meal if "meal" in sent else entry.meal,
        "date": _number(payload.date if "date" in sent else entry.date),
    }
    form = EntryForm(data, user=request.user, food=entry.food)
    if entry.food is None:
        # The food was deleted since: its snapshot still lets the amount, meal and day
        # change, and the entry may keep its own portion (as the site's edit).
        form.fields["food"].required = False
        form.fields["portion"].queryset = Portion.objects.filter(pk=entry.portion_id)
    return _save(form, entry) and entry_out(entry)


@router.delete(
    "/entries/{int:entry_id}", response={204: None, 404: Error}, summary="Delete an entry"
)
def delete_entry(request, entry_id: int):
    entry = _get_entry_for_user(request, entry_id)
    entry.delete()
    return Status(204, None)
