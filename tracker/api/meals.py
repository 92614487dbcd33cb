"""Recipes and saved meals: read them, and log a saved meal into a day in one step, as
the site does.  A recipe is logged as its food (POST /entries with its serving portion)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Status

from foods.models import Portion
from foods.nutrients import scale
from tracker.api.errors import FieldError
from tracker.api.schemas import (
    Error,
    LoggedOut,
    LogSavedMealIn,
    RecipeDetail,
    RecipeOut,
    SavedMealOut,
)
from tracker.forms.saved_meals import LogSavedMealForm
from tracker.models import Recipe, SavedMeal, amount_text
from tracker.models.recipes import SERVING_LABEL

router = Router(tags=["recipes and saved meals"])


def _serving(recipe: Recipe) -> Portion | None:
    return next((p for p in recipe.food.portions.all() if p.label == SERVING_LABEL), None)


def _recipe_out(recipe: Recipe) -> dict:
    """From the recipe's food, whose values the recipe rewrites on every save (null when
    an ingredient lacks one), and its "1 serving" portion."""
    serving = _serving(recipe)
    grams = serving.grams if serving else None
    return {
        "id": recipe.pk,
        "name": recipe.name,
        "food": recipe.food_id,
        "servings": recipe.servings,
        "serving_portion": serving.pk if serving else None,
        "serving_grams": grams,
        "magnesium_mg_per_serving": scale(recipe.food.magnesium_mg, grams) if grams else None,
        "potassium_mg_per_serving": scale(recipe.food.potassium_mg, grams) if grams else None,
    }


def _recipes(request):
    return (
        Recipe.objects.for_user(request.user)
        .select_related("food")
        .prefetch_related("food__portions")
    )


@router.get("/recipes", response={200: list[RecipeOut]}, summary="Your recipes")
def recipes(request):
    return [_recipe_out(r) for r in _recipes(request)]


@router.get(
    "/recipes/{int:recipe_id}", response={200: RecipeDetail, 404: Error}, summary="A recipe"
)
def recipe(request, recipe_id: int):
    found = get_object_or_404(_recipes(request).prefetch_related("ingredients"), pk=recipe_id)
    return {
        **_recipe_out(found),
        "ingredients": [
            {
                "text": line.text,
                "description": line.description,
                "food": line.food_id,
                "grams": line.grams,
                "magnesium_mg": scale(line.magnesium_per_100g, line.grams),
                "potassium_mg": scale(line.potassium_per_100g, line.grams),
            }
            for line in found.ingredients.all()
        ],
    }


def _saved_meal_out(saved: SavedMeal) -> dict:
    return {
        "id": saved.pk,
        "name": saved.name,
        "items": [
            {
                "food": item.food_id,
                "description": item.description,
                "amount": amount_text(item.quantity, item.portion_label, item.grams),
                "grams": item.grams,
                "magnesium_mg": scale(item.magnesium_per_100g, item.grams),
                "potassium_mg": scale(item.potassium_per_100g, item.grams),
            }
            for item in saved.items.all()
        ],
    }


def _saved_meals(request):
    return SavedMeal.objects.for_user(request.user).prefetch_related(Prefetch("items"))


@router.get("/meals", response={200: list[SavedMealOut]}, summary="Your saved meals")
def saved_meals(request):
    return [_saved_meal_out(s) for s in _saved_meals(request)]


@router.get(
    "/meals/{int:meal_id}", response={200: SavedMealOut, 404: Error}, summary="A saved meal"
)
def saved_meal(request, meal_id: int):
    return _saved_meal_out(get_object_or_404(_saved_meals(request), pk=meal_id))


@router.post(
    "/meals/{int:meal_id}/log",
    response={201: LoggedOut, 404: Error, 422: Error},
    summary="Log a saved meal",
)
def log_saved_meal(request, meal_id: int, payload: LogSavedMealIn):
    """Every food of the saved meal as its own entry of that day's meal.  When the meal
    has them already, it asks first, as the site does: send ``again: true``."""
    saved = get_object_or_404(SavedMeal.objects.for_user(request.user), pk=meal_id)
    data = {
        "date": (payload.date or timezone.localdate()).isoformat(),
        "meal": payload.meal,
        "confirm": "on" if payload.again else "",
    }
    form = LogSavedMealForm(data, saved_meal=saved)
    if not form.is_valid():
        name, errors = next(iter(form.errors.items()))
        raise FieldError(errors[0], "again" if name == "__all__" else name)
    day, meal = form.cleaned_data["date"], form.cleaned_data["meal"]
    return Status(201, {"logged": saved.log_into(day, meal), "date": day, "meal": meal})
