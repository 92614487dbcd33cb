"""Showing intake in milligrams or millimoles (pure).

Blood tests report magnesium and potassium in mmol/L, so some people think in millimoles.
Molar masses: magnesium 24.305 g/mol, potassium 39.098 g/mol (IUPAC standard atomic
weights), so 1 mmol is 24.305 mg of magnesium and 39.098 mg of potassium.  For potassium
1 mmol is also 1 mEq; magnesium carries two charges, so 1 mmol of it is 2 mEq.
"""

from decimal import ROUND_HALF_UP, Decimal

MG, MMOL = "mg", "mmol"
CHOICES = [(MG, "milligrams (mg)"), (MMOL, "millimoles (mmol)")]
MG_PER_MMOL = {"magnesium": Decimal("24.305"), "potassium": Decimal("39.098")}


def convert(mg: Decimal | None, mineral: str, unit: str) -> Decimal | None:
    """``mg`` of ``mineral`` in ``unit``, rounded as mgk shows it (None stays None)."""
    if mg is None:
        return None
    if unit == MMOL:
        return (Decimal(mg) / MG_PER_MMOL[mineral]).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return Decimal(mg).quantize(Decimal(1), ROUND_HALF_UP)


def text(mg: Decimal | None, mineral: str, unit: str) -> str:
    """The number alone, as shown: "312" (mg) or "12.8" (mmol); "?" when unknown."""
    value = convert(mg, mineral, unit)
    return "?" if value is None else f"{value:f}"
