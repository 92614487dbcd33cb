"""Recipes and saved meals in mgk's backup: written beside the entries, restored after the
person's own foods (a recipe is one of them: its Food row carries the per-100 g values
the pages and entries read, so it is restored as it was, not worked out again)."""

from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import ValidationError

from foods.models import Food
from tracker.imports.table import Unreadable
from tracker.models import Recipe, RecipeIngredient, SavedMeal, SavedMealItem

VALUES = ["magnesium_per_100g", "potassium_per_100g", "energy_per_100g", "sodium_per_100g"]
INGREDIENT_FIELDS = ["position", "text", "quantity", "portion_label", "grams", "description",
                     *VALUES]  # fmt: skip
ITEM_FIELDS = ["position", "quantity", "grams", "description", "fdc_id", "portion_label",
               *VALUES, "is_supplement"]  # fmt: skip


def document(user, food_ref: Callable, text: Callable) -> dict:
    """The person's recipes and saved meals; four queries."""
    recipes = Recipe.objects.for_user(user).prefetch_related(
        "ingredients__food", "ingredients__portion"
    )
    meals = SavedMeal.objects.for_user(user).prefetch_related("items__food", "items__portion")

    def line(obj, fields):
        return {
            **{f: text(getattr(obj, f)) for f in fields},
            "food": food_ref(obj.food),
            "portion": obj.portion.label if obj.portion else None,
        }

    return {
        "recipes": [
            {
                "food": r.food_id,
                "name": r.name,
                "servings": r.servings,
                "cooked_grams": text(r.cooked_grams),
                "ingredients": [line(i, INGREDIENT_FIELDS) for i in r.ingredients.all()],
            }
            for r in recipes.order_by("id")
        ],
        "saved_meals": [
            {"name": m.name, "items": [line(i, ITEM_FIELDS) for i in m.items.all()]}
            for m in meals.order_by("id")
        ],
    }


def refs(doc: dict) -> list:
    """Every food reference the recipes and saved meals make (for one catalogue lookup)."""
    lines = [i for r in _list(doc, "recipes") for i in _list(r, "ingredients")]
    lines += [i for m in _list(doc, "saved_meals") for i in _list(m, "items")]
    return [line.get("food") for line in lines if isinstance(line, dict)]


def restore(user, doc: dict, own: dict[int, Food], resolve: Callable, portion: Callable) -> None:
    """Create the backup's recipes and saved meals the person does not have yet: a recipe
    whose food already has one, or a saved meal with the same name and items, is left."""
    having = set(Recipe.objects.for_user(user).values_list("food_id", flat=True))
    for data in _list(doc, "recipes"):
        food = own.get(data.get("food"))
        if food is None or food.pk in having:
            continue
        recipe = Recipe(owner=user, food=food, name=data.get("name"),
                        servings=data.get("servings"), cooked_grams=data.get("cooked_grams"))  # fmt: skip
        lines = [_line(RecipeIngredient, i, INGREDIENT_FIELDS, resolve, portion)
                 for i in _list(data, "ingredients")]  # fmt: skip
        _check(recipe, ["owner", "food"], f"recipe {data.get('name')!r}")
        recipe.save()
        for item in lines:
            item.recipe = recipe
            _check(item, ["recipe", "food", "portion"], f"recipe {recipe.name!r}")
        RecipeIngredient.objects.bulk_create(lines)
        having.add(food.pk)
    existing = {_meal_key(m.name, m.items.all()) for m in
                SavedMeal.objects.for_user(user).prefetch_related("items")}  # fmt: skip
    for data in _list(doc, "saved_meals"):
        meal = SavedMeal(owner=user, name=data.get("name"))
        items = [_line(SavedMealItem, i, ITEM_FIELDS, resolve, portion)
                 for i in _list(data, "items")]  # fmt: skip
        _check(meal, ["owner"], f"saved meal {data.get('name')!r}")
        for item in items:
            _check(item, ["saved_meal", "food", "portion"], f"saved meal {meal.name!r}")
        key = _meal_key(meal.name, items)
        if key in existing:
            continue
        meal.save()
        for item in items:
            item.saved_meal = meal
        SavedMealItem.objects.bulk_create(items)
        existing.add(key)


def _list(data, key) -> list:
    value = data.get(key) if isinstance(data, dict) else None
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise Unreadable(f"The backup's {key.replace('_', ' ')} cannot be read.")
    return value


def _line(model, data: dict, fields, resolve: Callable, portion: Callable):
    obj = model(**{f: data.get(f) for f in fields if data.get(f) is not None})
    obj.food = resolve(data.get("food"))
    obj.portion = portion(obj.food, data.get("portion"))
    return obj


def _check(obj, exclude: list[str], what: str) -> None:
    # An empty per-100 g value is unknown (null), which a form would call blank.
    unknown = [f for f in VALUES if getattr(obj, f, None) is None]
    try:
        obj.full_clean(exclude=[*exclude, *unknown], validate_unique=False)
    except (ValidationError, TypeError, ValueError):
        raise Unreadable(f"The backup's {what} cannot be used.") from None


def _meal_key(name: str, items) -> tuple:
    # Grams as a number, so 236 from the file and 236.0000 from the database are one.
    return (name, tuple((i.description, Decimal(str(i.grams)).normalize()) for i in items))
