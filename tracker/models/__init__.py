"""The tracker's models: a person's profile, their entries and the totals kept per day."""

from tracker.models.daytotals import DayTotal, hold_people
from tracker.models.entries import (
    MAX_GRAMS,
    MAX_PORTIONS,
    QUICK_PICK_DAYS,
    Entry,
    EntryQuerySet,
    meal_totals,
    refresh_day_totals,
)
from tracker.models.meals import (
    EARLIEST_DAY,
    Meal,
    amount_text,
    latest_day,
    latest_entry_day,
    loggable,
    meal_for_hour,
)
from tracker.models.profile import TIMEZONES, PasswordResetRequest, Profile, profile_of
from tracker.models.recipes import (
    MAX_INGREDIENTS,
    MAX_RECIPES,
    Recipe,
    RecipeIngredient,
    RecipeTotals,
    recipe_graph,
    would_cycle,
)
from tracker.models.saved_meals import MAX_SAVED_MEALS, SavedMeal, SavedMealItem
from tracker.models.tokens import ApiToken

__all__ = [
    "EARLIEST_DAY",
    "MAX_GRAMS",
    "MAX_INGREDIENTS",
    "MAX_PORTIONS",
    "MAX_RECIPES",
    "MAX_SAVED_MEALS",
    "QUICK_PICK_DAYS",
    "TIMEZONES",
    "ApiToken",
    "DayTotal",
    "Entry",
    "EntryQuerySet",
    "Meal",
    "PasswordResetRequest",
    "Profile",
    "Recipe",
    "RecipeIngredient",
    "RecipeTotals",
    "SavedMeal",
    "SavedMealItem",
    "amount_text",
    "hold_people",
    "latest_day",
    "latest_entry_day",
    "loggable",
    "meal_for_hour",
    "meal_totals",
    "profile_of",
    "recipe_graph",
    "refresh_day_totals",
    "would_cycle",
]
