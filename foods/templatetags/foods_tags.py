from django import template

from foods.nutrients import percent
from foods.portions import spoken

register = template.Library()


@register.filter
def percent_of(milligrams, reference) -> int | None:
    """``milligrams`` as a whole percentage of ``reference`` mg (None when either is)."""
    return percent(milligrams, reference)


@register.filter(name="spoken")
def spoken_measure(label: str) -> str:
    """USDA's measure as people say it (foods.portions.spoken)."""
    return spoken(label or "")
