from html import escape  # Django's escape() is this, behind a lazy-string check per call

from django import template
from django.utils.safestring import mark_safe

from tracker import nutrients
from tracker import units as intake_units

register = template.Library()


@register.simple_tag(takes_context=True)
def amount(context, mg, mineral: str) -> str:
    """``mg`` of ``mineral`` in the person's unit, the number alone ("312" or "12.8")."""
    return intake_units.text(mg, mineral, context.get("units", intake_units.MG))


@register.simple_tag
def unknown(totals) -> str:
    """What a meal's or day's totals leave out ("1 entry without a value"), or ""."""
    if not totals:
        return ""
    return nutrients.unknown_text(totals["magnesium_unknown"], totals["potassium_unknown"])


@register.simple_tag
def calendar_squares(grid: dict) -> str:
    """The calendar's squares, each a link to its day with the value as its text.

    A year is 365 squares per mineral: joined here in one pass rather than 365 runs of a
    template loop (which took most of the trends page's time).  Only the label is text;
    the rest are numbers, class names and URLs that mgk made, so one escape per square.
    """
    size = grid["size"]
    parts = []
    for sq in grid["squares"]:
        label = escape(sq["label"])
        parts.append(
            f'<a href="{escape(sq["url"])}" aria-label="{label}"><rect class="sq {sq["cls"]}" '
            f'x="{sq["x"]}" y="{sq["y"]}" width="{size}" height="{size}" rx="2">'
            f"<title>{label}</title></rect></a>"
        )
    return mark_safe("".join(parts))  # every piece above is escaped or made by mgk


@register.simple_tag
def trend_points(series: dict, which: str = "points") -> str:
    """A trend line's points (``which``: "points", or "lone_points" for the weeks without
    a neighbour), each a circle with its week and value as its title.

    Two years are 208 points: joined in one pass, as the calendar's squares are.
    """
    mineral = series["mineral"]
    return mark_safe(  # the title is escaped; the rest are numbers and a class name
        "".join(
            f'<circle class="point {mineral}" cx="{p["x"]}" cy="{p["y"]}" r="3.5">'
            f"<title>{escape(p['title'])}</title></circle>"
            for p in series[which]
        )
    )
