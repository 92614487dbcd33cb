from decimal import Decimal

from django import template

from foods.nutrients import percent, scale

register = template.Library()


@register.filter
def minerals_for(food, grams) -> dict:
    """Mg, K and kcal in ``grams`` of ``food`` (None where unknown)."""
    grams = Decimal(grams)
    return {**food.minerals_for(grams), "energy": scale(food.energy_kcal, grams)}


@register.filter
def percent_of(milligrams, reference) -> int | None:
    """``milligrams`` as a whole percentage of ``reference`` mg (None when either is)."""
    return percent(milligrams, reference)
