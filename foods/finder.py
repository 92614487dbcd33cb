"""Catalogue search for a person: the index of foods.search, kept per process.

Building the index reads every food once (tens of milliseconds for the full SR Legacy),
so each process keeps it and rebuilds only when the catalogue's version token changes:
one small query per search instead of a scan of every description in SQL.  The category
counts of the food list are kept the same way.
"""

import threading
from dataclasses import dataclass

from foods.models import CatalogueVersion, Food
from foods.search import Index


@dataclass
class Catalogue:
    token: str
    index: Index
    owners: dict[int, int | None]  # food id -> owner (None for the shared catalogue)
    categories: dict[int, str]
    category_counts: list[tuple[str, int]]  # shared catalogue only


_lock = threading.Lock()
_current: Catalogue | None = None


def _build(token: str) -> Catalogue:
    rows = list(Food.objects.values_list("id", "description", "category", "popularity", "owner"))
    counts: dict[str, int] = {}
    for _, _, category, _, owner in rows:
        if owner is None and category:
            counts[category] = counts.get(category, 0) + 1
    return Catalogue(
        token=token,
        index=Index.build(row[:4] for row in rows),
        owners={row[0]: row[4] for row in rows},
        categories={row[0]: row[2] for row in rows},
        category_counts=sorted(counts.items()),
    )


def catalogue() -> Catalogue:
    """The current catalogue's index and counts (one query when nothing changed)."""
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
    cat = cat or catalogue()
    me = user.pk if user is not None and user.is_authenticated else None

    def visible(food_id: int) -> bool:
        owner = cat.owners[food_id]
        if owner is not None and owner != me:
            return False
        return not category or cat.categories[food_id] == category

    return cat.index.rank(query, habits=habits, keep=visible)


# What a list of results shows; the other columns are for the food's own page.
LISTED = (
    "description", "category", "owner", "is_supplement",
    "magnesium_mg", "potassium_mg", "energy_kcal",
)  # fmt: skip


def foods_in_order(ids: list[int], queryset=None) -> list[Food]:
    """The foods with these ids, in this order, in one query."""
    queryset = Food.objects.all() if queryset is None else queryset
    by_id = {food.pk: food for food in queryset.filter(pk__in=ids).only(*LISTED)}
    return [by_id[i] for i in ids if i in by_id]


def top(query: str, user=None, limit: int = 10, *, habits=None, cat=None) -> list[Food]:
    """The best ``limit`` matches as foods: the day page's search."""
    return foods_in_order(find(query, user, habits=habits, cat=cat)[:limit])
