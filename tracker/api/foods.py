"""Foods: the catalogue's search, ranked as on the site, and a food with its portions."""

from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Query, Router

from foods import finder
from foods.models import Food
from tracker.api.errors import FieldError
from tracker.api.schemas import Error, FoodDetail, FoodList
from tracker.models import Entry

router = Router(tags=["foods"])
MAX_RESULTS = 50


def food_out(food: Food) -> dict:
    return {
        "id": food.pk,
        "name": food.display_name,
        "description": food.description,
        "category": food.category,
        "own": food.owner_id is not None,
        "supplement": food.is_supplement,
        "magnesium_mg_per_100g": food.magnesium_mg,
        "potassium_mg_per_100g": food.potassium_mg,
        "energy_kcal_per_100g": food.energy_kcal,
    }


@router.get("/foods", response={200: FoodList, 422: Error}, summary="Search foods")
def search(
    request,
    q: Annotated[str, Query(max_length=100, description="What to search for.")],
    limit: Annotated[int, Query(ge=1, le=MAX_RESULTS)] = 20,
):
    """The foods you can see (the catalogue and your own) matching ``q``, best first: the
    site's search, with the foods you log often first among equal matches."""
    query = q.strip()
    if not query:
        raise FieldError("Type what to search for.", "q")
    habits = Entry.objects.for_user(request.user).habits()
    ids = finder.find(query, request.user, habits=habits)[:limit]
    foods = finder.foods_in_order(ids, Food.objects.visible_to(request.user))
    return {"query": query, "items": [food_out(f) for f in foods]}


@router.get("/foods/{int:food_id}", response={200: FoodDetail, 404: Error}, summary="A food")
def detail(request, food_id: int):
    """A food's values per 100 g and its household portions with their minerals."""
    food = get_object_or_404(Food.objects.visible_to(request.user), pk=food_id)
    portions = []
    for portion in food.portions.all():
        minerals = food.minerals_for(portion.grams)
        portions.append(
            {
                "id": portion.pk,
                "label": portion.label,
                "grams": portion.grams,
                "magnesium_mg": minerals["magnesium"],
                "potassium_mg": minerals["potassium"],
            }
        )
    return {
        **food_out(food),
        "sodium_mg_per_100g": food.sodium_mg,
        "source": food.get_source_display(),
        "fdc_id": food.fdc_id,
        "portions": portions,
    }
