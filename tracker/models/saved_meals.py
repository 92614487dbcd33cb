"""Saved meals: a meal a person eats often, kept under a name and logged in one step.

An item keeps what an entry keeps (the food's values, its portion and amount), so
logging a saved meal writes entries exactly as copying a meal does, each its own entry
to change afterwards.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tracker.models.entries import Entry

MAX_SAVED_MEALS = 200
MAX_ITEMS = 50

# What an item copies from an entry and gives back to one.
COPIED = (
    "food_id", "portion_id", "quantity", "grams", "description", "fdc_id", "portion_label",
    "magnesium_per_100g", "potassium_per_100g", "energy_per_100g", "sodium_per_100g",
    "is_supplement",
)  # fmt: skip


class SavedMealQuerySet(models.QuerySet):
    def for_user(self, user) -> "SavedMealQuerySet":
        return self.filter(owner=user)


class SavedMeal(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_meals"
    )
    name = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SavedMealQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tracker:saved_meal", args=[self.pk])

    def fill_from(self, entries) -> int:
        """Replace the items by copies of ``entries``; how many."""
        self.items.all().delete()
        items = [
            SavedMealItem(saved_meal=self, position=i, **{f: getattr(e, f) for f in COPIED})
            for i, e in enumerate(entries[:MAX_ITEMS])
        ]
        SavedMealItem.objects.bulk_create(items)
        return len(items)

    def log_into(self, day: date, meal: str) -> int:
        """Log every item as its own entry of ``day``'s ``meal``; how many."""
        entries = [
            Entry(user_id=self.owner_id, date=day, meal=meal, **{f: getattr(i, f) for f in COPIED})
            for i in self.items.all()
        ]
        Entry.objects.bulk_create(entries)  # and the day totals of that day
        return len(entries)

    def already_in(self, day: date, meal: str) -> bool:
        """Whether that meal already holds every food of this one (a second click)."""
        wanted = set(self.items.values_list("description", "grams"))
        there = set(
            Entry.objects.filter(user_id=self.owner_id, date=day, meal=meal).values_list(
                "description", "grams"
            )
        )
        return bool(wanted) and wanted <= there


class SavedMealItem(models.Model):
    saved_meal = models.ForeignKey(SavedMeal, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    food = models.ForeignKey(
        "foods.Food", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    portion = models.ForeignKey(
        "foods.Portion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    quantity = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)
    grams = models.DecimalField(max_digits=10, decimal_places=4)
    description = models.CharField(max_length=255)
    fdc_id = models.PositiveIntegerField(null=True, blank=True)
    portion_label = models.CharField(max_length=120, blank=True)
    magnesium_per_100g = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    potassium_per_100g = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    energy_per_100g = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    sodium_per_100g = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    is_supplement = models.BooleanField(default=False)

    class Meta:
        ordering = ["saved_meal", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(grams__gt=0), name="saved_item_grams_positive")
        ]

    def __str__(self) -> str:
        return f"{self.saved_meal}: {self.description}"
