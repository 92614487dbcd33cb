import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, models

DAY_SUM = {"max_digits": 16, "decimal_places": 4, "null": True}


def hold_people(user_ids: Iterable[int]) -> None:
    """Lock these people's user rows until the transaction ends.  Taken first by whatever
    changes their entries (Entry.save() and delete(), EntryQuerySet's bulk paths).

    A day total is rewritten from the entries the rewriting transaction can see.  On
    PostgreSQL, two transactions adding to one person's day at once would each see only
    their own new entry (the other's is not committed yet), and the later upsert would
    store a total missing the earlier entry.  Holding the person's row makes the second
    wait until the first has committed, and then read both.  ``no_key``: it does not block
    rows that merely refer to the user (their entries, day totals, sessions) from being
    written.  People are locked in id order, so two changes to several people cannot
    deadlock.  SQLite has no row locks and needs none: its write transactions begin
    IMMEDIATE, one at a time (config/settings.py).
    """
    user_ids = sorted(set(user_ids))
    if not user_ids or not connection.features.has_select_for_update:
        return
    people = get_user_model().objects.select_for_update(no_key=True).filter(pk__in=user_ids)
    list(people.order_by("pk").values_list("pk", flat=True))


class DayTotal(models.Model):
    """One person's sums for one logged day, kept in step with their entries.

    The week, the trends (two years of days) and the notes read these rows instead of
    grouping every entry of the span on each request, so a page costs the same for a
    week-old account and for five years of logs.  Entry.save(), Entry.delete() and
    EntryQuerySet's bulk_create(), update() and delete() rewrite the days they touch, in
    their own transaction, from that day's entries (``EntryQuerySet.daily``): one
    definition of the sums.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    entries = models.PositiveIntegerField()
    meals = models.PositiveSmallIntegerField()
    magnesium = models.DecimalField(**DAY_SUM)
    potassium = models.DecimalField(**DAY_SUM)
    supplement_magnesium = models.DecimalField(**DAY_SUM)
    potassium_supplements = models.PositiveIntegerField(default=0)
    energy_kcal = models.DecimalField(**DAY_SUM)
    total_grams = models.DecimalField(**DAY_SUM)
    grams_without_magnesium = models.DecimalField(**DAY_SUM)
    grams_without_potassium = models.DecimalField(**DAY_SUM)

    SUMS = (
        "entries", "meals", "magnesium", "potassium", "supplement_magnesium",
        "potassium_supplements", "energy_kcal", "total_grams", "grams_without_magnesium",
        "grams_without_potassium",
    )  # fmt: skip

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "date"], name="day_total_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.date}: {self.entries} entries"

    @classmethod
    def write(cls, user_id, days: set[datetime.date], sums: dict[datetime.date, dict]) -> None:
        """Store ``sums``, the ``EntryQuerySet.daily()`` of the person's ``days``: one
        upsert of the days with entries and one delete of those left with none."""
        if sums:
            cls.objects.bulk_create(
                [cls(user_id=user_id, date=day, **values) for day, values in sums.items()],
                update_conflicts=True,
                unique_fields=["user", "date"],
                update_fields=cls.SUMS,
            )
        if emptied := days - sums.keys():
            cls.objects.filter(user_id=user_id, date__in=emptied).delete()

    @classmethod
    def rows(
        cls, user, first: datetime.date, last: datetime.date, fields=SUMS
    ) -> dict[datetime.date, dict]:
        """{date: sums} of ``user``'s logged days from ``first`` to ``last``: the shape of
        ``EntryQuerySet.daily()``, read from the kept totals.  One query on the unique
        (user, date) index."""
        rows = cls.objects.filter(user=user, date__gte=first, date__lte=last).values(
            "date", *fields
        )
        return {row.pop("date"): row for row in rows}
