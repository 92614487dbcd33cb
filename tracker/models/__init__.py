"""The tracker's models: a person's profile, their entries and the totals kept per day."""

from tracker.models.daytotals import DayTotal, hold_people
from tracker.models.entries import (
    EARLIEST_DAY,
    MAX_GRAMS,
    MAX_PORTIONS,
    QUICK_PICK_DAYS,
    Entry,
    EntryQuerySet,
    Meal,
    amount_text,
    latest_day,
    latest_entry_day,
    loggable,
    meal_for_hour,
    meal_totals,
    refresh_day_totals,
)
from tracker.models.profile import TIMEZONES, PasswordResetRequest, Profile, profile_of
from tracker.models.tokens import ApiToken

__all__ = [
    "EARLIEST_DAY",
    "MAX_GRAMS",
    "MAX_PORTIONS",
    "QUICK_PICK_DAYS",
    "TIMEZONES",
    "ApiToken",
    "DayTotal",
    "Entry",
    "EntryQuerySet",
    "Meal",
    "PasswordResetRequest",
    "Profile",
    "amount_text",
    "hold_people",
    "latest_day",
    "latest_entry_day",
    "loggable",
    "meal_for_hour",
    "meal_totals",
    "profile_of",
    "refresh_day_totals",
]
