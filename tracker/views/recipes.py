"""A person's recipes: the list, the form (new and edit, with the review of every
ingredient line), the recipe's page and deleting it."""

import csv
from decimal import Decimal

from django.contrib import messages
from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from config.http import HtmxHttpRequest
from foods.nutrients import percent, scaled_expr
from foods.views import reference_for
from tracker.exports import safe_cell
from tracker.forms import LineFormSet, RecipeForm
from tracker.models import (
    MAX_INGREDIENTS,
    MAX_RECIPES,
    Entry,
    Recipe,
    RecipeIngredient,
    SavedMealItem,
    amount_text,
)
from tracker.nutrients import as_written
from tracker.recipe_lines import Reviewer, ReviewLine
from tracker.views.account import profile_required

# The cooked dish may weigh between a tenth and ten times its ingredients: soaking beans
# or boiling grains takes up water, simmering drives it off; further off is a typo.
COOKED_RATIO = Decimal(10)
CSV_HEADER = [
    "kind", "name", "servings", "cooked_grams", "line", "food", "amount", "grams",
    "magnesium_mg", "potassium_mg",
]  # fmt: skip


def _get_recipe_for_user(request, pk: int) -> Recipe:
    """404 unless the recipe is this person's own."""
    return get_object_or_404(Recipe.objects.for_user(request.user).select_related("food"), pk=pk)


@profile_required
def recipe_list(request: HtmxHttpRequest) -> HttpResponse:
    """Every recipe with its magnesium and potassium per serving: one grouped query."""
    recipes = Recipe.objects.for_user(request.user).annotate(
        magnesium=Sum(scaled_expr("ingredients__magnesium_per_100g", "ingredients__grams")),
        potassium=Sum(scaled_expr("ingredients__potassium_per_100g", "ingredients__grams")),
        lines=Count("ingredients"),
        magnesium_unknown=Count("ingredients", filter=Q(ingredients__magnesium_per_100g=None)),
        potassium_unknown=Count("ingredients", filter=Q(ingredients__potassium_per_100g=None)),
    )
    rows = [
        {
            "recipe": r,
            "magnesium": (r.magnesium or 0) / r.servings,
            "potassium": (r.potassium or 0) / r.servings,
            "magnesium_unknown": r.magnesium_unknown,
            "potassium_unknown": r.potassium_unknown,
        }
        for r in recipes
    ]
    return render(
        request,
        "tracker/recipes.html",
        {"rows": rows, "full": len(rows) >= MAX_RECIPES, "limit": MAX_RECIPES},
    )


@profile_required
def recipe_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    recipe = _get_recipe_for_user(request, pk)
    totals = recipe.totals()
    lines = []
    for line in recipe.ingredients.all():
        mg = _scaled(line.magnesium_per_100g, line.grams)
        k = _scaled(line.potassium_per_100g, line.grams)
        lines.append(
            {
                "line": line,
                "magnesium": mg,
                "potassium": k,
                "magnesium_share": percent(mg, totals.whole["magnesium"]),
                "potassium_share": percent(k, totals.whole["potassium"]),
            }
        )
    reference = reference_for(request.user)
    per_serving = {key: totals.per_serving(key) for key in totals.whole}
    return render(
        request,
        "tracker/recipe.html",
        {
            "recipe": recipe,
            "totals": totals,
            "lines": lines,
            "per_serving": per_serving,
            "per_100g": {key: totals.per_100g(key) for key in totals.whole},
            "reference": reference,
            "magnesium_percent": percent(per_serving["magnesium"], reference["magnesium"]),
            "potassium_percent": None
            if reference["restricted"]
            else percent(per_serving["potassium"], reference["potassium"]),
            "portions": list(recipe.food.portions.all()),
            "entries": Entry.objects.for_user(request.user).filter(food=recipe.food).count(),
        },
    )


def _scaled(per_100g, grams):
    return None if per_100g is None else per_100g * grams / 100


@profile_required
@require_http_methods(["GET", "POST"])
def recipe_edit(request: HtmxHttpRequest, pk: int | None = None) -> HttpResponse:
    """The recipe form.  Pasted lines and changed lines come back as a review of every
    line; a review sent back unchanged saves the recipe as shown."""
    recipe = _get_recipe_for_user(request, pk) if pk else Recipe(owner=request.user)
    if recipe.pk is None and Recipe.objects.for_user(request.user).count() >= MAX_RECIPES:
        messages.error(
            request, f"You have {MAX_RECIPES} recipes, the most mgk keeps. Delete one first."
        )
        return redirect("tracker:recipes")
    reviewer = Reviewer(request.user, recipe.food_id)
    if request.method == "GET":
        rows = (
            [
                {
                    "text": i.text or i.description,
                    "food": i.food_id,
                    "grams": i.grams,
                    "portion_label": i.portion_label,
                    "quantity": i.quantity,
                }
                for i in recipe.ingredients.all()
            ]
            if recipe.pk
            else []
        )
        reviewed = reviewer.review(rows)
        return _form_page(request, recipe, RecipeForm(instance=recipe), reviewed)

    form = RecipeForm(request.POST, instance=recipe)
    formset = LineFormSet(request.POST, prefix="lines")
    if not formset.is_valid():
        # Rows as sent, so the page shows what the person typed with its errors.
        rows = [_row_as_sent(f) for f in formset.forms]
        reviewed = reviewer.review(rows)
        return _form_page(request, recipe, form, reviewed, formset=formset, status=422)
    rows, changed = [], False
    for f in formset.forms:
        data = f.cleaned_data
        if data.get("DELETE") or not (data.get("text") or data.get("food")):
            continue
        row, row_changed = _row_from(data)
        rows.append(row)
        changed |= row_changed
    pasted = form.cleaned_data.get("ingredients") if form.is_valid() else []
    rows += [{"text": text, "rematch": True} for text in pasted or []]
    changed |= bool(pasted)
    reviewed = reviewer.review(rows)
    if not form.is_valid():
        return _form_page(request, recipe, form, reviewed, status=422)
    if len(reviewed) > MAX_INGREDIENTS:
        form.add_error(
            None,
            f"A recipe has at most {MAX_INGREDIENTS} ingredients; this one has "
            f"{len(reviewed)}. Remove some lines.",
        )
        return _form_page(request, recipe, form, reviewed[: MAX_INGREDIENTS + 20], status=422)
    if changed:
        messages.info(request, "Check each line: its food and grams. Then save.")
        return _form_page(request, recipe, form, reviewed)
    problems = [r for r in reviewed if r.problem]
    if problems:
        form.add_error(None, "Some lines have no food or no amount: fix them or remove them.")
        return _form_page(request, recipe, form, reviewed, status=422)
    if not reviewed:
        form.add_error("ingredients", "Add at least one ingredient.")
        return _form_page(request, recipe, form, reviewed, status=422)
    raw = sum(r.amount.grams for r in reviewed)
    cooked = form.cleaned_data.get("cooked_grams")
    if cooked and not raw / COOKED_RATIO <= cooked <= raw * COOKED_RATIO:
        form.add_error(
            "cooked_grams",
            f"The ingredients weigh {raw:,.0f} g; a cooked weight of {cooked:,.0f} g is far from "
            "that. Check it, or leave it empty.",
        )
        return _form_page(request, recipe, form, reviewed, status=422)
    recipe = form.save(commit=False)
    recipe.save_with([_ingredient(r) for r in reviewed])
    messages.success(request, f"Saved “{recipe.name}”.")
    return redirect(recipe)


def _row_as_sent(form) -> dict:
    food = form.data.get(form.add_prefix("food"), "")
    return {
        "text": form.data.get(form.add_prefix("text"), "")[:200],
        "food": int(food) if food.isdigit() and len(food) < 12 else None,
    }


def _row_from(data: dict) -> tuple[dict, bool]:
    """A reviewed line as sent back, and whether its words or food were changed."""
    text, food, grams = data.get("text", ""), data.get("food"), data.get("grams")
    row = {
        "text": text,
        "food": food,
        "grams": grams,
        "portion_label": data.get("portion_label", ""),
        "quantity": data.get("quantity"),
    }
    if text != data.get("seen_text", ""):
        row["rematch"] = True  # new words: search and read the amount again
        return row, True
    if str(food or "") != data.get("seen_food", ""):
        row["grams"] = None  # another food: its own portions give the amount
        return row, True
    try:
        seen = Decimal(data.get("seen_grams") or "0")
    except ArithmeticError:
        seen = None
    if grams != seen:
        row["portion_label"], row["quantity"] = "", None  # the grams were typed
    return row, False


def _ingredient(review: ReviewLine) -> RecipeIngredient:
    amount = review.amount
    portion = next((p for p in review.food.portions.all() if p.label == amount.portion_label), None)
    return RecipeIngredient(
        text=review.text,
        food=review.food,
        portion=portion if amount.portion_label else None,
        portion_label=amount.portion_label,
        quantity=amount.quantity.quantize(Decimal("0.001")) if amount.quantity else None,
        grams=amount.grams.quantize(Decimal("0.01")),
    )


def _line_initial(review: ReviewLine) -> dict:
    grams = review.amount.grams.quantize(Decimal("0.01")) if review.amount else None
    quantity = review.amount.quantity if review.amount else None
    food = review.food.pk if review.food else None
    return {
        "text": review.text,
        "food": food,
        "grams": grams,
        "portion_label": review.amount.portion_label if review.amount else "",
        "quantity": quantity.quantize(Decimal("0.001")) if quantity else None,
        "seen_text": review.text,
        "seen_food": str(food or ""),
        "seen_grams": str(grams or ""),
    }


def _form_page(request, recipe, form, reviewed, *, formset=None, status=200) -> HttpResponse:
    """The form with the review of every line: unbound lines show the review as it stands
    (what a save will store); a bound ``formset`` shows what was sent, with its errors."""
    if formset is None:
        formset = LineFormSet(initial=[_line_initial(r) for r in reviewed], prefix="lines")
    for line_form, review in zip(formset.forms, reviewed, strict=False):
        line_form.set_choices([(f.pk, f.description) for f in review.candidates])
    if form.is_bound:
        # The pasted lines are in the review now (or were refused: a megabyte is not sent
        # back); the box is for more.
        form.data = form.data.copy()
        form.data["ingredients"] = ""
    known = [r for r in reviewed if r.amount and r.food]
    sums = {
        key: sum((r.minerals[key] or 0 for r in known), Decimal(0))
        for key in ("magnesium", "potassium")
    }
    return render(
        request,
        "tracker/recipe_form.html",
        {
            "recipe": recipe,
            "form": form,
            "formset": formset,
            "lines": list(zip(formset.forms, reviewed, strict=False)),
            "sums": sums,
            "limit": MAX_INGREDIENTS,
        },
        status=status,
    )


@profile_required
@require_http_methods(["GET", "POST"])
def recipe_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    recipe = _get_recipe_for_user(request, pk)
    if request.method == "POST":
        recipe.food.delete()  # and the recipe with it; entries keep their own values
        messages.success(request, f"Deleted “{recipe.name}”. Days you logged it on are unchanged.")
        return redirect("tracker:recipes")
    return render(request, "tracker/recipe_delete.html", {"recipe": recipe})


@profile_required
def recipes_csv(request: HtmxHttpRequest) -> HttpResponse:
    """The person's recipes and saved meals with their foods, one row a food.  At most
    200 recipes of 100 lines and 200 saved meals of 50: read in two queries."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mgk-recipes.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    lines = (
        RecipeIngredient.objects.filter(recipe__owner=request.user)
        .select_related("recipe")
        .order_by("recipe__name", "recipe_id", "position", "id")
    )
    items = (
        SavedMealItem.objects.filter(saved_meal__owner=request.user)
        .select_related("saved_meal")
        .order_by("saved_meal__name", "saved_meal_id", "position", "id")
    )
    rows = [("recipe", line.recipe, line, line.text) for line in lines]
    rows += [("saved meal", item.saved_meal, item, "") for item in items]
    for kind, whole, line, text in rows:
        mg = _scaled(line.magnesium_per_100g, line.grams)
        k = _scaled(line.potassium_per_100g, line.grams)
        writer.writerow(
            safe_cell(cell)  # names and lines are the person's own text
            for cell in [
                kind,
                whole.name,
                getattr(whole, "servings", ""),
                as_written(getattr(whole, "cooked_grams", None)) or "",
                text,
                line.description,
                amount_text(line.quantity, line.portion_label, line.grams, times="x"),
                as_written(line.grams),
                "" if mg is None else f"{mg:.1f}",
                "" if k is None else f"{k:.1f}",
            ]
        )
    return response
