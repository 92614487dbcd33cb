"""The tracker's forms: accounts and profile, logging an entry, copying a meal, API tokens."""

from tracker.forms.accounts import (
    DeleteAccountForm,
    LoginForm,
    ProfileForm,
    SignupForm,
    ThrottledPasswordResetForm,
)
from tracker.forms.copying import CopyMealForm, CopyMealToForm
from tracker.forms.entries import DATE_ERRORS, MEAL_ERRORS, MEAL_KEYS, EntryForm, QuickAddForm
from tracker.forms.imports import ImportForm
from tracker.forms.recipes import LineFormSet, RecipeForm
from tracker.forms.report import ReportForm
from tracker.forms.saved_meals import CopyDayForm, LogSavedMealForm, SavedItemForm, SaveMealForm
from tracker.forms.tokens import TokenForm

__all__ = [
    "DATE_ERRORS",
    "MEAL_ERRORS",
    "MEAL_KEYS",
    "CopyDayForm",
    "CopyMealForm",
    "CopyMealToForm",
    "DeleteAccountForm",
    "EntryForm",
    "ImportForm",
    "LineFormSet",
    "LogSavedMealForm",
    "LoginForm",
    "ProfileForm",
    "QuickAddForm",
    "RecipeForm",
    "ReportForm",
    "SaveMealForm",
    "SavedItemForm",
    "SignupForm",
    "ThrottledPasswordResetForm",
    "TokenForm",
]
