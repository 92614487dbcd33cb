"""Learn pages: short explanations, each with its own references (primary sources first).

``PAGES`` is the one list of pages: the index, the page view and the links elsewhere in
mgk all read it.  Each page's text lives in ``templates/learn/<slug>.html``.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Value
from django.db.models.functions import Least
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from config.http import HtmxHttpRequest
from foods.models import Food
from foods.nutrients import ADULT_REFERENCE_MG, PER_GRAM, scaled_expr

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
# 0), never supplements or anyone's own foods.  Sweets are left out because their first
# household measure is a baking amount (a cup of molasses or of cocoa powder), not a portion.
TOP = 10
LEFT_OUT_CATEGORIES = ["Sweets"]
MINERALS = ("magnesium", "potassium")
BASES = ("portion", "kcal")
_AMOUNT = DecimalField(max_digits=14, decimal_places=4)


def _amount(mineral: str, basis: str) -> ExpressionWrapper:
    """mg of ``mineral`` in the first household portion, or per 100 kcal (SQL)."""
    if basis == "portion":
        return scaled_expr(f"{mineral}_mg", "first_portion_grams")
    # Dividing by kcal x 0.01 keeps SQLite away from integer division (see PER_GRAM).
    return ExpressionWrapper(
        F(f"{mineral}_mg") / (F("energy_kcal") * Value(PER_GRAM)), output_field=_AMOUNT
    )


def _share(mineral: str) -> ExpressionWrapper:
    """The annotated amount as a fraction of the adult reference intake."""
    return ExpressionWrapper(
        F(f"{mineral}_amount") * Value(Decimal(1) / ADULT_REFERENCE_MG[mineral]),
        output_field=_AMOUNT,
    )


def richest_foods(minerals: tuple[str, ...], basis: str, limit: int = TOP) -> list[Food]:
    """The catalogue foods richest in ``minerals`` per first portion or per 100 kcal.

    With both minerals, foods rank by the smaller of their two shares of the adult
    reference intakes, so a food must carry a fair amount of each to rank high.  One query.
    """
    foods = (
        Food.objects.filter(owner__isnull=True, is_supplement=False, popularity__gte=1)
        .exclude(category__in=LEFT_OUT_CATEGORIES)
        .with_first_portion()
    )
    for mineral in minerals:
        foods = foods.filter(**{f"{mineral}_mg__isnull": False})
    if basis == "portion":
        foods = foods.filter(first_portion_grams__isnull=False)
    else:
        foods = foods.filter(energy_kcal__gt=0)
    foods = foods.annotate(**{f"{m}_amount": _amount(m, basis) for m in MINERALS})
    shares = [_share(m) for m in minerals]
    rank = shares[0] if len(shares) == 1 else Least(*shares)
    return list(foods.alias(rank=rank).order_by(F("rank").desc(), "description")[:limit])


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
