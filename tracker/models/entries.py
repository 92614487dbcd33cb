from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, F, Max, Q, Sum, Window
from django.utils import timezone

from config import paths
from foods.models import Food, Portion
from foods.nutrients import scale, scaled_expr
from tracker.models.daytotals import DayTotal, hold_people
from tracker.models.meals import Meal, amount_text

MAX_GRAMS = Decimal(5000)
MAX_PORTIONS = Decimal(50)
QUICK_PICK_DAYS = 60


class EntryQuerySet(models.QuerySet):
    def for_user(self, user) -> "EntryQuerySet":
        return self.filter(user=user)

    def _days(self) -> set[tuple[int, date]]:
        """The (person, day) pairs these entries fall on."""
        return set(self.values_list("user_id", "date").distinct().order_by())

    def delete(self):
        """Also rewrites the day totals of the days emptied (the admin's bulk delete)."""
        with transaction.atomic():
            touched = self._days()
            hold_people(user_id for user_id, _ in touched)
            result = super().delete()
            _refresh_days(touched)
        return result

    def update(self, **kwargs):
        """Also rewrites the day totals of the days changed, before and after."""
        with transaction.atomic():
            touched = self._days()
            ids = list(self.values_list("id", flat=True))
            held = {user_id for user_id, _ in touched}
            hold_people(held)
            count = super().update(**kwargs)
            moved = Entry.objects.filter(id__in=ids)._days()
            hold_people({user_id for user_id, _ in moved} - held)  # given to someone else
            _refresh_days(touched | moved)
        return count

    def bulk_create(self, objs, *args, **kwargs):
        """Also brings the day totals of the days written to up to date (copying a meal)."""
        objs = list(objs)
        with transaction.atomic():
            hold_people(e.user_id for e in objs)
            created = super().bulk_create(objs, *args, **kwargs)
            _refresh_days({(e.user_id, e.date) for e in objs})
        return created

    def on_day(self, day: date) -> "EntryQuerySet":
        return self.filter(date=day)

    def with_names(self) -> "EntryQuerySet":
        """Annotate ``food_name``, the food's everyday name, read in the same query (a join),
        so lists say "Banana" although the entry keeps USDA's description."""
        return self.annotate(food_name=F("food__name"))

    def with_minerals(self) -> "EntryQuerySet":
        """Annotate ``magnesium``/``potassium`` in mg for the logged grams, in SQL, and the
        food's everyday name (``with_names``)."""
        return self.with_names().annotate(
            magnesium=scaled_expr("magnesium_per_100g", "grams"),
            potassium=scaled_expr("potassium_per_100g", "grams"),
        )

    def between(self, first: date, last: date) -> "EntryQuerySet":
        """Entries from ``first`` to ``last``, both included."""
        return self.filter(date__gte=first, date__lte=last)

    def _by_day(self, **more) -> dict[date, dict]:
        """{date: sums} for every logged day, in one query grouped by day: the entries,
        the meals with something logged (supplements are not a meal), both minerals, and
        ``more``."""
        rows = (
            self.values("date")
            .annotate(
                entries=Count("id"),
                meals=Count("meal", distinct=True, filter=~Q(meal=Meal.SUPPLEMENTS)),
                magnesium=Sum(scaled_expr("magnesium_per_100g", "grams")),
                potassium=Sum(scaled_expr("potassium_per_100g", "grams")),
                **more,
            )
            .order_by()
        )
        return {row.pop("date"): row for row in rows}

    def daily(self, **more) -> dict[date, dict]:
        """Per-day sums for a week: besides the minerals, supplement magnesium, energy and
        the grams whose food has no value for a mineral, so a summary can tell an unknown
        value from a low one; and ``more`` (the report's sodium, in the same query)."""
        food = Q(is_supplement=False)
        return self._by_day(
            supplement_magnesium=Sum(
                scaled_expr("magnesium_per_100g", "grams"), filter=Q(is_supplement=True)
            ),
            potassium_supplements=Count(
                "id", filter=Q(is_supplement=True, potassium_per_100g__gt=0)
            ),
            energy_kcal=Sum(scaled_expr("energy_per_100g", "grams")),
            # Coverage is about food: a magnesium tablet has no potassium value and
            # should not make the potassium total look incomplete.
            total_grams=Sum("grams", filter=food),
            grams_without_magnesium=Sum("grams", filter=food & Q(magnesium_per_100g=None)),
            grams_without_potassium=Sum("grams", filter=food & Q(potassium_per_100g=None)),
            **more,
        )

    def food_totals(self) -> list[dict]:
        """Magnesium and potassium per food (supplements apart), one grouped query.

        Grouped by the logged description: an entry keeps its food's name even after the
        food is gone, and the same food logged twice adds up.
        """
        return list(
            self.filter(is_supplement=False)
            .values("description", "food_id", food_name=F("food__name"))
            .annotate(
                magnesium=Sum(scaled_expr("magnesium_per_100g", "grams")),
                potassium=Sum(scaled_expr("potassium_per_100g", "grams")),
            )
            .order_by()
        )

    def with_meal_totals(self) -> "EntryQuerySet":
        """``with_minerals()``, and each entry's meal totals beside it (``meal_magnesium``,
        ``meal_potassium``, ``meal_supplement_magnesium``): summed by the database over
        the entry's meal, in the same query that reads the entries (a window, not a
        second grouped query).  See :func:`meal_totals`."""
        meal = {"partition_by": [F("meal")]}
        # The windows sum the entries' own annotations by name: the same SQL as spelling
        # the scaled expressions out again, at a third of the cost of building them.
        # A food without a value makes its meal's sum a lower bound; a supplement carries
        # only the minerals on its label, so its empty value is none, not unknown.
        food = Q(is_supplement=False)
        return self.with_minerals().annotate(
            meal_magnesium=Window(Sum("magnesium"), **meal),
            meal_potassium=Window(Sum("potassium"), **meal),
            meal_supplement_magnesium=Window(
                Sum("magnesium", filter=Q(is_supplement=True)), **meal
            ),
            meal_magnesium_unknown=Window(
                Count("id", filter=food & Q(magnesium_per_100g=None)), **meal
            ),
            meal_potassium_unknown=Window(
                Count("id", filter=food & Q(potassium_per_100g=None)), **meal
            ),
        )

    def usual_amounts(self, food_ids) -> dict[int, "Entry"]:
        """The most recent entry of each food: how the person usually logs it."""
        latest = (
            self.filter(food_id__in=food_ids)
            .values("food_id")
            .annotate(last=Max("id"))
            .values("last")
        )
        return {e.food_id: e for e in self.filter(id__in=latest)}

    def copy_meal(self, source: tuple[date, str], to: tuple[date, str]) -> int:
        """Copy the entries of one day's meal to another day and meal; how many.  Call
        on ``for_user(...)``: only that person's entries are read."""
        copies = []
        for entry in self.filter(date=source[0], meal=source[1]):
            entry.pk = None
            entry.import_key = None  # a copy is the person's own entry, not the file's row
            entry.date, entry.meal = to
            copies.append(entry)
        Entry.objects.bulk_create(copies)  # and the day totals of the day copied to
        return len(copies)

    def recent(self) -> "EntryQuerySet":
        """The last QUICK_PICK_DAYS: what a person eats now, on the (user, date) index."""
        return self.filter(date__gte=timezone.localdate() - timedelta(days=QUICK_PICK_DAYS))

    def food_stats(self) -> list[dict]:
        """Per food logged in the last QUICK_PICK_DAYS: ``food_id``, times logged ``n`` and
        its latest entry ``last``, most recent first.  One query, bounded on the (user,
        date) index whatever the length of the history: what a person eats now."""
        return list(
            self.recent()
            .filter(food__isnull=False)
            .values("food_id")
            .annotate(n=Count("id"), last=Max("id"))
            .order_by("-last")[:200]
        )

    def habits(self, stats: list[dict] | None = None) -> dict[int, int]:
        """{food id: times logged} recently: what search puts first among equally good
        matches.  ``stats``: ``food_stats()`` already read for this request."""
        return {s["food_id"]: s["n"] for s in (self.food_stats() if stats is None else stats)}

    def quick_picks(
        self, limit: int = 6, stats: list[dict] | None = None
    ) -> tuple[list["Entry"], list["Entry"]]:
        """(recent, frequent): the latest entry of the foods logged most recently and most
        often, so one click logs them again with their usual amount.  Two queries (one
        with ``stats`` given), both bounded to the last QUICK_PICK_DAYS."""
        stats = self.food_stats() if stats is None else stats
        if not stats:
            return [], []
        frequent = [
            s["last"] for s in sorted(stats, key=lambda s: (-s["n"], -s["last"])) if s["n"] > 1
        ][:limit]
        # "Recently" shows what "Most often" does not, so no food is listed twice.
        recent = [s["last"] for s in stats if s["last"] not in frequent][:limit]
        # The date bound keeps SQLite on the (user, date) index: "user = ? AND id IN (...)"
        # alone made it walk every entry of the person.
        wanted = self.recent().filter(id__in={*recent, *frequent}).with_names()
        by_id = {e.id: e for e in wanted}
        return [by_id[i] for i in recent if i in by_id], [by_id[i] for i in frequent if i in by_id]


def meal_totals(entries) -> dict[str, dict]:
    """{meal: {magnesium, potassium, supplement_magnesium, magnesium_unknown,
    potassium_unknown, count}} from entries read with ``with_meal_totals()``; the
    ``*_unknown`` counts are the foods without a value for that mineral.  A meal with
    nothing logged is absent."""
    totals = {}
    for e in entries:
        if e.meal not in totals:
            totals[e.meal] = {
                "magnesium": e.meal_magnesium,
                "potassium": e.meal_potassium,
                "supplement_magnesium": e.meal_supplement_magnesium,
                "magnesium_unknown": e.meal_magnesium_unknown,
                "potassium_unknown": e.meal_potassium_unknown,
                "count": 0,
            }
        totals[e.meal]["count"] += 1
    return totals


class Entry(models.Model):
    """One logged food.  It keeps the values it was logged with, so re-importing the
    catalogue or editing a custom food never rewrites a past day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="entries"
    )
    date = models.DateField()
    meal = models.CharField(max_length=12, choices=Meal.choices)
    food = models.ForeignKey(Food, null=True, on_delete=models.SET_NULL, related_name="+")
    portion = models.ForeignKey(
        Portion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    quantity = models.DecimalField(
        max_digits=7, decimal_places=3, null=True, blank=True, help_text="How many portions."
    )
    grams = models.DecimalField(
        max_digits=10, decimal_places=4, help_text="Weight eaten, in grams."
    )
    # Snapshot of the food at logging time.
    description = models.CharField(max_length=255)
    fdc_id = models.PositiveIntegerField(null=True, blank=True)
    portion_label = models.CharField(max_length=120, blank=True)
    magnesium_per_100g = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    potassium_per_100g = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    energy_per_100g = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    sodium_per_100g = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    is_supplement = models.BooleanField(default=False)
    # Set on entries brought in from a file (tracker/imports): a digest of the row, so the
    # same file imported again, or an export overlapping an earlier one, adds only rows
    # not seen before.  An imported row is an entry like any other, with no food (the
    # file's values are its snapshot), rather than a per-person food per name: a year of
    # Cronometer would otherwise fill the person's own foods with thousands of one-offs.
    import_key = models.CharField(max_length=64, null=True, blank=True, editable=False)  # noqa: DJ001
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "entries"
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["user", "date"]), models.Index(fields=["user", "food"])]
        constraints = [
            models.CheckConstraint(condition=Q(grams__gt=0), name="entry_grams_positive"),
            models.UniqueConstraint(
                fields=["user", "import_key"],
                condition=Q(import_key__isnull=False),
                name="entry_import_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.meal}: {self.description}"

    def save(self, *args, **kwargs):
        """Saves the entry and, in the same transaction, the totals of its day (of both
        days when it moved: the stored date is read back under the same lock)."""
        with transaction.atomic():
            hold_people([self.user_id])
            days = {self.date}
            if not self._state.adding:  # a loaded entry may have moved day
                days |= set(Entry.objects.filter(pk=self.pk).values_list("date", flat=True))
            super().save(*args, **kwargs)
            refresh_day_totals(self.user_id, days)

    def delete(self, *args, **kwargs):
        """Deletes the entry and, in the same transaction, rewrites the totals of its day."""
        with transaction.atomic():
            hold_people([self.user_id])
            result = super().delete(*args, **kwargs)
            refresh_day_totals(self.user_id, {self.date})
        return result

    def take_values_from(self, food: Food) -> None:
        self.food = food
        self.description = food.description
        self.fdc_id = food.fdc_id
        self.magnesium_per_100g = food.magnesium_mg
        self.potassium_per_100g = food.potassium_mg
        self.energy_per_100g = food.energy_kcal
        self.sodium_per_100g = food.sodium_mg
        self.is_supplement = food.is_supplement

    @property
    def display_name(self) -> str:
        """What lists call this entry: its food's everyday name, read by ``with_names()`` or
        with the food itself, else the description logged (a food since deleted, a
        person's own food, an imported one without a name)."""
        name = getattr(self, "food_name", None)
        if name is None and Entry.food.is_cached(self) and self.food is not None:
            name = self.food.name
        return name or self.description

    @property
    def amount_label(self) -> str:
        return amount_text(self.quantity, self.portion_label, self.grams)

    # The day page draws both for every entry it lists.
    def edit_url(self) -> str:
        return paths.path("tracker:entry_edit", self.pk)

    def delete_url(self) -> str:
        return paths.path("tracker:entry_delete", self.pk)

    def minerals(self) -> dict[str, Decimal | None]:
        return {
            "magnesium": scale(self.magnesium_per_100g, self.grams),
            "potassium": scale(self.potassium_per_100g, self.grams),
        }


def refresh_day_totals(user_id, days) -> None:
    """Rewrite the person's kept totals of ``days`` from their entries of those days: one
    grouped query, then DayTotal.write().  The caller holds the person (hold_people)."""
    days = {day for day in days if day is not None}
    DayTotal.write(user_id, days, Entry.objects.filter(user_id=user_id, date__in=days).daily())


def _refresh_days(touched: set[tuple[int, date]]) -> None:
    """refresh_day_totals() for every person among these (person, day) pairs."""
    by_user: dict[int, set[date]] = defaultdict(set)
    for user_id, day in touched:
        by_user[user_id].add(day)
    for user_id, days in by_user.items():
        refresh_day_totals(user_id, days)
