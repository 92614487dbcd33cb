"""Learn pages: short explanations, each with its own references (primary sources first).

``PAGES`` is the one list of pages: the index, the page view and the links elsewhere in
mgk all read it.  Each page's text lives in ``templates/learn/<slug>.html``.
"""

from dataclasses import dataclass
from datetime import date

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from config.http import HtmxHttpRequest
from foods.models import Food

REVIEWED = date(2026, 11, 25)

# Slugs other pages link to (notes, the day page, the profile).
WHY_TOGETHER = "why-together"
STUBBORN_LOW_POTASSIUM = "stubborn-low-potassium"
FOOD_SOURCES = "food-sources"
SUPPLEMENTS_AND_KIDNEYS = "supplements-and-kidneys"
REFERENCE_INTAKES = "reference-intakes"
READING_YOUR_NUMBERS = "reading-your-numbers"
WHEN_TO_SEE_SOMEONE = "when-to-see-someone"


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    summary: str
    last_reviewed: date = REVIEWED


PAGES: dict[str, Page] = {
    page.slug: page
    for page in [
        Page(
            WHY_TOGETHER,
            "Why magnesium and potassium belong together",
            "Cells need magnesium to hold on to potassium, and low magnesium can make the "
            "kidneys lose potassium.",
        ),
        Page(
            STUBBORN_LOW_POTASSIUM,
            "Potassium that will not come up until magnesium is replaced",
            "Why doctors check magnesium when low potassium is hard to correct.",
        ),
        Page(
            FOOD_SOURCES,
            "Food sources of magnesium and potassium",
            "Which foods in mgk's catalogue carry the most of each mineral, and of both.",
        ),
        Page(
            SUPPLEMENTS_AND_KIDNEYS,
            "Supplements, kidneys and medicines",
            "The magnesium upper limits, hidden sources such as salt substitutes, and the "
            "medicines that change these minerals.",
        ),
        Page(
            REFERENCE_INTAKES,
            "What the targets mean",
            "What an RDA, an AI, an EAR and a UL are, who set them, and when they do not apply.",
        ),
        Page(
            READING_YOUR_NUMBERS,
            "Reading your numbers",
            "What a food log can tell you, and what it cannot.",
        ),
        Page(
            WHEN_TO_SEE_SOMEONE,
            "When to see someone",
            "Signs that need a doctor or nurse, and when to get help at once.",
        ),
    ]
}

# The food tables: how many rows, and which foods take part.  Only the shared everyday
# catalogue counts (popularity 1 or more; a full USDA import adds many obscure entries at
# 0), never supplements or anyone's own foods, and only foods the notes may suggest
# (``Food.objects.suggestable``: no sweets or flavourings, no raw forms of foods eaten
# cooked, no cooking liquids, no regional foods, no Brazil nuts).
TOP = 10
PORTION_MAX_KCAL = 300  # a "portion" holding more is a household measure, not a serving
MINERALS = ("magnesium", "potassium")
BASES = ("portion", "kcal")


def richest_foods(minerals: tuple[str, ...], basis: str, limit: int = TOP) -> list[Food]:
    """The catalogue foods richest in ``minerals`` per typical portion or per 100 kcal.
    One query; the ranking is the catalogue's own (``FoodQuerySet.richest``)."""
    foods = Food.objects.suggestable().filter(popularity__gte=1)
    foods = foods.with_amounts(basis, max_kcal=PORTION_MAX_KCAL)
    return list(foods.richest(minerals)[:limit])


def food_tables() -> dict[str, dict[str, list[Food]]]:
    """Six small tables: each mineral and both, per portion and per 100 kcal (six queries)."""
    groups = {"magnesium": ("magnesium",), "potassium": ("potassium",), "both": MINERALS}
    return {
        name: {basis: richest_foods(minerals, basis) for basis in BASES}
        for name, minerals in groups.items()
    }


# Pages whose template needs more than the registry entry.
_EXTRA_CONTEXT = {FOOD_SOURCES: lambda: {"tables": food_tables()}}


@require_GET
def index(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "learn/index.html", {"pages": PAGES.values()})


@require_GET
def page(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    entry = PAGES.get(slug)
    if entry is None:
        raise Http404("No such page")
    context = {"page": entry, "pages": PAGES.values()}
    if slug in _EXTRA_CONTEXT:
        context.update(_EXTRA_CONTEXT[slug]())
    return render(request, f"learn/{slug}.html", context)
