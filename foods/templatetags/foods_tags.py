from django import template

from foods.nutrients import percent

register = template.Library()


@register.filter
def percent_of(milligrams, reference) -> int | None:
    """``milligrams`` as a whole percentage of ``reference`` mg (None when either is)."""
    return percent(milligrams, reference)
