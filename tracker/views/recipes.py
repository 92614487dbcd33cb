"""A person's recipes: the list, the recipe's page, deleting it and the CSV of them all
(the form is in recipe_form)."""

import csv

from django.contrib import messages
from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from config.http import HtmxHttpRequest
from foods.nutrients import percent, scaled_expr
from foods.views import reference_for
from tracker.exports import safe_cell
from tracker.models import (
    MAX_RECIPES,
    Entry,
    Recipe,
    RecipeIngredient,
    SavedMealItem,
    amount_text,
)
from tracker.nutrients import as_written
from tracker.views.account import profile_required

CSV_HEADER = [
    "kind", "name", "servings", "cooked_grams", "line", "food", "amount", "grams",
    "magnesium_mg", "potassium_mg",
]  # fmt: skip


def get_recipe_for_user(request, pk: int) -> Recipe:
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
    recipe = get_recipe_for_user(request, pk)
    totals = recipe.totals()
    lines = []
    for line in recipe.ingredients.select_related("food"):
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
def recipe_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    recipe = get_recipe_for_user(request, pk)
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
