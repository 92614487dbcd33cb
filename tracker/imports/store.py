"""Writing a preview's rows as the person's entries: all of them or none, once."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from tracker.imports.table import Parsed, Row
from tracker.models import Entry, hold_people

# An entry is stored as grams and per-100 g values.  A row with no weight ("1.00 cup", a
# MyFitnessPal meal) is stored as this stand-in weight, at which the per-100 g values are
# exactly the file's values; the file's amount is kept as the entry's label.
STAND_IN_GRAMS = Decimal(100)
CENT = Decimal("0.01")
# Entry.grams' own precision: SQLite stores what it is given, and a day's sums must be
# those of the values read back (and restored from a backup), not of 28.349523125 g.
GRAMS_PLACES = Decimal("0.0001")


@dataclass
class Plan:
    """What confirming would do: the rows not imported before, and how many were."""

    parsed: Parsed
    new: list[Row]
    known: int

    @property
    def days(self) -> set[date]:
        return {row.day for row in self.new}


def known_keys(user) -> set[str]:
    return set(
        Entry.objects.for_user(user)
        .filter(import_key__isnull=False)
        .values_list("import_key", flat=True)
        .order_by()  # a set: the entries' default date order would sort every row first
    )


def plan(user, parsed: Parsed) -> Plan:
    known = known_keys(user)
    new = [row for row in parsed.rows if row.key not in known]
    return Plan(parsed, new, len(parsed.rows) - len(new))


def entry_for(user, row: Row) -> Entry:
    grams = (row.grams or STAND_IN_GRAMS).quantize(GRAMS_PLACES)

    def per_100g(value):
        return None if value is None else (value * 100 / grams).quantize(CENT)

    return Entry(
        user=user,
        date=row.day,
        meal=row.meal,
        grams=grams,
        description=row.description,
        # With a real weight the amount reads as grams; otherwise as the file wrote it.
        portion_label="" if row.grams else (row.amount or "as imported"),
        magnesium_per_100g=per_100g(row.magnesium),
        potassium_per_100g=per_100g(row.potassium),
        energy_per_100g=per_100g(row.energy),
        sodium_per_100g=per_100g(row.sodium),
        is_supplement=row.is_supplement,
        import_key=row.key,
    )


def write(user, parsed: Parsed) -> int:
    """Add the rows of ``parsed`` not imported before, in one transaction; how many.
    Nothing is written when the file had a line that could not be read."""
    if parsed.problems:
        raise ValueError("a file with unreadable lines is not imported")
    with transaction.atomic():
        # Held before the keys are read: a second click on Import waits for the first
        # and then finds its rows there.
        hold_people([user.pk])
        new = plan(user, parsed).new
        Entry.objects.bulk_create([entry_for(user, row) for row in new], batch_size=2000)
    return len(new)
