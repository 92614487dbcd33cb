"""Saved meals (a meal kept under a name and logged in one step), a day's meal saved as
a recipe, and copying a whole day.  Plain forms: each answers with a redirect (or the
page again with its errors), with or without JavaScript; logging a saved meal from the
day page's quick add answers htmx with the day, as an Add does."""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from config.http import HtmxHttpRequest
from tracker import nutrients
from tracker.forms import (
    CopyDayForm,
    LogSavedMealForm,
    QuickAddForm,
    SavedItemForm,
    SaveMealForm,
)
from tracker.models import (
    MAX_INGREDIENTS,
    MAX_RECIPES,
    MAX_SAVED_MEALS,
    Entry,
    Meal,
    Recipe,
    RecipeIngredient,
    SavedMeal,
    loggable,
)
from tracker.models.recipes import VALUES
from tracker.views.account import profile_required
from tracker.views.day_page import after_change, day_context, parse_day


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def _get_saved_meal_for_user(request, pk) -> SavedMeal:
    """404 unless the saved meal is this person's own."""
    return get_object_or_404(SavedMeal.objects.for_user(request.user), pk=pk)


def _back_to_day(day: date, meal: str | None = None) -> HttpResponse:
    url = reverse("tracker:day", args=[day.isoformat()])
    return redirect(f"{url}#meal-{meal}" if meal else url)


@profile_required
@require_POST
def save_meal(request: HtmxHttpRequest, day: str) -> HttpResponse:
    """Save one of the day's meals as a saved meal, or (``as=recipe``) as a recipe."""
    day = parse_day(day)
    form = SaveMealForm(request.POST)
    as_recipe = request.POST.get("as") == "recipe"
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return _back_to_day(
            day, request.POST.get("from_meal") if not form["from_meal"].errors else None
        )
    meal, name = form.cleaned_data["from_meal"], form.cleaned_data["name"]
    entries = list(Entry.objects.for_user(request.user).filter(date=day, meal=meal).order_by("id"))
    if not entries:
        messages.error(request, "That meal has nothing logged, so nothing was saved.")
        return _back_to_day(day)
    if as_recipe:
        return _save_recipe(
            request, day, meal, name, form.cleaned_data.get("servings") or 1, entries
        )
    if SavedMeal.objects.for_user(request.user).count() >= MAX_SAVED_MEALS:
        messages.error(request, f"You have {MAX_SAVED_MEALS} saved meals, the most mgk keeps.")
        return _back_to_day(day, meal)
    with transaction.atomic():
        saved = SavedMeal.objects.create(owner=request.user, name=name)
        count = saved.fill_from(entries)
    messages.success(request, f"Saved “{name}” with {count} food{'s' if count != 1 else ''}.")
    return _back_to_day(day, meal)


def _save_recipe(request, day, meal, name, servings, entries) -> HttpResponse:
    """ "Save these entries as a recipe": each food entry an ingredient, with its grams."""
    foods = [e for e in entries if not e.is_supplement][:MAX_INGREDIENTS]
    if not foods:
        messages.error(request, "Supplements are not recipe ingredients; nothing was saved.")
        return _back_to_day(day, meal)
    if Recipe.objects.for_user(request.user).count() >= MAX_RECIPES:
        messages.error(request, f"You have {MAX_RECIPES} recipes, the most mgk keeps.")
        return _back_to_day(day, meal)
    lines = []
    for entry in foods:
        line = RecipeIngredient(
            text=f"{entry.amount_label} {entry.description}"[:200],
            food_id=entry.food_id,
            portion_id=entry.portion_id,
            portion_label=entry.portion_label,
            quantity=entry.quantity,
            grams=entry.grams.quantize(Decimal("0.01")),
            description=entry.description,
        )
        # The values the entry was logged with; saving reads its food's own if it exists.
        for _, copy in VALUES.values():
            setattr(line, copy, getattr(entry, copy))
        lines.append(line)
    recipe = Recipe(owner=request.user, name=name, servings=servings)
    recipe.save_with(lines)
    messages.success(
        request,
        f"Saved “{name}” as a recipe of {len(lines)} ingredient{'s' if len(lines) != 1 else ''}. "
        "Check its servings and amounts.",
    )
    return redirect(recipe)


@profile_required
@require_POST
def log_saved_meal(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Log every food of a saved meal into a day and meal, each its own entry."""
    saved = _get_saved_meal_for_user(request, pk)
    form = LogSavedMealForm(request.POST, saved_meal=saved)
    # From the day page's quick add under htmx: the day answers, as after any Add.
    from_day = request.htmx and request.POST.get("from") == "day"
    if not form.is_valid():
        if from_day and form.needs_confirm:
            # Asked where it was pressed: quick add again, with the question in it.
            day = form.cleaned_data["date"]
            context = day_context(
                request, day, quick_form=QuickAddForm(request.POST), log_saved=form
            )
            response = render(request, "tracker/day.html#quick-add", context, status=422)
            return reswap(retarget(response, "#quick-add"), "outerHTML")
        if from_day:  # only a forged date or meal gets here: the saved meal's own form says
            return HttpResponseClientRedirect(saved.get_absolute_url())
        return _saved_meal_page(request, saved, log_form=form, status=422)
    day, meal = form.cleaned_data["date"], form.cleaned_data["meal"]
    count = saved.log_into(day, meal)
    done = f"Logged “{saved.name}” ({_entries(count)}) in {Meal(meal).label}"
    if from_day:
        # The meal picked stays picked, as quick add keeps it for several foods.
        quick_form = QuickAddForm(initial={"meal": request.POST.get("meal", "")})
        return after_change(request, day, done=f"{done}.", quick_form=quick_form)
    messages.success(request, f"{done} on {nutrients.long_date(day)}.")
    return _back_to_day(day, meal)


@profile_required
@require_http_methods(["GET", "POST"])
def copy_day(request: HtmxHttpRequest, day: str) -> HttpResponse:
    """ "Copy the whole day to…": every meal of this day to another day (the form on its
    own page, linked from the day page)."""
    day = parse_day(day)
    if request.method == "GET":
        following = day + timedelta(days=1)
        form = CopyDayForm(initial={"to_date": following if loggable(following) else day})
        return render(request, "tracker/copy_day.html", {"form": form, "day": day})
    form = CopyDayForm(request.POST, user=request.user, from_date=day)
    if not form.is_valid():
        return render(request, "tracker/copy_day.html", {"form": form, "day": day}, status=422)
    to_day = form.cleaned_data["to_date"]
    copies = []
    for entry in Entry.objects.for_user(request.user).filter(date=day).order_by("id"):
        entry.pk, entry.date = None, to_day
        copies.append(entry)
    if not copies:
        messages.info(request, "That day had nothing logged, so nothing was copied.")
        return _back_to_day(day)
    Entry.objects.bulk_create(copies)  # and that day's totals
    messages.success(request, f"Copied {_entries(len(copies))} to {nutrients.long_date(to_day)}.")
    return _back_to_day(to_day)


@profile_required
def saved_meal_list(request: HtmxHttpRequest) -> HttpResponse:
    meals = SavedMeal.objects.for_user(request.user).prefetch_related("items")
    return render(request, "tracker/saved_meals.html", {"saved_meals": meals})


@profile_required
@require_http_methods(["GET", "POST"])
def saved_meal_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A saved meal: log it somewhere, rename it, change or remove its foods."""
    saved = _get_saved_meal_for_user(request, pk)
    if request.method == "POST":
        items = list(saved.items.all())
        forms = [SavedItemForm(request.POST, prefix=f"item-{i.pk}") for i in items]
        name = " ".join(request.POST.get("name", "").split())[:120]
        if not name or not all(f.is_valid() for f in forms):
            problem = "" if name else "Give it a name."
            return _saved_meal_page(request, saved, item_forms=forms, problem=problem, status=422)
        with transaction.atomic():
            saved.name = name
            saved.save(update_fields=["name"])
            for item, form in zip(items, forms, strict=True):
                if form.cleaned_data["remove"]:
                    item.delete()
                elif form.cleaned_data["grams"] != item.grams:
                    # New grams: the portion count no longer says how much it is.
                    item.grams, item.quantity, item.portion_label = (
                        form.cleaned_data["grams"],
                        None,
                        "",
                    )
                    item.save(update_fields=["grams", "quantity", "portion_label"])
        messages.success(request, f"Saved “{saved.name}”.")
        return redirect(saved)
    return _saved_meal_page(request, saved)


def _saved_meal_page(request, saved, *, log_form=None, item_forms=None, problem="", status=200):
    items = list(saved.items.select_related("food"))
    if item_forms is None:
        item_forms = [
            SavedItemForm(initial={"grams": nutrients.as_written(i.grams)}, prefix=f"item-{i.pk}")
            for i in items
        ]
    if log_form is None:
        log_form = LogSavedMealForm(
            initial={"date": timezone.localdate(), "meal": Meal.BREAKFAST},
            saved_meal=saved,
        )
    rows = [
        {"item": i, "form": f, "minerals": _minerals(i)}
        for i, f in zip(items, item_forms, strict=True)
    ]
    return render(
        request,
        "tracker/saved_meal.html",
        {"saved": saved, "rows": rows, "log_form": log_form, "problem": problem},
        status=status,
    )


def _minerals(item) -> dict:
    def mg(per_100g):
        return None if per_100g is None else per_100g * item.grams / 100

    return {"magnesium": mg(item.magnesium_per_100g), "potassium": mg(item.potassium_per_100g)}


@profile_required
@require_http_methods(["GET", "POST"])
def saved_meal_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    saved = _get_saved_meal_for_user(request, pk)
    if request.method == "POST":
        saved.delete()
        messages.success(request, f"Deleted “{saved.name}”. Days you logged it on are unchanged.")
        return redirect("tracker:saved_meals")
    return render(request, "tracker/saved_meal_delete.html", {"saved": saved})
