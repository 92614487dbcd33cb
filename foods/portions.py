"""USDA's household measures as people say them.  Pure functions, no database.

SR Legacy writes a measure as a record, not as speech: '1 medium (7" to 7-7/8" long)',
"1 serving 1 cup", "0.5 cup", "3 cookie", "2 biscuits (1 NLEA serving)".  ``spoken``
keeps what a person would say ("1 medium", "1 cup", "1/2 cup", "3 cookies", "2 biscuits")
and ``with_weight`` adds the weight once: "1 medium (118 g)".  The stored label is never
changed, so entries logged with it keep matching their portion.
"""

import re
from decimal import Decimal

# A parenthesis that measures the piece in inches, names brands or says what USDA
# included: '(2-5/8" dia)', '(include Archway brand)', '(1 NLEA serving)'.
_RECORD_NOTE = re.compile(
    r"""\s*\([^()]*(?:"|\bdia\b|\blong\b|\bhigh\b|\binclude|\bNLEA\b|\byield|\bapprox|"""
    r"""\bbrand|\bx\b)[^()]*\)""",
    re.IGNORECASE,
)
# "1 serving 1 cup" and "1 serving 8 fl oz": the serving is the measure that follows.
_SERVING_OF = re.compile(r"^1 serving,? (?=\d)", re.IGNORECASE)
# "2 crackers 1 serving", "5 cookie 1 serving": the count is the serving.
_COUNT_SERVING = re.compile(r"^(\d+ [a-z]+),? 1 serving$", re.IGNORECASE)
_NLEA = re.compile(r"\bNLEA serving\b", re.IGNORECASE)
_LEADING_AMOUNT = re.compile(r"^(\d+(?:\.\d+)?)\b")
# Half, a third, a quarter: what people say instead of 0.5, 0.33 or 0.25.
FRACTIONS = {
    "0.5": "1/2", "0.25": "1/4", "0.75": "3/4", "0.33": "1/3", "0.333": "1/3",
    "0.67": "2/3", "0.667": "2/3", "0.125": "1/8", "1.5": "1 1/2",
}  # fmt: skip
# Things counted in USDA's measures whose plural it leaves out ("3 cookie", "10 strip").
_COUNTED = {"cookie", "cracker", "strip", "piece", "slice", "cake", "wafer", "link", "patty"}


def spoken(label: str) -> str:
    """The measure as a person says it: '1 medium (7" to 7-7/8" long)' -> "1 medium"."""
    text = _RECORD_NOTE.sub("", label)
    text = _NLEA.sub("serving", text)
    text = _SERVING_OF.sub("", text)
    text = _COUNT_SERVING.sub(r"\1", text)
    text = _LEADING_AMOUNT.sub(lambda m: FRACTIONS.get(m.group(1), m.group(1)), text)
    parts = text.split(" ", 2)
    if len(parts) >= 2 and parts[0].isdigit() and int(parts[0]) > 1 and parts[1] in _COUNTED:
        parts[1] = "patties" if parts[1] == "patty" else parts[1] + "s"
        text = " ".join(parts)
    text = re.sub(r"\s+", " ", text).strip(" ,")
    return text or label


def grams_text(grams: Decimal) -> str:
    """A weight as people write it: 118 g, 28.35 g, 0.5 g (no trailing zeros)."""
    value = Decimal(grams).normalize()
    return f"{value.quantize(Decimal(1)) if value == value.to_integral() else value:f} g"


def with_weight(label: str, grams: Decimal) -> str:
    """The measure and its weight, once: "1 medium (118 g)", "1 cup, chopped (160 g)"."""
    return f"{spoken(label)} ({grams_text(grams)})"
