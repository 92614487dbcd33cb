"""Which catalogue foods mgk may put forward: in the notes' suggestions and the learn
pages' tables.  A dietitian's review asked for foods eaten as they are described.

Each rule is data, read into one ``Q`` (``not_suggested()``), so the database filters and
a test can name the foods each rule keeps out.  The catalogue itself keeps every food:
a person may still find and log any of them.
"""

from django.db.models import Q

# Eaten by the spoonful or as flavouring, not a way to eat more of a mineral.
FLAVOURING_CATEGORIES = ("Sweets", "Spices and Herbs", "Fats and Oils", "Beverages")

# Foods most people cannot buy: regional and traditional foods, game.
REGIONAL_CATEGORIES = ("American Indian/Alaska Native Foods",)
REGIONAL_HEADS = (
    "Game meat",
    "Seeds, breadfruit",
    "Seeds, breadnut",
    "Seeds, lotus",
    "Nuts, acorns",
    "Nuts, ginkgo",
    "Mollusks, snail",
    "Mollusks, conch",
    "Fish, cusk",
    "Fish, scup",
    "Fish, spot",
    "Fish, ling",
    "Guavas, strawberry",
    "Melons, casaba",
)

# Meat, fish and eggs are eaten cooked: their raw entries are a measure, not a meal.
COOKED_CATEGORIES = (
    "Beef Products",
    "Pork Products",
    "Poultry Products",
    "Lamb, Veal, and Game Products",
    "Finfish and Shellfish Products",
    "Sausages and Luncheon Meats",
)
# Plant foods eaten cooked, whose raw or dry entries weigh them before cooking (a cup of
# raw soybeans or dry lentils is not what anyone eats).  Oats are measured dry on purpose
# (their portion says "about 1 cup cooked").
COOKED_HEADS = (
    "Beans",
    "Lentils",
    "Soybeans",
    "Peas, mature",
    "Chickpeas",
    "Peanuts",
    "Rice",
    "Wild rice",
    "Millet",
    "Barley",
    "Quinoa",
    "Amaranth",
    "Buckwheat",
    "Bulgur",
    "Couscous",
    "Pasta",
    "Spaghetti",
    "Noodles",
    "Potatoes",
    "Squash, winter",
    "Pumpkin,",
    "Parsnips",
    "Artichokes",
    "Eggplant",
    "Okra",
    "Egg,",
)
# "raw", "dry" or "uncooked" as a segment of the description ("Lentils, raw"; "Couscous,
# dry"; "Quinoa, uncooked"), not inside a word ("strawberry") or "dry roasted".
RAW_OR_DRY = r"(^|, )(raw|dry|uncooked)(,|$| \()"

# Named by the review: cooking liquids; Brazil nuts (one ounce holds more selenium than
# the adult upper limit, NIH ODS selenium fact sheet); sun-dried tomatoes, measured by
# the cup.
LEFT_OUT_HEADS = ("Beans, liquid from", "Nuts, brazilnuts", "Tomatoes, sun-dried")

# Under 4 years whole nuts and seeds are a choking risk (American Academy of Pediatrics,
# "Choking prevention"; CDC, "Choking hazards"); seaweed can carry far more iodine than
# a child's upper limit (NIH ODS iodine fact sheet).
YOUNG_CHILD_MONTHS = 48
CHILD_MONTHS = 14 * 12
YOUNG_CHILD_CATEGORIES = ("Nut and Seed Products",)
CHILD_HEADS = ("Seaweed",)


def _heads(heads) -> Q:
    q = Q()
    for head in heads:
        q |= Q(description__istartswith=head)
    return q


def not_suggested(age_months: int | None = None) -> Q:
    """The foods never put forward (for a child of ``age_months``, a few more)."""
    q = (
        Q(category__in=FLAVOURING_CATEGORIES + REGIONAL_CATEGORIES)
        | _heads(REGIONAL_HEADS + LEFT_OUT_HEADS)
        | (
            (Q(category__in=COOKED_CATEGORIES) | _heads(COOKED_HEADS))
            & Q(description__iregex=RAW_OR_DRY)
        )
    )
    if age_months is not None and age_months < CHILD_MONTHS:
        q |= _heads(CHILD_HEADS)
        if age_months < YOUNG_CHILD_MONTHS:
            q |= Q(category__in=YOUNG_CHILD_CATEGORIES) | Q(description__istartswith="Peanut")
    return q
