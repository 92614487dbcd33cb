"""Amount-to-milligram conversion, written once for Python and once for SQL.

Catalogue values are per 100 g of edible portion (USDA convention); everything a person
logs is in grams.  Both helpers below must agree; tests check one against the other.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Value

HUNDRED = Decimal(100)
# Multiplying by 0.01 rather than dividing by 100 matters in SQL: SQLite stores whole
# numbers in NUMERIC columns as integers and would otherwise do integer division.
PER_GRAM = Decimal("0.01")

# Adult reference intakes used on catalogue pages, where we do not know who is reading:
# the highest adult values, i.e. men 31+ for Mg (RDA 420 mg, IOM 1997, NBK545442) and
# men 19+ for K (AI 3,400 mg, NASEM 2019, NBK545430 Table S-1).  Personal targets live
# in tracker.targets.
ADULT_REFERENCE_MG = {"magnesium": Decimal(420), "potassium": Decimal(3400)}


def scale(per_100g: Decimal | None, grams: Decimal) -> Decimal | None:
    """Milligrams in ``grams`` of a food with ``per_100g`` mg per 100 g (None stays None)."""
    if per_100g is None:
        return None
    return (per_100g * grams / HUNDRED).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def scaled_expr(per_100g, grams) -> ExpressionWrapper:
    """The SQL twin of :func:`scale` for use in annotate/aggregate."""
    per_100g = F(per_100g) if isinstance(per_100g, str) else per_100g
    grams = F(grams) if isinstance(grams, str) else grams
    return ExpressionWrapper(
        per_100g * grams * Value(PER_GRAM),
        output_field=DecimalField(max_digits=14, decimal_places=4),
    )


def percent(part: Decimal | None, whole: Decimal | None) -> int | None:
    """Whole-number percentage, or None when either side is unknown or the whole is 0."""
    if part is None or not whole:
        return None
    return int((Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal(1), ROUND_HALF_UP))
