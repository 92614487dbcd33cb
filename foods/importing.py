"""Catalogue records and the one place that writes them: parse first, then upsert.

Both the default catalogue (``foods.catalogue``) and FoodData Central downloads
(``foods.fdc``) turn their rows into :class:`FoodRecord` values; :func:`upsert` writes them
in one transaction, compares with what is stored, and reports created/updated/unchanged.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction

from foods.models import (
    MAX_KCAL_PER_100G,
    MAX_MINERAL_PER_100G,
    MAX_SODIUM_PER_100G,
    NAME_MAX_LENGTH,
    Food,
    Portion,
)

NUTRIENT_FIELDS = ("magnesium_mg", "potassium_mg", "energy_kcal", "sodium_mg")
LIMITS = {
    "magnesium_mg": MAX_MINERAL_PER_100G,
    "potassium_mg": MAX_MINERAL_PER_100G,
    "energy_kcal": MAX_KCAL_PER_100G,
    "sodium_mg": MAX_SODIUM_PER_100G,
}
BATCH = 500


class RowError(ValueError):
    """A value that cannot be read; the caller adds the file name and line."""


def parse_decimal(text: str, what: str, *, blank_ok: bool = True) -> Decimal | None:
    """'79' / '0.5' / '' -> Decimal or None.  Anything else is a RowError."""
    text = (text or "").strip()
    if not text:
        if blank_ok:
            return None
        raise RowError(f"{what} is empty")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise RowError(f"{what} {text!r} is not a number") from None
    if not value.is_finite():
        raise RowError(f"{what} {text!r} is not a number")
    if value < 0:
        raise RowError(f"{what} {text!r} is negative")
    return value


@dataclass(frozen=True)
class PortionRecord:
    seq: int
    label: str
    grams: Decimal


@dataclass
class FoodRecord:
    source: str
    source_id: str
    description: str
    category: str = ""
    magnesium_mg: Decimal | None = None
    potassium_mg: Decimal | None = None
    energy_kcal: Decimal | None = None
    sodium_mg: Decimal | None = None
    is_supplement: bool = False
    # None leaves a stored food's popularity alone (an FDC import must not demote staples).
    popularity: int | None = None
    # Our everyday name; None leaves a stored name alone (USDA downloads have none).
    name: str | None = None
    portions: list[PortionRecord] = field(default_factory=list)

    def sanity_problem(self) -> str | None:
        """Why this record should not enter the catalogue, or None if it may."""
        if not self.description.strip():
            return "no description"
        if self.magnesium_mg is None and self.potassium_mg is None:
            return "neither magnesium nor potassium known"
        for name in NUTRIENT_FIELDS:
            value = getattr(self, name)
            if value is not None and value > LIMITS[name]:
                return f"implausible {name.replace('_', ' ')}"
        return None


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    portions_written: int = 0
    skipped: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        out = [
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{sum(self.skipped.values())} skipped; {self.portions_written} portions written."
        ]
        out += [f"  skipped {n}: {why}" for why, n in self.skipped.most_common()]
        return out


def _food_values(record: FoodRecord) -> dict:
    values = {
        "description": record.description[:255],
        "category": record.category[:100],
        "is_supplement": record.is_supplement,
        **{name: getattr(record, name) for name in NUTRIENT_FIELDS},
    }
    if record.popularity is not None:
        values["popularity"] = record.popularity
    if record.name is not None:
        values["name"] = record.name[:NAME_MAX_LENGTH]
    return values


def _stored_values(food: Food, keys: Iterable[str]) -> dict:
    return {key: getattr(food, key) for key in keys}


def _same(a: dict, b: dict) -> bool:
    # Decimal("79") == Decimal("79.00"), so stored and parsed values compare by value.
    return all(a[key] == b[key] for key in a)


def upsert(
    records: list[FoodRecord],
    *,
    progress: Callable[[int, int], None] | None = None,
    summary: Summary | None = None,
) -> Summary:
    """Create or update ``records`` keyed by (source, source_id), portions included.

    One transaction: a failure anywhere leaves the catalogue as it was.  Rows whose values
    already match are not written, so loading the same file twice changes nothing.
    """
    summary = summary or Summary()
    kept: list[FoodRecord] = []
    for record in records:
        problem = record.sanity_problem()
        if problem:
            summary.skipped[problem] += 1
        else:
            kept.append(record)

    with transaction.atomic():
        for start in range(0, len(kept), BATCH):
            _upsert_batch(kept[start : start + BATCH], summary)
            if progress:
                progress(min(start + BATCH, len(kept)), len(kept))
    return summary


def _upsert_batch(batch: list[FoodRecord], summary: Summary) -> None:
    by_key = {(r.source, r.source_id): r for r in batch}
    existing: dict[tuple, Food] = {}
    for source in {r.source for r in batch}:
        ids = [r.source_id for r in batch if r.source == source]
        for food in Food.objects.filter(source=source, source_id__in=ids):
            existing[(food.source, food.source_id)] = food

    to_create, to_update = [], []
    for key, record in by_key.items():
        values = _food_values(record)
        food = existing.get(key)
        if food is None:
            food = Food(source=record.source, source_id=record.source_id, **values)
            to_create.append(food)
            summary.created += 1
        elif not _same(values, _stored_values(food, values)):
            for name, value in values.items():
                setattr(food, name, value)
            to_update.append(food)
            summary.updated += 1
        else:
            summary.unchanged += 1

    Food.objects.bulk_create(to_create)
    if to_update:
        fields = set()
        for record in batch:
            fields.update(_food_values(record))
        Food.objects.bulk_update(to_update, sorted(fields))

    # SQLite does not hand back primary keys from bulk_create; read them once per batch.
    food_ids = {
        (source, source_id): pk
        for source, source_id, pk in Food.objects.filter(
            source__in={k[0] for k in by_key}, source_id__in=[k[1] for k in by_key]
        ).values_list("source", "source_id", "id")
    }
    # The default catalogue curates its foods' portions (the first is what a person eats
    # at once); a USDA import updates their values but leaves those portions alone.
    curated = {key for key, food in existing.items() if food.popularity >= 1}
    _sync_portions(
        {
            key: record
            for key, record in by_key.items()
            if not (key in curated and record.popularity is None)
        },
        food_ids,
        summary,
    )


def _sync_portions(by_key: dict, food_ids: dict, summary: Summary) -> None:
    """Make each food's sourced portions (those with a seq) match the records, in the
    records' order.  A stored portion is matched by its label, not its place: when the
    order changes, its row moves, and the entries logged with it keep their amount."""
    wanted = {food_ids[key]: record.portions for key, record in by_key.items()}
    stored: dict[tuple, Portion] = {}
    for portion in Portion.objects.filter(food_id__in=wanted, seq__isnull=False).order_by(
        "food_id", "seq"
    ):
        stored[_portion_key(stored, portion.food_id, portion.label)] = portion
    wanted_keys: dict[tuple, PortionRecord] = {}
    for food_id, records in wanted.items():
        for record in records:
            wanted_keys[_portion_key(wanted_keys, food_id, record.label)] = record
    stale = [p.pk for key, p in stored.items() if key not in wanted_keys]
    if stale:
        Portion.objects.filter(pk__in=stale).delete()
        summary.portions_written += len(stale)
    new, changed = [], []
    for key, record in wanted_keys.items():
        current = stored.get(key)
        if current is None:
            new.append(
                Portion(food_id=key[0], seq=record.seq, label=record.label, grams=record.grams)
            )
        elif current.seq != record.seq or current.grams != record.grams:
            current.seq, current.grams = record.seq, record.grams
            changed.append(current)
    if changed:
        # (food, seq) is unique: free the old places before taking the new ones.
        Portion.objects.filter(pk__in=[p.pk for p in changed]).update(seq=None)
        Portion.objects.bulk_update(changed, ["seq", "grams"])
    Portion.objects.bulk_create(new)
    summary.portions_written += len(new) + len(changed)


def _portion_key(seen: dict, food_id: int, label: str) -> tuple:
    """(food, label, n): the n-th portion of that label, as USDA repeats a few."""
    n = 0
    while (food_id, label, n) in seen:
        n += 1
    return (food_id, label, n)
