"""A recipe's ingredient lines reviewed: each line's food (found with the day page's
search), its grams and its minerals, and what is wrong with it if anything.

A constant number of queries for any number of lines: the person's own foods are read
once for all the searches (foods.finder.searcher), then every candidate food and its
portions in two queries.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import prefetch_related_objects

from foods import finder
from foods.ingredients import Amount, Line, grams_for, parse_line
from foods.models import Food
from tracker.models import recipe_graph, would_cycle

CANDIDATES = 5


@dataclass
class ReviewLine:
    text: str
    food: Food | None = None
    candidates: list[Food] = field(default_factory=list)
    amount: Amount | None = None
    problem: str = ""
    needs_grams: bool = False  # a food, but no amount the words say: its grams come next

    @property
    def minerals(self) -> dict:
        if self.food is None or self.amount is None:
            return {"magnesium": None, "potassium": None}
        return self.food.minerals_for(self.amount.grams)


def _queries(line: Line) -> list[str]:
    """What to search for a line, most precise first: its words, the part before a comma,
    then its last and first words alone ("wholemeal bread" is bread at least)."""
    words = line.search_words
    head = Line(line.text, None, "", line.name.split(",")[0]).search_words
    parts = words.split()
    tried = [words, head]
    if len(parts) > 1:
        tried += [parts[-1], parts[0]]
    return list(dict.fromkeys(q for q in tried if q))


class Reviewer:
    """Reviews lines for one person's recipe (``recipe_food``: its food, None if new)."""

    def __init__(self, user, recipe_food: int | None = None):
        self.user = user
        self.recipe_food = recipe_food
        self.search = finder.searcher(user)
        self.graph = recipe_graph(user.pk)
        # Supplements are not ingredients; the few there are, read once.
        self.refused = set(
            Food.objects.visible_to(user).filter(is_supplement=True).values_list("id", flat=True)
        )
        if recipe_food is not None:
            self.refused.add(recipe_food)

    def allowed(self, food_id: int) -> bool:
        return food_id not in self.refused and not would_cycle(
            self.graph, self.recipe_food, food_id
        )

    def _found(self, line: Line | None) -> list[int]:
        if line is None or not line.name:
            return []
        for query in _queries(line):
            ids = [i for i in self.search(query) if self.allowed(i)]
            if ids:
                return ids[:CANDIDATES]
        return []

    def review(self, rows: list[dict]) -> list[ReviewLine]:
        """``rows``: {text, food (id or None), grams (or None), portion_label, quantity,
        rematch}.  A row to ``rematch`` takes the best food for its text and the amount the
        text says; any other keeps its food (none is a problem to fix, never a silent
        guess) and, when given, its grams."""
        parsed = [parse_line(row["text"]) for row in rows]
        found = [self._found(line) for line in parsed]
        wanted = {i for ids in found for i in ids}
        wanted |= {row["food"] for row in rows if row.get("food")}
        foods = {
            f.pk: f
            for f in Food.objects.visible_to(self.user).filter(pk__in=wanted, is_supplement=False)
        }
        prefetch_related_objects(list(foods.values()), "portions")
        out = []
        for row, line, ids in zip(rows, parsed, found, strict=True):
            review = ReviewLine(text=row["text"], candidates=[foods[i] for i in ids if i in foods])
            chosen = None if row.get("rematch") else row.get("food")
            if chosen is not None and (chosen not in foods or not self.allowed(chosen)):
                review.problem = "That food cannot be used here; pick another."
                out.append(review)
                continue
            if row.get("rematch"):
                review.food = review.candidates[0] if review.candidates else None
            else:
                review.food = foods.get(chosen) if chosen else None
            if review.food is not None and review.food not in review.candidates:
                review.candidates.insert(0, review.food)
            if review.food is None:
                review.problem = (
                    "No food found for this line: change its words or remove it."
                    if row.get("rematch") or not review.candidates
                    else "Pick a food for this line, or remove it."
                )
            elif not row.get("rematch") and row.get("grams"):
                review.amount = Amount(
                    grams=row["grams"],
                    portion_label=row.get("portion_label", ""),
                    quantity=row.get("quantity"),
                )
            else:
                portions = [(p.label, p.grams) for p in review.food.portions.all()]
                review.amount = grams_for(line, portions) if line else None
                if review.amount is None:
                    review.problem = "Give the amount in grams: mgk could not read it."
                    review.needs_grams = True
                elif review.amount.grams > Decimal(20_000):
                    review.amount, review.problem = None, "That is over 20 kg; check the amount."
            out.append(review)
        return out
