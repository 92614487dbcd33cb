from django import template

from tracker import units as intake_units

register = template.Library()


@register.simple_tag(takes_context=True)
def amount(context, mg, mineral: str) -> str:
    """``mg`` of ``mineral`` in the person's unit, the number alone ("312" or "12.8")."""
    return intake_units.text(mg, mineral, context.get("units", intake_units.MG))
