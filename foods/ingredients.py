"""Reading a pasted ingredient list, one ingredient a line, as people write them.

Pure functions, no database: ``parse_line`` splits "1 1/2 cups milk" into an amount, a
unit and the words that name the food; ``grams_for`` turns that amount into grams with a
food's own household portions ("1 cup" = 244 g) or, for weights, by arithmetic.  Which
food the words name is the catalogue search's business (foods.finder).
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MAX_LINE = 200

# Weights: grams in one unit.
WEIGHTS = {
    "g": Decimal(1), "gram": Decimal(1), "grams": Decimal(1), "gr": Decimal(1),
    "kg": Decimal(1000), "kilo": Decimal(1000), "kilos": Decimal(1000),
    "kilogram": Decimal(1000), "kilograms": Decimal(1000),
    "mg": Decimal("0.001"),
    "oz": Decimal("28.3495"), "ounce": Decimal("28.3495"), "ounces": Decimal("28.3495"),
    "lb": Decimal("453.592"), "lbs": Decimal("453.592"), "pound": Decimal("453.592"),
    "pounds": Decimal("453.592"),
}  # fmt: skip

# Volumes: millilitres in one unit (US cup and spoons, as USDA's portions are).
VOLUMES = {
    "ml": Decimal(1), "millilitre": Decimal(1), "milliliter": Decimal(1),
    "millilitres": Decimal(1), "milliliters": Decimal(1),
    "cl": Decimal(10), "dl": Decimal(100),
    "l": Decimal(1000), "litre": Decimal(1000), "liter": Decimal(1000),
    "litres": Decimal(1000), "liters": Decimal(1000),
    "cup": Decimal("236.588"), "cups": Decimal("236.588"), "c": Decimal("236.588"),
    "tbsp": Decimal("14.787"), "tbs": Decimal("14.787"), "tbsps": Decimal("14.787"),
    "tablespoon": Decimal("14.787"), "tablespoons": Decimal("14.787"),
    "tsp": Decimal("4.929"), "tsps": Decimal("4.929"), "teaspoon": Decimal("4.929"),
    "teaspoons": Decimal("4.929"),
    "floz": Decimal("29.574"), "pint": Decimal("473.176"), "pints": Decimal("473.176"),
    "quart": Decimal("946.353"), "quarts": Decimal("946.353"),
}  # fmt: skip

# The word a volume unit has in USDA's portion labels.
VOLUME_WORD = {
    "cup": "cup", "cups": "cup", "c": "cup",
    "tbsp": "tbsp", "tbs": "tbsp", "tbsps": "tbsp", "tablespoon": "tbsp", "tablespoons": "tbsp",
    "tsp": "tsp", "tsps": "tsp", "teaspoon": "tsp", "teaspoons": "tsp",
    "l": "liter", "litre": "liter", "liter": "liter", "litres": "liter", "liters": "liter",
    "floz": "fl oz", "pint": "pint", "pints": "pint", "quart": "quart", "quarts": "quart",
}  # fmt: skip

# Counted units: a portion whose label has this word ("1 clove", "1 slice", "1 medium").
COUNTS = {
    "clove": "clove", "cloves": "clove", "slice": "slice", "slices": "slice",
    "piece": "piece", "pieces": "piece", "stalk": "stalk", "stalks": "stalk",
    "leaf": "leaf", "leaves": "leaf", "can": "can", "cans": "can", "tin": "can",
    "tins": "can", "head": "head", "heads": "head", "bunch": "bunch", "bunches": "bunch",
    "fillet": "fillet", "fillets": "fillet", "sprig": "sprig", "sprigs": "sprig",
    "small": "small", "medium": "medium", "large": "large", "extra-large": "extra large",
    "jumbo": "jumbo", "whole": "", "egg": "", "handful": "", "pinch": "dash", "dash": "dash",
    "package": "package", "packet": "packet", "scoop": "scoop", "bar": "bar",
}  # fmt: skip

FRACTIONS = {
    "½": "1/2", "⅓": "1/3", "⅔": "2/3", "¼": "1/4", "¾": "3/4", "⅕": "1/5", "⅖": "2/5",
    "⅗": "3/5", "⅘": "4/5", "⅙": "1/6", "⅚": "5/6", "⅛": "1/8", "⅜": "3/8", "⅝": "5/8",
    "⅞": "7/8",
}  # fmt: skip
WORD_NUMBERS = {
    "a": Decimal(1), "an": Decimal(1), "one": Decimal(1), "two": Decimal(2),
    "three": Decimal(3), "four": Decimal(4), "five": Decimal(5), "six": Decimal(6),
    "half": Decimal("0.5"), "a half": Decimal("0.5"), "dozen": Decimal(12),
}  # fmt: skip

_NUMBER = r"(?:\d+(?:[.,]\d+)?|\.\d+)"
# "1 1/2", "1/2", "1.5", "1,5", "2-3" (a range: its middle), "2 x".
_AMOUNT = re.compile(
    rf"^(?P<whole>\d+)\s+(?P<num>\d+)/(?P<den>\d+)(?!\d)"
    rf"|^(?P<fnum>\d+)/(?P<fden>\d+)"
    rf"|^(?P<low>{_NUMBER})\s*(?:-|–|to)\s*(?P<high>{_NUMBER})(?![\d/])"
    rf"|^(?P<dec>{_NUMBER})"
)
_LEAD = re.compile(r"^[\s\-–•*·]+|^\d+[.)]\s+(?=\d)")  # bullets, "1) 400 g ..."
_WORD = re.compile(r"[a-z][a-z\-]*\.?")
# Words that describe how a food is cut or measured, not which food it is.
FILLER = {
    "of", "chopped", "diced", "sliced", "minced", "grated", "crushed", "fresh", "freshly",
    "finely", "roughly", "peeled", "heaped", "heaping", "level", "about", "approx",
    "approximately", "for", "serving", "to", "taste", "optional", "or", "and", "a",
    "the", "some", "shredded", "cubed", "halved", "quartered", "trimmed", "rinsed",
    "drained", "packed", "firmly", "loosely", "plus", "extra", "more", "x", "tin", "tins",
    "can", "cans",
}  # fmt: skip


@dataclass(frozen=True)
class Line:
    """One pasted line read: ``quantity`` of ``unit`` (a key of WEIGHTS, VOLUMES or
    COUNTS; "" for a bare count such as "2 bananas") of the food named by ``name``.
    ``quantity`` is None when the line gives no amount."""

    text: str
    quantity: Decimal | None
    unit: str
    name: str

    @property
    def search_words(self) -> str:
        """The name without the words that describe cutting or measuring."""
        kept = [w for w in re.findall(r"[^\s,()]+", self.name.lower()) if w not in FILLER]
        return " ".join(kept) or self.name


def _fraction(num: str, den: str) -> Decimal | None:
    if int(den) == 0:
        return None
    return Decimal(num) / Decimal(den)


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def read_amount(text: str) -> tuple[Decimal | None, str]:
    """The amount at the start of ``text`` and the rest: ("1 1/2 cups milk") ->
    (1.5, "cups milk").  None when the text starts with no amount."""
    for glyph, plain in FRACTIONS.items():
        # "1½" is "1 1/2"; a lone "½" is "1/2".
        text = re.sub(rf"(\d)\s*{glyph}", rf"\1 {plain}", text).replace(glyph, plain)
    lowered = text.lower()
    for word in sorted(WORD_NUMBERS, key=len, reverse=True):
        if re.match(rf"{word}\b", lowered):
            rest = text[len(word) :].lstrip()
            if word in ("a", "an") and not rest:
                return None, text
            if word == "half":  # "half a cup"
                rest = re.sub(r"^an?\s+", "", rest)
            return WORD_NUMBERS[word], rest
    match = _AMOUNT.match(text)
    if not match:
        return None, text
    rest = text[match.end() :].lstrip()
    try:
        if match["whole"]:
            part = _fraction(match["num"], match["den"])
            value = None if part is None else Decimal(match["whole"]) + part
        elif match["fnum"]:
            value = _fraction(match["fnum"], match["fden"])
        elif match["low"]:
            value = (_decimal(match["low"]) + _decimal(match["high"])) / 2
        else:
            value = _decimal(match["dec"])
    except InvalidOperation:
        value = None
    if rest[:2].lower() in ("x ", "× "):  # "2 x 400 g tins"
        inner, after = read_amount(rest[2:].lstrip())
        if inner is not None and value is not None:
            return value * inner, after
    return value, rest


def parse_line(text: str) -> Line | None:
    """One pasted line read; None for a blank line or a heading ("For the soup:")."""
    text = " ".join(text.split())[:MAX_LINE]
    text = _LEAD.sub("", text).strip()
    if not text or (text.endswith(":") and not any(ch.isdigit() for ch in text)):
        return None
    quantity, rest = read_amount(text)
    unit = ""
    match = _WORD.match(rest.lower())
    # "250ml" and "2 tbsp." alike: a unit is a known word right after the amount.
    if quantity is not None:
        joined = re.match(r"fl\.?\s*oz\.?\b", rest.lower())
        if joined:
            unit, rest = "floz", rest[joined.end() :]
        elif match:
            word = match.group().rstrip(".")
            if word in WEIGHTS or word in VOLUMES or word in COUNTS:
                unit, rest = word, rest[match.end() :]
    name = rest.strip(" ,.-").strip()
    if name.lower().startswith("of "):
        name = name[3:]
    if unit in ("small", "medium", "large", "extra-large", "jumbo") and not name:
        name, unit = unit, ""
    if not name:
        return None if quantity is None else Line(text, quantity, unit, "")
    return Line(text, quantity, unit, name)


def _label_amount(label: str) -> Decimal:
    """How many units a portion label counts ("0.5 cup" -> 0.5, "1 cup" -> 1)."""
    amount, _ = read_amount(label)
    return amount if amount and amount > 0 else Decimal(1)


def _portion_with(word: str, portions: list[tuple[str, Decimal]]):
    """The portion whose label has ``word`` as a word, (label, grams): best one that
    counts one of them and names it first ("1 large" before "1 extra large", "1 cup"
    before "0.5 cup"), else the food's first such."""
    pattern = re.compile(rf"(?<![a-z]){re.escape(word)}(?![a-z])")
    found = []
    for position, (label, grams) in enumerate(portions):
        lowered = label.lower()
        if pattern.search(lowered):
            amount, rest = read_amount(lowered)
            found.append(((amount != 1, not rest.startswith(word), position), (label, grams)))
    return min(found)[1] if found else None


@dataclass(frozen=True)
class Amount:
    """What a line's amount is for one food: ``grams``, and the portion it was read with
    (``portion_label``, ``quantity`` of it) when there is one; ``assumed`` says a guess
    was made (a millilitre of a food with no volume portion weighed as water)."""

    grams: Decimal
    portion_label: str = ""
    quantity: Decimal | None = None
    assumed: str = ""


def _amount(grams: Decimal, **more) -> Amount:
    return Amount(grams=grams.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), **more)


def _by_portion(quantity: Decimal, label: str, grams: Decimal) -> Amount:
    """``quantity`` units counted with a portion: "2 tbsp" of a food whose portion is
    "2 tbsp" = 32 g is one such portion, 32 g."""
    count = quantity / _label_amount(label)
    return _amount(
        count * grams,
        portion_label=label,
        quantity=count.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP),
    )


def grams_for(line: Line, portions: list[tuple[str, Decimal]]) -> Amount | None:
    """The grams a line's amount stands for with a food's ``portions`` ([(label, grams)],
    the food's own order); None when it cannot be told (a "clove" of a food with no such
    portion)."""
    quantity = line.quantity
    if quantity is None or quantity <= 0 or not quantity.is_finite():
        return None
    unit = line.unit
    if unit in WEIGHTS:
        return _amount(quantity * WEIGHTS[unit])
    if unit in VOLUMES:
        word = VOLUME_WORD.get(unit)
        found = _portion_with(word, portions) if word else None
        if found:
            return _by_portion(quantity, *found)
        millilitres = quantity * VOLUMES[unit]
        # Any volume portion gives the food's density; "1 cup" is the usual one.
        for other, each_ml in (
            ("cup", VOLUMES["cup"]),
            ("tbsp", VOLUMES["tbsp"]),
            ("fl oz", VOLUMES["floz"]),
        ):
            found = _portion_with(other, portions)
            if found:
                label, grams = found
                density = grams / _label_amount(label) / each_ml
                return _amount(millilitres * density)
        return _amount(millilitres, assumed="weighed as water: 1 ml = 1 g")
    word = COUNTS.get(unit, "") if unit else ""
    if word:
        found = _portion_with(word, portions)
        if found:
            label, grams = found
            return Amount(
                grams=quantity * grams / _label_amount(label),
                portion_label=label,
                quantity=quantity,
            )
        return None
    # A bare count ("2 bananas", "1 onion"): the medium one, else the food's first portion
    # that is not a volume or a weight.
    found = _portion_with("medium", portions)
    if not found:
        countable = [
            (label, grams)
            for label, grams in portions
            if not any(re.search(rf"\b{w}\b", label.lower()) for w in ("cup", "tbsp", "tsp", "oz"))
        ]
        found = countable[0] if countable else None
    return _by_portion(quantity, *found) if found else None
