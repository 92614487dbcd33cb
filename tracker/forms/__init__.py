"""The tracker's forms: accounts and profile, logging an entry, copying a meal."""

from tracker.forms.accounts import (
    DeleteAccountForm,
    LoginForm,
    ProfileForm,
    SignupForm,
    ThrottledPasswordResetForm,
)
from tracker.forms.copying import CopyMealForm, CopyMealToForm
from tracker.forms.entries import DATE_ERRORS, MEAL_ERRORS, MEAL_KEYS, EntryForm, QuickAddForm
from tracker.forms.report import ReportForm

__all__ = [
    "DATE_ERRORS",
    "MEAL_ERRORS",
    "MEAL_KEYS",
    "CopyMealForm",
    "CopyMealToForm",
    "DeleteAccountForm",
    "EntryForm",
    "LoginForm",
    "ProfileForm",
    "QuickAddForm",
    "ReportForm",
    "SignupForm",
    "ThrottledPasswordResetForm",
]
