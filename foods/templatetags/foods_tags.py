from decimal import Decimal

from django import template

from foods.nutrients import HUNDRED, scale

register = template.Library()


@register.filter
def minerals_for(food, grams) -> dict:
    """Mg, K and kcal in ``grams`` of ``food`` (None where unknown)."""
    grams = Decimal(grams)
    return {**food.minerals_for(grams), "energy": scale(food.energy_kcal, grams)}


@register.filter
def per_100_kcal(food, mineral: str) -> Decimal | None:
    value = getattr(food, f"{mineral}_mg")
    if value is None or not food.energy_kcal:
        return None
    return value * HUNDRED / food.energy_kcal


@register.filter
def reference_percent(food, mineral: str) -> int | None:
    return food.reference_percent(mineral)


@register.filter
def reference_percent_at(food, grams) -> dict:
    grams = Decimal(grams)
    return {m: food.reference_percent(m, grams) for m in ("magnesium", "potassium")}


@register.filter
def dictitem(mapping: dict, key: str):
    return mapping.get(key)
