"""Catalogue search for a person: the shared catalogue's index kept per process, and
the person's own foods read for their search.

Building the index reads every shared food once (tens of milliseconds for the full SR
Legacy), so each process keeps it and rebuilds only when the catalogue's version token
changes (database triggers change it with every write to a shared food): one small
query per search instead of a scan of every description in SQL.  A person's own foods
are few; they are read from the database for each of their searches, so creating or
editing one shows at once, in their search only, and costs no one a rebuild.
"""

import threading
from dataclasses import dataclass

from foods.models import RECIPE_CATEGORY, CatalogueVersion, Food
from foods.search import Index, rank

INDEXED = ("id", "description", "category", "popularity", "name")


@dataclass(frozen=True)
class Catalogue:
    token: str
    index: Index  # the shared catalogue (owner NULL) only
    category_counts: list[tuple[str, int]]


_lock = threading.Lock()
_current: Catalogue | None = None


def _build(token: str) -> Catalogue:
    rows = list(Food.objects.filter(owner__isnull=True).order_by("id").values_list(*INDEXED))
    counts: dict[str, int] = {}
    for _, _, category, _, _ in rows:
        if category:
            counts[category] = counts.get(category, 0) + 1
    return Catalogue(token=token, index=Index.build(rows), category_counts=sorted(counts.items()))


def catalogue() -> Catalogue:
    """The shared catalogue's index and counts (one query when nothing changed).

    The token is read before the foods: a write in between makes the next request
    rebuild once more, never keeps an old index under a new token."""
    global _current
    token = CatalogueVersion.current()
    current = _current
    if current is not None and current.token == token:
        return current
    with _lock:
        if _current is None or _current.token != token:
            _current = _build(token)
        return _current


def find(query: str, user=None, *, category: str = "", habits=None, cat=None) -> list[int]:
    """Ids of the foods ``user`` can see that match ``query``, best first.

    ``habits`` ({food id: times logged}) puts the person's usual foods first among
    equally good matches; ``cat``: the catalogue() already read for this request.
    """
    return searcher(user, category=category, cat=cat)(query, habits=habits)


def searcher(user=None, *, category: str = "", cat=None):
    """``find`` for many queries of one person: their own foods are read once (a pasted
    ingredient list searches each of its lines)."""
    cat = cat or catalogue()
    indexes = [cat.index]
    recipes: set[int] = set()
    if user is not None and user.is_authenticated:
        own = Food.objects.filter(owner=user).order_by("id").values_list(*INDEXED)
        if category:
            own = own.filter(category=category)
        rows = list(own)
        if rows:
            indexes.append(Index.build(rows))
        recipes = {row[0] for row in rows if row[2] == RECIPE_CATEGORY}

    def search(query: str, habits=None) -> list[int]:
        # The person's own recipes come first among equally good matches, as if logged
        # once: "lentil soup" is more likely their soup than USDA's canned one.
        if recipes:
            habits = {**dict.fromkeys(recipes, 1), **(habits or {})}
        return rank(query, indexes, habits=habits, category=category)

    return search


# What a list of results shows; the other columns are for the food's own page.
LISTED = (
    "name", "description", "category", "owner", "is_supplement",
    "magnesium_mg", "potassium_mg", "energy_kcal",
)  # fmt: skip
# popularity: which portion a result shows its numbers for (Food.default_portion).
LISTED = (*LISTED, "popularity")


def foods_in_order(ids: list[int], queryset=None) -> list[Food]:
    """The foods with these ids, in this order, in one query."""
    queryset = Food.objects.all() if queryset is None else queryset
    by_id = {food.pk: food for food in queryset.filter(pk__in=ids).only(*LISTED)}
    return [by_id[i] for i in ids if i in by_id]


def top(query: str, user=None, limit: int = 10, *, habits=None, cat=None) -> list[Food]:
    """The best ``limit`` matches as foods: the day page's search."""
    return foods_in_order(find(query, user, habits=habits, cat=cat)[:limit])
