from django import template
from django.utils.html import format_html_join

from tracker import units as intake_units

register = template.Library()


@register.simple_tag(takes_context=True)
def amount(context, mg, mineral: str) -> str:
    """``mg`` of ``mineral`` in the person's unit, the number alone ("312" or "12.8")."""
    return intake_units.text(mg, mineral, context.get("units", intake_units.MG))


@register.simple_tag
def calendar_squares(grid: dict) -> str:
    """The calendar's squares, each a link to its day with the value as its text.

    A year is 365 squares per mineral: joined here in one pass rather than 365 runs of a
    template loop (which took most of the trends page's time).
    """
    size = grid["size"]
    return format_html_join(
        "",
        '<a href="{}" aria-label="{}"><rect class="sq {}" x="{}" y="{}" width="{}" '
        'height="{}" rx="2"><title>{}</title></rect></a>',
        (
            (sq["url"], sq["label"], sq["cls"], sq["x"], sq["y"], size, size, sq["label"])
            for sq in grid["squares"]
        ),
    )
