from decimal import Decimal

from django import template

from foods.nutrients import ADULT_REFERENCE_MG, HUNDRED, percent, scale

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
def adult_percent(milligrams, mineral: str) -> int | None:
    """``milligrams`` of ``mineral`` as a percentage of the adult reference intake."""
    return percent(milligrams, ADULT_REFERENCE_MG[mineral])
