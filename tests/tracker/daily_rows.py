"""Hand-made rows as ``EntryQuerySet.daily()`` returns them, for the pure summary tests."""

from decimal import Decimal as D


def daily_row(mg, k, *, meals=2, entries=None, supp=0, kcal=1800, grams=1000, no_mg=0, no_k=0,
              k_supp=0) -> dict:  # fmt: skip
    return {
        "entries": entries if entries is not None else max(meals, 1),
        "meals": meals,
        "magnesium": None if mg is None else D(mg),
        "potassium": None if k is None else D(k),
        "supplement_magnesium": D(supp),
        "potassium_supplements": k_supp,
        "energy_kcal": D(kcal),
        "total_grams": D(grams),
        "grams_without_magnesium": D(no_mg),
        "grams_without_potassium": D(no_k),
    }
